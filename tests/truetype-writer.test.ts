// The TrueType files gongwen writes (DOCX font subsets, the joined 楷体 stand-in): table checksums and
// head.checkSumAdjustment as OpenType defines them, a replaced name table, and the glyphs and advances of the source.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { expect, it } from 'vitest';
import { familyNameTable, familyNames } from '../src/docx/sfnt.ts';
import { trueTypeSubset } from '../src/fonts/truetype-subset.ts';
import { tableChecksum } from '../src/fonts/truetype-writer.ts';

const require = createRequire(import.meta.url);

/** OpenType's definition, word by word over a zero-padded copy. */
function referenceChecksum(data: Buffer): number {
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

it('tableChecksum is the OpenType checksum for every length', () => {
  for (let n = 0; n < 400; n++) {
    const data = randomBytes(n * 13 + (n % 4));
    expect(tableChecksum(data)).toBe(referenceChecksum(data));
  }
  expect(tableChecksum(Buffer.alloc(8, 0xff))).toBe(0xfffffffe);
});

it('a subset has correct table checksums and checkSumAdjustment, the given name table, and the source glyphs', () => {
  const file = require.resolve('@expo-google-fonts/noto-serif-sc/300Light/NotoSerifSC_300Light.ttf');
  const source = fontkit.create(readFileSync(file));
  if ('fonts' in source) throw new Error('a collection');
  const text = '柞市镇2021年工作总结和2022年工作计划，全面完成。';
  const subset = trueTypeSubset(source, text, undefined, familyNameTable('仿宋_GB2312', 'zh-CN'));
  const count = subset.readUInt16BE(4);
  let headAt = -1;
  for (let i = 0; i < count; i++) {
    const rec = 12 + 16 * i;
    const tag = subset.toString('latin1', rec, rec + 4);
    const offset = subset.readUInt32BE(rec + 8);
    const table = Buffer.from(subset.subarray(offset, offset + subset.readUInt32BE(rec + 12)));
    if (tag === 'head') {
      headAt = offset;
      table.writeUInt32BE(0, 8); // the checksum of head is taken with checkSumAdjustment 0
    }
    expect(subset.readUInt32BE(rec + 4), tag).toBe(referenceChecksum(table));
  }
  expect(headAt).toBeGreaterThan(0);
  expect(referenceChecksum(subset)).toBe(0xb1b0afba); // the whole file, adjustment included
  expect(familyNames(subset)).toEqual(['仿宋_GB2312']);
  const parsed = fontkit.create(subset);
  if ('fonts' in parsed) throw new Error('a collection');
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0) ?? 0;
    expect(parsed.hasGlyphForCodePoint(cp), ch).toBe(true);
    expect(parsed.glyphForCodePoint(cp).advanceWidth, ch).toBe(source.glyphForCodePoint(cp).advanceWidth);
    expect(parsed.glyphForCodePoint(cp).bbox, ch).toEqual(source.glyphForCodePoint(cp).bbox);
  }
  expect(parsed.numGlyphs).toBe(new Set(text).size + 1); // .notdef and one glyph per character
});
