/**
 * Stage: fonts — a font file read only where a build uses it. Input: a font file's size and a reader of byte ranges
 * → a buffer of the file's full size that fontkit parses as if it were the whole file: every table but the glyph
 * outlines (`glyf`) read at once, and each glyph's outline read when a writer first needs it (ensureGlyphs: the PDF
 * subset, a glyph box).
 *
 * Why: a CJK face is 7–15 MB, about 85 % of it `glyf`, the outlines of some 30,000 glyphs, and a report draws about
 * 1,500 of them. Reading whole files cost ≈ 60 ms and ≈ 60 MB per edition (four or five faces); read this way, a
 * face costs its tables (≈ 1–2 MB: cmap, hmtx, loca, GSUB …) and its drawn glyphs. The buffer comes from
 * Buffer.alloc, whose pages the system maps lazily: the parts never read are never resident.
 *
 * Outlines are only read through ensureGlyphs, which knows each glyph's range from `loca`. A face without `glyf`
 * (CFF outlines) is read whole, as is a file whose table directory does not add up.
 */
import type * as Fontkit from 'fontkit';
import type { ByteRange } from '../world.ts';

/** Reads ranges of the file (one open for all). */
export type RangeReader = (ranges: readonly ByteRange[]) => Buffer[];

/** What the sparse file read, for the library's statistics. */
export interface SparseReads {
  calls: number;
  bytes: number;
}

/** The parts of fontkit's TrueType face used to find a glyph's record. */
interface GlyfInternals {
  loca?: { offsets: number[] };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
}

/** Ranges closer than this are read as one (fewer reads; the gap is a few glyphs' worth of bytes). */
const MERGE_GAP = 256;

const sparseOf = new WeakMap<Fontkit.Font, SparseFont>();

/** A font file's bytes, filled in as they are needed. */
export class SparseFont {
  readonly buffer: Buffer;
  readonly reads: SparseReads = { calls: 0, bytes: 0 };
  private readonly loadedGlyphs = new Set<number>();
  private complete = false;

  constructor(
    size: number,
    private readonly read: RangeReader,
  ) {
    this.buffer = Buffer.alloc(size);
    this.loadTables();
  }

  /** Reads ranges into the buffer at their offsets. */
  private fill(ranges: readonly ByteRange[]): void {
    const inside = ranges.filter((r) => r.length > 0 && r.offset >= 0 && r.offset + r.length <= this.buffer.length);
    if (inside.length === 0) return;
    const parts = this.read(inside);
    this.reads.calls++;
    inside.forEach((r, i) => {
      const part = parts[i];
      if (!part) return;
      part.copy(this.buffer, r.offset);
      this.reads.bytes += part.length;
    });
  }

  /** The whole file (a CFF face, or a directory that does not add up). */
  private fillAll(): void {
    this.fill([{ offset: 0, length: this.buffer.length }]);
    this.complete = true;
  }

  /** Every table directory of the file (one, or one per face of a collection) and every table but `glyf`. */
  private loadTables(): void {
    this.fill([{ offset: 0, length: Math.min(12, this.buffer.length) }]);
    const offsets: number[] = [];
    if (this.buffer.toString('latin1', 0, 4) === 'ttcf') {
      const count = this.buffer.readUInt32BE(8);
      if (count < 1 || count > 1024) return this.fillAll();
      this.fill([{ offset: 12, length: 4 * count }]);
      for (let i = 0; i < count; i++) offsets.push(this.buffer.readUInt32BE(12 + 4 * i));
      this.fill(offsets.map((offset) => ({ offset, length: 12 })));
    } else offsets.push(0);
    const tables: ByteRange[] = [];
    let glyf = false;
    for (const at of offsets) {
      if (at + 12 > this.buffer.length) return this.fillAll();
      const numTables = this.buffer.readUInt16BE(at + 4);
      this.fill([{ offset: at + 12, length: 16 * numTables }]);
      for (let t = 0; t < numTables; t++) {
        const record = at + 12 + 16 * t;
        const tag = this.buffer.toString('latin1', record, record + 4);
        const offset = this.buffer.readUInt32BE(record + 8);
        const length = this.buffer.readUInt32BE(record + 12);
        if (offset + length > this.buffer.length) return this.fillAll();
        if (tag === 'glyf') glyf = true;
        else tables.push({ offset, length });
      }
    }
    if (!glyf) return this.fillAll();
    this.fill(mergeRanges(tables));
  }

  /** Makes the outlines of `gids` readable in the buffer, and those of the components of composite glyphs. */
  ensureGlyphs(font: Fontkit.Font, gids: Iterable<number>): void {
    if (this.complete) return;
    const tt = font as unknown as GlyfInternals;
    const offsets = tt.loca?.offsets;
    const glyf = tt.directory.tables['glyf'];
    if (!offsets || !glyf) return this.fillAll();
    let wanted = [...gids];
    while (wanted.length > 0) {
      const records: ByteRange[] = [];
      for (const gid of wanted) {
        if (this.loadedGlyphs.has(gid)) continue;
        this.loadedGlyphs.add(gid);
        const start = offsets[gid];
        const end = offsets[gid + 1];
        if (start === undefined || end === undefined || end <= start) continue;
        records.push({ offset: glyf.offset + start, length: end - start });
      }
      this.fill(mergeRanges(records));
      wanted = records.flatMap((r) => componentsOf(this.buffer.subarray(r.offset, r.offset + r.length)));
    }
  }
}

/** The glyph ids a composite glyph record refers to (TrueType glyf, composite description); [] for a simple one. */
function componentsOf(record: Buffer): number[] {
  if (record.length < 10 || record.readInt16BE(0) >= 0) return [];
  const ids: number[] = [];
  for (let at = 10; at + 4 <= record.length; ) {
    const flags = record.readUInt16BE(at);
    ids.push(record.readUInt16BE(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
    if (flags & 0x0008) at += 2; // WE_HAVE_A_SCALE
    else if (flags & 0x0040) at += 4; // WE_HAVE_AN_X_AND_Y_SCALE
    else if (flags & 0x0080) at += 8; // WE_HAVE_A_TWO_BY_TWO
    if (!(flags & 0x0020)) break; // MORE_COMPONENTS
  }
  return ids;
}

/** Sorted ranges with neighbours closer than MERGE_GAP joined. */
function mergeRanges(ranges: readonly ByteRange[]): ByteRange[] {
  const sorted = [...ranges].filter((r) => r.length > 0).sort((a, b) => a.offset - b.offset);
  const out: { offset: number; length: number }[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.offset <= last.offset + last.length + MERGE_GAP) last.length = Math.max(last.length, r.offset + r.length - last.offset);
    else out.push({ offset: r.offset, length: r.length });
  }
  return out;
}

/** Remembers which sparse file a parsed face reads from. */
export function attachSparse(font: Fontkit.Font, sparse: SparseFont): void {
  sparseOf.set(font, sparse);
}

/**
 * Makes the outlines of `gids` of a parsed face readable: a no-op for a face parsed from a whole file. Every reader
 * of outlines (the PDF subset, glyph boxes) calls this first.
 */
export function ensureGlyphs(font: Fontkit.Font, gids: Iterable<number>): void {
  sparseOf.get(font)?.ensureGlyphs(font, gids);
}
