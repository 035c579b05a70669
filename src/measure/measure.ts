/**
 * Stage: measuring (shared by compose and layout). Input: text in a font role + the edition's FontSet → measured
 * glyphs, each drawn by the first face of the role's chain that has it (per-character fallback, GB/T 9704 roles;
 * fallback glyphs still take one full cell), and widths on the grid.
 */
import type { FontFace, FontSet } from '../fonts/types.ts';
import type { FontRole } from '../model/types.ts';
import type { MeasuredGlyph } from './line-breaker.ts';
import { isFullWidth } from './char-class.ts';
import { CELL_PT } from '../gbt9704/page.ts';

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

/** Grid step of a 3号 glyph placed on the grid without justification: a full-width character takes one cell. */
export const gridStep = (g: MeasuredGlyph): number => (isFullWidth(g.ch.codePointAt(0) ?? 0) ? CELL_PT : g.advance);

/** Width of glyphs on the grid (see gridStep). */
export const gridWidth = (glyphs: readonly MeasuredGlyph[]): number => glyphs.reduce((w, g) => w + gridStep(g), 0);

/** Width of glyphs on the grid, in cells (一字 = 1). */
export const gridCells = (glyphs: readonly MeasuredGlyph[]): number => gridWidth(glyphs) / CELL_PT;

/** Total natural width of glyphs. */
export function naturalWidth(glyphs: readonly MeasuredGlyph[]): number {
  return glyphs.reduce((w, g) => w + g.advance, 0);
}
