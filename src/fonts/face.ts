/**
 * Stage: fonts — a face that loads on first use. Input: a discovered face (file, name-table identity, source) →
 * FontFace (cmap test, advances, metrics, sha256, bytes). Identity is known from discovery; the 10–20 MB file is
 * read only when something asks for glyphs, metrics or bytes, through `world.readBytes` (so watch mode sees it).
 * Bytes and parsed fonts are cached per process by (path, size, mtime): a watch rebuild does not re-read fonts.
 */
import { createHash } from 'node:crypto';
import * as fontkit from 'fontkit';
import type { World } from '../world.ts';
import { fileStamp } from './font-files.ts';
import type { FaceInfo } from './sfnt-names.ts';
import type { FontFace, FontSource } from './types.ts';

/** A face found by discovery, before it is loaded. */
export interface DiscoveredFace {
  /** Absolute path. */
  readonly file: string;
  readonly info: FaceInfo;
  readonly source: FontSource;
}

interface FileBytes {
  stamp: string;
  bytes: Buffer;
  sha256?: string;
}

interface ParsedFace {
  font: fontkit.Font;
  hasGlyph: Map<number, boolean>;
  advanceUnits: Map<number, number>;
}

const byteCache = new Map<string, FileBytes>();
const parsedCache = new Map<string, { bytes: Buffer; parsed: ParsedFace }>();

/** Bytes of a font file, read through the World once per (size, mtime); later calls only record the dependency. */
function fileBytes(world: World, file: string): FileBytes {
  const stamp = fileStamp(file) ?? '';
  const cached = byteCache.get(file);
  if (cached && stamp !== '' && cached.stamp === stamp) {
    world.deps.add(file); // what readBytes would have recorded: the build depends on this font
    return cached;
  }
  const entry: FileBytes = { stamp, bytes: world.readBytes(file) };
  byteCache.set(file, entry);
  return entry;
}

function parseFace(bytes: Buffer, face: DiscoveredFace): ParsedFace {
  const id = `${face.file}#${face.info.collectionIndex ?? ''}`;
  const cached = parsedCache.get(id);
  if (cached && cached.bytes === bytes) return cached.parsed;
  const created = fontkit.create(bytes);
  let font: fontkit.Font | undefined;
  if ('fonts' in created) {
    const index = face.info.collectionIndex ?? 0;
    font = created.fonts[index];
  } else font = created;
  if (!font) throw new Error(`${face.file}: face ${face.info.collectionIndex} not found`);
  const parsed: ParsedFace = { font, hasGlyph: new Map(), advanceUnits: new Map() };
  parsedCache.set(id, { bytes, parsed });
  return parsed;
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
  private readonly world: World;
  private readonly discovered: DiscoveredFace;
  private loadedBytes: FileBytes | undefined;
  private parsedFace: ParsedFace | undefined;

  constructor(discovered: DiscoveredFace, key: string, world: World) {
    this.key = key;
    this.family = discovered.info.family;
    this.familyNames = discovered.info.familyNames;
    this.postscriptName = discovered.info.postscriptName;
    this.style = discovered.info.style;
    this.collectionIndex = discovered.info.collectionIndex;
    this.file = discovered.file;
    this.source = discovered.source;
    this.weight = discovered.info.weight;
    this.world = world;
    this.discovered = discovered;
  }

  private get fileBytes(): FileBytes {
    this.loadedBytes ??= fileBytes(this.world, this.file);
    return this.loadedBytes;
  }

  private get parsed(): ParsedFace {
    this.parsedFace ??= parseFace(this.fileBytes.bytes, this.discovered);
    return this.parsedFace;
  }

  get sha256(): string {
    const b = this.fileBytes;
    b.sha256 ??= createHash('sha256').update(b.bytes).digest('hex');
    return b.sha256;
  }

  get unitsPerEm(): number {
    return this.parsed.font.unitsPerEm;
  }

  get ascent(): number {
    return this.parsed.font.ascent;
  }

  get descent(): number {
    return this.parsed.font.descent;
  }

  /** True only when the cmap maps `cp` to a glyph other than .notdef (glyph 0). */
  hasCodePoint(cp: number): boolean {
    const p = this.parsed;
    let has = p.hasGlyph.get(cp);
    if (has === undefined) {
      has = p.font.hasGlyphForCodePoint(cp);
      p.hasGlyph.set(cp, has);
    }
    return has;
  }

  /**
   * advanceWidth / unitsPerEm × size, from hmtx (a missing code point measures as .notdef). Read from hmtx directly
   * because fontkit's glyph.advanceWidth decodes the outline when the font has no vmtx.
   */
  advancePt(cp: number, sizePt: number): number {
    const p = this.parsed;
    let units = p.advanceUnits.get(cp);
    if (units === undefined) {
      const gid = p.font.glyphForCodePoint(cp).id;
      const metrics = p.font.hmtx.metrics;
      // Glyphs past the last long metric share its advance (OpenType hmtx).
      units = (gid < metrics.length ? metrics.get(gid) : metrics.get(metrics.length - 1))?.advance ?? p.font.unitsPerEm;
      p.advanceUnits.set(cp, units);
    }
    return (units / p.font.unitsPerEm) * sizePt;
  }

  bytes(): Buffer {
    return this.fileBytes.bytes;
  }
}
