/**
 * Stage: change summary — the record a build leaves for the next one. Input: a Compilation → a small JSON record of
 * what the build made (per edition: the parts with their paragraphs and pages, a digest per page; the figures; the
 * SHA-256 of every output file), written beside the manifest as `.gongwen-record.json`. The next build in the same
 * output folder compares itself with it; `gongwen changes --since <manifest>` reads the one beside that manifest.
 * It holds text, never document bytes: ≈ 40 KB for the default report (two editions).
 */
import { createHash } from 'node:crypto';
import type { Compilation } from '../compile/index.ts';
import type { OutputFile } from '../emit.ts';
import type { Edition } from '../model/types.ts';
import { locateSections, pageDigest } from './pages.ts';
import { sectionsOf, type SectionRecord } from './sections.ts';

/** File names of the change summary's own outputs, relative to the folder of the build's manifest. */
export const RECORD_NAME = '.gongwen-record.json';
export const CHANGES_NAME = 'changes.json';

const FORMAT = 'gongwen-build-record';
const VERSION = 1;

/** One edition as it was laid out. */
export interface EditionRecord {
  edition: Edition;
  /** Page digests, page 1 first (their number is the page count). */
  pageDigests: string[];
  sections: SectionRecord[];
}

/** A figure of the data (`figures:`), as the record keeps it. */
export interface FigureRecord {
  id: string;
  item: string;
  value: number;
  unit: string;
}

export interface BuildRecord {
  format: typeof FORMAT;
  version: typeof VERSION;
  report: { id: string; title: string };
  figures: FigureRecord[];
  editions: EditionRecord[];
  /** SHA-256 (hex) of every output file of the build, by path relative to the output folder. */
  outputs: Record<string, string>;
}

/** The record of one edition's layout (also what `changes --since <data file>` makes of the old data). */
export function editionRecord(edition: Compilation['editions'][number]): EditionRecord {
  const sections = sectionsOf(edition.model);
  locateSections(sections, edition.layout);
  return { edition: edition.edition, pageDigests: edition.layout.pages.map(pageDigest), sections };
}

/** The record of a compilation; `outputs` are the files the build writes (its own change files excluded). */
export function buildRecord(compilation: Compilation, outputs: readonly OutputFile[] = compilation.outputs): BuildRecord {
  const hashes: Record<string, string> = {};
  for (const o of [...outputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) hashes[o.path] = createHash('sha256').update(o.bytes).digest('hex');
  return {
    format: FORMAT,
    version: VERSION,
    report: { id: compilation.report.meta.id, title: compilation.report.meta.title },
    figures: (compilation.report.figures ?? []).map((f) => ({ id: f.id, item: f.item, value: f.value, unit: f.unit })),
    editions: [...compilation.editions.map(editionRecord), ...compilation.remoteEditions],
    outputs: hashes,
  };
}

/** The record as written: compact JSON (gongwen reads it; people read changes.json). */
export function serializeRecord(record: BuildRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** Reads a record; undefined when the text is not a record this version understands (then nothing is compared). */
export function parseRecord(text: string): BuildRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<BuildRecord>;
    if (value.format !== FORMAT || value.version !== VERSION || !Array.isArray(value.editions) || !Array.isArray(value.figures)) return undefined;
    if (typeof value.outputs !== 'object' || value.outputs === null || typeof value.report?.id !== 'string') return undefined;
    return value as BuildRecord;
  } catch {
    return undefined;
  }
}
