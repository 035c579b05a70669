/**
 * Stage: check (proofreading lint) — character classes shared by the rules. Input: one character → its class.
 */

const HAN = /^\p{Script=Han}$/u;
/** Full-width punctuation and the marks Chinese text shares with others (“ ” ‘ ’ … — ·). */
const CJK_PUNCT = /^[\u3001-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2018-\u201F\u2014\u2015\u2026\u00B7]$/;

/** A Chinese character (汉字). */
export const isHan = (ch: string | undefined): boolean => ch !== undefined && HAN.test(ch);

/** A Chinese character or a full-width / Chinese punctuation mark: the context that wants full-width marks. */
export const isChinese = (ch: string | undefined): boolean => ch !== undefined && (HAN.test(ch) || CJK_PUNCT.test(ch));

/** A space of any width (U+0020, U+3000 ideographic space, no-break and thin spaces, tab). */

export const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** Chinese numerals: 一一, 三三两两 … are legitimate doubles. */
export const CHINESE_NUMERALS = new Set([...'〇零一二三四五六七八九十百千万亿两']);

/** The code points of a text with their UTF-16 indexes (spans use UTF-16 offsets). */
export function codePoints(text: string): { ch: string; index: number }[] {
  const out: { ch: string; index: number }[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    out.push({ ch, index: i });
    i += ch.length;
  }
  return out;
}
