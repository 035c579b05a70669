/**
 * Stage: fonts — GB 2312-80 coverage. Input: a FontFace → how many of the 6763 GB2312 hanzi it maps to real glyphs.
 * The official fonts 仿宋_GB2312 / 楷体_GB2312 / 方正小标宋简体 cover exactly this set, so it is the yardstick for a
 * substitute: a font below 6763 will draw tofu for ordinary text (cwTeX FangSong lacks 2379 of them).
 */
import type { FontFace } from './types.ts';

/** Number of hanzi in GB 2312-80: level 1 (rows 16–55, 3755) + level 2 (rows 56–87, 3008). */
export const GB2312_HANZI_COUNT = 6763;

let hanzi: readonly string[] | undefined;

/**
 * The 6763 GB2312 hanzi in code order, decoded from the EUC-CN byte pairs 0xB0A1–0xF7FE (rows 16–87, cells 1–94).
 * Row 55 (0xD7) ends at cell 89: 0xD7FA–0xD7FE are empty in GB2312 (GB18030 maps them to private-use code points).
 */
export function gb2312Hanzi(): readonly string[] {
  if (hanzi) return hanzi;
  const decoder = new TextDecoder('gb18030');
  const out: string[] = [];
  for (let lead = 0xb0; lead <= 0xf7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      if (lead === 0xd7 && trail >= 0xfa) continue;
      out.push(decoder.decode(Uint8Array.of(lead, trail)));
    }
  }
  hanzi = Object.freeze(out);
  return hanzi;
}

/** How many GB2312 hanzi the face maps to non-.notdef glyphs. */
export function gb2312Coverage(face: Pick<FontFace, 'hasCodePoint'>): { covered: number; total: typeof GB2312_HANZI_COUNT } {
  let covered = 0;
  for (const ch of gb2312Hanzi()) if (face.hasCodePoint(ch.codePointAt(0) ?? 0)) covered++;
  return { covered, total: GB2312_HANZI_COUNT };
}
