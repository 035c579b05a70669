/**
 * Stage: DOCX writer — reproducible packaging. Input: a `docx` Document + part patches + the build clock → the
 * package's zip, the same bytes for the same document (measured-facts.md §5). `docx` itself would zip with the wall
 * clock and draw ids from `Math.random`; instead:
 * 1. the package's parts are compiled by the `docx` compiler (the step `Packer` runs before it zips) under a seeded
 *    `Math.random` (ids, embedded-font keys from its bundled nanoid);
 * 2. the patches (xml-patches.ts: core.xml dates, settings and styles `docx` has no option for) edit the parts;
 * 3. the parts are zipped once (src/archive/zip.ts) with the clock as a fixed DOS time, [Content_Types].xml and
 *    _rels/.rels first (what `file`/libmagic and some importers look for), then the compiler's own order.
 *
 * `Packer.compiler` is a private static of docx 9.15.2 (pinned exactly in package.json); tests/docx.test.ts checks
 * the package it gives, so an upgrade that changes it fails there first.
 */
import { Packer, type Document } from 'docx';
import { dosTimeOfUtc, zipEntries } from '../archive/zip.ts';
import type { PartPatch } from './xml-patches.ts';

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

/**
 * Runs `fn` with `Math.random` replaced by a seeded generator; the original generator is restored even when `fn`
 * throws. `fn` is synchronous, so no other code can draw from the seeded generator in between.
 */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

/** The part of `docx`'s packer this module uses: its compiler, which turns a Document into the package's parts. */
interface DocxCompiler {
  compile(file: Document, prettify?: string, overrides?: readonly { path: string; data: string }[]): Map<string, string | Uint8Array>;
}

const compiler = (Packer as unknown as { compiler: DocxCompiler }).compiler;

const encoder = new TextEncoder();

/** Compiles, patches and zips the document. `clock` is the build clock as a UTC instant. */
export function packDocument(makeDocument: () => Document, seed: number, clock: Date, patches: Readonly<Record<string, PartPatch>>): Promise<Buffer> {
  const parts = withSeededRandom(seed, () => compiler.compile(makeDocument()));
  const first = ['[Content_Types].xml', '_rels/.rels'];
  const names = [...first.filter((n) => parts.has(n)), ...[...parts.keys()].filter((n) => !first.includes(n))];
  const entries = names.map((name) => {
    const data = parts.get(name) ?? '';
    const patch = patches[name];
    const text = typeof data === 'string' ? data : undefined;
    if (patch && text === undefined) throw new Error(`docx patch: ${name} is not an XML part`);
    return { name, bytes: typeof data === 'string' ? encoder.encode(patch ? patch(data) : data) : data };
  });
  return zipEntries(entries, dosTimeOfUtc(clock));
}
