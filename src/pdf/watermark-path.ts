/**
 * Stage: PDF writer — watermark outlines. Input: a watermark line as laid out (glyphs along a rotated baseline) and
 * the faces → one SVG path (`d`) in page coordinates (pt, y down), the glyphs' own outlines from the font. Drawn as
 * a filled path, the watermark is not text: it is neither selected nor extracted with the page's text, and needs no
 * glyph in the embedded font subsets.
 */
import { ensureGlyphs } from '../fonts/sparse-font.ts';
import type { FontFace } from '../fonts/types.ts';
import type { WatermarkLayout } from '../layout/types.ts';

/** Two decimals of a point are far below a printer's dot; fewer digits keep the path small. */
const num = (v: number): string => String(Math.round(v * 100) / 100);

/**
 * The watermark's outline as one SVG path. TrueType's quadratic segments are written as the exact cubic (control
 * points two thirds of the way to the quadratic's), because pdfkit would draw an SVG `Q` as an approximation.
 */
export function watermarkPath(w: WatermarkLayout, faces: ReadonlyMap<string, FontFace>): string {
  const angle = (w.angleDeg * Math.PI) / 180;
  const along = { x: Math.cos(angle), y: -Math.sin(angle) };
  const up = { x: -Math.sin(angle), y: -Math.cos(angle) };
  const parts: string[] = [];
  for (const g of w.glyphs) {
    const face = faces.get(g.faceKey);
    if (!face) throw new Error(`watermark uses unknown face ${g.faceKey}`);
    const font = face.fontkitFont();
    const scale = w.sizePt / font.unitsPerEm;
    // A point in font units (y up) on the page (pt, y down), along the rotated baseline.
    const onPage = (x: number, y: number) => {
      const u = g.offset + x * scale;
      const v = y * scale;
      return `${num(w.x + u * along.x + v * up.x)} ${num(w.y + u * along.y + v * up.y)}`;
    };
    let current = { x: 0, y: 0 };
    let start = current;
    const glyph = font.glyphForCodePoint(g.cp);
    ensureGlyphs(font, [glyph.id]);
    for (const { command, args } of glyph.path.commands) {
      const a = (i: number) => args[i] ?? 0;
      if (command === 'moveTo') {
        parts.push(`M${onPage(a(0), a(1))}`);
        start = current = { x: a(0), y: a(1) };
      } else if (command === 'lineTo') {
        parts.push(`L${onPage(a(0), a(1))}`);
        current = { x: a(0), y: a(1) };
      } else if (command === 'quadraticCurveTo') {
        const [qx, qy, x, y] = [a(0), a(1), a(2), a(3)];
        const c1 = onPage(current.x + ((qx - current.x) * 2) / 3, current.y + ((qy - current.y) * 2) / 3);
        const c2 = onPage(x + ((qx - x) * 2) / 3, y + ((qy - y) * 2) / 3);
        parts.push(`C${c1} ${c2} ${onPage(x, y)}`);
        current = { x, y };
      } else if (command === 'bezierCurveTo') {
        parts.push(`C${onPage(a(0), a(1))} ${onPage(a(2), a(3))} ${onPage(a(4), a(5))}`);
        current = { x: a(4), y: a(5) };
      } else {
        parts.push('Z');
        current = start;
      }
    }
  }
  return parts.join('');
}
