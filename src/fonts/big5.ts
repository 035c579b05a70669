/**
 * Stage: fonts — Big5 coverage, the Traditional edition's yardstick. Input: a FontFace → how many of the 5401 common
 * hanzi of Big5 (常用字, lead bytes 0xA4–0xC6) it maps to real glyphs. GB2312 counts Simplified forms, so a
 * Traditional font is expected to miss many of them; Big5 level 1 is the fair measure for zh-Hant.
 */
import type { FontFace } from './types.ts';

/** Number of hanzi in Big5 level 1 (0xA440–0xC67E). */
export const BIG5_COMMON_HANZI_COUNT = 5401;

let hanzi: readonly string[] | undefined;

/** The 5401 Big5 常用字 in code order: lead 0xA4–0xC6, trail 0x40–0x7E and 0xA1–0xFE; row 0xC6 stops at 0x7E. */
export function big5CommonHanzi(): readonly string[] {
  if (hanzi) return hanzi;
  const decoder = new TextDecoder('big5');
  const out: string[] = [];
  for (let lead = 0xa4; lead <= 0xc6; lead++) {
    for (const [from, to] of [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ] as const) {
      for (let trail = from; trail <= to; trail++) {
        if (lead === 0xc6 && trail > 0x7e) continue; // 0xC6A1– are symbols and kana (level 1 ends at 0xC67E)
        out.push(decoder.decode(Uint8Array.of(lead, trail)));
      }
    }
  }
  hanzi = Object.freeze(out);
  return hanzi;
}

/** How many Big5 common hanzi the face maps to non-.notdef glyphs. */
export function big5Coverage(face: Pick<FontFace, 'hasCodePoint'>): { covered: number; total: typeof BIG5_COMMON_HANZI_COUNT } {
  let covered = 0;
  for (const ch of big5CommonHanzi()) if (face.hasCodePoint(ch.codePointAt(0) ?? 0)) covered++;
  return { covered, total: BIG5_COMMON_HANZI_COUNT };
}
