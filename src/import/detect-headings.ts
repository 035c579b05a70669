/**
 * Stage: import — heading numbers. Input: one line → its numbering (style, ordinal, the text after it), or
 * undefined for an unnumbered line; and a level + ordinal → the number GB/T 9704 §7.3.3 prints for it.
 *
 * §7.3.3 numbers levels "一、" "（一）" "1." "（1）". Input files mix styles ("1、", "(一)", "1．"); the style only
 * tells headings apart, the level comes from nesting (build-tree.ts), and the number is regenerated, never stored.
 */

/** A numbering style as typed; a style's place in the nesting, not its look, decides the level. */
export type NumberStyle = 'cn-comma' | 'cn-paren' | 'arabic' | 'arabic-paren';

/** A recognised heading number at the start of a line. */
export interface Numbering {
  style: NumberStyle;
  /** The number's value (一 = 1, 十二 = 12). */
  ordinal: number;
  /** The number as typed, e.g. "1、" or "(一)". */
  label: string;
  /** UTF-16 length of the number and the spaces after it. */
  length: number;
  /** The line after the number. */
  rest: string;
  /** The level a Word outline level gives (1–4), which wins over the nesting of styles. */
  level?: number;
  /** Not typed: the heading is one by its Word outline level alone (its number is generated, never compared). */
  untyped?: boolean;
  /** Length of the heading part of `rest` when the file marks it (a bold lead); else it ends at the first 。？！. */
  headingLength?: number;
}

const OUTLINE_STYLES: readonly NumberStyle[] = ['cn-comma', 'cn-paren', 'arabic', 'arabic-paren'];

/** The numbering of a heading that a Word outline level (0–3) marks and no number is typed in. */
export function outlineNumbering(line: string, outlineLevel: number): Numbering {
  return { style: OUTLINE_STYLES[outlineLevel] ?? 'arabic-paren', ordinal: 0, label: '', length: 0, rest: line, untyped: true };
}

const CN_DIGITS = '〇一二三四五六七八九';
const CN = '[〇零一二两三四五六七八九十]{1,3}';

const PATTERNS: { style: NumberStyle; re: RegExp }[] = [
  { style: 'cn-comma', re: new RegExp(`^(${CN})\\s*[、．.]\\s*`) },
  { style: 'cn-paren', re: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*`) },
  // (?!\d): "46.8" and "1.5万元" are numbers, not headings; two digits at most, so "2021、2022年" is not one either.
  { style: 'arabic', re: /^(\d{1,2})\s*[.．、](?!\d)\s*/ },
  { style: 'arabic-paren', re: /^[（(]\s*(\d{1,2})\s*[）)]\s*/ },
];

/** Recognises a heading number at the start of `line` (`rest` may be empty); undefined when there is none. */
export function detectNumbering(line: string): Numbering | undefined {
  for (const { style, re } of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const ordinal = style.startsWith('cn') ? chineseNumeral(m[1]!) : Number(m[1]);
    if (ordinal === undefined || ordinal < 1) continue;
    return { style, ordinal, label: m[0].trim(), length: m[0].length, rest: line.slice(m[0].length) };
  }
  return undefined;
}

/** 一…九十九 (also 〇/零 and 两) → a number; undefined for malformed numerals such as 十十. */
export function chineseNumeral(s: string): number | undefined {
  const digit = (c: string | undefined) => (c === '两' ? 2 : c === '零' ? 0 : CN_DIGITS.indexOf(c ?? ''));
  const parts = s.split('十');
  if (parts.length === 1) return s.length === 1 && digit(s) >= 0 ? digit(s) : undefined;
  if (parts.length !== 2) return undefined;
  const [tens, ones] = parts as [string, string];
  const t = tens === '' ? 1 : tens.length === 1 ? digit(tens) : -1;
  const o = ones === '' ? 0 : ones.length === 1 ? digit(ones) : -1;
  return t >= 1 && o >= 0 ? t * 10 + o : undefined;
}

/** Heading numbers are generated in one place, shared with the renderer (§7.3.3). */
export { headingNumber } from '../gbt9704/numerals.ts';
