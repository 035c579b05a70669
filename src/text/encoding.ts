/**
 * Stage: shared — text encodings of files people hand us. Input: a file's bytes → which encoding they are in
 * (a BOM, valid UTF-8, or GB18030 — the superset of GBK and GB2312 that Notepad calls "ANSI" on Chinese Windows),
 * the first invalid UTF-8 sequence, and the decoded text (iconv-lite for GB18030 and UTF-16).
 */
import { createRequire } from 'node:module';
import type IconvLite from 'iconv-lite';

const require = createRequire(import.meta.url);
let iconvLite: typeof IconvLite | undefined;
/** iconv-lite, loaded on first use: most files are UTF-8, and loading it costs ≈ 5 ms of every start. */
const iconv = (): typeof IconvLite => (iconvLite ??= require('iconv-lite') as typeof IconvLite);

/** An encoding we recognise. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'unknown';

/** Encodings a user may name with `--encoding` (import). */
export const NAMED_ENCODINGS = ['utf-8', 'gb18030', 'gbk', 'big5', 'utf-16le', 'utf-16be'] as const;

/** A run of bytes that is not valid UTF-8: [start, end). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The first invalid UTF-8 sequence at or after `from` (overlong forms, surrogates and code points over U+10FFFF count
 * as invalid, as the WHATWG decoder treats them), or undefined when the rest is valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from: number): ByteRange | undefined {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [need, lo, hi] = b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0xbf] : b === 0xe0 ? [2, 0xa0, 0xbf] : b === 0xed ? [2, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [2, 0x80, 0xbf] : b === 0xf0 ? [3, 0x90, 0xbf] : b === 0xf4 ? [3, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [3, 0x80, 0xbf] : [0, 0, 0];
    if (need === 0) return { start: i, end: i + 1 };
    let j = 1;
    for (; j <= need; j++) {
      const c = bytes[i + j];
      const [min, max] = j === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return { start: i, end: i + j };
    }
    i += need + 1;
  }
  return undefined;
}

/** Whether the bytes decode as GB18030 without a replacement character and read as Chinese text. */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  const text = iconv().decode(Buffer.from(bytes), 'gb18030');
  if (text.includes('\uFFFD')) return false;
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const high = [...text].filter((c) => c.charCodeAt(0) >= 0x80).length;
  // Double-byte GBK text decodes almost entirely to hanzi and full-width punctuation; other 8-bit encodings do not.
  return high > 0 && han / high >= 0.5;
}

/** The encoding of a file's bytes: BOM first, then valid UTF-8, then GB18030; 'unknown' otherwise. */
export function describeEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (firstInvalidUtf8(bytes, 0) === undefined) return 'utf-8';
  return looksLikeGb18030(bytes) ? 'gb18030' : 'unknown';
}

/** Decodes bytes in a known encoding (BOMs removed). */
export function decodeText(bytes: Uint8Array, encoding: Exclude<TextEncoding, 'unknown'> | (typeof NAMED_ENCODINGS)[number]): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = encoding === 'utf-8' ? buf.toString('utf8') : iconv().decode(buf, encoding === 'gbk' ? 'gb18030' : encoding);
  return text.replace(/^\uFEFF/, '');
}
