/**
 * Stage: DOCX writer — reproducible packaging. Input: the `docx` package's zip + the build clock → the same bytes for
 * the same document (measured-facts.md §5). Three sources of change are pinned:
 * 1. `docx` draws ids and embedded-font keys from `Math.random` (bundled nanoid): it runs with a seeded generator;
 * 2. docProps/core.xml carries the wall-clock time: created/modified are rewritten to the clock;
 * 3. zip entry times are `Date.now()`: the zip is rebuilt with the clock as a fixed DOS time, [Content_Types].xml
 *    and _rels/.rels first (what `file`/libmagic and some importers look for), then the package's own order.
 */
import { unzipSync, zipSync, strFromU8, strToU8, type Zippable } from 'fflate';

/** Deterministic PRNG (mulberry32): uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` with `Math.random` replaced by a seeded generator. Calls are serialised, so two documents built at the
 * same time cannot interleave their draws; the original generator is restored even when `fn` throws.
 */
export function withSeededRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const run = async () => {
    const original = Math.random;
    Math.random = mulberry32(seed);
    try {
      return await fn();
    } finally {
      Math.random = original;
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** A part rewrite applied while repacking. */
export type PartPatch = (xml: string) => string;

/**
 * The clock's UTC fields as a local-time Date: zip (DOS) times store local fields, so the archive shows the same
 * time in every time zone. Built by setting fields on a copy (no clock is read).
 */
function dosTime(clock: Date): Date {
  const d = structuredClone(clock);
  d.setFullYear(clock.getUTCFullYear(), clock.getUTCMonth(), clock.getUTCDate());
  d.setHours(clock.getUTCHours(), clock.getUTCMinutes(), clock.getUTCSeconds(), 0);
  return d;
}

/** W3CDTF without milliseconds, in UTC: the form Word writes in core.xml. */
export function w3cdtf(clock: Date): string {
  return clock.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** core.xml: created and modified become the build clock. */
export function pinCoreDates(clock: Date): PartPatch {
  const stamp = w3cdtf(clock);
  return (xml) =>
    xml
      .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
      .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
}

/** Unix regular file, rw-r--r--, in the high 16 bits of the external attributes (made-by Unix). */
const FILE_ATTRS = (0o100644 << 16) >>> 0;

/** Rebuilds the zip: patched parts, a fixed time, Unix made-by with ordinary file modes, deflate level 6. */
export function repack(bytes: Uint8Array, clock: Date, patches: Readonly<Record<string, PartPatch>>): Buffer {
  const entries = unzipSync(bytes);
  const mtime = dosTime(clock);
  const out: Zippable = {};
  const first = ['[Content_Types].xml', '_rels/.rels'];
  const names = [...first.filter((n) => n in entries), ...Object.keys(entries).filter((n) => !first.includes(n))];
  for (const name of names) {
    const data = entries[name] ?? new Uint8Array();
    const patch = patches[name];
    const content = patch ? strToU8(patch(strFromU8(data))) : data;
    out[name] = [content, { mtime, os: 3, attrs: FILE_ATTRS, level: 6 }];
  }
  return Buffer.from(zipSync(out));
}
