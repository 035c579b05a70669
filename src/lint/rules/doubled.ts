/**
 * Lint rule: doubled characters and doubled punctuation. Input: text fields → `lint/doubled-char` (的的, 了了) and
 * `lint/doubled-punctuation` (，，。。) warnings at the second character.
 * Legitimate reduplication is left alone: words of their own (常常, 天天, 谢谢 — word-lists.ts), AABB forms
 * (认认真真), Chinese numerals (一一, 三三两两) and phrases such as 不了了之.
 */
import { CHINESE_NUMERALS, codePoints, isHan } from '../chars.ts';
import type { LintContext } from '../context.ts';
import { LEGITIMATE_DOUBLES, PHRASES_WITH_DOUBLES } from '../word-lists.ts';

const DOUBLED_PUNCTUATION = new Set([...'，。、；：']);

export function checkDoubled(ctx: LintContext): void {
  for (const field of ctx.fields) {
    const cps = codePoints(field.text);
    const at = (k: number) => cps[k]?.ch;
    for (let k = 1; k < cps.length; k++) {
      const ch = at(k)!;
      if (ch !== at(k - 1)) continue;
      if (at(k + 1) === ch) continue; // three or more in a row: leave to the reader (哈哈哈, ……)
      const second = cps[k]!;
      if (DOUBLED_PUNCTUATION.has(ch)) {
        ctx.warnAt('lint/doubled-punctuation', `标点“${ch}”重复`, field.path, second.index, ch.length, [`删去一个“${ch}”。`]);
        continue;
      }
      if (!isHan(ch) || CHINESE_NUMERALS.has(ch) || LEGITIMATE_DOUBLES.has(ch + ch)) continue;
      const aabb = (at(k + 1) !== undefined && at(k + 1) === at(k + 2) && at(k + 1) !== ch) || (at(k - 2) !== undefined && at(k - 2) === at(k - 3) && at(k - 2) !== ch);
      if (aabb) continue;
      if (insideAllowedPhrase(field.text, second.index, ch)) continue;
      ctx.warnAt('lint/doubled-char', `“${ch + ch}”重复`, field.path, second.index, ch.length, [`是否多打了一个“${ch}”？`]);
    }
  }
}

/** Whether the doubled pair ending at `index` lies inside one of PHRASES_WITH_DOUBLES. */
function insideAllowedPhrase(text: string, index: number, ch: string): boolean {
  return PHRASES_WITH_DOUBLES.some((phrase) => {
    for (let p = phrase.indexOf(ch + ch); p !== -1; p = phrase.indexOf(ch + ch, p + 1)) {
      const start = index - ch.length - p;
      if (start >= 0 && text.startsWith(phrase, start)) return true;
    }
    return false;
  });
}
