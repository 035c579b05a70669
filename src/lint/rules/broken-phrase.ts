/**
 * Lint rule: a character that breaks a common word. Input: text fields → `lint/broken-phrase` warnings at the stray
 * character, with the phrase it breaks as a hint (the seed's 各项刚工作 → 是否应为“各项工作”？).
 * A finding is a fixed phrase from word-lists.ts with exactly one Chinese character inserted inside it; function
 * words that may legitimately stand there (深入地开展) are ignored.
 */
import { isHan } from '../chars.ts';
import type { LintContext } from '../context.ts';
import { COMMON_PHRASES, INSERTABLE } from '../word-lists.ts';

/** One inserted character: where it is and which phrase it breaks. */
export interface BrokenPhrase {
  index: number;
  char: string;
  phrase: string;
  /** UTF-16 length of the part of the phrase before the inserted character. */
  head: number;
}

/** Finds fixed phrases broken by one inserted character in a text. */
/** Each phrase with its characters and its head/tail splits, computed once per phrase list. */
const SPLITS = new WeakMap<readonly string[], { phrase: string; chars: string[]; splits: { head: string; tail: string }[] }[]>();

function splitsOf(phrases: readonly string[]) {
  let list = SPLITS.get(phrases);
  if (!list) {
    list = phrases.map((phrase) => {
      const chars = [...phrase];
      return { phrase, chars, splits: chars.slice(1).map((_, k) => ({ head: chars.slice(0, k + 1).join(''), tail: chars.slice(k + 1).join('') })) };
    });
    SPLITS.set(phrases, list);
  }
  return list;
}

export function findBrokenPhrases(text: string, phrases: readonly string[] = COMMON_PHRASES): BrokenPhrase[] {
  const found: BrokenPhrase[] = [];
  const present = new Set(text);
  for (const { phrase, chars, splits } of splitsOf(phrases)) {
    // A broken phrase holds every character of the phrase: most phrases are ruled out without a search.
    if (!chars.every((c) => present.has(c))) continue;
    for (const { head, tail } of splits) {
      for (let i = text.indexOf(head); i !== -1; i = text.indexOf(head, i + 1)) {
        const at = i + head.length;
        const char = String.fromCodePoint(text.codePointAt(at) ?? 0);
        if (!isHan(char) || INSERTABLE.has(char) || !text.startsWith(tail, at + char.length)) continue;
        found.push({ index: at, char, phrase, head: head.length });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export function checkBrokenPhrases(ctx: LintContext): void {
  for (const field of ctx.fields) {
    for (const hit of findBrokenPhrases(field.text)) {
      const written = field.text.slice(hit.index - hit.head, hit.index + hit.char.length + hit.phrase.length - hit.head);
      ctx.warnAt('lint/broken-phrase', `“${written}”中的“${hit.char}”疑似多余`, field.path, hit.index, hit.char.length, [`是否应为“${hit.phrase}”？`]);
    }
  }
}
