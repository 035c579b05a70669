/**
 * Stage: fonts — a standalone TrueType font of the characters a document sets in a face. Input: a parsed TrueType
 * face (fontkit; read sparsely is fine: the glyphs are ensured here) + the characters → a TrueType file with those
 * glyphs (simple ones copied as the face has them, without hinting; composites flattened), a cmap for them, and
 * the face's own head, hhea, OS/2, name and post tables (truetype-writer.ts).
 *
 * For the fonts a DOCX embeds (src/docx/embed-fonts.ts). Measured against HarfBuzz (subset-font), which read each
 * whole 15 MB file and took ≈ 600 ms per edition: ≈ 20–40 ms here, from the outlines the build has already read
 * for the PDF. Hinting is dropped (CJK faces at print sizes do not need it), as are GSUB/GPOS (the document's text
 * is set without shaping: src/layout/runs.ts).
 */
import type * as Fontkit from 'fontkit';
import { glyphOutline, rawTable } from './glyph-outline.ts';
import { faceTables } from './sfnt-tables.ts';
import { ensureGlyphs } from './sparse-font.ts';
import { glyphOrder, writeTrueType, type RawGlyph } from './truetype-writer.ts';

/** The parts of fontkit's TrueType face that locate a glyph's record and advance. */
interface GlyfInternals {
  loca?: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array } | null;
}

/** A simple glyph's `glyf` record, to be copied without decoding; undefined for a composite (or a CFF face). */
function simpleRecord(font: Fontkit.Font, gid: number): RawGlyph | undefined {
  const tt = font as unknown as GlyfInternals;
  const start = tt.loca?.offsets[gid];
  const end = tt.loca?.offsets[gid + 1];
  const stream = start === undefined || end === undefined ? null : tt._getTableStream('glyf');
  if (!stream || start === undefined || end === undefined) return undefined;
  stream.pos += start;
  const record = Buffer.from(stream.readBuffer(end - start));
  if (record.length >= 2 && record.readInt16BE(0) < 0) return undefined;
  return { record, advance: faceTables(font).advance(gid) };
}

/**
 * A TrueType font holding the glyphs of `text` in `font` (characters the face lacks, glyph 0, are left out).
 * `glyphId` maps a code point through the cmap (FontFace.glyphId: memoised by the layout's measuring).
 */
export function trueTypeSubset(
  font: Fontkit.Font,
  text: string,
  glyphId: (cp: number) => number = (cp) => faceTables(font).glyphId(cp),
  /** A `name` table to write instead of the face's own (a DOCX embeds the subset under an office family name). */
  name?: Buffer,
): Buffer {
  const cps = [...new Set([...text].map((ch) => ch.codePointAt(0) ?? 0))].sort((a, b) => a - b);
  const { order, cmap } = glyphOrder(cps, glyphId);
  ensureGlyphs(font, order);
  const head = rawTable(font, 'head');
  const hhea = rawTable(font, 'hhea');
  if (!head || !hhea) throw new Error(`${font.postscriptName ?? 'font'}: no head/hhea table`);
  const os2 = rawTable(font, 'OS/2');
  name ??= rawTable(font, 'name');
  const post = rawTable(font, 'post');
  return writeTrueType({
    tables: { head, hhea, ...(os2 ? { os2 } : {}), ...(name ? { name } : {}), ...(post ? { post } : {}) },
    glyphs: order.map((gid) => simpleRecord(font, gid) ?? glyphOutline(font, gid)),
    cmap,
  });
}
