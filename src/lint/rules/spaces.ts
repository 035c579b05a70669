/**
 * Lint rule: stray spaces. Input: text fields → `lint/stray-space` warnings.
 * Chinese text takes no spaces (GB/T 15834): not between Chinese characters, not between Chinese and digits or
 * punctuation (the seed's 残疾人 588人, 对接 "一门). Spaces between Latin words or digits are left alone.
 */
import { codePoints, isChinese, isSpace } from '../chars.ts';
import type { LintContext } from '../context.ts';

export function checkSpaces(ctx: LintContext): void {
  for (const field of ctx.fields) {
    const cps = codePoints(field.text);
    for (let k = 0; k < cps.length; k++) {
      if (!isSpace(cps[k]?.ch)) continue;
      let end = k;
      while (isSpace(cps[end + 1]?.ch)) end++;
      const before = cps[k - 1]?.ch;
      const after = cps[end + 1]?.ch;
      const atEdge = before === undefined || after === undefined;
      if (atEdge || isChinese(before) || isChinese(after)) {
        const start = cps[k]!.index;
        const length = cps[end]!.index + cps[end]!.ch.length - start;
        const what = `${before ?? '（开头）'}□${after ?? '（结尾）'}`.replace('□', ' ');
        ctx.warnAt('lint/stray-space', `多余的空格：“${what}”`, field.path, start, length, ['中文与汉字、数字、标点之间不加空格，请删除。']);
      }
      k = end;
    }
  }
}
