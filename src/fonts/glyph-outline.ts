/**
 * Stage: fonts — glyph outlines and raw tables out of a parsed face. Input: a fontkit face (TrueType, or a WOFF2
 * piece) and a glyph id → the glyph's contours in font units with its advance, as truetype-writer.ts writes them;
 * and a table's raw bytes. Shared by the joiner of split faces (split-face.ts) and the DOCX font subsets
 * (truetype-subset.ts). The face's outlines must be readable: callers of a sparsely read face ensure them first.
 */
import type * as Fontkit from 'fontkit';
import type { OutlineGlyph, OutlinePoint } from './truetype-writer.ts';

/** The decoded outline of a glyph as fontkit gives it (a WOFF2 piece's transformed glyf, or a glyf entry). */
interface DecodedGlyph {
  numberOfContours: number;
  points?: { x: number; y: number; onCurve: boolean; endContour?: boolean }[];
}
interface FontkitGlyphInternals {
  id: number;
  advanceWidth: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  path: { commands: { command: string; args: number[] }[] };
  _decode(): DecodedGlyph | null;
  _getMetrics(): { advanceWidth: number; leftBearing: number };
}
interface FontkitInternals {
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  _getTableStream(tag: string): { readBuffer(n: number): Uint8Array } | null;
}

/** The outline of a glyph as contours: TrueType points as they are, composite glyphs flattened through fontkit's path. */
export function glyphOutline(font: Fontkit.Font, gid: number): OutlineGlyph {
  const glyph = font.getGlyph(gid) as unknown as FontkitGlyphInternals;
  const advance = glyph._getMetrics().advanceWidth;
  const decoded = glyph._decode();
  if (decoded && decoded.numberOfContours >= 0 && decoded.points) {
    const contours: OutlinePoint[][] = [];
    let current: OutlinePoint[] = [];
    for (const p of decoded.points) {
      current.push({ x: p.x, y: p.y, onCurve: p.onCurve });
      if (p.endContour) {
        contours.push(current);
        current = [];
      }
    }
    if (current.length > 0) contours.push(current);
    return { contours, advance };
  }
  return { contours: decoded ? contoursOfPath(glyph.path.commands) : [], advance };
}

/** Raw bytes of an untransformed table of a face (head, hhea, OS/2, name, post). */
export function rawTable(font: Fontkit.Font, tag: string): Buffer | undefined {
  const internals = font as unknown as FontkitInternals;
  const entry = internals.directory.tables[tag];
  const stream = entry ? internals._getTableStream(tag) : null;
  return entry && stream ? Buffer.from(stream.readBuffer(entry.length)) : undefined;
}

/** fontkit path commands (quadratic: TrueType components) as contours of on- and off-curve points. */
function contoursOfPath(commands: readonly { command: string; args: number[] }[]): OutlinePoint[][] {
  const contours: OutlinePoint[][] = [];
  let current: OutlinePoint[] = [];
  const close = () => {
    const first = current[0];
    const last = current.at(-1);
    if (current.length > 1 && first && last && first.x === last.x && first.y === last.y && last.onCurve) current.pop();
    if (current.length > 0) contours.push(current);
    current = [];
  };
  for (const { command, args } of commands) {
    if (command === 'moveTo') {
      close();
      current.push({ x: args[0] ?? 0, y: args[1] ?? 0, onCurve: true });
    } else if (command === 'lineTo') current.push({ x: args[0] ?? 0, y: args[1] ?? 0, onCurve: true });
    else if (command === 'quadraticCurveTo') current.push({ x: args[0] ?? 0, y: args[1] ?? 0, onCurve: false }, { x: args[2] ?? 0, y: args[3] ?? 0, onCurve: true });
    else if (command === 'closePath') close();
  }
  close();
  return contours;
}
