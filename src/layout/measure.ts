/**
 * Stage: layout — measuring. Input: text in a font role + the edition's FontSet → measured glyphs, each drawn by the
 * first face of the role's chain that has it (per-character fallback, GB/T 9704 roles; fallback glyphs still
 * take one full cell). Also turns positioned glyphs into drawable runs.
 */
import type { FontFace, FontSet } from '../fonts/types.ts';
import type { FontRole } from '../model/types.ts';
import type { MeasuredGlyph } from './line-breaker.ts';
import { isFullWidth } from './char-class.ts';
import { CELL_PT } from '../gbt9704/page.ts';
import type { GlyphRun } from './types.ts';

/** A measured glyph that remembers its face. */
export interface FaceGlyph extends MeasuredGlyph {
  face: FontFace;
}

/** Measures `text` in `role` at `sizePt`. */
export function measureText(text: string, role: FontRole, sizePt: number, fonts: FontSet): FaceGlyph[] {
  const out: FaceGlyph[] = [];
  const primary = fonts.roles[role].chain[0];
  for (const ch of text) {
    if (ch === '\n' || ch === '\r' || ch === '\t') continue;
    const cp = ch.codePointAt(0) ?? 0;
    const face = fonts.faceFor(role, cp) ?? primary;
    if (!face) throw new Error(`no face for role ${role}`);
    out.push({ ch, advance: face.advancePt(cp, sizePt), sizePt, faceKey: face.key, face });
  }
  return out;
}

/** Left edges of glyphs set one after another from `start`, each advancing by `step` (natural advance by default). */
export function positionsFrom(glyphs: readonly MeasuredGlyph[], start = 0, step: (g: MeasuredGlyph) => number = (g) => g.advance): number[] {
  const xs: number[] = [];
  glyphs.reduce((x, g) => (xs.push(x), x + step(g)), start);
  return xs;
}

/** Grid step of a 3号 glyph placed on the grid without justification: a full-width character takes one cell. */
export const gridStep = (g: MeasuredGlyph): number => (isFullWidth(g.ch.codePointAt(0) ?? 0) ? CELL_PT : g.advance);

/** Width of glyphs on the grid (see gridStep). */
export const gridWidth = (glyphs: readonly MeasuredGlyph[]): number => glyphs.reduce((w, g) => w + gridStep(g), 0);

/** Total natural width of glyphs. */
export function naturalWidth(glyphs: readonly MeasuredGlyph[]): number {
  return glyphs.reduce((w, g) => w + g.advance, 0);
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
