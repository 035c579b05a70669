// The cmap, hmtx and loca that src/fonts/sfnt-tables.ts reads from the bytes give fontkit's own answers: for every
// stand-in face gongwen installs, every BMP code point and a sweep of the supplementary planes, every glyph's advance
// and every loca offset. The cmap is also checked with the 32-bit subtable hidden, so that fontkit and gongwen both
// fall back to the 16-bit format 4 subtable.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import { faceTables } from '../src/fonts/sfnt-tables.ts';

const require = createRequire(import.meta.url);

/** The npm faces fonts/fonts.yaml names as defaults, and the joined 楷体 faces' pieces are tested through build. */
const FACES = [
  '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  '@expo-google-fonts/noto-serif-sc/300Light/NotoSerifSC_300Light.ttf',
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  '@expo-google-fonts/noto-serif-tc/400Regular/NotoSerifTC_400Regular.ttf',
  '@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf',
];

/** Code points to compare: all of the BMP, then every 5th of planes 1–3, then the top of the range. */
function codePoints(): number[] {
  const out: number[] = [];
  for (let cp = 0; cp < 0x10000; cp++) out.push(cp);
  for (let cp = 0x10000; cp < 0x40000; cp += 5) out.push(cp);
  out.push(0xe0100, 0xfffff, 0x10fffd, 0x10ffff);
  return out;
}

const open = (bytes: Buffer): fontkit.Font => {
  const font = fontkit.create(bytes);
  if ('fonts' in font) throw new Error('a collection');
  return font;
};

/** A copy of the face whose Windows UCS-4 cmap record (3, 10) reads (3, 99): every reader falls back to (3, 1). */
function withoutUcs4(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const numTables = copy.readUInt16BE(4);
  for (let t = 0; t < numTables; t++) {
    const rec = 12 + 16 * t;
    if (copy.toString('latin1', rec, rec + 4) !== 'cmap') continue;
    const cmap = copy.readUInt32BE(rec + 8);
    const n = copy.readUInt16BE(cmap + 2);
    let hidden = 0;
    for (let i = 0; i < n; i++) {
      const at = cmap + 4 + 8 * i;
      if (copy.readUInt16BE(at) === 3 && copy.readUInt16BE(at + 2) === 10) {
        copy.writeUInt16BE(99, at + 2);
        hidden++;
      }
    }
    if (hidden === 0) throw new Error('no (3, 10) subtable to hide');
  }
  return copy;
}

describe('cmap, hmtx and loca read from the bytes', () => {
  const cps = codePoints();
  for (const face of FACES) {
    it(`${face.split('/').pop()}: the same glyph for every code point, advance for every glyph, loca offset`, () => {
      const bytes = readFileSync(require.resolve(face));
      const reference = open(bytes); // fontkit's own decoding
      const ours = open(bytes);
      const tables = faceTables(ours);
      let mapped = 0;
      for (const cp of cps) {
        const expected = reference.glyphForCodePoint(cp).id;
        if (tables.glyphId(cp) !== expected) expect.fail(`U+${cp.toString(16)}: ${tables.glyphId(cp)} ≠ fontkit ${expected}`);
        if (expected !== 0) mapped++;
      }
      expect(mapped).toBeGreaterThan(15000); // a CJK face: the comparison saw real mappings
      const metrics = reference.hmtx.metrics;
      for (let gid = 0; gid < reference.numGlyphs + 3; gid++) {
        const expected = (gid < metrics.length ? metrics.get(gid) : metrics.get(metrics.length - 1))?.advance;
        if (tables.advance(gid) !== expected) expect.fail(`glyph ${gid}: advance ${tables.advance(gid)} ≠ fontkit ${expected}`);
      }
      const installed = (ours as unknown as { _tables: { loca?: { offsets: number[] } } })._tables.loca;
      const decoded = (reference as unknown as { loca: { offsets: number[] } }).loca.offsets;
      expect(installed?.offsets).toEqual(Array.from(decoded));
      // fontkit reads glyphs through the installed table: the same outline box as from its own.
      for (const gid of [1, 100, 5000, reference.numGlyphs - 1]) expect(ours.getGlyph(gid).bbox).toEqual(reference.getGlyph(gid).bbox);
    });
  }

  it('falls back to the 16-bit subtable (format 4) exactly as fontkit does', () => {
    const bytes = withoutUcs4(readFileSync(require.resolve(FACES[0] ?? '')));
    const reference = open(bytes);
    const tables = faceTables(open(bytes));
    let mapped = 0;
    for (let cp = 0; cp < 0x20000; cp++) {
      const expected = reference.glyphForCodePoint(cp).id;
      if (tables.glyphId(cp) !== expected) expect.fail(`U+${cp.toString(16)}: ${tables.glyphId(cp)} ≠ fontkit ${expected}`);
      if (expected !== 0) mapped++;
    }
    expect(mapped).toBeGreaterThan(20000);
    expect(tables.glyphId(0x20000)).toBe(0); // format 4 has no supplementary planes
  });
});
