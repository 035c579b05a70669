/**
 * Stage: layout — drawable runs. Input: measured glyphs with their x positions → GlyphRuns (one face, one size, one
 * uniform spacing each), the unit the PDF writer draws.
 */
import { isFullWidth } from '../measure/char-class.ts';
import type { MeasuredGlyph } from '../measure/line-breaker.ts';
import type { GlyphRun } from './types.ts';

/** Left edges of glyphs set one after another from `start`, each advancing by `step` (natural advance by default). */
export function positionsFrom(glyphs: readonly MeasuredGlyph[], start = 0, step: (g: MeasuredGlyph) => number = (g) => g.advance): number[] {
  const xs: number[] = [];
  glyphs.reduce((x, g) => (xs.push(x), x + step(g)), start);
  return xs;
}

/**
 * Groups positioned glyphs into runs: consecutive glyphs of one face and size whose spacing is uniform become one
 * run drawn with that spacing (PDF Tc), so a pure CJK line is a single text object.
 */
export function toRuns(glyphs: readonly MeasuredGlyph[], xs: readonly number[], originX: number, baseline: number): GlyphRun[] {
  const runs: GlyphRun[] = [];
  let current: (GlyphRun & { lastX: number; lastAdvance: number; count: number }) | undefined;
  glyphs.forEach((g, i) => {
    const x = originX + (xs[i] ?? 0);
    // Only full-width characters share a run. The PDF renderer shapes each run with the font's default features, so
    // a run must not contain what shaping could move: kerning and ligatures of Latin letters and digits (Noto kerns
    // “AV”, ligates “fi”), or a dash pair that ccmp composes into one glyph of another width than the two we
    // measured. Those glyphs are drawn one per run, at the positions the layout chose.
    const shapingSafe = (x: MeasuredGlyph | undefined) => x !== undefined && x.ch !== '—' && isFullWidth(x.ch.codePointAt(0) ?? 0);
    const joins = shapingSafe(g) && shapingSafe(glyphs[i - 1]);
    if (current && joins && current.faceKey === g.faceKey && current.sizePt === g.sizePt) {
      const spacing = x - (current.lastX + current.lastAdvance);
      if (current.count === 1 || Math.abs(spacing - current.charSpacing) < 1e-6) {
        if (current.count === 1) current.charSpacing = spacing;
        current.text += g.ch;
        current.lastX = x;
        current.lastAdvance = g.advance;
        current.count++;
        return;
      }
    }
    if (current) runs.push(stripRun(current));
    current = { text: g.ch, faceKey: g.faceKey, sizePt: g.sizePt, x, baseline, charSpacing: 0, lastX: x, lastAdvance: g.advance, count: 1 };
  });
  if (current) runs.push(stripRun(current));
  return runs;
}

function stripRun(r: GlyphRun & { lastX: number; lastAdvance: number; count: number }): GlyphRun {
  return { text: r.text, faceKey: r.faceKey, sizePt: r.sizePt, x: r.x, baseline: r.baseline, charSpacing: r.charSpacing };
}
