/**
 * Stage: DOCX writer — the 版头 (GB/T 9704 §7.2, §10.1, §10.3). Input: the composed masthead + where the PDF layout put
 * it (MastheadPlacement) → the first paragraphs of page 1 (and, for a 信函, its first-page header and footer), so that
 * Word and LibreOffice draw the 版头 where the PDF does.
 *
 * Every paragraph of the 版头 is off the document grid (its style is in OFF_GRID_STYLE_IDS) with an exact line as tall
 * as its face's line box (ascent + descent), positioned by its space before: in such a line Word and LibreOffice put
 * the baseline one ascent below the line's top (the footer's rule, metrics.ts), so the 标志's ink top lands at 72 mm
 * (35 mm below the 版心) as in the PDF. The red rule is the bottom border of an empty paragraph whose bottom is the
 * rule's top edge: a Word structure that stays in place when the body below is edited. 联合行文 is a borderless table
 * (stacked names spread with 分散对齐, the suffix centred beside them). A 信函's 标志 is a framed paragraph at its place
 * on the page (text flows through it, so it pushes nothing down), the upper double rule the bottom border of the next
 * body paragraph, the lower one the bottom border of the first-page footer (20 mm from the paper's bottom edge),
 * which carries no page number (§10.1 首页不显示页码).
 *
 * The title under a 版头 is moved up inside its exact line by what LibreOffice lowers a 2号 line there (an exact line
 * shorter than the face puts the descent on the line's bottom), so its glyphs stand where the PDF's do; the shift comes
 * back as space after the title, and the body continues on the grid.
 */
import {
  AlignmentType,
  BorderStyle,
  FrameAnchorType,
  FrameWrap,
  HeightRule,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IParagraphOptions,
} from 'docx';
import { EM_BOX_ASCENT, LINE_PITCH_PT, MARGIN_TOP_MM, TYPE_AREA_WIDTH_MM } from '../gbt9704/page.ts';
import {
  HEAD_RULE_MM,
  LETTER_BOTTOM_RULE_FROM_BOTTOM_MM,
  LETTER_RULE_LENGTH_MM,
  LETTER_RULE_SPACE_PT,
  LETTER_RULE_THICK_PT,
  LETTER_RULE_THIN_PT,
} from '../gbt9704/masthead.ts';
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { TITLE_SIZE_PT } from '../gbt9704/type-sizes.ts';
import { mmToPt, mmToTwip, ptToTwip } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import type { MastheadPlacement } from '../layout/types.ts';
import { lineBox } from '../measure/glyph-box.ts';
import { measureText, naturalWidth } from '../measure/measure.ts';
import type { ComposedText, MastheadBlock } from '../model/composed.ts';
import { tabRun, textRun, type RoleUse } from './runs.ts';
import { CELL_TWIP, MARGIN_TOP_TWIP, TYPE_AREA_WIDTH_TWIP } from './metrics.ts';
import { MASTHEAD_STYLE } from './masthead-styles.ts';

/** What the 版头 handler needs from the DOCX writer. */
export interface MastheadEnv {
  fonts: FontSet;
  used: RoleUse;
  /** The red as RRGGBB. */
  red: string;
  /** Makes a body paragraph (consuming a pending page break). */
  para: (options: IParagraphOptions) => Paragraph;
}

/** The 版头's paragraphs, the title's shift (twips) and, for a 信函, its first page's footer paragraph. */
export interface MastheadParts {
  children: FileChild[];
  titleShiftTwip: number;
  letter?: { footerRule: Paragraph };
}

const gridTop = (line: number): number => mmToPt(MARGIN_TOP_MM) + line * LINE_PITCH_PT;
const exact = (line: number, before = 0, after = 0) => ({ line: Math.max(1, line), lineRule: LineRuleType.EXACT, before: Math.max(0, before), after: Math.max(0, after) });
const none = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
/** Border widths are eighths of a point. */
const eighths = (pt: number): number => Math.max(2, Math.round(pt * 8));

/**
 * How far LibreOffice lowers the title's glyphs in its exact grid line compared with the PDF (which puts the em box on
 * the line's top): an exact line shorter than the face's line box keeps the descent on the line's bottom.
 */
export function titleShiftPt(fonts: FontSet): number {
  const box = lineBox(fonts, ELEMENT_STYLE.title.role, TITLE_SIZE_PT);
  return Math.max(0, LINE_PITCH_PT - box.descentPt - EM_BOX_ASCENT * TITLE_SIZE_PT);
}

/** The 版头 of a 文件 or 纪要, or of a 信函. */
export function mastheadParts(b: MastheadBlock, placement: MastheadPlacement, env: MastheadEnv): MastheadParts {
  const runs = (texts: readonly ComposedText[], paragraphStyle: keyof typeof MASTHEAD_STYLE) => texts.map((t) => textRun(t, MASTHEAD_STYLE_ROLE[paragraphStyle], env.used));
  const children: FileChild[] = [];
  let flow = MARGIN_TOP_TWIP;
  const at = (topPt: number, heightTwip: number): { before: number; line: number } => {
    const top = ptToTwip(topPt);
    const before = top - flow;
    flow = top + heightTwip;
    return { before, line: heightTwip };
  };
  const shift = titleShiftPt(env.fonts);
  const mark = lineBox(env.fonts, b.mark[0]?.role ?? 'title', b.mark[0]?.sizePt ?? 0);
  const markLine = ptToTwip(mark.heightPt);
  const number = lineBox(env.fonts, ELEMENT_STYLE.docNumber.role, ELEMENT_STYLE.docNumber.sizePt);
  const numberLine = ptToTwip(number.heightPt);
  const numberRow = (line: number) => at(gridTop(line) + EM_BOX_ASCENT * ELEMENT_STYLE.docNumber.sizePt - number.ascentPt, numberLine);
  let letter: MastheadParts['letter'];

  if (b.format === 'letter') {
    // §10.1 上边缘至上页边为30mm: above the 版心, so a frame at its place on the page (anchored to the first paragraph).
    children.push(letterMark(b, markLine, ptToTwip((placement.markBaselines[0] ?? 0) - mark.ascentPt), runs(b.mark, 'issuerMark')));
    // §10.1 红色双线（上粗下细）: the bottom border of an empty paragraph, 170 mm long (negative indents).
    const top = ptToTwip(placement.ruleTop);
    children.push(env.para({ style: MASTHEAD_STYLE.spacer, spacing: exact(top - flow), indent: ruleIndent(), border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: eighths(LETTER_RULE_THICK_PT), color: env.red, space: 0 } } }));
    flow = top + ptToTwip(LETTER_RULE_THICK_PT + LETTER_RULE_SPACE_PT + LETTER_RULE_THIN_PT);
    for (let i = 0; i < placement.numberLines; i++) {
      const line = b.markLines[i];
      const docNumber = i === 0 ? b.docNumber : undefined;
      const content = [...(line ? [textRun(line.text, 'body', env.used)] : []), ...(docNumber ? [tabRun(), textRun(docNumber.text, 'body', env.used)] : [])];
      const { before, line: height } = numberRow(placement.numberLine + i);
      children.push(env.para({ style: MASTHEAD_STYLE.docNumber, spacing: exact(height, before), tabStops: [{ type: TabStopType.RIGHT, position: TYPE_AREA_WIDTH_TWIP }], children: content }));
    }
    letter = { footerRule: letterFooterRule(env.red) };
  } else {
    // §7.2.1–§7.2.3: the mark lines on grid lines 1–3, as in documents without a 版头.
    for (const line of b.markLines) {
      children.push(env.para({ style: MASTHEAD_STYLE.markLine, children: [textRun(line.text, MASTHEAD_STYLE_ROLE.markLine, env.used)] }));
      flow += ptToTwip(LINE_PITCH_PT);
    }
    const top = (placement.markBaselines[0] ?? 0) - mark.ascentPt;
    if (b.suffix === undefined) {
      const { before, line } = at(top, markLine);
      children.push(env.para({ style: MASTHEAD_STYLE.issuerMark, spacing: exact(line, before), children: runs(b.mark, 'issuerMark') }));
    } else {
      // The table has no space before: an empty paragraph takes the distance above it.
      const space = ptToTwip(top) - flow;
      if (space > 0) children.push(env.para({ style: MASTHEAD_STYLE.spacer, spacing: exact(space) }));
      flow = ptToTwip(top) + markLine * b.mark.length;
      children.push(jointTable(b, markLine, runs, env.fonts));
    }
    const rows = placement.numberLines;
    for (let r = 0; r < rows; r++) {
      const { before, line } = numberRow(placement.numberLine + r);
      children.push(env.para({ style: MASTHEAD_STYLE.docNumber, spacing: exact(line, before), ...numberLineContent(b, r, rows, env) }));
    }
    // §7.2.7 the red rule: the bottom border of an empty paragraph ending at the rule's top edge.
    const ruleTop = ptToTwip(placement.ruleTop);
    children.push(env.para({ style: MASTHEAD_STYLE.spacer, spacing: exact(ruleTop - flow), border: { bottom: { style: BorderStyle.SINGLE, size: eighths(mmToPt(HEAD_RULE_MM)), color: env.red, space: 0 } } }));
    flow = ruleTop + ptToTwip(eighths(mmToPt(HEAD_RULE_MM)) / 8);
  }
  // Down to the title's line (its glyphs raised by the shift, given back after it).
  const titleTop = ptToTwip(gridTop(placement.titleLine) - shift);
  if (titleTop - flow > 0) children.push(env.para({ style: MASTHEAD_STYLE.spacer, spacing: exact(titleTop - flow) }));
  return { children, titleShiftTwip: ptToTwip(shift), ...(letter ? { letter } : {}) };
}

/** The role of each paragraph style's own font (runs in another role get a character style). */
const MASTHEAD_STYLE_ROLE = {
  issuerMark: ELEMENT_STYLE.issuerMark.role,
  docNumber: ELEMENT_STYLE.docNumber.role,
  markLine: 'heading1',
  spacer: 'body',
} as const satisfies Record<keyof typeof MASTHEAD_STYLE, string>;

/**
 * §7.2.5/§7.2.6: a 发文字号 line (centred), or a 签发人 line: each text after one tab, to the next left tab stop of its
 * own paragraph — the 发文字号's start (居左空一字), the label (followed by the first name without a tab: the label ends
 * where the first column starts, and a tab there would jump to the next stop when the label runs a little long), the
 * name columns.
 */
function numberLineContent(b: MastheadBlock, row: number, rows: number, env: MastheadEnv): Pick<IParagraphOptions, 'alignment' | 'tabStops' | 'children'> {
  const d = b.docNumber;
  const s = b.signers;
  if (!s) return { alignment: AlignmentType.CENTER, children: d ? [textRun(d.text, 'body', env.used)] : [] };
  const names = s.rows[row] ?? [];
  const withNumber = d !== undefined && row === rows - 1;
  const items: { cells: number; texts: ComposedText[] }[] = [
    ...(withNumber && d ? [{ cells: d.startCells, texts: [d.text] }] : []),
    ...names.map((name, c) => (c === 0 && row === 0 ? { cells: s.labelStartCells, texts: [s.label, name] } : { cells: s.columnStartCells[c] ?? 0, texts: [name] })),
  ];
  if (row === 0 && names.length === 0) items.push({ cells: s.labelStartCells, texts: [s.label] });
  return {
    alignment: AlignmentType.LEFT,
    tabStops: items.map((i) => ({ type: TabStopType.LEFT, position: Math.round(i.cells * CELL_TWIP) })),
    children: items.flatMap((i) => [tabRun(), ...i.texts.map((t) => textRun(t, 'body', env.used))]),
  };
}

const NAMES_SLACK_TWIP = 10;

/** §7.2.4 联合行文: names stacked and spread to one width, the suffix beside them, centred on their height. */
function jointTable(b: MastheadBlock, markLine: number, runs: (texts: readonly ComposedText[], style: 'issuerMark') => ReturnType<typeof textRun>[], fonts: FontSet): Table {
  // A name spread exactly to its cell's width may not fit after rounding (LibreOffice then wraps its last character):
  // the names' cell is a hair wider (half a point over the names; 0.18 mm more spread).
  const names = ptToTwip(b.namesWidthPt ?? 0) + NAMES_SLACK_TWIP;
  const suffixText = b.suffix;
  const suffix = suffixText ? ptToTwip((b.suffixGapPt ?? 0) + naturalWidth(measureText(suffixText.text, suffixText.role, suffixText.sizePt, fonts))) : 0;
  const cell = (width: number, children: Paragraph[], centred: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      borders: { top: none, bottom: none, left: none, right: none },
      ...(centred ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
      children,
    });
  const line = (texts: ComposedText[], alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ style: MASTHEAD_STYLE.issuerMark, alignment, spacing: exact(markLine), children: runs(texts, 'issuerMark') });
  return new Table({
    alignment: AlignmentType.CENTER,
    width: { size: names + suffix, type: WidthType.DXA },
    columnWidths: suffix > 0 ? [names, suffix] : [names],
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        height: { value: markLine * b.mark.length, rule: HeightRule.EXACT },
        cantSplit: true,
        children: [
          cell(names, b.mark.map((t) => line([t], AlignmentType.DISTRIBUTE)), false),
          ...(suffixText ? [cell(suffix, [line([suffixText], AlignmentType.RIGHT)], true)] : []),
        ],
      }),
    ],
  });
}

/**
 * §10.1 the 信函's 标志: a frame at its place on the page, across the 版心, centred, that text flows through (it lies
 * above the 版心 but its line box reaches into it; LibreOffice would otherwise move the first lines below it, and a
 * frame in the first-page header makes the header push the body down, measured).
 */
function letterMark(b: MastheadBlock, markLine: number, topTwip: number, children: ReturnType<typeof textRun>[]): Paragraph {
  return new Paragraph({
        style: MASTHEAD_STYLE.issuerMark,
        alignment: AlignmentType.CENTER,
        spacing: exact(markLine),
        frame: {
          type: 'absolute',
          position: { x: 0, y: topTwip },
          anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.PAGE },
          width: TYPE_AREA_WIDTH_TWIP,
          height: markLine,
          rule: HeightRule.EXACT,
          wrap: FrameWrap.THROUGH,
        },
        children: b.mark.length > 0 ? children : [],
      });
}

/** §10.1 距下页边20mm处印一条红色双线（上细下粗）: the bottom border of the first-page footer, 170 mm long. */
function letterFooterRule(red: string): Paragraph {
  return new Paragraph({
    style: MASTHEAD_STYLE.spacer,
    spacing: exact(ptToTwip(1)),
    indent: ruleIndent(),
    border: { bottom: { style: BorderStyle.THIN_THICK_SMALL_GAP, size: eighths(LETTER_RULE_THICK_PT), color: red, space: 0 } },
  });
}

/** Indents that make a paragraph's border 170 mm long, centred on the 版心 (7 mm past each edge). */
const ruleIndent = () => {
  const past = -mmToTwip((LETTER_RULE_LENGTH_MM - TYPE_AREA_WIDTH_MM) / 2);
  return { left: past, right: past };
};

/** The 信函's footer distance: the lower double rule's bottom edge 20 mm above the paper's bottom edge. */
export const LETTER_FOOTER_TWIP = mmToTwip(LETTER_BOTTOM_RULE_FROM_BOTTOM_MM);
