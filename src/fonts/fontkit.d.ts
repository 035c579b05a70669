/**
 * Stage: fonts — type declarations for the parts of fontkit 2.0.4 that gongwen uses (the package ships no types).
 * Only what gongwen reads: create(), a face's cmap lookup, hmtx metrics, the hhea/head numbers and a glyph's outline
 * (the watermark of numbered copies, src/pdf/watermark-path.ts).
 */
declare module 'fontkit' {
  /** A lazily decoded array (fontkit's restructure LazyArray). */
  export interface LazyArray<T> {
    readonly length: number;
    get(index: number): T | undefined;
  }
  export interface HmtxTable {
    metrics: LazyArray<{ advance: number; bearing: number }>;
  }
  /** One outline command in font units (y up): moveTo x y, lineTo x y, quadraticCurveTo cx cy x y, bezierCurveTo … */
  export interface PathCommand {
    readonly command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    readonly args: readonly number[];
  }
  export interface Glyph {
    readonly id: number;
    readonly advanceWidth: number;
    /** Glyph box in font units. */
    readonly bbox: { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number };
    /** The glyph's outline. */
    readonly path: { readonly commands: readonly PathCommand[] };
  }
  export interface Font {
    readonly type: string;
    readonly postscriptName: string | null;
    readonly familyName: string | null;
    readonly unitsPerEm: number;
    readonly ascent: number;
    readonly descent: number;
    readonly numGlyphs: number;
    readonly hmtx: HmtxTable;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(glyphId: number): Glyph;
  }
  export interface FontCollection {
    readonly type: 'TTC' | 'DFont';
    readonly fonts: Font[];
    getFont(postscriptName: string): Font | null;
  }
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): Font | FontCollection;
}
