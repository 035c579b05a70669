// The zlib-backed stand-in for tiny-inflate (src/bin/native-inflate.cjs) decodes exactly what tiny-inflate decodes:
// compared byte for byte on the Unicode tables the PDF libraries build at load time and on generated streams, with a
// destination longer than the data and with data zlib refuses (then tiny-inflate's own error).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';

const require = createRequire(import.meta.url);
const tinyInflate = require('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
const { installNativeInflate } = require('../src/bin/native-inflate.cjs') as { installNativeInflate(dir: string): void };

/** The stand-in, installed into a fresh copy of the module cache entry so this test's tiny-inflate stays the original. */
function standIn(): (source: Uint8Array, dest: Uint8Array) => Uint8Array {
  const file = require.resolve('tiny-inflate');
  const saved = require.cache[file];
  delete require.cache[file];
  try {
    installNativeInflate(PACKAGE_ROOT);
    return require(file) as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
  } finally {
    if (saved) require.cache[file] = saved;
    else delete require.cache[file];
  }
}

/** The compressed trie of unicode-properties (base64 in its bundle: 12-byte header, then raw DEFLATE twice). */
function unicodePropertiesTrie(): { source: Uint8Array; length: number } {
  const text = readFileSync(path.join(PACKAGE_ROOT, 'node_modules', 'unicode-properties', 'dist', 'main.cjs'), 'utf8');
  const base64 = /toByteArray\("([A-Za-z0-9+/=]{1000,})"\)/.exec(text)?.[1];
  expect(base64).toBeDefined();
  const bytes = Buffer.from(base64 ?? '', 'base64');
  return { source: bytes.subarray(12), length: bytes.readUInt32LE(8) };
}

describe('native inflate', () => {
  const native = standIn();

  it('is installed in place of tiny-inflate and is not tiny-inflate', () => {
    expect(native).not.toBe(tinyInflate);
  });

  it('decodes the unicode-properties table exactly as tiny-inflate does (both passes)', () => {
    const { source, length } = unicodePropertiesTrie();
    const once = tinyInflate(source, new Uint8Array(length));
    const nativeOnce = native(source, new Uint8Array(length));
    expect(Buffer.from(nativeOnce).equals(Buffer.from(once))).toBe(true);
    const twice = tinyInflate(once, new Uint8Array(length));
    expect(Buffer.from(native(once, new Uint8Array(length))).equals(Buffer.from(twice))).toBe(true);
    expect(twice.length).toBeGreaterThan(10_000);
  });

  it('returns the first n bytes when the destination is longer, like tiny-inflate', () => {
    const data = Buffer.from('柞市镇2021年工作总结'.repeat(200));
    const source = deflateRawSync(data);
    const expected = tinyInflate(source, new Uint8Array(data.length + 100));
    const actual = native(source, new Uint8Array(data.length + 100));
    expect(actual.length).toBe(data.length);
    expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
  });

  it('leaves data zlib refuses to tiny-inflate (same error)', () => {
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff]);
    let expected = '';
    try {
      tinyInflate(garbage, new Uint8Array(16));
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).not.toBe('');
    expect(() => native(garbage, new Uint8Array(16))).toThrow(expected);
  });
});
