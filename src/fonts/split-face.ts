/**
 * Stage: fonts — a face that npm ships in pieces, joined. Input: a web-font stylesheet (`@font-face` rules of one
 * family, each a WOFF2 file with its `unicode-range`, as lxgw-wenkai-webfont writes them) + a reader for its files →
 * one TrueType font of the whole family (joinedTrueType), which joined-face.ts caches and the library then parses like
 * any other font file.
 *
 * LXGW WenKai (the open 楷体 stand-in) is on npm only this way: ~100 unicode-range WOFF2 pieces of one face, each with
 * its own glyph ids. fontkit reads WOFF2 but cannot write its transformed glyf table, so the outlines are decoded
 * piece by piece and written by truetype-writer.ts. Glyph ids while joining are `(piece + 1) × 65536 + local id`, 0
 * is .notdef; the joined font numbers its glyphs in code-point order.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { brotliDecompressSync } from 'node:zlib';
import type * as Fontkit from 'fontkit';
import { glyphOutline, rawTable } from './glyph-outline.ts';
import { glyphOrder, writeTrueType, type OutlineGlyph } from './truetype-writer.ts';

const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;

/** One `@font-face` rule: the file (absolute) and its code point ranges, in stylesheet order. */
export interface SplitPiece {
  readonly file: string;
  readonly ranges: readonly (readonly [number, number])[];
}

/**
 * The pieces of a stylesheet. Only rules with a WOFF2 `src` and a `unicode-range` count; the first rule listing a
 * code point serves it (the browser's rule too, for one family, weight and style).
 */
export function parseSplitStylesheet(css: string, cssFile: string): SplitPiece[] {
  const pieces: SplitPiece[] = [];
  for (const rule of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = rule[1] ?? '';
    const src = /url\(\s*['"]?([^'")]+\.woff2)['"]?\s*\)/.exec(body)?.[1];
    const range = /unicode-range\s*:\s*([^;}]+)/.exec(body)?.[1];
    if (!src || !range) continue;
    const ranges: [number, number][] = [];
    // One pass over the list (a piece lists hundreds of ranges): ≈ 20 % faster than a regex per item, measured.
    for (const m of range.matchAll(/U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/gi)) {
      const first = m[1] as string;
      if (first.includes('?')) ranges.push([parseInt(first.replace(/\?/g, '0'), 16), parseInt(first.replace(/\?/g, 'f'), 16)]);
      else {
        const lo = parseInt(first, 16);
        ranges.push([lo, m[2] ? parseInt(m[2], 16) : lo]);
      }
    }
    pieces.push({ file: path.resolve(path.dirname(cssFile), src), ranges });
  }
  return pieces;
}

/** Whether a file looks like such a stylesheet (the role table names it as a default). */
export const isSplitStylesheet = (file: string): boolean => file.toLowerCase().endsWith('.css');

const PIECE = 0x10000;

/** The joined face. */
export class SplitFont {
  private readonly parsed = new Map<number, Fontkit.Font>();
  private readonly cpToGid = new Map<number, number>();
  /** Range starts sorted, for a binary search from code point to piece. */
  private readonly index: { lo: number; hi: number; piece: number }[];
  private readonly base: Fontkit.Font;

  constructor(
    readonly pieces: readonly SplitPiece[],
    private readonly read: (file: string) => Buffer,
  ) {
    if (pieces.length === 0) throw new Error('web-font stylesheet without WOFF2 unicode-range rules');
    const seen = new Set<number>();
    this.index = pieces
      .flatMap((p, piece) => p.ranges.map(([lo, hi]) => ({ lo, hi, piece })))
      .filter((r) => !seen.has(r.lo) && (seen.add(r.lo), true))
      .sort((a, b) => a.lo - b.lo || a.piece - b.piece);
    // The face-wide tables (names, metrics, OS/2) come from the piece holding the basic ideographs, else the first.
    this.base = this.piece(this.pieceOf(0x4e00) ?? 0);
  }

  private pieceOf(cp: number): number | undefined {
    let lo = 0;
    let hi = this.index.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.index[mid];
      if (!r) break;
      if (cp < r.lo) hi = mid - 1;
      else if (cp > r.hi) lo = mid + 1;
      else return r.piece;
    }
    return undefined;
  }

  private piece(i: number): Fontkit.Font {
    let font = this.parsed.get(i);
    if (!font) {
      const p = this.pieces[i];
      if (!p) throw new Error(`split face: no piece ${i}`);
      const created = fontkit.create(this.read(p.file));
      if ('fonts' in created) throw new Error(`${p.file}: a collection, not one face`);
      font = withNativeBrotli(created);
      this.parsed.set(i, font);
    }
    return font;
  }

  /** The piece font and local glyph of a joined glyph id (0 → the base's .notdef). */
  private resolve(gid: number): { font: Fontkit.Font; local: number } {
    if (gid < PIECE) return { font: this.base, local: 0 };
    return { font: this.piece(Math.floor(gid / PIECE) - 1), local: gid % PIECE };
  }

  private gidFor(cp: number): number {
    let gid = this.cpToGid.get(cp);
    if (gid === undefined) {
      const piece = this.pieceOf(cp);
      const font = piece === undefined ? undefined : this.piece(piece);
      const local = font?.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).id : 0;
      gid = piece === undefined || local === 0 ? 0 : (piece + 1) * PIECE + local;
      this.cpToGid.set(cp, gid);
    }
    return gid;
  }

  /** The outline of a joined glyph as contours (composite glyphs flattened through fontkit's path). */
  outline(gid: number): OutlineGlyph {
    const { font, local } = this.resolve(gid);
    return glyphOutline(font, local);
  }

  /**
   * The whole family as one TrueType font: every code point the stylesheet routes to a glyph, the glyphs in
   * code-point order (so the BMP cmap is a few long runs) — what joined-face.ts caches on disk, so that a build parses
   * one ordinary font instead of decoding WOFF2 pieces.
   */
  joinedTrueType(): Buffer {
    // Piece by piece, each parsed piece dropped once its glyphs' outlines are taken (all decoded at once: ≈ 1.3 GB).
    const byPiece = new Map<number, number[]>();
    const cps = new Set<number>();
    for (const { lo, hi } of this.index) for (let cp = lo; cp <= hi; cp++) cps.add(cp);
    const sorted = [...cps].sort((a, b) => a - b);
    for (const cp of sorted) {
      const piece = this.pieceOf(cp);
      if (piece === undefined) continue;
      const list = byPiece.get(piece);
      if (list) list.push(cp);
      else byPiece.set(piece, [cp]);
    }
    const base = this.pieceOf(0x4e00) ?? 0;
    const outlines = new Map<number, OutlineGlyph>([[0, this.outline(0)]]);
    const gidOf = new Map<number, number>();
    for (const [piece, list] of [...byPiece].sort((a, b) => a[0] - b[0])) {
      for (const cp of list) {
        const gid = this.gidFor(cp);
        if (gid === 0) continue;
        gidOf.set(cp, gid);
        if (!outlines.has(gid)) outlines.set(gid, this.outline(gid));
      }
      if (piece !== base) this.parsed.delete(piece); // the base piece holds the face-wide tables
    }
    const { order, cmap } = glyphOrder(sorted, (cp) => gidOf.get(cp));
    return this.write(order, cmap, (gid) => outlines.get(gid) ?? this.outline(gid));
  }

  /** Writes glyphs `order` (joined ids, .notdef first) with `cmap` (code point → index in `order`). */
  private write(order: readonly number[], cmap: ReadonlyMap<number, number>, outlineOf: (gid: number) => OutlineGlyph = (gid) => this.outline(gid)): Buffer {
    const head = rawTable(this.base, 'head');
    const hhea = rawTable(this.base, 'hhea');
    if (!head || !hhea) throw new Error('split face: the base piece has no head/hhea');
    const os2 = rawTable(this.base, 'OS/2');
    const name = rawTable(this.base, 'name');
    const post = rawTable(this.base, 'post');
    return writeTrueType({
      tables: { head, hhea, ...(os2 ? { os2 } : {}), ...(name ? { name } : {}), ...(post ? { post } : {}) },
      glyphs: order.map(outlineOf),
      cmap,
    });
  }

}

/** The part of fontkit's WOFF2Font that unpacks the font data. */
interface Woff2Internals {
  _decompressed?: boolean;
  _dataPos: number;
  stream: { pos: number; readBuffer(n: number): Uint8Array; constructor: new (buffer: Uint8Array) => unknown };
  directory: { totalCompressedSize: number; tables: Record<string, { offset: number; length: number; transformLength?: number }> };
  _decompress(): void;
}

/**
 * fontkit unpacks WOFF2 with a JavaScript Brotli decoder (≈ 20 ms a piece here); Node's own zlib does the same in
 * about a tenth of that. Same bytes in, same table layout out as fontkit's `_decompress` (WOFF2 §5: the tables lie one
 * after another in directory order, each `transformLength` or `length` long).
 */
function withNativeBrotli(font: Fontkit.Font): Fontkit.Font {
  const f = font as unknown as Woff2Internals;
  if (font.type !== 'WOFF2' || typeof f._decompress !== 'function') return font;
  f._decompress = function decompress(this: Woff2Internals) {
    if (this._decompressed) return;
    this.stream.pos = this._dataPos;
    const compressed = this.stream.readBuffer(this.directory.totalCompressedSize);
    let size = 0;
    for (const entry of Object.values(this.directory.tables)) {
      entry.offset = size;
      size += entry.transformLength ?? entry.length;
    }
    const data = brotliDecompressSync(compressed);
    if (data.length < size) throw new Error('WOFF2: decompressed data shorter than its tables');
    const Stream = this.stream.constructor;
    this.stream = new Stream(new Uint8Array(data.buffer, data.byteOffset, data.length)) as Woff2Internals['stream'];
    this._decompressed = true;
  };
  return font;
}

