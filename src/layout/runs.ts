/**
 * Stage: layout — drawable runs. Input: measured glyphs with their x positions → GlyphRuns (one face, one size, one
 * uniform spacing each), the unit the PDF writer draws.
 */
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
 * run drawn with that spacing (PDF Tc), so a justified line is usually a single text object. Any glyphs may share a
 * run: the PDF writer draws a run's glyphs from the cmap at their advances with no shaping (src/pdf/font-bridge.ts),
 * so nothing — kerning, a ligature, a composed dash pair — can move a glyph away from where the layout put it.
 */
export function toRuns(glyphs: readonly MeasuredGlyph[], xs: readonly number[], originX: number, baseline: number): GlyphRun[] {
  const runs: GlyphRun[] = [];
  let current: GlyphRun | undefined;
  let lastX = 0;
  let lastAdvance = 0;
  let count = 0;
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i] as MeasuredGlyph;
    const x = originX + (xs[i] ?? 0);
    if (current && current.faceKey === g.faceKey && current.sizePt === g.sizePt) {
      const spacing = x - (lastX + lastAdvance);
      if (count === 1 || Math.abs(spacing - current.charSpacing) < 1e-6) {
        if (count === 1) current.charSpacing = spacing;
        current.text += g.ch;
        current.width = x + g.advance - current.x;
        lastX = x;
        lastAdvance = g.advance;
        count++;
        continue;
      }
    }
    if (current) runs.push(current);
    current = { text: g.ch, faceKey: g.faceKey, sizePt: g.sizePt, x, baseline, charSpacing: 0, width: g.advance };
    lastX = x;
    lastAdvance = g.advance;
    count = 1;
  }
  if (current) runs.push(current);
  return runs;
}
