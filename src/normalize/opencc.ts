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
 *     only single characters), so one trie serves both; every trie is filled lazily with just the entries that can
 *     match in the text (lazy-trie.ts): a cold zh-Hant build spends tens of ms on OpenCC instead of 100–250 ms.
 * The tries are built lazily and kept by a TraditionalConverters object — the compiler's, so a rebuild in the same
 * process (watch, copies, batch) reuses them; the phrase trie is shared by tw and hk; importing builds nothing.
 */
import * as OpenCC from 'opencc-js';
import { codePointLength, configFor } from './opencc-config.ts';
import { LazyTrie, lazyChain } from './lazy-trie.ts';
import type { Terms } from './terms.ts';

/** Traditional variant: Taiwan (OpenCC s2tw) or Hong Kong (s2hk). */
export type Variant = 'tw' | 'hk';

type Convert = (s: string) => string;


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

/** Watch mode may create a new Terms per edit; keep only a few converters (the big tries are shared anyway). */
const MAX_CACHED_CONVERTERS = 8;

/** The OpenCC tries and the converters built on them, kept across builds. */
export class TraditionalConverters {
  private phraseTrie: LazyTrie | undefined;
  private normalizer: Convert | undefined;
  private readonly variantTries = new Map<Variant, LazyTrie>();
  private readonly converters = new Map<string, Convert>();

  private phrases(): LazyTrie {
    // s2tw and s2hk share the first group (STPhrases, STPhrases_GeneratedFromRegionalPhrases, STCharacters).
    return (this.phraseTrie ??= new LazyTrie(configFor('s2tw').conversionChain[0] ?? []));
  }

  private normalize(): Convert {
    return (this.normalizer ??= lazyChain({ normalizationChain: configFor('s2tw').normalizationChain ?? [], conversionChain: [] }));
  }

  private variantTrie(variant: Variant): LazyTrie {
    let trie = this.variantTries.get(variant);
    if (!trie) {
      trie = new LazyTrie(configFor(variant === 'tw' ? 's2tw' : 's2hk').conversionChain[1] ?? []);
      this.variantTries.set(variant, trie);
    }
    return trie;
  }

  /**
   * OpenCC cn → variant on text that holds no project entry: segmentation by forward maximum matching on the
   * phrase keys (≥ 2 characters), each segment converted by the phrase trie, then by the variant trie.
   * (opencc-js also keeps ideographic description sequences ⿰氵工 whole when segmenting; report text has none.)
   */
  private openccConvert(text: string, variant: Variant): string {
    const s = this.normalize()(text);
    const trie = this.phrases();
    const variants = this.variantTrie(variant);
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

  /**
   * A Simplified → Traditional converter for `variant` with the project dictionary applied first, cached for each
   * (variant, dictionary content). The tries are built on the first conversion (≈ 100–200 ms once per process).
   */
  converter(variant: Variant, terms: Terms): Convert {
    const pairs = projectPairs(variant, terms);
    const key = JSON.stringify([variant, pairs]);
    const cached = this.converters.get(key);
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
          if (gapStart < i) out.push(this.openccConvert(text.slice(gapStart, i), variant));
          out.push(m.value);
          i = gapStart = m.end;
        } else i += codePointLength(text, i);
      }
      if (gapStart < text.length) out.push(this.openccConvert(text.slice(gapStart), variant));
      return out.join('');
    };
    if (this.converters.size >= MAX_CACHED_CONVERTERS) this.converters.delete(this.converters.keys().next().value as string);
    this.converters.set(key, convert);
    return convert;
  }
}
