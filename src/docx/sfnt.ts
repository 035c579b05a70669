/**
 * Stage: DOCX writer — font files for embedding. Input: TrueType/OpenType bytes (a face of a TTC, or a subset) →
 * a standalone font whose `name` table declares the office family the document names (仿宋_GB2312 …).
 *
 * Why rename: Word, WPS and LibreOffice activate an embedded font by the family names inside the file, not by the
 * name in word/fontTable.xml, so a subset of Noto Serif SC embedded as 仿宋_GB2312 must call itself 仿宋_GB2312.
 * The subset writer (src/fonts/truetype-subset.ts) writes the subset with this `name` table.
 */
import { checkSumAdjustment, tableChecksum } from '../fonts/truetype-writer.ts';

interface Sfnt {
  version: number;
  tables: Map<string, Buffer>;
}

/** Reads the table directory at `offset` (0 for a plain font, a TTC entry's offset otherwise). */
function readSfnt(buf: Buffer, offset = 0): Sfnt {
  const version = buf.readUInt32BE(offset);
  const count = buf.readUInt16BE(offset + 4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const rec = offset + 12 + i * 16;
    const tag = buf.toString('latin1', rec, rec + 4);
    const start = buf.readUInt32BE(rec + 8);
    const length = buf.readUInt32BE(rec + 12);
    tables.set(tag, buf.subarray(start, start + length));
  }
  return { version, tables };
}

/** The offsets of the faces of a font file: one for TTF/OTF, several for a TTC. */
function faceOffsets(buf: Buffer): number[] {
  if (buf.toString('latin1', 0, 4) !== 'ttcf') return [0];
  const n = buf.readUInt32BE(8);
  return Array.from({ length: n }, (_, i) => buf.readUInt32BE(12 + i * 4));
}

/** Decodes the PostScript name (name ID 6) of a face. */
function postscriptName(tables: Map<string, Buffer>): string | undefined {
  const name = tables.get('name');
  if (!name) return undefined;
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    const [platform, , , nameId, length, off] = [0, 2, 4, 6, 8, 10].map((o) => name.readUInt16BE(r + o)) as [number, number, number, number, number, number];
    if (nameId !== 6) continue;
    const raw = name.subarray(strings + off, strings + off + length);
    return platform === 3 || platform === 0 ? Buffer.from(raw).swap16().toString('utf16le') : raw.toString('latin1');
  }
  return undefined;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** Writes a standalone font: sorted directory, 4-byte aligned tables, table checksums and head.checkSumAdjustment. */
function writeSfnt({ version, tables }: Sfnt): Buffer {
  const tags = [...tables.keys()].sort();
  const head = tables.get('head');
  if (head) {
    const copy = Buffer.from(head);
    copy.writeUInt32BE(0, 8);
    tables.set('head', copy);
  }
  const count = tags.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 2 ** entrySelector * 16;
  const dirSize = 12 + count * 16;
  const total = dirSize + tags.reduce((s, t) => s + pad4(tables.get(t)?.length ?? 0), 0);
  const out = Buffer.alloc(total);
  out.writeUInt32BE(version, 0);
  out.writeUInt16BE(count, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(count * 16 - searchRange, 10);
  let at = dirSize;
  const sums: number[] = [];
  tags.forEach((tag, i) => {
    const data = tables.get(tag) ?? Buffer.alloc(0);
    const rec = 12 + i * 16;
    const sum = tableChecksum(data);
    sums.push(sum);
    out.write(tag, rec, 'latin1');
    out.writeUInt32BE(sum, rec + 4);
    out.writeUInt32BE(at, rec + 8);
    out.writeUInt32BE(data.length, rec + 12);
    data.copy(out, at);
    at += pad4(data.length);
  });
  const headIndex = tags.indexOf('head');
  if (headIndex >= 0) {
    const headAt = out.readUInt32BE(12 + headIndex * 16 + 8);
    out.writeUInt32BE(checkSumAdjustment(out.subarray(0, dirSize), sums), headAt + 8);
  }
  return out;
}

/** Windows language ids the family is declared in: English and the document's Chinese locale. */
const LANG_IDS: Readonly<Record<string, number>> = { 'en-US': 0x0409, 'zh-CN': 0x0804, 'zh-TW': 0x0404, 'zh-HK': 0x0c04 };

/** An ASCII PostScript name for a family (name ID 6 must be printable ASCII without []{}()<>/%). */
export function asciiPostscriptName(family: string): string {
  const ascii = [...family].every((c) => /[!-~]/.test(c) && !/[[\](){}<>/%]/.test(c));
  if (ascii) return family.slice(0, 63);
  const hex = [...family].map((c) => (c.codePointAt(0) ?? 0).toString(16).toUpperCase()).join('');
  return `GW-${hex}`.slice(0, 63);
}

/** A format-0 `name` table with the Windows Unicode records of one regular face (the family an office names). */
export function familyNameTable(family: string, language: string): Buffer {
  const ps = asciiPostscriptName(family);
  const perLang: [number, string][] = [
    [1, family],
    [2, 'Regular'],
    [3, `gongwen-subset:${ps}`],
    [4, family],
    [6, ps],
  ];
  const langs = [...new Set([LANG_IDS['en-US'] ?? 0x0409, LANG_IDS[language] ?? 0x0804])].sort((a, b) => a - b);
  const records = langs.flatMap((lang) => perLang.map(([id, text]) => ({ lang, id, data: Buffer.from(text, 'utf16le').swap16() })));
  const header = 6 + records.length * 12;
  const out = Buffer.alloc(header + records.reduce((s, r) => s + r.data.length, 0));
  out.writeUInt16BE(0, 0);
  out.writeUInt16BE(records.length, 2);
  out.writeUInt16BE(header, 4);
  let off = 0;
  records.forEach((r, i) => {
    const at = 6 + i * 12;
    [3, 1, r.lang, r.id, r.data.length, off].forEach((v, k) => out.writeUInt16BE(v, at + k * 2));
    r.data.copy(out, header + off);
    off += r.data.length;
  });
  return out;
}

/**
 * One face of a collection (TTC/OTC) as a standalone font, found by its PostScript name, else by its index; TTF/OTF
 * files are returned unchanged. (HarfBuzz, under subset-font, only ever reads face 0 of a collection.)
 */
export function extractFace(file: Buffer, postscript: string, index?: number): Buffer {
  const offsets = faceOffsets(file);
  if (offsets.length === 1) return file;
  const faces = offsets.map((o) => readSfnt(file, o));
  const face = faces.find((f) => postscriptName(f.tables) === postscript) ?? faces[index ?? 0] ?? faces[0];
  if (!face) throw new Error('empty font collection');
  return writeSfnt({ version: face.version, tables: new Map<string, Buffer>([...face.tables].map(([t, d]) => [t, Buffer.from(d)])) });
}

/** The family names (ID 1) a font declares, for tests and diagnostics. */
export function familyNames(font: Buffer): string[] {
  const name = readSfnt(font).tables.get('name');
  if (!name) return [];
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    const [platform, , , nameId, length, off] = [0, 2, 4, 6, 8, 10].map((o) => name.readUInt16BE(r + o)) as [number, number, number, number, number, number];
    if (nameId !== 1 || (platform !== 3 && platform !== 0)) continue;
    names.add(Buffer.from(name.subarray(strings + off, strings + off + length)).swap16().toString('utf16le'));
  }
  return [...names];
}
