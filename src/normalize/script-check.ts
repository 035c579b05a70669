/**
 * Stage: normalise — script checks. Input: a text → the characters in it that belong to the wrong script: Simplified-
 * only characters left in a Traditional text (conversion residue), Traditional-only ones in a text that should be
 * Simplified; plus OpenCC tw → cn for the round-trip check and for repairing badly converted Traditional text.
 * The character sets come from OpenCC's own dictionaries (script-sets.ts, kept in script-sets.data.ts).
 */
import { codePointLength, configFor } from './opencc-config.ts';
import { lazyChain } from './lazy-trie.ts';
import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from './script-sets.data.ts';

type Convert = (s: string) => string;

/**
 * Simplified-only and Traditional-only characters: derived from OpenCC's dictionaries by script-sets.ts and kept as
 * generated data (script-sets.data.ts; a test recomputes them), so a build does not scan 1 MB of dictionaries.
 */
const SCRIPT_SETS = { simplifiedOnly: new Set(SIMPLIFIED_ONLY), traditionalOnly: new Set(TRADITIONAL_ONLY) };

/** A character of the wrong script at `index` (UTF-16) of a text. */
export interface ScriptHit {
  char: string;
  index: number;
}

type Script = keyof typeof SCRIPT_SETS;

function findIn(text: string, script: Script): ScriptHit[] {
  const set = SCRIPT_SETS[script];
  const hits: ScriptHit[] = [];
  for (let i = 0; i < text.length; i += codePointLength(text, i)) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (set.has(char)) hits.push({ char, index: i });
  }
  return hits;
}

/** Simplified-only characters left in a Traditional text (conversion residue). */
export function findSimplifiedResidue(text: string): ScriptHit[] {
  return findIn(text, 'simplifiedOnly');
}

/** Traditional-only characters in a text that should be Simplified. */
export function findTraditionalOnly(text: string): ScriptHit[] {
  return findIn(text, 'traditionalOnly');
}

let toSimplified: Convert | undefined;
/**
 * OpenCC tw → cn (the round-trip check and repairing badly converted Traditional text): `OpenCC.Converter({ from:
 * 'tw', to: 'cn' })` on lazily filled tries (lazy-trie.ts), which a cold build needs for a few dozen dictionary
 * entries — building the whole tries cost ≈ 20–40 ms of every zh-Hant build.
 */
export function simplifiedConverter(): Convert {
  return (toSimplified ??= lazyChain(configFor('tw2s')));
}
