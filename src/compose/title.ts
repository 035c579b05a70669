/**
 * Stage: compose — title shaping (GB/T 9704 §7.3.1: 回行时要做到词意完整，排列对称，长短适宜，间距恰当，
 * 标题排列应当使用梯形或菱形). Input: measured title glyphs and the 版心 width → the glyph ranges of each line.
 * A title that fits stays on one line; a longer one is split into the fewest lines, upper lines never longer than
 * lower ones (正梯形), breaking only where the line breaker may (never inside 2021). For two lines, a break after
 * 的/和/与/及/、 or before an opening bracket is preferred to an even split that may cut a word (词意完整).
 */
import { TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import { NO_LINE_END, NO_LINE_START } from '../measure/char-class.ts';
import { tokenize, type MeasuredGlyph } from '../measure/line-breaker.ts';

/** Characters after which a title line may end without splitting a word (particles, conjunctions, 顿号). */
const GOOD_BREAK_AFTER = new Set([...'的和与及暨、，：；']);
/** Characters before which a title line may end (an opening bracket starts a new unit). */
const GOOD_BREAK_BEFORE = new Set([...'（《“']);
/** Cost of a break that may split a word, in em of width difference between the two lines. */
const WORD_BREAK_PENALTY_EM = 8;

/** Splits a title into lines; returns [start, end) glyph ranges. */
export function shapeTitle(glyphs: readonly MeasuredGlyph[], width: number): [number, number][] {
  const total = glyphs.reduce((w, g) => w + g.advance, 0);
  if (total <= width) return [[0, glyphs.length]];
  const tokens = tokenize(glyphs);
  // Allowed break positions (glyph indices) with the width before them.
  const breaks: { at: number; before: number }[] = [];
  let acc = 0;
  tokens.forEach((t, i) => {
    for (let g = t.start; g < t.end; g++) acc += glyphs[g]?.advance ?? 0;
    const next = tokens[i + 1];
    if (!next) return;
    const last = glyphs[t.end - 1]?.ch ?? '';
    const first = glyphs[next.start]?.ch ?? '';
    if (!NO_LINE_START.has(first) && !NO_LINE_END.has(last)) breaks.push({ at: t.end, before: acc });
  });
  // Two lines: choose among the allowed breaks the one that keeps the words whole (词意完整) — after 的/和/与/及/、…
  // or before an opening bracket — unless that makes the lines very unequal; the upper line is never the longer.
  const em = glyphs[0]?.sizePt ?? 22;
  const two = breaks
    .filter((b) => b.before <= width && total - b.before <= width && b.before <= total - b.before + 1e-6)
    .map((b) => {
      const after = glyphs[b.at - 1]?.ch ?? '';
      const next = glyphs[b.at]?.ch ?? '';
      const good = GOOD_BREAK_AFTER.has(after) || GOOD_BREAK_BEFORE.has(next);
      return { at: b.at, cost: total - 2 * b.before + (good ? 0 : WORD_BREAK_PENALTY_EM * em) };
    })
    .sort((a, b) => a.cost - b.cost)[0];
  if (two) return [[0, two.at], [two.at, glyphs.length]];
  for (let lines = 3; lines <= 6; lines++) {
    const chosen: number[] = [];
    let startWidth = 0;
    let ok = true;
    for (let k = 1; k < lines; k++) {
      const target = (total * k) / lines;
      // Upper lines no longer than lower ones: take the last break at or below the even split.
      const candidates = breaks.filter((b) => b.before <= target + 1e-6 && b.before - startWidth <= width && b.at > (chosen.at(-1) ?? 0));
      const pick = candidates.at(-1);
      if (!pick) {
        ok = false;
        break;
      }
      chosen.push(pick.at);
      startWidth = pick.before;
    }
    if (ok && total - startWidth <= width) {
      const bounds = [0, ...chosen, glyphs.length];
      return bounds.slice(0, -1).map((s, i) => [s, bounds[i + 1] ?? glyphs.length]);
    }
  }
  return [[0, glyphs.length]];
}

/** The text of each line of a shaped title (one line when it fits the 版心 width). */
export function titleLines(glyphs: readonly MeasuredGlyph[], width: number = TYPE_AREA_WIDTH_PT): string[] {
  return shapeTitle(glyphs, width).map(([start, end]) => glyphs.slice(start, end).map((g) => g.ch).join(''));
}
