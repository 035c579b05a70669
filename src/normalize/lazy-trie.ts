/**
 * Stage: normalise — OpenCC's tries, filled as the text needs them. Input: OpenCC dictionaries (opencc-js's own
 * "src dst|src dst" strings or pairs) → a trie that answers exactly as OpenCC's Trie built from them does, but holds
 * only the entries that begin with characters the converted texts contain; and OpenCC's Converter for a whole
 * configuration (normalisation → segmentation → conversion chain) built from such tries.
 */
import * as OpenCC from 'opencc-js';
import { codePointLength, type DictLike, type PipelineConfig } from './opencc-config.ts';

type Convert = (s: string) => string;

/** The part of OpenCC's Trie the conversion uses. */
interface PrefixTrie {
  matchPrefix(s: string, i: number): { end: number; value: string } | null;
  convert(s: string): string;
}

/** The entries of one dictionary whose key begins with `first` then `second` (-1: the key is that one character). */
type BucketFinder = (first: number, second: number) => readonly number[];

const SPACE = 0x20;
const BAR = 0x7c;

/** The code point after the first of a key at `at`, or -1 when the key ends there (at `stop`, a char code; or the end). */
function secondOf(text: string, first: number, at: number, stop: number): number {
  const next = at + (first > 0xffff ? 2 : 1);
  if (next >= text.length || text.charCodeAt(next) === stop) return -1;
  return text.codePointAt(next) ?? -1;
}

/**
 * The buckets of a dictionary in opencc-js's "source target|source target…" form: one pass records each entry's
 * start and the first two code points of its key (char codes only: no string is made per entry). OpenCC's
 * dictionaries are sorted by key in code point order (every one opencc-js 1.4.2 ships), so a bucket is a run of
 * consecutive entries found by binary search; a dictionary the pass finds unsorted is indexed in maps instead.
 */
function stringBuckets(dict: string): BucketFinder {
  const starts: number[] = [];
  const firsts: number[] = [];
  const seconds: number[] = [];
  let sorted = true;
  for (let at = 0; at < dict.length; ) {
    const c = dict.charCodeAt(at);
    if (c !== SPACE && c !== BAR) {
      const first = dict.codePointAt(at) ?? 0;
      const second = secondOf(dict, first, at, SPACE);
      const n = firsts.length;
      if (n > 0 && ((firsts[n - 1] ?? 0) > first || ((firsts[n - 1] ?? 0) === first && (seconds[n - 1] ?? 0) > second))) sorted = false;
      starts.push(at);
      firsts.push(first);
      seconds.push(second);
    }
    const bar = dict.indexOf('|', at);
    at = bar < 0 ? dict.length : bar + 1;
  }
  if (!sorted) return mapBuckets(starts, firsts, seconds);
  return (first, second) => {
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const f = firsts[mid] ?? 0;
      if (f < first || (f === first && (seconds[mid] ?? 0) < second)) lo = mid + 1;
      else hi = mid;
    }
    let to = lo;
    while (to < firsts.length && firsts[to] === first && seconds[to] === second) to++;
    return to > lo ? starts.slice(lo, to) : [];
  };
}

/** Buckets in maps: two levels of small-integer keys (one combined number above 2^31 would hash slowly). */
function mapBuckets(entries: readonly number[], firsts: readonly number[], seconds: readonly number[]): BucketFinder {
  const buckets = new Map<number, Map<number, number[]>>();
  entries.forEach((entry, i) => {
    const first = firsts[i] ?? 0;
    const second = seconds[i] ?? -1;
    let bySecond = buckets.get(first);
    if (!bySecond) buckets.set(first, (bySecond = new Map()));
    const list = bySecond.get(second);
    if (list) list.push(entry);
    else bySecond.set(second, [entry]);
  });
  return (first, second) => buckets.get(first)?.get(second) ?? [];
}

/** The buckets of a dictionary given as [source, target] pairs. */
function pairBuckets(dict: readonly (readonly [string, string])[]): BucketFinder {
  const entries: number[] = [];
  const firsts: number[] = [];
  const seconds: number[] = [];
  dict.forEach(([source = ''], i) => {
    const first = source.codePointAt(0);
    if (first === undefined) return;
    entries.push(i);
    firsts.push(first);
    seconds.push(secondOf(source, first, 0, -1));
  });
  return mapBuckets(entries, firsts, seconds);
}

/**
 * OpenCC's trie of a dictionary group (the phrase trie STPhrases + STCharacters holds ≈ 60 k entries), filled as the
 * text needs it. A match at position i only ever follows entries whose key is the character at i alone or begins with
 * the two characters at i and i+1; so before matching at i, exactly those two buckets of entries are added,
 * dictionary by dictionary in loadDictGroup's order (later dictionaries first, so the first one wins on equal keys,
 * as there: equal keys always share a bucket). The answers are exactly those of the full trie, which a report would
 * fill almost entirely if whole first-character buckets were added (its ≈ 1.5 k characters begin most phrases):
 * measured on the report, ≈ 1.5 k entries added instead of ≈ 27 k.
 */
export class LazyTrie implements PrefixTrie {
  private readonly trie = new OpenCC.Trie();
  /** Per dictionary (in loading order): its buckets. */
  private index: { dict: DictLike; find: BucketFinder }[] | undefined;
  /** The buckets added so far: first code point → second code points. */
  private readonly loadedBuckets = new Map<number, Set<number>>();

  constructor(private readonly group: readonly DictLike[]) {}

  private entries(): { dict: DictLike; find: BucketFinder }[] {
    return (this.index ??= [...this.group].reverse().map((dict) => ({ dict, find: typeof dict === 'string' ? stringBuckets(dict) : pairBuckets(dict) })));
  }

  /** Adds the entries of one bucket, once. */
  private load(first: number, second: number): void {
    let seconds = this.loadedBuckets.get(first);
    if (!seconds) this.loadedBuckets.set(first, (seconds = new Set()));
    if (seconds.has(second)) return;
    seconds.add(second);
    for (const { dict, find } of this.entries()) {
      for (const at of find(first, second)) {
        if (typeof dict !== 'string') {
          const [source = '', target = ''] = dict[at] ?? [];
          this.trie.addWord(source, target);
          continue;
        }
        const space = dict.indexOf(' ', at);
        const bar = dict.indexOf('|', at);
        const end = bar < 0 ? dict.length : bar;
        if (space < 0 || space > end) throw new TypeError(`OpenCC dictionary entry without a target at ${at}`);
        const next = dict.indexOf(' ', space + 1);
        this.trie.addWord(dict.slice(at, space), dict.slice(space + 1, next < 0 || next > end ? end : next));
      }
    }
  }

  /** Makes every entry that can match at position `i` of `s` present. */
  private ensureAt(s: string, i: number): void {
    const first = s.codePointAt(i);
    if (first === undefined) return;
    this.load(first, -1);
    const second = s.codePointAt(i + (first > 0xffff ? 2 : 1));
    if (second !== undefined) this.load(first, second);
  }

  private ensureAll(s: string): void {
    for (let i = 0; i < s.length; i += codePointLength(s, i)) this.ensureAt(s, i);
  }

  matchPrefix(s: string, i: number): { end: number; value: string } | null {
    this.ensureAt(s, i);
    return this.trie.matchPrefix(s, i);
  }

  convert(s: string): string {
    this.ensureAll(s);
    return this.trie.convert(s);
  }

  /** OpenCC's Trie.segment: the matches and the stretches between them, in order (only ever calls matchPrefix). */
  segment(s: string): string[] {
    this.ensureAll(s);
    return this.trie.segment(s);
  }
}

/** A dictionary or a dictionary group as opencc-js's configurations give them: always a group. */
function groupOf(dicts: DictLike | readonly DictLike[]): readonly DictLike[] {
  return Array.isArray(dicts) && dicts.every((d) => typeof d === 'string') ? (dicts as readonly string[]) : [dicts as DictLike];
}

/**
 * The converter `OpenCC.Converter` builds for a configuration, with every trie lazy: the text is normalised (each
 * normalisation group converting in turn), cut into segments at the segmentation dictionary's matches, and every
 * segment converted by each group of the conversion chain in turn, then joined — opencc-js 1.4's algorithm, step by
 * step (tests/edition.test.ts compares the two on whole dictionaries and the report).
 */
export function lazyChain(config: PipelineConfig): Convert {
  const normalizers = (config.normalizationChain ?? []).map((group) => new LazyTrie(group));
  const segmentation = config.segmentation ? new LazyTrie(groupOf(config.segmentation)) : undefined;
  const chain = config.conversionChain.map((group) => new LazyTrie(group));
  return (text) => {
    const normalized = normalizers.reduce((s, trie) => trie.convert(s), text);
    const segments = segmentation ? segmentation.segment(normalized) : [normalized];
    return chain.reduce((parts, trie) => parts.map((part) => trie.convert(part)), segments).join('');
  };
}
