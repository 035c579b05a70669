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
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { ByteRange, World } from '../world.ts';
import { type FaceInfo, type FontFileKind, readFaceInfos, sniffKind } from './sfnt-names.ts';
import { DigestIndex } from './digest-index.ts';
import { joinedFace, type JoinedFace } from './joined-face.ts';
import { faceTables } from './sfnt-tables.ts';
import { SparseFont, attachSparse, type RangeReader } from './sparse-font.ts';
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
  /** The head table's unitsPerEm, read once (fontkit's getter looks the table up on every call: the layout asks per glyph). */
  readonly unitsPerEm: number;
  readonly glyphIds: Map<number, number>;
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
  private readonly parsedFaces = new Map<string, Stamped<ParsedFace>>();
  /** `digestIndex`: the digests earlier runs computed (tests give a private one). */
  constructor(private readonly digestIndex: DigestIndex = new DigestIndex()) {}

  /** Joined fonts of split stylesheets, by stylesheet, with the stylesheet bytes they were made for. */
  private readonly joinedFaces = new Map<string, { source: Buffer; face: JoinedFace }>();

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
    return value;
  }

  /**
   * Lower-case hex SHA-256 of a font file (the manifest records it): from the digest index while the file keeps its
   * size and mtime, else computed once per distinct file contents and recorded there.
   */
  sha256(world: World, file: string): Promise<string> {
    const stamp = fileStamp(world, file);
    const known = stamp === undefined ? undefined : this.digestIndex.get(file, stamp);
    if (known !== undefined) {
      world.deps.files.add(file);
      return Promise.resolve(known);
    }
    const hex = this.digestOf(this.bytes(world, file));
    if (stamp !== undefined) void hex.then((h) => this.digestIndex.set(file, stamp, h));
    return hex;
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

  /**
   * The parsed face `collectionIndex` of a file (a whole TTC is parsed once and its face taken by index), read
   * sparsely (sparse-font.ts: the tables, then only the outlines the writers ask for); kept while the file's size and
   * mtime stay the same.
   */
  parse(world: World, file: string, collectionIndex: number | undefined): ParsedFace {
    const stamp = fileStamp(world, file) ?? '';
    const id = `${file}#${collectionIndex ?? ''}`;
    const cached = this.parsedFaces.get(id);
    if (cached && stamp !== '' && cached.stamp === stamp) {
      world.deps.files.add(file);
      return cached.value;
    }
    this.stats.parses++;
    this.stats.fileReads++;
    const program = this.program(world, file);
    const sparse = new SparseFont(program.size, program.read);
    this.stats.bytesRead += sparse.reads.bytes;
    const created = fontkit.create(sparse.buffer);
    const font = 'fonts' in created ? created.fonts[collectionIndex ?? 0] : created;
    if (!font) throw new Error(`${file}: face ${collectionIndex} not found`);
    attachSparse(font, sparse);
    faceTables(font); // cmap, hmtx and loca read from the bytes (sfnt-tables.ts), loca before any glyph is read
    const parsed: ParsedFace = { font, unitsPerEm: font.unitsPerEm, glyphIds: new Map(), advanceUnits: new Map() };
    this.parsedFaces.set(id, { stamp, value: parsed });
    return parsed;
  }

  /**
   * The whole font program of a file, as DOCX embedding and the preview serve it: the file itself, or for a split
   * stylesheet its pieces joined into one TrueType font (joined-face.ts).
   */
  sfntBytes(world: World, file: string): Buffer {
    return this.program(world, file).whole();
  }

  /** Where a file's font program is read from: the file (through the World), or a split stylesheet's joined font. */
  private program(world: World, file: string): { size: number; read: RangeReader; whole: () => Buffer } {
    if (!isSplitStylesheet(file)) {
      return { size: world.stat(file)?.size ?? 0, read: (ranges) => world.readRanges(file, ranges), whole: () => this.bytes(world, file) };
    }
    const joined = this.joined(world, file);
    if ('bytes' in joined) {
      const bytes = joined.bytes;
      return { size: bytes.length, read: (ranges) => ranges.map((r) => bytes.subarray(r.offset, r.offset + r.length)), whole: () => bytes };
    }
    // gongwen's own cache file, not an input: read with node:fs (joined-face.ts).
    return { size: statSync(joined.file).size, read: (ranges) => readFileRanges(joined.file, ranges), whole: () => readFileSync(joined.file) };
  }

  /** The joined font of a split stylesheet, kept while the stylesheet's bytes stay the same. */
  private joined(world: World, file: string): JoinedFace {
    const text = this.bytes(world, file);
    const cached = this.joinedFaces.get(file);
    if (cached && cached.source === text) return cached.face;
    const pieces = parseSplitStylesheet(text.toString('utf8'), file);
    const face = joinedFace(world, {
      stylesheet: file,
      text: text.toString('utf8'),
      pieces,
      join: () => new SplitFont(pieces, (piece) => world.readBytes(piece)).joinedTrueType(),
    });
    this.joinedFaces.set(file, { source: text, face });
    return face;
  }

  /** Identifies a web-font stylesheet of WOFF2 pieces by the names in its joined font. */
  private identifySplit(world: World, file: string): FontFileEntry {
    try {
      const { size, read } = this.program(world, file);
      const faces = readFaceInfos({ size, read: (offset, length) => read([{ offset, length: Math.max(0, Math.min(length, size - offset)) }])[0] ?? Buffer.alloc(0) });
      return { file, kind: 'split', faces };
    } catch (e) {
      return { file, kind: 'unknown', faces: [], error: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** Ranges of a file read with one open (node:fs). */
function readFileRanges(file: string, ranges: readonly ByteRange[]): Buffer[] {
  const fd = openSync(file, 'r');
  try {
    return ranges.map(({ offset, length }) => {
      const buf = Buffer.alloc(length);
      const n = readSync(fd, buf, 0, length, offset);
      return n === length ? buf : buf.subarray(0, n);
    });
  } finally {
    closeSync(fd);
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
