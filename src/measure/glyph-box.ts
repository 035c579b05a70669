/**
 * Stage: measuring — where ink and line boxes are (shared by layout and the DOCX writer). Input: measured glyphs, or
 * a role at a size → the highest ink above and the lowest ink below the baseline (the glyph boxes of the faces that
 * draw them), and the line box of a role's face (hhea ascent and descent). The 版头's distances are between printed
 * ink (GB/T 9704 §7.2.4 “上边缘”, §7.2.7 “之下4mm”, as a ruler measures them); a DOCX line of exactly the line box's
 * height puts its baseline one ascent below its top in Word and LibreOffice alike (src/docx/metrics.ts footerMetrics).
 */
import { ensureGlyphs } from '../fonts/sparse-font.ts';
import type { FontSet } from '../fonts/types.ts';
import type { FontRole } from '../model/types.ts';
import type { FaceGlyph } from './measure.ts';

/** Highest ink above the baseline among `glyphs`, pt. */
export function inkAbove(glyphs: readonly FaceGlyph[]): number {
  return Math.max(0, ...glyphs.map((g) => g.face.inkTopPt(g.ch.codePointAt(0) ?? 0, g.sizePt)));
}

/** Lowest ink below the baseline among `glyphs`, pt (positive: below the baseline). */
export function inkBelow(glyphs: readonly FaceGlyph[]): number {
  return Math.max(
    0,
    ...glyphs.map((g) => {
      const font = g.face.fontkitFont();
      const glyph = font.glyphForCodePoint(g.ch.codePointAt(0) ?? 0);
      // Faces are read sparsely: the outline (and so the box) is there only once ensured.
      ensureGlyphs(font, [glyph.id]);
      return (-glyph.bbox.minY / font.unitsPerEm) * g.sizePt;
    }),
  );
}

/** The line box of `role`'s primary face at `sizePt`: ascent above and descent below the baseline, pt. */
export function lineBox(fonts: FontSet, role: FontRole, sizePt: number): { ascentPt: number; descentPt: number; heightPt: number } {
  const face = fonts.roles[role].chain[0];
  const ascentPt = face ? (face.ascent / face.unitsPerEm) * sizePt : sizePt * 0.88;
  const descentPt = face ? (-face.descent / face.unitsPerEm) * sizePt : sizePt * 0.12;
  return { ascentPt, descentPt, heightPt: ascentPt + descentPt };
}
