/**
 * Stage: fonts — a face that loads on first use. Input: a discovered face (file, name-table identity, source) + the
 * compiler's FontLibrary → FontFace (cmap test, advances, metrics, sha256, bytes, the parsed face). Identity is known
 * from discovery; the 10–20 MB file is read only when something asks for glyphs, metrics or bytes, and the library
 * reads and parses it once per process.
 */
import { faceTables } from './sfnt-tables.ts';
import { ensureGlyphs } from './sparse-font.ts';
import type * as Fontkit from 'fontkit';
import type { World } from '../world.ts';
import type { FontLibrary, ParsedFace } from './library.ts';
import type { FaceInfo } from './sfnt-names.ts';
import type { FontFace, FontSource } from './types.ts';

/** A face found by discovery, before it is loaded. */
export interface DiscoveredFace {
  /** Absolute path. */
  readonly file: string;
  readonly info: FaceInfo;
  readonly source: FontSource;
}

/** A FontFace over a discovered face; `key` is chosen by the resolver (unique within a FontSet). */
export class LazyFontFace implements FontFace {
  readonly key: string;
  readonly family: string;
  readonly familyNames: readonly string[];
  readonly postscriptName: string;
  readonly style: string;
  readonly collectionIndex: number | undefined;
  readonly file: string;
  readonly source: FontSource;
  /** Usual weight class, used to choose among faces of one family. */
  readonly weight: number;
  private parsedFace: ParsedFace | undefined;

  constructor(
    discovered: DiscoveredFace,
    key: string,
    private readonly world: World,
    private readonly library: FontLibrary,
  ) {
    this.key = key;
    this.family = discovered.info.family;
    this.familyNames = discovered.info.familyNames;
    this.postscriptName = discovered.info.postscriptName;
    this.style = discovered.info.style;
    this.collectionIndex = discovered.info.collectionIndex;
    this.file = discovered.file;
    this.source = discovered.source;
    this.weight = discovered.info.weight;
  }

  private get parsed(): ParsedFace {
    this.parsedFace ??= this.library.parse(this.world, this.file, this.collectionIndex);
    return this.parsedFace;
  }

  sha256(): Promise<string> {
    return this.library.sha256(this.world, this.file);
  }

  get unitsPerEm(): number {
    return this.parsed.unitsPerEm;
  }

  get ascent(): number {
    return this.parsed.font.ascent;
  }

  get descent(): number {
    return this.parsed.font.descent;
  }

  /** True only when the cmap maps `cp` to a glyph other than .notdef (glyph 0). */
  hasCodePoint(cp: number): boolean {
    return this.glyphId(cp) !== 0;
  }

  /**
   * advanceWidth / unitsPerEm × size, from hmtx (a missing code point measures as .notdef). Read from hmtx directly
   * because fontkit's glyph.advanceWidth decodes the outline when the font has no vmtx.
   */
  advancePt(cp: number, sizePt: number): number {
    return (this.advanceUnits(cp) / this.parsed.unitsPerEm) * sizePt;
  }

  /** The hmtx advance of the glyph `cp` maps to, in font units. */
  advanceUnits(cp: number): number {
    const p = this.parsed;
    let units = p.advanceUnits.get(cp);
    if (units === undefined) {
      units = faceTables(p.font).advance(this.glyphId(cp));
      p.advanceUnits.set(cp, units);
    }
    return units;
  }

  glyphId(cp: number): number {
    const p = this.parsed;
    let gid = p.glyphIds.get(cp);
    if (gid === undefined) {
      gid = faceTables(p.font).glyphId(cp);
      p.glyphIds.set(cp, gid);
    }
    return gid;
  }

  /** The glyph box from the outline (fontkit's bbox: TrueType glyf header or CFF charstring bounds). */
  inkTopPt(cp: number, sizePt: number): number {
    const font = this.parsed.font;
    const glyph = font.glyphForCodePoint(cp);
    ensureGlyphs(font, [glyph.id]);
    return (glyph.bbox.maxY / font.unitsPerEm) * sizePt;
  }

  bytes(): Buffer {
    return this.library.sfntBytes(this.world, this.file);
  }

  fontkitFont(): Fontkit.Font {
    return this.parsed.font;
  }
}
