/**
 * Stage: fonts — cheap font-file identification. Input: random access to a TTF/OTF/TTC file → one FaceInfo per face
 * (family names in every language, PostScript name, weight), reading only the table directory, `name` and the first
 * bytes of `OS/2`. Discovery runs this over hundreds of system fonts, so it must never read a whole 15 MB file
 * (fontkit would need the full buffer).
 *
 * Format references: OpenType spec, "Font file" (offset table, TTC header), "name" (records, platform encodings,
 * format 1 language tags) and "OS/2" (usWeightClass, fsSelection).
 */

/** What a file is, from its first four bytes (the extension can lie). */
/** `split`: a web-font stylesheet of unicode-range WOFF2 pieces of one face (split-face.ts). */
export type FontFileKind = 'sfnt' | 'collection' | 'woff' | 'woff2' | 'split' | 'unknown';

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export interface RandomAccess {
  readonly size: number;
  read(offset: number, length: number): Buffer;
}

/** One face of a font file, identified without parsing outlines. */
export interface FaceInfo {
  /** Index in a TTC/OTC collection; undefined for a single-face file. */
  readonly collectionIndex: number | undefined;
  /** The English/default family (typographic family, ID 16, when present; else ID 1). */
  readonly family: string;
  /** Every family name in every language (IDs 16 and 1), in file order, without duplicates. */
  readonly familyNames: readonly string[];
  /** Full names (ID 4), e.g. "Noto Serif SC Bold"; users may name a face by them. */
  readonly fullNames: readonly string[];
  /** Style (typographic subfamily ID 17, else ID 2), e.g. "Regular", "Bold". */
  readonly style: string;
  /** PostScript name (ID 6); '' when the file has none. */
  readonly postscriptName: string;
  /** OS/2 usWeightClass (400 when the table is absent). */
  readonly weight: number;
  readonly italic: boolean;
}

/** Sniffs the container format from the first four bytes. */
export function sniffKind(head: Buffer): FontFileKind {
  if (head.length < 4) return 'unknown';
  const tag = head.toString('latin1', 0, 4);
  if (tag === 'ttcf') return 'collection';
  if (tag === 'wOFF') return 'woff';
  if (tag === 'wOF2') return 'woff2';
  if (tag === 'OTTO' || tag === 'true' || head.readUInt32BE(0) === 0x00010000) return 'sfnt';
  return 'unknown';
}

/** Identifies every face of a TTF/OTF/TTC/OTC file. Throws on a malformed file (callers turn that into a warning). */
export function readFaceInfos(file: RandomAccess): FaceInfo[] {
  const head = file.read(0, 12);
  const kind = sniffKind(head);
  if (kind === 'sfnt') return [readFace(file, 0, undefined)];
  if (kind !== 'collection') throw new Error(`not an OpenType font (${kind})`);
  const numFonts = head.readUInt32BE(8);
  if (numFonts < 1 || numFonts > 1024) throw new Error(`bad TTC face count ${numFonts}`);
  const offsets = file.read(12, 4 * numFonts);
  const faces: FaceInfo[] = [];
  for (let i = 0; i < numFonts; i++) faces.push(readFace(file, offsets.readUInt32BE(4 * i), i));
  return faces;
}

interface TableRecord {
  offset: number;
  length: number;
}

function readFace(file: RandomAccess, at: number, collectionIndex: number | undefined): FaceInfo {
  const header = file.read(at, 12);
  if (header.length < 12) throw new Error('truncated offset table');
  const numTables = header.readUInt16BE(4);
  const dir = file.read(at + 12, 16 * numTables);
  if (dir.length < 16 * numTables) throw new Error('truncated table directory');
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const o = 16 * i;
    tables.set(dir.toString('latin1', o, o + 4), { offset: dir.readUInt32BE(o + 8), length: dir.readUInt32BE(o + 12) });
  }
  const name = tables.get('name');
  if (!name) throw new Error('no name table');
  const records = readNameRecords(file.read(name.offset, name.length));
  const os2 = tables.get('OS/2');
  let weight = 400;
  let italic = false;
  if (os2 && os2.length >= 64) {
    const b = file.read(os2.offset, 64);
    weight = b.readUInt16BE(4) || 400;
    italic = (b.readUInt16BE(62) & 1) === 1; // fsSelection bit 0 ITALIC
  }
  const byId = (id: number) => records.filter((r) => r.nameId === id);
  const typographic = byId(16);
  const legacy = byId(1);
  const familyRecords = typographic.length > 0 ? typographic : legacy;
  const styleRecords = byId(17).length > 0 ? byId(17) : byId(2);
  return {
    collectionIndex,
    family: preferred(familyRecords) ?? '',
    familyNames: unique([...typographic, ...legacy].map((r) => r.text)),
    fullNames: unique(byId(4).map((r) => r.text)),
    style: preferred(styleRecords) ?? 'Regular',
    postscriptName: preferred(byId(6)) ?? '',
    weight,
    italic,
  };
}

interface NameRecord {
  platformId: number;
  encodingId: number;
  languageId: number;
  nameId: number;
  text: string;
}

const WANTED_NAME_IDS = new Set([1, 2, 4, 6, 16, 17]);

function readNameRecords(table: Buffer): NameRecord[] {
  if (table.length < 6) return [];
  const count = table.readUInt16BE(2);
  const storage = table.readUInt16BE(4);
  const out: NameRecord[] = [];
  for (let i = 0; i < count; i++) {
    const o = 6 + 12 * i;
    if (o + 12 > table.length) break;
    const nameId = table.readUInt16BE(o + 6);
    if (!WANTED_NAME_IDS.has(nameId)) continue;
    const platformId = table.readUInt16BE(o);
    const encodingId = table.readUInt16BE(o + 2);
    const languageId = table.readUInt16BE(o + 4);
    const length = table.readUInt16BE(o + 8);
    const start = storage + table.readUInt16BE(o + 10);
    if (start + length > table.length) continue;
    const text = decodeName(table.subarray(start, start + length), platformId, encodingId)?.replace(/\0/g, '').trim();
    if (text) out.push({ platformId, encodingId, languageId, nameId, text });
  }
  return out;
}

function utf16be(bytes: Buffer): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.readUInt16BE(i));
  return s;
}

/** Legacy CJK encodings store each byte pair big-endian, with a zero high byte for single-byte characters. */
function packedLegacy(bytes: Buffer, encoding: string): string {
  const packed = [...bytes].filter((b) => b !== 0);
  return new TextDecoder(encoding).decode(Uint8Array.from(packed));
}

const MAC_ENCODINGS: Record<number, string> = { 0: 'macintosh', 1: 'shift_jis', 2: 'big5', 3: 'euc-kr', 25: 'gb18030' };
const WINDOWS_LEGACY: Record<number, string> = { 2: 'shift_jis', 3: 'gb18030', 4: 'big5', 5: 'euc-kr' };

function decodeName(bytes: Buffer, platformId: number, encodingId: number): string | undefined {
  try {
    if (platformId === 0) return utf16be(bytes);
    if (platformId === 3) {
      const legacy = WINDOWS_LEGACY[encodingId];
      return legacy ? packedLegacy(bytes, legacy) : utf16be(bytes);
    }
    if (platformId === 1) {
      const enc = MAC_ENCODINGS[encodingId];
      return enc ? new TextDecoder(enc).decode(bytes) : undefined;
    }
  } catch {
    return undefined; // an encoding this Node build lacks: the name is skipped, other records still identify the face
  }
  return undefined;
}

/** English Windows name first (what the rest of the world calls the family), then Mac Roman English, then any. */
function preferred(records: readonly NameRecord[]): string | undefined {
  const score = (r: NameRecord) => {
    if (r.platformId === 3 && r.languageId === 0x0409) return 0;
    if (r.platformId === 3 && (r.languageId & 0x3ff) === 0x09) return 1;
    if (r.platformId === 1 && r.languageId === 0) return 2;
    if (r.platformId === 0) return 3;
    return /^[\x20-\x7e]+$/.test(r.text) ? 4 : 5;
  };
  let best: NameRecord | undefined;
  for (const r of records) if (!best || score(r) < score(best)) best = r;
  return best?.text;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
