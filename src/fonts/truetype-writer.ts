/**
 * Stage: fonts — writing a TrueType font. Input: glyph outlines (quadratic contours in font units) with advances, the
 * code points they stand for, and the face-wide tables of the source (head, hhea, OS/2, name, post) → a standalone
 * TrueType file (OS/2, cmap 4 + 12, glyf, head, hhea, hmtx, loca, maxp, name, post).
 *
 * Why: the open 楷体 stand-in reaches npm only as unicode-range WOFF2 pieces of one face (split-face.ts). pdfkit embeds
 * a face by subsetting its `glyf` table, and fontkit cannot subset a WOFF2 glyf table (it is transformed), so the
 * pieces' glyphs are written out here as one plain TrueType font holding just the glyphs a document uses. Hinting is
 * dropped (the pieces' instructions are not decoded): CJK faces at print sizes do not need it.
 */

/** One point of a contour. */
export interface OutlinePoint {
  x: number;
  y: number;
  onCurve: boolean;
}

/** A glyph to write: its contours (possibly none) and advance. */
export interface OutlineGlyph {
  contours: readonly (readonly OutlinePoint[])[];
  advance: number;
}

/** A simple glyph as its source face's `glyf` holds it (copied without decoding; its instructions are dropped). */
export interface RawGlyph {
  record: Buffer;
  advance: number;
}

export interface TrueTypeInput {
  /** Raw tables of the source face; head/hhea are required, the others are copied when present. */
  tables: { head: Buffer; hhea: Buffer; os2?: Buffer; name?: Buffer; post?: Buffer };
  /** Glyphs by new glyph id; glyphs[0] must be .notdef. */
  glyphs: readonly (OutlineGlyph | RawGlyph)[];
  /** Code point → glyph id. */
  cmap: ReadonlyMap<number, number>;
}

const pad4 = (b: Buffer): Buffer => (b.length % 4 === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]));

/**
 * The OpenType checksum of a table: the sum of its big-endian 32-bit words, modulo 2^32, the last word padded with
 * zeros (OpenType §5 "Calculating checksums"). Read byte by byte: no padded copy, no call per word.
 */
export function tableChecksum(data: Uint8Array): number {
  let sum = 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + (((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>> 0;
  let last = 0;
  for (let i = whole; i < data.length; i++) last |= (data[i] ?? 0) << (24 - 8 * (i - whole));
  return (sum + last) >>> 0;
}

/**
 * head.checkSumAdjustment of a font whose directory is `dir` and whose tables, each 4-byte aligned and zero padded,
 * have the checksums `tables` (head's taken with the adjustment 0): the whole file's checksum is their sum.
 */
export function checkSumAdjustment(dir: Uint8Array, tables: readonly number[]): number {
  const whole = tables.reduce((sum, c) => (sum + c) >>> 0, tableChecksum(dir));
  return (0xb1b0afba - whole) >>> 0;
}

interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

interface EncodedGlyph {
  bytes: Buffer;
  box: Box | undefined;
  points: number;
  contours: number;
}

/**
 * A source face's simple-glyph record, as is but for its hinting instructions (the subset carries no fpgm/prep/cvt
 * for them to call): header and end points, instruction length 0, then the flags and coordinates.
 */
function encodeRaw(record: Buffer): EncodedGlyph {
  if (record.length < 12) return { bytes: Buffer.alloc(0), box: undefined, points: 0, contours: 0 };
  const contours = record.readInt16BE(0);
  if (contours < 0) throw new Error('truetype-writer: a composite glyph cannot be copied raw');
  const endPts = 10 + 2 * contours;
  const instructions = record.readUInt16BE(endPts);
  const rest = endPts + 2 + instructions;
  const length = endPts + 2 + Math.max(0, record.length - rest);
  // One buffer: the header and end points, a zero instruction length, the flags and coordinates, zero padding.
  const bytes = Buffer.alloc((length + 3) & ~3);
  record.copy(bytes, 0, 0, endPts);
  if (rest < record.length) record.copy(bytes, endPts + 2, rest);
  const box = { xMin: record.readInt16BE(2), yMin: record.readInt16BE(4), xMax: record.readInt16BE(6), yMax: record.readInt16BE(8) };
  return { bytes, box, points: contours > 0 ? record.readUInt16BE(endPts - 2) + 1 : 0, contours };
}

/** The `glyf` entry of a simple glyph: header, end points, no instructions, one flag byte per point, deltas. */
function encodeGlyph(glyph: OutlineGlyph | RawGlyph): EncodedGlyph {
  if ('record' in glyph) return encodeRaw(glyph.record);
  const points = glyph.contours.flat().map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), onCurve: p.onCurve }));
  if (points.length === 0) return { bytes: Buffer.alloc(0), box: undefined, points: 0, contours: 0 };
  const box = {
    xMin: Math.min(...points.map((p) => p.x)),
    yMin: Math.min(...points.map((p) => p.y)),
    xMax: Math.max(...points.map((p) => p.x)),
    yMax: Math.max(...points.map((p) => p.y)),
  };
  const header = Buffer.alloc(10 + 2 * glyph.contours.length + 2);
  header.writeInt16BE(glyph.contours.length, 0);
  header.writeInt16BE(box.xMin, 2);
  header.writeInt16BE(box.yMin, 4);
  header.writeInt16BE(box.xMax, 6);
  header.writeInt16BE(box.yMax, 8);
  let end = -1;
  glyph.contours.forEach((c, i) => header.writeUInt16BE((end += c.length), 10 + 2 * i));
  // instructionLength = 0 (the trailing two bytes are already zero).
  const flags: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const delta = (d: number, out: number[], short: number, same: number): number => {
    if (d === 0) return same;
    if (Math.abs(d) <= 255) {
      out.push(Math.abs(d));
      return short | (d > 0 ? same : 0);
    }
    out.push((d >> 8) & 0xff, d & 0xff);
    return 0;
  };
  let px = 0;
  let py = 0;
  for (const p of points) {
    let flag = p.onCurve ? 1 : 0;
    flag |= delta(p.x - px, xs, 0x02, 0x10);
    flag |= delta(p.y - py, ys, 0x04, 0x20);
    flags.push(flag);
    px = p.x;
    py = p.y;
  }
  return { bytes: pad4(Buffer.concat([header, Buffer.from(flags), Buffer.from(xs), Buffer.from(ys)])), box, points: points.length, contours: glyph.contours.length };
}

/** cmap with a format 4 subtable (BMP, platform 3/1) and a format 12 subtable (all, platform 3/10). */
function encodeCmap(cmap: ReadonlyMap<number, number>): Buffer {
  if (!fitsFormat4(cmap)) throw new Error(`cmap: ${cmap.size} code points need more than format 4's 65,535 bytes; write the glyphs in code-point order`);
  const pairs = [...cmap].sort((a, b) => a[0] - b[0]);
  const runs = (list: [number, number][]) => {
    const out: { start: number; end: number; gid: number }[] = [];
    for (const [cp, gid] of list) {
      const last = out.at(-1);
      if (last && cp === last.end + 1 && gid === last.gid + (cp - last.start)) last.end = cp;
      else out.push({ start: cp, end: cp, gid });
    }
    return out;
  };
  const bmp = runs(pairs.filter(([cp]) => cp <= 0xfffe));
  const segs = [...bmp, { start: 0xffff, end: 0xffff, gid: 0 }];
  const n = segs.length;
  const f4 = Buffer.alloc(16 + 8 * n);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(n));
  f4.writeUInt16BE(4, 0);
  f4.writeUInt16BE(f4.length, 2);
  f4.writeUInt16BE(2 * n, 6);
  f4.writeUInt16BE(searchRange, 8);
  f4.writeUInt16BE(Math.log2(searchRange / 2), 10);
  f4.writeUInt16BE(2 * n - searchRange, 12);
  segs.forEach((s, i) => {
    f4.writeUInt16BE(s.end, 14 + 2 * i);
    f4.writeUInt16BE(s.start, 16 + 2 * n + 2 * i);
    // idDelta: glyph = (cp + delta) mod 65536; idRangeOffset stays 0.
    f4.writeUInt16BE(s.start === 0xffff ? 1 : (s.gid - s.start + 0x10000) & 0xffff, 16 + 4 * n + 2 * i);
  });
  const groups = runs(pairs);
  const f12 = Buffer.alloc(16 + 12 * groups.length);
  f12.writeUInt16BE(12, 0);
  f12.writeUInt32BE(f12.length, 4);
  f12.writeUInt32BE(groups.length, 12);
  groups.forEach((g, i) => {
    f12.writeUInt32BE(g.start, 16 + 12 * i);
    f12.writeUInt32BE(g.end, 20 + 12 * i);
    f12.writeUInt32BE(g.gid, 24 + 12 * i);
  });
  const header = Buffer.alloc(4 + 8 * 2);
  header.writeUInt16BE(2, 2);
  header.writeUInt16BE(3, 4);
  header.writeUInt16BE(1, 6);
  header.writeUInt32BE(header.length, 8);
  header.writeUInt16BE(3, 12);
  header.writeUInt16BE(10, 14);
  header.writeUInt32BE(header.length + f4.length, 16);
  return Buffer.concat([header, f4, f12]);
}

/** Format 4 states its length in 16 bits: a BMP cmap of more than ≈ 8,000 runs cannot be written in it. */
function fitsFormat4(cmap: ReadonlyMap<number, number>): boolean {
  let runs = 1;
  let last: [number, number] | undefined;
  for (const [cp, gid] of [...cmap].filter(([c]) => c <= 0xfffe).sort((a, b) => a[0] - b[0])) {
    if (!last || cp !== last[0] + 1 || gid !== last[1] + 1) runs++;
    last = [cp, gid];
  }
  return 16 + 8 * runs <= 0xffff;
}

/** Writes the font. Deterministic: the same input gives the same bytes. */
/**
 * The glyph order and cmap of a font made from `codePoints` (ascending): .notdef first, then each source glyph once,
 * in the order of the first code point that draws it. `gidOf` gives a code point's source glyph (0 or undefined: none,
 * and the code point is left out).
 */
export function glyphOrder(codePoints: Iterable<number>, gidOf: (cp: number) => number | undefined): { order: number[]; cmap: Map<number, number> } {
  const order = [0];
  const at = new Map<number, number>([[0, 0]]);
  const cmap = new Map<number, number>();
  for (const cp of codePoints) {
    const gid = gidOf(cp);
    if (!gid) continue;
    let i = at.get(gid);
    if (i === undefined) {
      i = order.length;
      order.push(gid);
      at.set(gid, i);
    }
    cmap.set(cp, i);
  }
  return { order, cmap };
}

export function writeTrueType(input: TrueTypeInput): Buffer {
  const encoded = input.glyphs.map(encodeGlyph);
  const glyf = Buffer.concat(encoded.map((e) => e.bytes));
  const loca = Buffer.alloc(4 * (encoded.length + 1));
  let offset = 0;
  encoded.forEach((e, i) => {
    loca.writeUInt32BE(offset, 4 * i);
    offset += e.bytes.length;
  });
  loca.writeUInt32BE(offset, 4 * encoded.length);
  const hmtx = Buffer.alloc(4 * encoded.length);
  encoded.forEach((e, i) => {
    hmtx.writeUInt16BE(Math.max(0, Math.round(input.glyphs[i]?.advance ?? 0)), 4 * i);
    hmtx.writeInt16BE(e.box?.xMin ?? 0, 4 * i + 2);
  });
  const boxes = encoded.flatMap((e) => (e.box ? [e.box] : []));
  const head = Buffer.from(input.tables.head);
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set below
  if (boxes.length > 0) {
    head.writeInt16BE(Math.min(...boxes.map((b) => b.xMin)), 36);
    head.writeInt16BE(Math.min(...boxes.map((b) => b.yMin)), 38);
    head.writeInt16BE(Math.max(...boxes.map((b) => b.xMax)), 40);
    head.writeInt16BE(Math.max(...boxes.map((b) => b.yMax)), 42);
  }
  head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
  head.writeInt16BE(0, 52); // glyphDataFormat
  const hhea = Buffer.from(input.tables.hhea);
  hhea.writeUInt16BE(Math.max(0, ...input.glyphs.map((g) => Math.round(g.advance))), 10);
  hhea.writeUInt16BE(encoded.length, 34); // numberOfHMetrics: every glyph has a long metric
  const maxp = Buffer.alloc(32);
  maxp.writeUInt32BE(0x00010000, 0);
  maxp.writeUInt16BE(encoded.length, 4);
  maxp.writeUInt16BE(Math.max(0, ...encoded.map((e) => e.points)), 6);
  maxp.writeUInt16BE(Math.max(0, ...encoded.map((e) => e.contours)), 8);
  maxp.writeUInt16BE(2, 14); // maxZones
  const post = Buffer.alloc(32);
  post.writeUInt32BE(0x00030000, 0); // version 3: no glyph names
  if (input.tables.post && input.tables.post.length >= 16) input.tables.post.copy(post, 4, 4, 16);
  const tables: [string, Buffer][] = [
    ...(input.tables.os2 ? [['OS/2', input.tables.os2] as [string, Buffer]] : []),
    ['cmap', encodeCmap(input.cmap)],
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ...(input.tables.name ? [['name', input.tables.name] as [string, Buffer]] : []),
    ['post', post],
  ];
  tables.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const n = tables.length;
  const searchRange = 16 * 2 ** Math.floor(Math.log2(n));
  const dir = Buffer.alloc(12 + 16 * n);
  dir.writeUInt32BE(0x00010000, 0);
  dir.writeUInt16BE(n, 4);
  dir.writeUInt16BE(searchRange, 6);
  dir.writeUInt16BE(Math.log2(searchRange / 16), 8);
  dir.writeUInt16BE(16 * n - searchRange, 10);
  let at = dir.length;
  const bodies: Buffer[] = [];
  const sums: number[] = [];
  tables.forEach(([tag, data], i) => {
    const sum = tableChecksum(data);
    sums.push(sum);
    dir.write(tag, 12 + 16 * i, 4, 'latin1');
    dir.writeUInt32BE(sum, 16 + 16 * i);
    dir.writeUInt32BE(at, 20 + 16 * i);
    dir.writeUInt32BE(data.length, 24 + 16 * i);
    const padded = pad4(data);
    bodies.push(padded);
    at += padded.length;
  });
  const font = Buffer.concat([dir, ...bodies]);
  const headAt = dir.length + bodies.slice(0, tables.findIndex(([t]) => t === 'head')).reduce((s, b) => s + b.length, 0);
  font.writeUInt32BE(checkSumAdjustment(dir, sums), headAt + 8);
  return font;
}
