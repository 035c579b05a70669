/**
 * Lint rule: half-width punctuation next to Chinese. Input: text fields → `lint/half-width-punctuation` warnings
 * with the full-width mark to use (GB/T 9704 §9 → GB/T 15834: Chinese text takes full-width marks).
 * Marks inside numbers stay half-width: 46.8, 3,218, 10:30, and the 1. of a numbered item. A run of dots (...) is
 * one finding (→ ……).
 * Load-time normalisation converts these marks in the build; this rule tells the user where to fix the data.
 */
import { codePoints, isChinese, isDigit, isSpace } from '../chars.ts';
import type { LintContext } from '../context.ts';

const FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' };
const NUMERIC_INSIDE = new Set([',', '.', ':']);

export function checkHalfWidth(ctx: LintContext): void {
  for (const field of ctx.fields) {
    const cps = codePoints(field.text);
    let quotes = 0;
    const near = (k: number, step: 1 | -1) => {
      let j = k + step;
      while (isSpace(cps[j]?.ch)) j += step;
      return cps[j]?.ch;
    };
    for (let k = 0; k < cps.length; k++) {
      const { ch, index } = cps[k]!;
      if (ch === '"') quotes++;
      if (!(ch in FULL) && ch !== '"') continue;
      let end = k;
      if (ch === '.') while (cps[end + 1]?.ch === '.') end++;
      const before = cps[k - 1]?.ch;
      const after = cps[end + 1]?.ch;
      if (NUMERIC_INSIDE.has(ch) && end === k && isDigit(before) && isDigit(after)) continue;
      // "1." is the half-width full stop of a level-3 number (§7.3.3), also when written inside a paragraph.
      if (ch === '.' && end === k && isDigit(before)) continue;
      if (!isChinese(near(k, -1)) && !isChinese(near(end, 1))) {
        k = end;
        continue;
      }
      const full = end > k ? '……' : ch === '"' ? (quotes % 2 === 1 ? '“' : '”') : (FULL[ch] ?? ch);
      const src = field.text.slice(index, cps[end]!.index + 1);
      // Quote marks are named without surrounding quotes, which would be unreadable (“"”应为““”).
      const [from, to] = ch === '"' ? [`引号 " `, ` ${full}`] : [`“${src}”`, `“${full}”`];
      ctx.warnAt('lint/half-width-punctuation', `汉字旁的半角${from}应为全角${to}`, field.path, index, src.length, [
        `改为${to.trim()}（构建时会自动规范，建议直接改正数据）。`,
      ]);
      k = end;
    }
  }
}
