/**
 * Stage: normalise — script checks. Input: a text → the characters in it that belong to the wrong script: Simplified-
 * only characters left in a Traditional text (conversion residue), Traditional-only ones in a text that should be
 * Simplified; plus OpenCC tw → cn for the round-trip check and for repairing badly converted Traditional text.
 * The character sets come from OpenCC's own dictionaries (opencc-config.ts).
 */
import * as OpenCC from 'opencc-js';
import { codePointLength, configFor, type DictLike } from './opencc-config.ts';

type Convert = (s: string) => string;

interface ScriptSets {
  /** Simplified forms that never appear on the Traditional side of any OpenCC dictionary (们, 对, 发 …). */
  simplifiedOnly: Set<string>;
  /** Traditional forms that never appear on the Simplified side (們, 對, 麵, 製, 誌, 錶, 隻 …). */
  traditionalOnly: Set<string>;
}
let scriptSets: ScriptSets | undefined;

/** Adds the characters of a dictionary's sources to `sources` and of its targets to `targets`. */
function scanDict(dict: DictLike, sources: Set<string>, targets: Set<string>): void {
  if (typeof dict !== 'string') {
    for (const [k, v] of dict) for (const [s, set] of [[k, sources], [v, targets]] as const) for (const c of s) set.add(c);
    return;
  }
  // One pass over "src dst dst|src dst…" without splitting: the 1 MB phrase dictionary costs ≈ 30 ms this way.
  let inTarget = false;
  for (const c of dict) {
    if (c === '|') inTarget = false;
    else if (c === ' ') inTarget = true;
    else (inTarget ? targets : sources).add(c);
  }
}

/** Sources whose single-character mapping changes them and that never occur in `otherSide`. */
function onlyIn(characters: DictLike, otherSide: Set<string>): Set<string> {
  const pairs = typeof characters === 'string' ? characters.split('|').map((l) => l.split(' ')) : characters;
  return new Set(pairs.flatMap(([k = '', v = '']) => (k !== v && !otherSide.has(k) ? [k] : [])));
}

/**
 * A character is Simplified-only when STCharacters maps it to another form and it occurs on the Traditional side
 * of no dictionary (targets of ST* and of the TW/HK variant tables, sources of TS* and of the variant tables).
 * 台, 里, 干, 后, 斗, 云 … map to other forms but are also valid Traditional characters, and 群 is the Taiwan form
 * of OpenCC's 羣, so none of them is Simplified-only. The Traditional-only set is built symmetrically.
 * Computed once per process (≈ 70 ms: it reads the 1 MB phrase dictionary).
 */
function scripts(): ScriptSets {
  if (scriptSets) return scriptSets;
  const [stPhrases = '', stGenerated = '', stCharacters = ''] = configFor('s2tw').conversionChain[0] ?? [];
  const [tsPhrases = '', tsCharacters = ''] = configFor('tw2s').conversionChain[1] ?? [];
  const variantDicts = [...(configFor('s2tw').conversionChain[1] ?? []), ...(configFor('s2hk').conversionChain[1] ?? [])];
  const hantSide = new Set<string>();
  const hansSide = new Set<string>();
  for (const dict of [stPhrases, stGenerated, stCharacters]) scanDict(dict, hansSide, hantSide);
  for (const dict of [tsPhrases, tsCharacters]) scanDict(dict, hantSide, hansSide);
  for (const dict of variantDicts) scanDict(dict, hantSide, hantSide);
  scriptSets = { simplifiedOnly: onlyIn(stCharacters, hantSide), traditionalOnly: onlyIn(tsCharacters, hansSide) };
  return scriptSets;
}

/** A character of the wrong script at `index` (UTF-16) of a text. */
export interface ScriptHit {
  char: string;
  index: number;
}

type Script = keyof ScriptSets;
let candidateSets: ScriptSets | undefined;

/**
 * Cheap first filter (≈ 2 ms, the single-character tables only): characters whose one-character mapping changes
 * them. Only when a text holds one of these do we pay for the full sets (≈ 70 ms), so checking a terms file
 * of Traditional-looking zh-Hant entries such as 對標對表 usually costs nothing.
 */
function candidates(): ScriptSets {
  if (candidateSets) return candidateSets;
  const changed = (dict: DictLike) => onlyIn(dict, new Set());
  candidateSets = {
    simplifiedOnly: changed(configFor('s2tw').conversionChain[0]?.[2] ?? ''),
    traditionalOnly: changed(configFor('tw2s').conversionChain[1]?.[1] ?? ''),
  };
  return candidateSets;
}

function findIn(text: string, script: Script): ScriptHit[] {
  const maybe = candidates()[script];
  const hits: ScriptHit[] = [];
  for (let i = 0; i < text.length; i += codePointLength(text, i)) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (maybe.has(char)) hits.push({ char, index: i });
  }
  if (hits.length === 0) return hits;
  const sure = scripts()[script];
  return hits.filter((h) => sure.has(h.char));
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
/** OpenCC tw → cn (the round-trip check and repairing badly converted Traditional text); ≈ 5 ms to build. */
export function simplifiedConverter(): Convert {
  return (toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
}
