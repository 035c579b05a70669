/**
 * Stage: measuring — the CJK line breaker (pure; no fonts, no pdfmake), used by layout for paragraphs and table
 * cells and by compose for title breaks. Input: measured glyphs of one paragraph and the line widths → lines with
 * the x position of every glyph.
 *
 * Rules (documented in README "排版规则"):
 * - Grid: a full-width character's box is 1 em; a line is justified by spreading the slack evenly over every gap
 *   between glyphs so the last glyph box ends exactly on the right edge. 28 boxes of 16 pt in 442.205 pt give a
 *   gap of −0.2146 pt: 28 characters per line (GB/T 9704 §5.2.3). The last line of a paragraph keeps that
 *   grid gap, so its characters stand under those of the full lines.
 * - Unbreakable runs: digits/Latin clusters (2021, 5G, 100%, 3,218, 46.8), “——” and “……”.
 * - Kinsoku (clreq basic level): no line starts with a NO_LINE_START mark, none ends with a NO_LINE_END mark.
 *   “先挤进，后推出”: when the next token may not start a line, first try to squeeze it onto this line (a gap of at
 *   most −0.05 em — one extra mark); otherwise carry the previous character(s) down so the forbidden pair moves to
 *   the next line together, and justify the shorter line. Lines never overflow the right edge.
 */
import { NO_LINE_END, NO_LINE_START, cellAlignment, isFullWidth } from './char-class.ts';

/** One measured code point. */
export interface MeasuredGlyph {
  ch: string;
  /** Natural advance of the glyph at its size, pt. */
  advance: number;
  /** Nominal size of the glyph, pt (1 em). */
  sizePt: number;
  /** Opaque key of the face that draws it (runs never mix faces). */
  faceKey: string;
}

/** A laid-out line: glyph range and the x of each glyph (relative to the line's left edge at 0). */
export interface BrokenLine {
  start: number;
  end: number;
  /** x of each glyph's left edge, relative to the paragraph's left edge. */
  xs: number[];
  /** Right edge of the last glyph box. */
  right: number;
  last: boolean;
  adjustment?: 'push-in' | 'carry-down';
}

export interface LineWidths {
  /** Left offset and available width of the first line (first-line indent). */
  firstIndent: number;
  /** Left offset of the other lines (hanging indents, e.g. 附件说明). */
  restIndent: number;
  /** Right edge every justified line ends on. */
  right: number;
  /** Justify non-last lines (false for centred/short elements). */
  justify: boolean;
}

/** Normal squeeze per gap, in em: the 28-per-line grid needs −0.0134 em at 3号; up to −0.025 em (0.4 pt) lets a line with half-width digits keep one more character instead of stretching. */
const NORMAL_SQUEEZE_EM = 0.025;
/** Squeeze per gap allowed to pull one closing mark onto the line (29 boxes in 28 cells: −0.0486 em). */
const PUSH_IN_SQUEEZE_EM = 0.05;

/**
 * Box width of a glyph: the natural advance, except that a full-width character drawn by a narrow glyph (a font
 * with proportional quotes, e.g. LXGW WenKai's “ at 0.35 em) still takes a full one-em cell, its glyph placed inside
 * by cellAlignment. Nearly full glyphs (Noto's — at 0.89 em) keep their advance so a line ending in “——” still ends
 * on the right edge.
 */
export function boxWidth(g: MeasuredGlyph): number {
  const cp = g.ch.codePointAt(0) ?? 0;
  return isFullWidth(cp) && g.advance < NARROW_FULL_WIDTH_EM * g.sizePt ? g.sizePt : g.advance;
}

/** A full-width character whose glyph is narrower than this (in em) is centred in a full cell. */
const NARROW_FULL_WIDTH_EM = 0.8;

/** Groups glyph indices into unbreakable tokens. */
export function tokenize(glyphs: readonly MeasuredGlyph[]): { start: number; end: number }[] {
  const tokens: { start: number; end: number }[] = [];
  const isCluster = (ch: string) => /[0-9A-Za-z]/.test(ch);
  const isClusterCont = (ch: string) => /[0-9A-Za-z.,%+\-/:'‰]/.test(ch);
  let i = 0;
  while (i < glyphs.length) {
    const ch = glyphs[i]?.ch ?? '';
    let j = i + 1;
    if (isCluster(ch)) {
      while (j < glyphs.length && isClusterCont(glyphs[j]?.ch ?? '')) j++;
      // A trailing separator belongs to the sentence, not the number ("2021." at a sentence end stays glued anyway).
    } else if ((ch === '—' || ch === '…') && glyphs[j]?.ch === ch) {
      j++;
    }
    tokens.push({ start: i, end: j });
    i = j;
  }
  return tokens;
}

/** Breaks a paragraph into lines and positions every glyph. */
export function breakLines(glyphs: readonly MeasuredGlyph[], widths: LineWidths): BrokenLine[] {
  if (glyphs.length === 0) return [];
  const tokens = tokenize(glyphs);
  const boxes = glyphs.map(boxWidth);
  // A loop, not Math.max(...sizes): spreading a 130,000-glyph paragraph as arguments overflows the stack.
  const em = glyphs.reduce((max, g) => (g.sizePt > max ? g.sizePt : max), -Infinity);
  const canBreakBefore = (t: number): boolean => {
    const prev = tokens[t - 1];
    const next = tokens[t];
    if (!prev || !next) return true;
    const last = glyphs[prev.end - 1]?.ch ?? '';
    const first = glyphs[next.start]?.ch ?? '';
    return !NO_LINE_START.has(first) && !NO_LINE_END.has(last);
  };
  const gapFor = (ts: number, te: number, width: number): number => {
    const gs = tokens[ts]?.start ?? 0;
    const ge = tokens[te - 1]?.end ?? gs;
    let sum = 0;
    for (let g = gs; g < ge; g++) sum += boxes[g] ?? 0;
    const n = ge - gs;
    return n > 1 ? (width - sum) / (n - 1) : width - sum;
  };
  const fits = (ts: number, te: number, width: number, squeezeEm: number) => gapFor(ts, te, width) >= -squeezeEm * em - 1e-9;

  const lines: BrokenLine[] = [];
  let s = 0;
  while (s < tokens.length) {
    const indent = lines.length === 0 ? widths.firstIndent : widths.restIndent;
    const width = widths.right - indent;
    let e = s;
    while (e < tokens.length && fits(s, e + 1, width, NORMAL_SQUEEZE_EM)) e++;
    if (e === s) e = s + 1; // one token wider than the line: it stands alone (never split inside a number)
    let adjustment: BrokenLine['adjustment'];
    if (e < tokens.length && !canBreakBefore(e)) {
      // Only closing marks are squeezed in; an opening mark at the line end is carried down instead.
      const closes = (t: number) => NO_LINE_START.has(glyphs[tokens[t]?.start ?? 0]?.ch ?? '');
      let k = e;
      while (k < tokens.length && !canBreakBefore(k) && closes(k)) k++;
      if (k < tokens.length && !canBreakBefore(k)) k = e;
      if (k > e && fits(s, k, width, PUSH_IN_SQUEEZE_EM)) {
        e = k;
        adjustment = 'push-in';
      } else {
        let b = e - 1;
        while (b > s && !canBreakBefore(b)) b--;
        if (b > s) {
          e = b;
          adjustment = 'carry-down';
        }
      }
    }
    const last = e >= tokens.length;
    lines.push(positionLine(glyphs, boxes, tokens[s]?.start ?? 0, tokens[e - 1]?.end ?? 0, indent, widths, last, adjustment));
    s = e;
  }
  return lines;
}

function positionLine(
  glyphs: readonly MeasuredGlyph[],
  boxes: readonly number[],
  gs: number,
  ge: number,
  indent: number,
  widths: LineWidths,
  last: boolean,
  adjustment: BrokenLine['adjustment'],
): BrokenLine {
  const n = ge - gs;
  let sum = 0;
  for (let g = gs; g < ge; g++) sum += boxes[g] ?? 0;
  const em = glyphs[gs]?.sizePt ?? 16;
  const justifyGap = n > 1 ? (widths.right - indent - sum) / (n - 1) : 0;
  const cells = Math.round(widths.right / em);
  const grid = cells > 1 ? (widths.right - cells * em) / (cells - 1) : 0;
  const gap = widths.justify && !last ? justifyGap : Math.min(justifyGap, grid);
  const xs: number[] = [];
  let x = indent;
  for (let g = gs; g < ge; g++) {
    const glyph = glyphs[g];
    const box = boxes[g] ?? 0;
    if (!glyph) continue;
    const slack = box - glyph.advance;
    const align = slack > 0.01 ? cellAlignment(glyph.ch) : 'left';
    // Dash and ellipsis pairs read as one mark: the first half hugs the second.
    const pairFirst = (glyph.ch === '—' || glyph.ch === '…') && glyphs[g + 1]?.ch === glyph.ch;
    const pairSecond = (glyph.ch === '—' || glyph.ch === '…') && glyphs[g - 1]?.ch === glyph.ch;
    const offset = pairFirst ? slack : pairSecond ? 0 : align === 'right' ? slack : align === 'center' ? slack / 2 : 0;
    xs.push(x + Math.max(0, offset));
    x += box + gap;
  }
  const right = x - gap;
  return { start: gs, end: ge, xs, right, last, ...(adjustment ? { adjustment } : {}) };
}
