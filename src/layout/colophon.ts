/**
 * Stage: layout — the 版记 (GB/T 9704 §7.4; §7.5 page numbers; §10.1 信函). Input: the composed colophon + fonts +
 * the cursor after the last content → the 版记 drawn at the bottom of the last page, its last rule on the 版心's bottom
 * edge (§7.4.1 末条分隔线与公文最后一面的版心下边缘重合), on an even page (双面印刷: 版记 on the last side, §7.4):
 *  - on the page the content ends on, when that page is even and the 版记 fits below the content;
 *  - else, when the content ends on an odd page, alone on the next (even) page, which is numbered (no blank page
 *    comes before it, §7.5);
 *  - else (an even page without room) a blank page and the 版记 alone on the page after it: §7.5 公文的版记页前有空白页的，
 *    空白页和版记页均不编排页码.
 * It never splits and never overlaps the content. Each paragraph of it (抄送, 印发) is a line box of the face at 4号
 * (its ascent + descent) per line, padded above and below to one grid pitch for one line (src/gbt9704/colophon.ts),
 * between rules of 0.35 mm (first and last) and 0.25 mm (between 抄送 and 印发); a 信函's 版记 has no rules and no
 * 印发 line (§10.1). Rules are artifacts of the tagged PDF, the texts paragraphs.
 */
import { COLOPHON_ROW_PT, COLOPHON_THICK_RULE_MM, COLOPHON_THIN_RULE_MM } from '../gbt9704/colophon.ts';
import { CELL_PT } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import type { ColophonBlock } from '../model/composed.ts';
import { breakLines } from '../measure/line-breaker.ts';
import { measureText, naturalWidth } from '../measure/measure.ts';
import { lineBox } from '../measure/glyph-box.ts';
import { frameLineTop, type GridCursor } from './grid.ts';
import { positionsFrom, toRuns } from './runs.ts';
import type { ColophonPlacement, GlyphRun, Rule, StructureNode } from './types.ts';

/** The 版记's rows and rules, top to bottom, before it is placed: heights in pt. */
export interface ColophonGeometry {
  /** Line box of the 4号 face (ascent, and the height every line takes). */
  ascentPt: number;
  linePt: number;
  /** Padding above and below the lines of each paragraph. */
  padPt: number;
  thickPt: number;
  thinPt: number;
  /** Lines of the 抄送 paragraph (0 without one) and whether there is an 印发 line. */
  copyToLines: number;
  imprint: boolean;
  /** From the first rule's top (or the first line box's top) to the last rule's bottom. */
  heightPt: number;
}

/** The 版记's heights (shared with the DOCX writer, which builds the same paragraphs). */
export function colophonGeometry(b: ColophonBlock, fonts: FontSet, copyToLines: number): ColophonGeometry {
  const style = b.copyTo?.text ?? b.imprint?.organ;
  const box = lineBox(fonts, style?.role ?? 'body', style?.sizePt ?? 0);
  const padPt = Math.max(0, (COLOPHON_ROW_PT - box.heightPt) / 2);
  const thickPt = b.ruled ? mmToPt(COLOPHON_THICK_RULE_MM) : 0;
  const thinPt = b.ruled && b.copyTo && b.imprint ? mmToPt(COLOPHON_THIN_RULE_MM) : 0;
  const paragraph = (lines: number) => 2 * padPt + lines * box.heightPt;
  const heightPt = 2 * thickPt + thinPt + (b.copyTo ? paragraph(copyToLines) : 0) + (b.imprint ? paragraph(1) : 0);
  return { ascentPt: box.ascentPt, linePt: box.heightPt, padPt, thickPt, thinPt, copyToLines, imprint: b.imprint !== undefined, heightPt };
}

/** Lines the 抄送 names take on a portrait page (the DOCX writer sizes its paragraphs with it). */
export function copyToLineCount(b: ColophonBlock, fonts: FontSet, width: number): number {
  return copyToBreaks(b, fonts, width)?.lines.length ?? 0;
}

/** The 抄送 names broken into lines between the hanging position and the right inset. */
function copyToBreaks(b: ColophonBlock, fonts: FontSet, width: number) {
  const c = b.copyTo;
  if (!c) return undefined;
  const glyphs = measureText(c.text.text, c.text.role, c.text.sizePt, fonts);
  const label = measureText(c.label.text, c.label.role, c.label.sizePt, fonts);
  const hang = c.hangCells * CELL_PT;
  return { glyphs, label, lines: breakLines(glyphs, { firstIndent: hang, restIndent: hang, right: width - c.rightInsetCells * CELL_PT, justify: true }) };
}

/** Lays out the 版记; returns where it went and the pages left unnumbered. */
export function layoutColophon(b: ColophonBlock, fonts: FontSet, cursor: GridCursor, element: StructureNode | undefined): { placement: ColophonPlacement; unnumbered: number[] } {
  const frameWidth = cursor.frame.orientation === 'portrait' ? cursor.frame.width : 0;
  const copyTo = copyToBreaks(b, fonts, frameWidth || cursor.frame.width);
  const geometry = colophonGeometry(b, fonts, copyTo?.lines.length ?? 0);
  const unnumbered: number[] = [];
  // The page the 版记 goes on (§7.4, §7.5).
  const page = cursor.page;
  const empty = cursor.line === 0 && page.runs.length === 0 && page.media.length === 0;
  const portrait = cursor.frame.orientation === 'portrait';
  const bottom = frameLineTop(cursor.frame, 0) + cursor.frame.height;
  const fits = portrait && frameLineTop(cursor.frame, Math.min(cursor.line, cursor.frame.lines)) <= bottom - geometry.heightPt + 1e-6;
  let alone = false;
  let blankBefore = false;
  if (page.index % 2 === 0 && (empty || fits)) {
    alone = empty;
  } else if (page.index % 2 === 1 && !empty) {
    cursor.newPage();
    alone = true;
  } else {
    // An even page without room, or an empty odd page: a blank page, then the 版记 page; neither is numbered.
    if (!empty) cursor.newPage();
    unnumbered.push(cursor.page.index);
    cursor.newPage();
    unnumbered.push(cursor.page.index);
    alone = true;
    blankBefore = true;
  }
  const frame = cursor.frame;
  const top = frameLineTop(frame, 0) + frame.height - geometry.heightPt;
  const bodyEnd = alone ? frameLineTop(frame, 0) : frameLineTop(frame, cursor.line);
  drawColophon(b, fonts, cursor, top, geometry, copyTo, element);
  cursor.fill();
  return { placement: { page: cursor.page.index, top, alone, blankBefore, bodyEnd }, unnumbered };
}

function drawColophon(
  b: ColophonBlock,
  fonts: FontSet,
  cursor: GridCursor,
  top: number,
  g: ColophonGeometry,
  copyTo: ReturnType<typeof copyToBreaks>,
  element: StructureNode | undefined,
): void {
  const frame = cursor.frame;
  const left = frame.left;
  const right = frame.left + frame.width;
  const rules: Rule[] = [];
  const hrule = (y: number, widthPt: number) => rules.push({ x1: left, x2: right, y1: y + widthPt / 2, y2: y + widthPt / 2, widthPt, cap: 'butt' });
  const runs: GlyphRun[] = [];
  const groups: { path: StructureNode[]; count: number }[] = [];
  const tagged = (part: string, made: GlyphRun[]) => {
    runs.push(...made);
    if (element) groups.push({ path: [{ id: `${element.id}-${part}`, type: 'P' }], count: made.length });
  };
  let y = top;
  if (b.ruled) hrule(y, g.thickPt);
  y += g.thickPt;
  if (b.copyTo && copyTo) {
    const c = b.copyTo;
    const made: GlyphRun[] = [];
    copyTo.lines.forEach((line, n) => {
      const baseline = y + g.padPt + n * g.linePt + g.ascentPt;
      if (n === 0) made.push(...toRuns(copyTo.label, positionsFrom(copyTo.label, c.startCells * CELL_PT), left, baseline));
      made.push(...toRuns(copyTo.glyphs.slice(line.start, line.end), line.xs, left, baseline));
    });
    tagged('copy-to', made);
    y += 2 * g.padPt + copyTo.lines.length * g.linePt;
    if (b.ruled && b.imprint) hrule(y, g.thinPt);
    y += g.thinPt;
  }
  if (b.imprint) {
    const i = b.imprint;
    const baseline = y + g.padPt + g.ascentPt;
    const organ = measureText(i.organ.text, i.organ.role, i.organ.sizePt, fonts);
    const date = measureText(i.date.text, i.date.role, i.date.sizePt, fonts);
    const inset = i.insetCells * CELL_PT;
    tagged('imprint', [
      ...toRuns(organ, positionsFrom(organ, inset), left, baseline),
      ...toRuns(date, positionsFrom(date, frame.width - inset - naturalWidth(date)), left, baseline),
    ]);
    y += 2 * g.padPt + g.linePt;
  }
  if (b.ruled) hrule(y, g.thickPt);
  cursor.draw(runs, rules, [], groups);
}
