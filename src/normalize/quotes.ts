/**
 * Stage: normalise (edition) — quotation marks of the Traditional edition. Input: converted Traditional text → the same
 * text with the quotation marks readers in Taiwan and Hong Kong expect: corner brackets 「」 for quotations and 『』 for
 * a quotation inside one (the Ministry of Education's 重訂標點符號手冊; Hong Kong's 香港特區政府中文公文寫作 uses the
 * same marks), where Simplified text uses “” and ‘’ (GB/T 15834 §4.1).
 *
 * Nesting is by depth, not by the mark that was typed: a quotation at even depth gets 「」, one at odd depth 『』, so
 * “他说‘好’” → 「他說『好』」 and a drafter's ‘’ used at the outer level still comes out as 「」. A ’ between two
 * Latin letters is an apostrophe (Xi’an) and stays.
 */

/** `--quotes`: corner brackets (default for the Traditional edition) or the curly quotes of the source. */
export type QuoteStyle = 'corner' | 'curly';

const OPENING = new Set(['“', '‘']);
const CLOSING = new Set(['”', '’']);
const CORNER = [
  ['「', '」'],
  ['『', '』'],
] as const;
const LATIN = /[A-Za-z]/;

/** Replaces curly quotation marks by corner brackets, alternating 「」/『』 by nesting depth. */
export function cornerQuotes(text: string): string {
  if (!/[“”‘’]/.test(text)) return text;
  const chars = [...text];
  let depth = 0;
  return chars
    .map((ch, i) => {
      if (ch === '’' && LATIN.test(chars[i - 1] ?? '') && LATIN.test(chars[i + 1] ?? '')) return ch;
      if (OPENING.has(ch)) return (CORNER[depth++ % 2] as readonly [string, string])[0];
      if (CLOSING.has(ch)) {
        // An unmatched closing mark (text that starts inside a quotation) closes at the outer level.
        depth = Math.max(0, depth - 1);
        return (CORNER[depth % 2] as readonly [string, string])[1];
      }
      return ch;
    })
    .join('');
}

/** The quotation-mark step for an edition's converter. */
export function quoteStep(style: QuoteStyle): (text: string) => string {
  return style === 'corner' ? cornerQuotes : (text) => text;
}
