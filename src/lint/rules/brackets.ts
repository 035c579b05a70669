/**
 * Lint rule: unbalanced brackets and quotes within one text field. Input: text fields → `lint/unbalanced-bracket`
 * warnings at the unmatched mark. Pairs: （） ()  “” ‘’ 《》 【】 〔〕 「」 『』; half- and full-width round brackets
 * pair with each other (their width is the half-width rule's business). Straight " quotes are checked by parity.
 */
import { codePoints } from '../chars.ts';
import type { LintContext } from '../context.ts';

const CLOSER_OF: Record<string, string> = { '（': '）', '(': ')', '“': '”', '‘': '’', '《': '》', '【': '】', '〔': '〕', '「': '」', '『': '』' };
/** Closers mapped to the bracket kind they close (( and （ are one kind). */
const KIND: Record<string, string> = { '（': '（', '(': '（', '）': '（', ')': '（', '“': '“', '”': '“', '‘': '‘', '’': '‘', '《': '《', '》': '《', '【': '【', '】': '【', '〔': '〔', '〕': '〔', '「': '「', '」': '「', '『': '『', '』': '『' };
const OPENERS = new Set(Object.keys(CLOSER_OF));
const CLOSERS = new Set(Object.values(CLOSER_OF));

export function checkBrackets(ctx: LintContext): void {
  for (const field of ctx.fields) {
    const stack: { ch: string; index: number }[] = [];
    const unmatched: { ch: string; index: number; open: boolean }[] = [];
    const straight: number[] = [];
    for (const { ch, index } of codePoints(field.text)) {
      if (ch === '"') straight.push(index);
      else if (OPENERS.has(ch)) stack.push({ ch, index });
      else if (CLOSERS.has(ch)) {
        const at = stack.map((o) => KIND[o.ch]).lastIndexOf(KIND[ch]);
        if (at < 0) unmatched.push({ ch, index, open: false });
        else for (const o of stack.splice(at).slice(1)) unmatched.push({ ...o, open: true });
      }
    }
    for (const o of stack) unmatched.push({ ...o, open: true }); // no spread: a paragraph may hold 100k brackets
    if (straight.length % 2 === 1) unmatched.push({ ch: '"', index: straight[straight.length - 1]!, open: true });
    for (const u of unmatched.sort((a, b) => a.index - b.index)) {
      const pair = u.ch === '"' ? '"' : u.open ? (CLOSER_OF[u.ch] ?? '') : (Object.keys(CLOSER_OF).find((o) => CLOSER_OF[o] === u.ch) ?? '');
      const message = u.ch === '"' ? '直引号“"”没有配对' : u.open ? `“${u.ch}”没有配对的“${pair}”` : `多余的“${u.ch}”：前面没有与之配对的“${pair}”`;
      ctx.warnAt('lint/unbalanced-bracket', message, field.path, u.index, u.ch.length, ['括号和引号应在同一段内成对出现。']);
    }
  }
}
