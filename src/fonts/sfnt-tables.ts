/**
 * Stage: fonts — a parsed face's cmap, hmtx and loca read straight from its bytes. Input: a fontkit TrueType/OpenType
 * face → glyphId(code point) and advance(glyph id) answered from the table bytes, and fontkit's own `loca` table
 * filled in from them (fontkit reuses a table it has decoded once).
 *
 * Why: fontkit decodes these tables through restructure, field by field: on a cold process that is ≈ 10 ms per CJK
 * face for `loca` (30,000 offsets), and the first cmap and hmtx lookups cost as much again; a build reads five faces
 * per edition. Read as big-endian integers at computed offsets, the same answers cost microseconds.
 *
 * The answers are fontkit's: the subtable is chosen in fontkit's order ([3,10] [0,6] [0,4] [3,1] [0,3] [0,2] [0,1]
 * [0,0]) and looked up as fontkit's CmapProcessor does (formats 0, 4, 6, 10, 12, 13); a face whose cmap needs
 * anything else (no Unicode subtable, another format) is answered by fontkit itself (tests/sfnt-tables.test.ts
 * compares every code point of every stand-in face).
 */
import type * as Fontkit from 'fontkit';

/** Glyph lookups of one face. */
export interface FaceTables {
  /** fontkit's `glyphForCodePoint(cp).id`: the cmap's glyph, 0 when the face has none. */
  glyphId(cp: number): number;
  /** The hmtx advance of a glyph in font units (glyphs past the last long metric share its advance). */
  advance(gid: number): number;
}

/** The parts of fontkit's face read here. */
interface FontInternals {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  _tables: Record<string, unknown>;
  loca?: { offsets: number[] };
  unitsPerEm: number;
}

/** fontkit's preference among cmap subtables (platform, encoding): 32-bit Unicode first. */
const SUBTABLE_ORDER: readonly (readonly [number, number])[] = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

const memo = new WeakMap<Fontkit.Font, FaceTables>();

/** The lookups of `font` (made once per parsed face). */
export function faceTables(font: Fontkit.Font): FaceTables {
  let tables = memo.get(font);
  if (!tables) {
    tables = readTables(font);
    memo.set(font, tables);
  }
  return tables;
}

function readTables(font: Fontkit.Font): FaceTables {
  const f = font as unknown as FontInternals;
  const bytes = f.stream?.buffer;
  const dir = f.directory?.tables ?? {};
  const view = bytes ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
  const inside = (t: { offset: number; length: number } | undefined): t is { offset: number; length: number } =>
    t !== undefined && view !== undefined && t.offset >= 0 && t.length > 0 && t.offset + t.length <= view.byteLength;
  const cmapTable = dir['cmap'];
  const lookup = view && inside(cmapTable) ? cmapLookup(view, cmapTable.offset, cmapTable.length) : undefined;
  const hmtx = dir['hmtx'];
  const hhea = dir['hhea'];
  const advance = view && inside(hmtx) && inside(hhea) && hhea.length >= 36 ? hmtxAdvance(view, hmtx.offset, hmtx.length, view.getUint16(hhea.offset + 34)) : undefined;
  if (view) installLoca(f, view);
  return {
    glyphId: lookup ?? ((cp) => font.glyphForCodePoint(cp).id),
    advance:
      advance ??
      ((gid) => {
        const metrics = font.hmtx.metrics;
        return (gid < metrics.length ? metrics.get(gid) : metrics.get(metrics.length - 1))?.advance ?? font.unitsPerEm;
      }),
  };
}

/** advance(gid) from hmtx's long metrics (4 bytes each: advance, left side bearing). */
function hmtxAdvance(view: DataView, offset: number, length: number, numberOfHMetrics: number): ((gid: number) => number) | undefined {
  const count = Math.min(numberOfHMetrics, Math.floor(length / 4));
  if (count < 1) return undefined;
  return (gid) => view.getUint16(offset + 4 * (gid < count ? gid : count - 1));
}

/**
 * Decodes `loca` (head.indexToLocFormat: 0 = uint16 offsets ÷ 2, 1 = uint32) into fontkit's table cache, in the
 * shape fontkit's own decoding leaves (offsets in bytes, already processed), so fontkit's glyph reads and subsetter
 * use it instead of decoding it again.
 */
function installLoca(f: FontInternals, view: DataView): void {
  const loca = f.directory.tables['loca'];
  const head = f.directory.tables['head'];
  if (!loca || !head || 'loca' in f._tables || head.length < 54 || loca.offset + loca.length > view.byteLength) return;
  const format = view.getInt16(head.offset + 50);
  if (format !== 0 && format !== 1) return;
  const step = format === 0 ? 2 : 4;
  const count = Math.floor(loca.length / step);
  const offsets = new Array<number>(count);
  for (let i = 0; i < count; i++) offsets[i] = format === 0 ? view.getUint16(loca.offset + 2 * i) * 2 : view.getUint32(loca.offset + 4 * i);
  f._tables['loca'] = { version: format, offsets, _processed: true };
}

/** The glyph lookup of the subtable fontkit would choose, or undefined when fontkit must answer (see header). */
function cmapLookup(view: DataView, base: number, length: number): ((cp: number) => number) | undefined {
  if (length < 4) return undefined;
  const numTables = view.getUint16(base + 2);
  const records: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = base + 4 + 8 * i;
    if (at + 8 > base + length) return undefined;
    records.push({ platform: view.getUint16(at), encoding: view.getUint16(at + 2), offset: base + view.getUint32(at + 4) });
  }
  for (const [platform, encoding] of SUBTABLE_ORDER) {
    const record = records.find((r) => r.platform === platform && r.encoding === encoding);
    if (record) return subtableLookup(view, record.offset, base + length);
  }
  return undefined;
}

function subtableLookup(view: DataView, at: number, end: number): ((cp: number) => number) | undefined {
  if (at + 2 > end) return undefined;
  const format = view.getUint16(at);
  switch (format) {
    case 0:
      return (cp) => (cp >= 0 && cp < 256 && at + 6 + cp < end ? view.getUint8(at + 6 + cp) : 0);
    case 4:
      return format4(view, at, end);
    case 6: {
      const first = view.getUint16(at + 6);
      const count = view.getUint16(at + 8);
      return (cp) => (cp >= first && cp - first < count ? view.getUint16(at + 10 + 2 * (cp - first)) : 0);
    }
    case 10: {
      const first = view.getUint32(at + 12);
      const count = view.getUint32(at + 16);
      return (cp) => (cp >= first && cp - first < count ? view.getUint16(at + 20 + 2 * (cp - first)) : 0);
    }
    case 12:
    case 13:
      return format12(view, at, end, format === 12);
    default:
      return undefined;
  }
}

/** Format 4: segments of 16-bit code points, binary-searched as fontkit does (its end code test, then its start). */
function format4(view: DataView, at: number, end: number): ((cp: number) => number) | undefined {
  const length = view.getUint16(at + 2);
  const segCount = view.getUint16(at + 6) >> 1;
  const endCodes = at + 14;
  const startCodes = endCodes + 2 * segCount + 2; // after reservedPad
  const idDeltas = startCodes + 2 * segCount;
  const idRangeOffsets = idDeltas + 2 * segCount;
  const glyphIndexArray = idRangeOffsets + 2 * segCount;
  const tableEnd = Math.min(end, at + length);
  if (glyphIndexArray > tableEnd) return undefined;
  const glyphCount = Math.floor((tableEnd - glyphIndexArray) / 2);
  return (cp) => {
    let min = 0;
    let max = segCount - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      if (cp < view.getUint16(startCodes + 2 * mid)) max = mid - 1;
      else if (cp > view.getUint16(endCodes + 2 * mid)) min = mid + 1;
      else {
        const rangeOffset = view.getUint16(idRangeOffsets + 2 * mid);
        const delta = view.getInt16(idDeltas + 2 * mid);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const index = rangeOffset / 2 + (cp - view.getUint16(startCodes + 2 * mid)) - (segCount - mid);
        let gid = index >= 0 && index < glyphCount ? view.getUint16(glyphIndexArray + 2 * index) : 0;
        if (gid !== 0) gid += delta;
        return gid & 0xffff;
      }
    }
    return 0;
  };
}

/** Formats 12 (sequential groups) and 13 (many-to-one groups) of 32-bit code points. */
function format12(view: DataView, at: number, end: number, sequential: boolean): ((cp: number) => number) | undefined {
  if (at + 16 > end) return undefined;
  const nGroups = view.getUint32(at + 12);
  const groups = at + 16;
  if (groups + 12 * nGroups > end) return undefined;
  return (cp) => {
    let min = 0;
    let max = nGroups - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      const g = groups + 12 * mid;
      if (cp < view.getUint32(g)) max = mid - 1;
      else if (cp > view.getUint32(g + 4)) min = mid + 1;
      else return sequential ? view.getUint32(g + 8) + (cp - view.getUint32(g)) : view.getUint32(g + 8);
    }
    return 0;
  };
}
