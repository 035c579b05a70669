/**
 * Test support: a font under another name. Input: TrueType bytes + family names → the same font whose name table
 * declares them (appended at the end, the directory entry re-pointed), to stand in for a font the machine lacks.
 */
/** Replaces a TrueType font's name table (appended at the end; the directory entry is re-pointed). */
export function withNames(font: Buffer, names: { family: string; familyZh: string; postscript: string }): Buffer {
  const records: [number, number, string][] = [
    [0x0409, 1, names.family],
    [0x0409, 2, 'Regular'],
    [0x0409, 4, names.family],
    [0x0409, 6, names.postscript],
    [0x0804, 1, names.familyZh],
  ];
  const strings = records.map(([, , text]) => Buffer.from(text, 'utf16le').swap16());
  const header = Buffer.alloc(6 + 12 * records.length);
  header.writeUInt16BE(records.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  records.forEach(([language, nameId], i) => {
    const o = 6 + 12 * i;
    header.writeUInt16BE(3, o); // Windows
    header.writeUInt16BE(1, o + 2); // Unicode BMP
    header.writeUInt16BE(language, o + 4);
    header.writeUInt16BE(nameId, o + 6);
    header.writeUInt16BE(strings[i]?.length ?? 0, o + 8);
    header.writeUInt16BE(offset, o + 10);
    offset += strings[i]?.length ?? 0;
  });
  const table = Buffer.concat([header, ...strings]);
  const out = Buffer.concat([font, Buffer.alloc((4 - (font.length % 4)) % 4), table]);
  const at = font.length + ((4 - (font.length % 4)) % 4);
  for (let t = 0; t < out.readUInt16BE(4); t++) {
    const rec = 12 + 16 * t;
    if (out.toString('latin1', rec, rec + 4) !== 'name') continue;
    out.writeUInt32BE(at, rec + 8);
    out.writeUInt32BE(table.length, rec + 12);
  }
  return out;
}
