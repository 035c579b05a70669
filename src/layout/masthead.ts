/**
 * Stage: layout — the 版头 (GB/T 9704 §7.2.1–§7.2.7, §7.3.1; §10.1 信函格式; §10.3 纪要格式). Input: the composed
 * masthead + fonts + the cursor at the top of page 1 → the 版头 drawn on page 1, the cursor on the title's grid line,
 * and where everything went (MastheadPlacement, which the DOCX writer follows).
 *
 * 文件 and 纪要: the mark lines (份号 …) on grid lines 1–3; the 标志's ink top 35 mm below the 版心 top (72 mm from the
 * paper top; lower only when four mark lines are above it); the 发文字号 (or the first 签发人 line) on the first grid line
 * at least two line pitches below the 标志 (空二行); the red rule 4 mm below the ink of that line's glyphs (§7.2.7),
 * as wide as the 版心; the title two empty grid lines below the rule (§7.3.1).
 * 信函: the 标志's ink top 30 mm from the paper top; the red double rule (thick above thin) 4 mm below it and one
 * (thin above thick) ending 20 mm above the paper's bottom edge, both 170 mm long and centred; the mark lines and
 * the 发文字号 (at the right edge) from the first grid line at least 7/8 of a 3号 character below the rule; the title
 * two empty grid lines below the last of them; no page number on page 1.
 * The 标志 and the rules are red (ink 'red'); the rules are artifacts of the tagged PDF, the texts paragraphs.
 */
import { EM_BOX_ASCENT, LINE_PITCH_PT, CELL_PT } from '../gbt9704/page.ts';
import {
  DOC_NUMBER_GAP_LINES,
  HEAD_RULE_GAP_MM,
  HEAD_RULE_MM,
  LETTER_BOTTOM_RULE_MM,
  LETTER_FIRST_ELEMENT_GAP_PT,
  LETTER_MARK_TOP_MM,
  LETTER_RULE_GAP_MM,
  LETTER_RULE_LENGTH_MM,
  LETTER_RULE_SPACE_PT,
  LETTER_RULE_THICK_PT,
  LETTER_RULE_THIN_PT,
  MARK_TOP_MM,
  TITLE_GAP_LINES,
} from '../gbt9704/masthead.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import type { ComposedText, MastheadBlock } from '../model/composed.ts';
import { gridStep, gridWidth, measureText, naturalWidth, type FaceGlyph } from '../measure/measure.ts';
import { inkAbove, inkBelow, lineBox } from '../measure/glyph-box.ts';
import { frameBaseline, frameLineTop, type GridCursor, type PageFrame } from './grid.ts';
import { placeMarkLines, type Companion } from './mark-lines.ts';
import { positionsFrom, toRuns } from './runs.ts';
import type { CopyNumberSlot, GlyphRun, MastheadPlacement, Rule, StructureNode } from './types.ts';

/** What the 版头 leaves for the rest of the layout. */
export interface MastheadResult {
  placement: MastheadPlacement;
  /** The 份号's cells, when a mark line is the 份号. */
  slot?: CopyNumberSlot;
  /** Pages GB/T 9704 leaves unnumbered because of the 版头 (§10.1: a 信函's first page). */
  unnumbered: number[];
}

const measured = (texts: readonly ComposedText[], fonts: FontSet): FaceGlyph[] => texts.flatMap((t) => measureText(t.text, t.role, t.sizePt, fonts));
const red = (runs: GlyphRun[]): GlyphRun[] => runs.map((r) => ({ ...r, ink: 'red' }));

/** The first grid line of `frame` whose top is at or below `y`. */
const lineAtOrBelow = (frame: PageFrame, y: number): number => Math.max(0, Math.ceil((y - frame.top) / LINE_PITCH_PT - 1e-6));

/** A horizontal rule whose top edge is at `top`, `widthPt` thick, from x1 to x2. */
const rule = (x1: number, x2: number, top: number, widthPt: number): Rule => ({ x1, x2, y1: top + widthPt / 2, y2: top + widthPt / 2, widthPt, ink: 'red', cap: 'butt' });

/** Lays out the 版头 at the top of page 1. */
export function layoutMasthead(b: MastheadBlock, fonts: FontSet, cursor: GridCursor, element: StructureNode | undefined): MastheadResult {
  const frame = cursor.frame;
  const node = (part: string): StructureNode | undefined => (element ? { id: `${element.id}-${part}`, type: 'P' } : undefined);
  const letter = b.format === 'letter';
  let slot: CopyNumberSlot | undefined;
  if (!letter) {
    cursor.element = node('marks');
    slot = placeMarkLines(b.markLines, fonts, cursor);
  }
  const markLines = letter ? 0 : cursor.line;
  // §7.2.4 上边缘至版心上边缘为35mm; §10.1 上边缘至上页边为30mm — the top of the ink, below any mark lines above it.
  const markTop = letter ? mmToPt(LETTER_MARK_TOP_MM) : Math.max(mmToPt(MARK_TOP_MM), frameLineTop(frame, cursor.line));
  const mark = drawMark(b, fonts, cursor, markTop, node('issuer'));
  let placement: MastheadPlacement;
  if (letter) {
    const result = letterRulesAndElements(b, fonts, cursor, mark.inkBottom, node);
    slot = result.slot;
    placement = { markBaselines: mark.baselines, numberLine: result.numberLine, numberLines: result.numberLines, markLines: 0, ruleTop: result.ruleTop, ruleBottom: result.ruleBottom, titleLine: result.titleLine };
  } else {
    const result = numberLinesAndRule(b, fonts, cursor, mark, node('number'));
    placement = { markBaselines: mark.baselines, numberLine: result.numberLine, numberLines: result.numberLines, markLines, ruleTop: result.ruleTop, ruleBottom: result.ruleBottom, titleLine: result.titleLine };
  }
  if (mark.suffixBaseline !== undefined) placement.suffixBaseline = mark.suffixBaseline;
  cursor.element = element;
  cursor.line = placement.titleLine;
  return { placement, ...(slot ? { slot } : {}), unnumbered: letter ? [cursor.page.index] : [] };
}

/**
 * The 标志: one centred line, or the stacked names (each spread to the widest name's width) with the suffix beside
 * them, centred as a group and on the names' height. Lines are the face's line box apart (what the DOCX's exact lines
 * give). Returns the baselines and the lowest ink and em-box bottom of the last line.
 */
function drawMark(b: MastheadBlock, fonts: FontSet, cursor: GridCursor, inkTop: number, node: StructureNode | undefined) {
  const frame = cursor.frame;
  const sizePt = b.mark[0]?.sizePt ?? 0;
  const pitch = lineBox(fonts, b.mark[0]?.role ?? 'title', sizePt).heightPt;
  const lines = b.suffix === undefined ? [measured(b.mark, fonts)] : b.mark.map((t) => measured([t], fonts));
  const first = inkTop + inkAbove(lines[0] ?? []);
  const baselines = lines.map((_, k) => first + k * pitch);
  const runs: GlyphRun[] = [];
  let suffixBaseline: number | undefined;
  if (b.suffix === undefined) {
    const glyphs = lines[0] ?? [];
    runs.push(...toRuns(glyphs, positionsFrom(glyphs), frame.left + (frame.width - naturalWidth(glyphs)) / 2, first));
  } else {
    const names = b.namesWidthPt ?? 0;
    const suffix = measured([b.suffix], fonts);
    const gap = b.suffixGapPt ?? 0;
    const x0 = frame.left + (frame.width - (names + gap + naturalWidth(suffix))) / 2;
    lines.forEach((glyphs, k) => {
      const natural = naturalWidth(glyphs);
      // Spread to the names' width (Word's 分散对齐); a one-character name is centred.
      const spacing = glyphs.length > 1 ? (names - natural) / (glyphs.length - 1) : 0;
      const start = glyphs.length > 1 ? 0 : (names - natural) / 2;
      runs.push(...toRuns(glyphs, positionsFrom(glyphs, start, (g) => g.advance + spacing), x0, baselines[k] ?? first));
    });
    suffixBaseline = first + ((lines.length - 1) * pitch) / 2;
    runs.push(...toRuns(suffix, positionsFrom(suffix), x0 + names + gap, suffixBaseline));
  }
  cursor.draw(red(runs), [], [], node ? [{ path: [node], count: runs.length }] : []);
  const last = baselines.at(-1) ?? first;
  const lastGlyphs = b.suffix === undefined ? (lines[0] ?? []) : [...(lines.at(-1) ?? []), ...measured([b.suffix], fonts)];
  return { baselines, suffixBaseline, inkBottom: last + inkBelow(lastGlyphs), emBottom: last + (1 - EM_BOX_ASCENT) * sizePt };
}

/** Glyphs of `text` set at grid pitch from `start` (pt from the 版心 left) on `baseline`. */
function gridRuns(text: ComposedText, fonts: FontSet, frame: PageFrame, start: number, baseline: number): { runs: GlyphRun[]; glyphs: FaceGlyph[]; right: number } {
  const glyphs = measureText(text.text, text.role, text.sizePt, fonts);
  return { runs: toRuns(glyphs, positionsFrom(glyphs, start, gridStep), frame.left, baseline), glyphs, right: frame.left + start + gridWidth(glyphs) };
}

/** §7.2.5–§7.2.7: the 发文字号 / 签发人 lines from the first grid line 空二行 below the 标志, the red rule 4 mm below them. */
function numberLinesAndRule(b: MastheadBlock, fonts: FontSet, cursor: GridCursor, mark: { inkBottom: number; emBottom: number }, node: StructureNode | undefined) {
  const frame = cursor.frame;
  const numberLine = lineAtOrBelow(frame, mark.emBottom + DOC_NUMBER_GAP_LINES * LINE_PITCH_PT);
  const rows = b.signers ? b.signers.rows.length : b.docNumber ? 1 : 0;
  cursor.line = numberLine;
  cursor.element = node;
  let lowest = mark.inkBottom;
  for (let r = 0; r < rows; r++) {
    cursor.put((gridLine) => {
      const baseline = frameBaseline(frame, gridLine, b.docNumber?.text.sizePt ?? b.signers?.label.sizePt ?? 0);
      const parts: { runs: GlyphRun[]; glyphs: FaceGlyph[]; right: number; left: number }[] = [];
      const add = (text: ComposedText, start: number) => parts.push({ ...gridRuns(text, fonts, frame, start, baseline), left: frame.left + start });
      const last = r === rows - 1;
      if (b.docNumber && last) {
        const d = b.docNumber;
        const width = gridWidth(measureText(d.text.text, d.text.role, d.text.sizePt, fonts));
        add(d.text, d.align === 'centre' ? (frame.width - width) / 2 : d.startCells * CELL_PT);
      }
      if (b.signers) {
        if (r === 0) add(b.signers.label, b.signers.labelStartCells * CELL_PT);
        (b.signers.rows[r] ?? []).forEach((name, c) => add(name, (b.signers?.columnStartCells[c] ?? 0) * CELL_PT));
      }
      if (last) lowest = baseline + inkBelow(parts.flatMap((p) => p.glyphs));
      return {
        runs: parts.flatMap((p) => p.runs),
        info: { kind: 'docNumber', text: parts.map((p) => p.glyphs.map((g) => g.ch).join('')).join(' '), left: Math.min(...parts.map((p) => p.left)), right: Math.max(...parts.map((p) => p.right)), full: false },
      };
    });
  }
  // §7.2.7 发文字号之下4mm处居中印一条与版心等宽的红色分隔线.
  const ruleTop = lowest + mmToPt(HEAD_RULE_GAP_MM);
  const width = mmToPt(HEAD_RULE_MM);
  cursor.draw([], [rule(frame.left, frame.left + frame.width, ruleTop, width)]);
  // §7.3.1 红色分隔线下空二行: the two empty grid lines are the first two wholly below the rule.
  const titleLine = lineAtOrBelow(frame, ruleTop + width) + TITLE_GAP_LINES;
  return { numberLine, numberLines: rows, ruleTop, ruleBottom: ruleTop + width, titleLine };
}

/** §10.1: the two red double rules, then the mark lines and the 发文字号 under the upper one. */
function letterRulesAndElements(b: MastheadBlock, fonts: FontSet, cursor: GridCursor, markInkBottom: number, node: (part: string) => StructureNode | undefined) {
  const frame = cursor.frame;
  const centre = frame.left + frame.width / 2;
  const half = mmToPt(LETTER_RULE_LENGTH_MM) / 2;
  const [x1, x2] = [centre - half, centre + half];
  // 发文机关标志下4mm处印一条红色双线（上粗下细）.
  const ruleTop = markInkBottom + mmToPt(LETTER_RULE_GAP_MM);
  const ruleBottom = ruleTop + LETTER_RULE_THICK_PT + LETTER_RULE_SPACE_PT + LETTER_RULE_THIN_PT;
  // 距下页边20mm处印一条红色双线（上细下粗）: its bottom edge 20 mm above the paper's bottom edge.
  const lowerBottom = mmToPt(LETTER_BOTTOM_RULE_MM);
  cursor.draw(
    [],
    [
      rule(x1, x2, ruleTop, LETTER_RULE_THICK_PT),
      rule(x1, x2, ruleTop + LETTER_RULE_THICK_PT + LETTER_RULE_SPACE_PT, LETTER_RULE_THIN_PT),
      rule(x1, x2, lowerBottom - LETTER_RULE_THICK_PT - LETTER_RULE_SPACE_PT - LETTER_RULE_THIN_PT, LETTER_RULE_THIN_PT),
      rule(x1, x2, lowerBottom - LETTER_RULE_THICK_PT, LETTER_RULE_THICK_PT),
    ],
  );
  // 第一个要素与该线的距离为3号汉字高度的7/8 — on the first grid line at least that far below the rule.
  const numberLine = lineAtOrBelow(frame, ruleBottom + LETTER_FIRST_ELEMENT_GAP_PT);
  cursor.line = numberLine;
  const docNumber = b.docNumber;
  // 发文字号顶格居版心右边缘编排在第一条红色双线下: on the first element line, ending at the right edge.
  const companion: Companion | undefined = docNumber
    ? (baseline) => {
        const glyphs = measureText(docNumber.text.text, docNumber.text.role, docNumber.text.sizePt, fonts);
        const start = frame.width - gridWidth(glyphs);
        return { runs: toRuns(glyphs, positionsFrom(glyphs, start, gridStep), frame.left, baseline), text: glyphs.map((g) => g.ch).join(''), right: frame.left + frame.width };
      }
    : undefined;
  let slot: CopyNumberSlot | undefined;
  cursor.element = node('marks');
  if (b.markLines.length > 0) slot = placeMarkLines(b.markLines, fonts, cursor, companion);
  else if (companion)
    cursor.put((gridLine) => {
      const line = companion(frameBaseline(frame, gridLine, docNumber?.text.sizePt ?? 0));
      return { runs: line.runs, info: { kind: 'docNumber', text: line.text, left: line.runs[0]?.x ?? 0, right: line.right, full: false } };
    });
  const numberLines = Math.max(b.markLines.length, docNumber ? 1 : 0);
  // 标题居中编排，与其上最后一个要素相距二行 (the rule itself when there is no element).
  const titleLine = (numberLines > 0 ? numberLine + numberLines : lineAtOrBelow(frame, ruleBottom)) + TITLE_GAP_LINES;
  return { slot, numberLine, numberLines, ruleTop, ruleBottom, titleLine };
}
