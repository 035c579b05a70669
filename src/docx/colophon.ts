/**
 * Stage: DOCX writer — the 版记 (GB/T 9704 §7.4, §7.5, §10.1). Input: the composed colophon + where the PDF layout put
 * it (ColophonPlacement) → the paragraphs that draw it: 抄送 (hanging after “抄送：”, 左右各空一字) and 印发机关 / 印发日期
 * (tab stops 一字 from each edge), 4号, each an exact line of the face's line box with padding (the PDF's geometry,
 * src/layout/colophon.ts), between rules as wide as the 版心 — bottom borders of paragraphs without indents or
 * spacing: the first and last rules 1 pt (sz 8, for 0.35 mm), the middle one 0.75 pt (sz 6, for 0.25 mm). They are
 * kept together (keep with next, keep lines).
 *
 * Where: LibreOffice 7.4 keeps neither a bottom-anchored floating table nor a frame at the page bottom (measured), so
 * the 版记 is in the flow after an exact spacer paragraph that ends it on the 版心's bottom edge — on the body's last
 * page, or on a page of its own (a page break before the spacer), or after a blank page in a section of its own whose
 * footers carry no page number (§7.5). The spacer is the one paragraph to shorten when the body grows in an editor.
 */
import { BorderStyle, LineRuleType, Paragraph, TabStopType, type FileChild, type IParagraphOptions } from 'docx';
import { CELL_PT, TYPE_AREA_HEIGHT_MM, TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import { mmToTwip, ptToTwip } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import { colophonGeometry, copyToLineCount } from '../layout/colophon.ts';
import type { ColophonPlacement } from '../layout/types.ts';
import type { ColophonBlock } from '../model/composed.ts';
import { tabRun, textRun, type RoleUse } from './runs.ts';
import { MARGIN_TOP_TWIP, TYPE_AREA_WIDTH_TWIP } from './metrics.ts';
import { BODY_PART_STYLE, MASTHEAD_STYLE } from './masthead-styles.ts';

/** Border widths in eighths of a point: the thick rules 1 pt (0.35 mm), the thin one 0.75 pt (0.25 mm). */
const THICK = 8;
const THIN = 6;
/**
 * The last rule ends this many twips (0.35 mm) above the 版心's bottom edge: LibreOffice's grid lines drift by a fraction of
 * a twip per line (measured: 7 twips over 17 lines), and a 版记 that reaches past the edge moves to the next page.
 */
const SAFETY_TWIP = 20;

/** What the 版记 handler needs from the DOCX writer. */
export interface ColophonEnv {
  fonts: FontSet;
  used: RoleUse;
  para: (options: IParagraphOptions) => Paragraph;
}

/** The 版记's paragraphs; `blankPage`: they go in a section of their own after an unnumbered blank page. */
export function colophonParts(b: ColophonBlock, placement: ColophonPlacement, env: ColophonEnv): { children: FileChild[]; blankPage: boolean } {
  const g = colophonGeometry(b, env.fonts, copyToLineCount(b, env.fonts, TYPE_AREA_WIDTH_PT));
  const line = ptToTwip(g.linePt);
  const pad = ptToTwip(g.padPt);
  const rule = (eighths: number) => ({ style: BorderStyle.SINGLE, size: eighths, color: '000000', space: 0 });
  const ruleTwip = (eighths: number) => (b.ruled ? Math.round((eighths / 8) * 20) : 0);
  const both = b.copyTo !== undefined && b.imprint !== undefined;
  // Each rule after a part has its one-twip paragraph.
  const ruleParagraphs = b.ruled ? (b.copyTo ? 1 : 0) + (b.imprint ? 1 : 0) : 0;
  const height = 2 * ruleTwip(THICK) + (b.copyTo ? 2 * pad + g.copyToLines * line : 0) + (both ? ruleTwip(THIN) : 0) + (b.imprint ? 2 * pad + line : 0) + ruleParagraphs;
  const top = MARGIN_TOP_TWIP + mmToTwip(TYPE_AREA_HEIGHT_MM) - SAFETY_TWIP - height;
  const from = placement.alone ? MARGIN_TOP_TWIP : ptToTwip(placement.bodyEnd);
  const spacing = { line, lineRule: LineRuleType.EXACT, before: pad, after: pad };
  const cells = (c: number) => Math.round(c * ptToTwip(CELL_PT));
  // Every rule is the bottom border of a paragraph without indents (a border spans its paragraph's indents) and
  // without spacing (LibreOffice draws a border inside the spacing): the spacer above the 版记, then a one-twip
  // paragraph after each part. Adjacent paragraphs with equal borders would merge into one box, and these never are.
  const ruleAfter = (eighths: number) => env.para({ style: MASTHEAD_STYLE.spacer, keepNext: true, spacing: { line: 1, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, border: { bottom: rule(eighths) } });
  const children: FileChild[] = [
    env.para({
      style: MASTHEAD_STYLE.spacer,
      spacing: { line: Math.max(1, top - from), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      keepNext: true,
      // Alone on its page: after a page break, or first in a section of its own (after the blank page).
      ...(placement.alone && !placement.blankBefore ? { pageBreakBefore: true } : {}),
      ...(b.ruled ? { border: { bottom: rule(THICK) } } : {}),
    }),
  ];
  if (b.copyTo) {
    const c = b.copyTo;
    const hang = cells(c.hangCells);
    children.push(
      env.para({
        style: BODY_PART_STYLE.copyTo,
        spacing,
        indent: { left: hang, hanging: hang - cells(c.startCells), right: cells(c.rightInsetCells) },
        children: [textRun(c.label, 'body', env.used), textRun(c.text, 'body', env.used)],
      }),
    );
    if (b.ruled) children.push(ruleAfter(b.imprint ? THIN : THICK));
  }
  if (b.imprint) {
    const i = b.imprint;
    // 印发机关左空一字，印发日期右空一字 (tab stops).
    children.push(
      env.para({
        style: BODY_PART_STYLE.imprint,
        spacing,
        tabStops: [
          { type: TabStopType.LEFT, position: cells(i.insetCells) },
          { type: TabStopType.RIGHT, position: TYPE_AREA_WIDTH_TWIP - cells(i.insetCells) },
        ],
        children: [tabRun(), textRun(i.organ, 'body', env.used), tabRun(), textRun(i.date, 'body', env.used)],
      }),
    );
    if (b.ruled) children.push(ruleAfter(THICK));
  }
  return { children, blankPage: placement.blankBefore };
}
