/**
 * Stage: measuring — character classes for CJK line composition (W3C clreq, GB/T 15834).
 * Input: a code point → whether it takes a full grid cell, whether it may start or end a line,
 * and where a narrow glyph sits inside its cell.
 */

/** clreq basic level: these never start a line (顿号 逗号 句号 冒号 分号 叹号 问号, closing brackets/quotes, 省略号, 破折号, 间隔号 …). */
export const NO_LINE_START = new Set([...'，。、；：？！）］｝】》〉」』〕〗”’…—–·・々ー〜％‰℃,.;:?!)]}%']);
/** Opening brackets, quotes and 书名号 never end a line. */
export const NO_LINE_END = new Set([...'（［｛【《〈「『〔〖“‘([{']);

/** Punctuation that is East-Asian-ambiguous in Unicode but takes a full cell in Chinese text. */
const FULL_WIDTH_AMBIGUOUS = new Set([...'“”‘’…—·']);

/** True when the code point takes one full grid cell (East Asian Wide/Fullwidth, plus CJK-context punctuation). */
export function isFullWidth(cp: number): boolean {
  if (FULL_WIDTH_AMBIGUOUS.has(String.fromCodePoint(cp))) return true;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

const OPENING = new Set([...'（［｛【《〈「『〔〖“‘']);
const CLOSING = new Set([...'，。、；：？！）］｝】》〉」』〕〗”’']);

/**
 * Where a glyph narrower than its cell sits: opening marks hug the following character (right), closing marks and
 * sentence punctuation the preceding one (left), everything else is centred.
 */
export function cellAlignment(ch: string): 'left' | 'right' | 'center' {
  if (OPENING.has(ch)) return 'right';
  if (CLOSING.has(ch)) return 'left';
  return 'center';
}
