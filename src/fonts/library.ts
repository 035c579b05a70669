/**
 * Stage: fonts — the font library a compiler keeps across builds. Input: font file paths read through the World →
 * identified faces (header reads), file bytes, SHA-256 and parsed fontkit faces, each computed once per process and
 * kept while the file's size and mtime stay the same. A second build in the same process (watch, copies, batch)
 * re-reads nothing: it only stats the files (recorded as probes) and records them as dependencies, as a read would.
 *
 * fontkit is loaded as CommonJS on purpose: pdfkit requires the CommonJS build, and sharing that one instance means
 * the faces parsed here are the very objects the PDF writer hands to pdfkit (src/pdf/font-bridge.ts), instead of a
 * second copy of fontkit (and of every parsed table) being loaded for the ESM import.
 */
import { webcrypto } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { World } from '../world.ts';
import { type FaceInfo, type FontFileKind, readFaceInfos, sniffKind } from './sfnt-names.ts';
import { SplitFont, isSplitStylesheet, parseSplitStylesheet } from './split-face.ts';

const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;

/** A font file as discovery sees it. */
export interface FontFileEntry {
  /** Absolute path. */
  readonly file: string;
  readonly kind: FontFileKind;
  /** Faces of an sfnt/collection file; [] for WOFF, unknown or unreadable files. */
  readonly faces: readonly FaceInfo[];
  /** Why the file could not be identified, if it could not. */
  readonly error?: string;
}

/** A parsed face plus per-code-point memo tables (cmap hits and hmtx advances are asked thousands of times). */
export interface ParsedFace {
  readonly font: Fontkit.Font;
  readonly hasGlyph: Map<number, boolean>;
  readonly advanceUnits: Map<number, number>;
}

interface Stamped<T> {
  stamp: string;
  value: T;
}

/** What the library did, for tests and the benchmark: a warm build must add no reads and no parses. */
export interface FontLibraryStats {
  /** Whole font files read. */
  fileReads: number;
  bytesRead: number;
  /** Font headers read to identify a file. */
  headerReads: number;
  /** Faces parsed with fontkit. */
  parses: number;
  /** SHA-256 digests computed. */
  digests: number;
}

/** `size:mtime` of a regular file through the World (a probe), or undefined when it is gone. */
export function fileStamp(world: World, file: string): string | undefined {
  const s = world.stat(file);
  return s?.isFile ? `${s.size}:${s.mtimeMs}` : undefined;
}

/** The process's parsed fonts. One per compiler; tests may make their own. */
export class FontLibrary {
  readonly stats: FontLibraryStats = { fileReads: 0, bytesRead: 0, headerReads: 0, parses: 0, digests: 0 };
  private readonly identified = new Map<string, Stamped<FontFileEntry>>();
  private readonly fileBytes = new Map<string, Stamped<Buffer>>();
  private readonly digests = new WeakMap<Buffer, Promise<string>>();
  private readonly parsedFaces = new Map<string, { bytes: Buffer; parsed: ParsedFace }>();
  /** The build whose World reads the pieces of split faces (the latest to ask). */
  private pieceWorld: World | undefined;

  /** Identifies a font file from its header (cached until its size or mtime changes). */
  identify(world: World, file: string): FontFileEntry {
    const stamp = fileStamp(world, file);
    if (stamp === undefined) return { file, kind: 'unknown', faces: [], error: '文件不存在或无法读取' };
    const cached = this.identified.get(file);
    if (cached && cached.stamp === stamp) {
      world.deps.files.add(file);
      return cached.value;
    }
    this.stats.headerReads++;
    const entry = isSplitStylesheet(file) ? this.identifySplit(world, file) : identifyUncached(world, file, Number(stamp.split(':')[0]));
    this.identified.set(file, { stamp, value: entry });
    return entry;
  }

  /** The bytes of a font file, read through the World once per (size, mtime). */
  bytes(world: World, file: string): Buffer {
    const stamp = fileStamp(world, file) ?? '';
    const cached = this.fileBytes.get(file);
    if (cached && stamp !== '' && cached.stamp === stamp) {
      world.deps.files.add(file); // what readBytes would have recorded: the build depends on this font
      return cached.value;
    }
    const value = world.readBytes(file);
    this.stats.fileReads++;
    this.stats.bytesRead += value.length;
    this.fileBytes.set(file, { stamp, value });
    this.digestOf(value); // start hashing now, on the thread pool, while the main thread lays out
    return value;
  }

  /** Lower-case hex SHA-256 of a font file (once per distinct file contents; the manifest records it). */
  sha256(world: World, file: string): Promise<string> {
    return this.digestOf(this.bytes(world, file));
  }

  /** The digest of `bytes`, computed off the main thread (WebCrypto runs on libuv's thread pool) and kept. */
  private digestOf(bytes: Buffer): Promise<string> {
    let hex = this.digests.get(bytes);
    if (hex === undefined) {
      this.stats.digests++;
      hex = webcrypto.subtle.digest('SHA-256', bytes).then((d) => Buffer.from(d).toString('hex'));
      this.digests.set(bytes, hex);
    }
    return hex;
  }

  /** The parsed face `collectionIndex` of a file (a whole TTC is parsed once and its face taken by index). */
  parse(world: World, file: string, collectionIndex: number | undefined): ParsedFace {
    const bytes = this.bytes(world, file);
    const id = `${file}#${collectionIndex ?? ''}`;
    if (isSplitStylesheet(file)) this.pieceWorld = world;
    const cached = this.parsedFaces.get(id);
    if (cached && cached.bytes === bytes) return cached.parsed;
    this.stats.parses++;
    if (isSplitStylesheet(file)) {
      const parsed: ParsedFace = { font: this.splitFont(world, file, bytes) as unknown as Fontkit.Font, hasGlyph: new Map(), advanceUnits: new Map() };
      this.parsedFaces.set(id, { bytes, parsed });
      return parsed;
    }
    const created = fontkit.create(bytes);
    const font = 'fonts' in created ? created.fonts[collectionIndex ?? 0] : created;
    if (!font) throw new Error(`${file}: face ${collectionIndex} not found`);
    const parsed: ParsedFace = { font, hasGlyph: new Map(), advanceUnits: new Map() };
    this.parsedFaces.set(id, { bytes, parsed });
    return parsed;
  }

  /** A split face over a stylesheet's bytes; its pieces are read through the World of the latest build that parsed it. */
  private splitFont(world: World, file: string, bytes: Buffer): SplitFont {
    this.pieceWorld = world;
    return new SplitFont(parseSplitStylesheet(bytes.toString('utf8'), file), (piece) => this.bytes(this.pieceWorld ?? world, piece));
  }

  /** Identifies a web-font stylesheet of WOFF2 pieces by the names of its base piece. */
  private identifySplit(world: World, file: string): FontFileEntry {
    try {
      return { file, kind: 'split', faces: [this.splitFont(world, file, this.bytes(world, file)).faceInfo()] };
    } catch (e) {
      return { file, kind: 'unknown', faces: [], error: e instanceof Error ? e.message : String(e) };
    }
  }
}

function identifyUncached(world: World, file: string, size: number): FontFileEntry {
  try {
    const access = { size, read: (offset: number, length: number) => world.readRange(file, offset, Math.max(0, Math.min(length, size - offset))) };
    const kind = sniffKind(access.read(0, 4));
    if (kind !== 'sfnt' && kind !== 'collection') return { file, kind, faces: [] };
    return { file, kind, faces: readFaceInfos(access) };
  } catch (e) {
    return { file, kind: 'unknown', faces: [], error: e instanceof Error ? e.message : String(e) };
  }
}
