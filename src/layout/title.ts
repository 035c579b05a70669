/**
 * Stage: layout — title shaping (GB/T 9704 §7.3.1: 回行时要做到词意完整，排列对称，长短适宜，间距恰当，
 * 标题排列应当使用梯形或菱形). Input: measured title glyphs and the 版心 width → the glyph ranges of each line.
 * A title that fits stays on one line; a longer one is split into the fewest lines, as equal as possible, upper
 * lines never longer than lower ones (正梯形), breaking only where the line breaker may (never inside 2021).
 */
import { NO_LINE_END, NO_LINE_START } from './char-class.ts';
import { tokenize, type MeasuredGlyph } from './line-breaker.ts';

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
  for (let lines = 2; lines <= 6; lines++) {
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
