/**
 * Stage: normalise (edition). Input: Simplified text + the project dictionary (data/terms.yaml) → Traditional text
 * (OpenCC phrase-level conversion, Taiwan or Hong Kong forms), never character by character.
 *
 * Pipeline (per call):
 *   1. Project entries first: a leftmost-longest scan for the dictionary's zh-Hans keys (terms, protected names,
 *      digit + measure word); each hit is replaced by its fixed zh-Hant text and never converted again.
 *   2. Every stretch between hits goes through OpenCC's own s2tw / s2hk pipeline: normalisation (CJK compatibility
 *      ideographs) → segmentation (forward maximum matching on the phrase dictionaries) → STPhrases+STCharacters →
 *      TW/HK variants. This reproduces `OpenCC.Converter({ from: 'cn', to })` exactly (a test compares both).
 *
 * Why this shape (measured on the seed report converted to Simplified, 4.1 k characters, opencc-js 1.4.2):
 *   - `ConverterFactory([custom, ...Locale.from.cn[0]], ...Locale.to.tw)` (no segmentation) and the built-in
 *     converter (with segmentation) give the same text here except at custom entries; the built-in one is the
 *     upstream-verified pipeline, so we keep its segmentation.
 *   - Custom entries placed *inside* the dictionaries only win where segmentation happens to cut at them: the
 *     built-in converter turns 党百年历程 into 黨百年曆程 because 年历 (calendar) is segmented first, so an entry
 *     历程 → 歷程 would never fire. Scanning project entries first makes an entry apply wherever its text occurs,
 *     which is what a user who adds a line to terms.yaml expects. The price: an entry also fires inside a longer
 *     word that happens to contain it (a protected 斗山 would keep 斗 in 奋斗山区), so entries should be whole words.
 *   - Segmentation reuses the conversion trie (phrases are exactly the keys of ≥ 2 characters; STCharacters has
 *     only single characters), so one big trie is built instead of two. Cold process, build + first call,
 *     min/median of 12 runs on a busy 2-core machine: 123/163 ms, against 155/262 ms for the built-in converter.
 * Tries are built lazily, once per process (the phrase trie is shared by tw and hk); importing builds nothing.
 */
import * as OpenCC from 'opencc-js';
import type { Terms } from './terms.ts';

/** Traditional variant: Taiwan (OpenCC s2tw) or Hong Kong (s2hk). */
export type Variant = 'tw' | 'hk';

type Convert = (s: string) => string;
type DictLike = string | readonly (readonly [string, string])[];
interface PipelineConfig {
  normalizationChain?: readonly (readonly DictLike[])[];
  conversionChain: readonly (readonly DictLike[])[];
}

/** OpenCC's upstream configuration for cn → variant (normalisation + conversion chain). */
function configFor(name: 's2tw' | 's2hk' | 'tw2s'): PipelineConfig {
  const config = (OpenCC.Locale.configs as Record<string, PipelineConfig> | undefined)?.[name];
  if (!config || config.conversionChain.length < 2) throw new Error(`opencc-js: configuration ${name} not found (version changed?)`);
  return config;
}

function trieOf(group: readonly DictLike[]): OpenCC.Trie {
  const trie = new OpenCC.Trie();
  trie.loadDictGroup(group as DictLike[]);
  return trie;
}

/** Lazily built, process-wide pieces of the OpenCC pipeline. */
let phraseTrie: OpenCC.Trie | undefined;
let normalizer: Convert | undefined;
const variantTries = new Map<Variant, OpenCC.Trie>();

function phrases(): OpenCC.Trie {
  // s2tw and s2hk share the first group (STPhrases, STPhrases_GeneratedFromRegionalPhrases, STCharacters).
  return (phraseTrie ??= trieOf(configFor('s2tw').conversionChain[0] ?? []));
}

function normalize(): Convert {
  return (normalizer ??= OpenCC.ConverterFactory(...((configFor('s2tw').normalizationChain ?? []) as OpenCC.DictGroup[])));
}

function variantTrie(variant: Variant): OpenCC.Trie {
  let trie = variantTries.get(variant);
  if (!trie) {
    trie = trieOf(configFor(variant === 'tw' ? 's2tw' : 's2hk').conversionChain[1] ?? []);
    variantTries.set(variant, trie);
  }
  return trie;
}

const codePointLength = (s: string, i: number) => ((s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);

/**
 * OpenCC cn → variant on text that holds no project entry: segmentation by forward maximum matching on the
 * phrase keys (≥ 2 characters), each segment converted by the phrase trie, then by the variant trie.
 * (opencc-js also keeps ideographic description sequences ⿰氵工 whole when segmenting; report text has none.)
 */
function openccConvert(text: string, variant: Variant): string {
  const s = normalize()(text);
  const trie = phrases();
  const variants = variantTrie(variant);
  const out: string[] = [];
  let runStart = -1;
  const flushRun = (end: number) => {
    if (runStart >= 0) out.push(variants.convert(trie.convert(s.slice(runStart, end))));
    runStart = -1;
  };
  for (let i = 0; i < s.length; ) {
    const m = trie.matchPrefix(s, i);
    if (m && m.end - i > codePointLength(s, i)) {
      flushRun(i);
      out.push(variants.convert(m.value));
      i = m.end;
    } else {
      if (runStart < 0) runStart = i;
      i += codePointLength(s, i);
    }
  }
  flushRun(s.length);
  return out.join('');
}

/** Arabic digits (half- and full-width) that a measure-word rule (`after-digits`) may follow. */
const DIGITS = [...'0123456789０１２３４５６７８９'];

/** The project entries as [zh-Hans, zh-Hant] pairs for one variant; later pairs never override earlier ones. */
function projectPairs(variant: Variant, terms: Terms): [string, string][] {
  const pairs: [string, string][] = [];
  for (const p of terms.protect) pairs.push([p.text, p.text]);
  for (const t of terms.terms) pairs.push([t.hans, (variant === 'hk' ? t.hantHk : undefined) ?? t.hant]);
  for (const r of terms.afterDigits) {
    const hant = (variant === 'hk' ? r.hantHk : undefined) ?? r.hant;
    for (const d of DIGITS) pairs.push([d + r.hans, d + hant]);
  }
  return pairs;
}

const converters = new Map<string, Convert>();
/** Watch mode may create a new Terms per edit; keep only a few converters (the big tries are shared anyway). */
const MAX_CACHED_CONVERTERS = 8;

/**
 * A Simplified → Traditional converter for `variant` with the project dictionary applied first. Built lazily and
 * cached per process for each (variant, dictionary content); the first call of a process costs ≈ 100 ms.
 */
export function traditionalConverter(variant: Variant, terms: Terms): Convert {
  const pairs = projectPairs(variant, terms);
  const key = JSON.stringify([variant, pairs]);
  const cached = converters.get(key);
  if (cached) return cached;
  let project: OpenCC.Trie | undefined;
  const convert: Convert = (text) => {
    if (!project) {
      project = new OpenCC.Trie();
      // Added in reverse so that the first entry wins on identical keys (protected names before terms).
      for (const [hans, hant] of [...pairs].reverse()) project.addWord(hans, hant);
    }
    const out: string[] = [];
    let gapStart = 0;
    for (let i = 0; i < text.length; ) {
      const m = pairs.length > 0 ? project.matchPrefix(text, i) : null;
      if (m) {
        if (gapStart < i) out.push(openccConvert(text.slice(gapStart, i), variant));
        out.push(m.value);
        i = gapStart = m.end;
      } else i += codePointLength(text, i);
    }
    if (gapStart < text.length) out.push(openccConvert(text.slice(gapStart), variant));
    return out.join('');
  };
  if (converters.size >= MAX_CACHED_CONVERTERS) converters.delete(converters.keys().next().value as string);
  converters.set(key, convert);
  return convert;
}

/** Builds the shared tries now (e.g. to time them, or before a watch loop); normally they build on first use. */
export function warmUpConverter(variant: Variant): void {
  phrases();
  normalize();
  variantTrie(variant);
}

// ---- Script checks: which characters belong to one script only -------------------------------------------------

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
