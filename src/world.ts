/**
 * Stage: the World seam. Files, folders, the clock and the environment reach stages only through this object, so
 * tests can run builds against a temporary folder, the build clock is pinned, and every file a build looked at is
 * recorded (what watch mode observes). `new Date(` may appear only in this module (a test greps for it).
 *
 * Three kinds of dependency are recorded, because a build can change when any of them changes:
 *   files  — whose bytes were read (data, templates, partials, terms.yaml, fonts, attachments);
 *   dirs   — whose listing was read (partials/, font folders, data/attachments/ for a hint): an entry appearing;
 *   probes — paths whose existence or metadata was checked, present or not (a project fonts/fonts.yaml that is
 *            absent today, an attachment file the data names): a file appearing there.
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder holding data/, templates/, fonts/ (the package's own folder by default). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What a build read, by kind (absolute paths). */
export interface Dependencies {
  readonly files: Set<string>;
  readonly dirs: Set<string>;
  readonly probes: Set<string>;
}

/** The part of a file's metadata builds use. */
export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly size: number;
  readonly mtimeMs: number;
}

/** A stretch of a file. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

export interface World {
  /** Absolute project root; data paths in diagnostics are relative to it. */
  readonly root: string;
  /** Environment variables (flags have env twins). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Everything read through this world. */
  readonly deps: Dependencies;
  /** Reads a UTF-8 text file (absolute or root-relative), recording it; BOM removed. */
  readText(file: string): string;
  /** Reads bytes, recording the file. */
  readBytes(file: string): Buffer;
  /** Reads `length` bytes at `offset` (font headers), recording the file. */
  readRange(file: string, offset: number, length: number): Buffer;
  /** Reads several ranges of one file (the glyphs a document uses), with one open; recording the file. */
  readRanges(file: string, ranges: readonly ByteRange[]): Buffer[];
  /** Metadata of a path (symlinks followed), or undefined when nothing is there; recorded as a probe. */
  stat(file: string): FileStat | undefined;
  /** Whether something exists at the path; recorded as a probe. */
  exists(file: string): boolean;
  /** The path with symlinks resolved (the path itself must exist); recorded as a probe. */
  realpath(file: string): string;
  /** Names of the entries of a folder, sorted (builds never depend on readdir order); [] when absent. Recorded. */
  listDir(dir: string): string[];
  /** Project-relative posix path for diagnostics. */
  rel(file: string): string;
  /** Absolute path from a root-relative one. */
  abs(file: string): string;
  /** Source texts read so far, by project-relative path (for diagnostics). */
  source(relPath: string): string | undefined;
  /**
   * Texts another thread of the same build read (the edition worker's World), by project-relative path: its
   * diagnostics point into them, and are printed here with `file:line:col` and the source line.
   */
  adoptSources(texts: Readonly<Record<string, string>>): void;
}

/** An empty dependency record. */
export function emptyDependencies(): Dependencies {
  return { files: new Set(), dirs: new Set(), probes: new Set() };
}

/** The World backed by the real file system. */
export function nodeWorld(root: string = PACKAGE_ROOT, env: Record<string, string | undefined> = process.env): World {
  const deps = emptyDependencies();
  const texts = new Map<string, string>();
  const abs = (f: string) => (path.isAbsolute(f) ? f : path.resolve(root, f));
  const rel = (f: string) => {
    const r = path.relative(root, abs(f));
    return (r.startsWith('..') || path.isAbsolute(r) ? abs(f) : r).split(path.sep).join('/');
  };
  const stat = (file: string): FileStat | undefined => {
    const a = abs(file);
    deps.probes.add(a);
    try {
      const s = statSync(a);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  };
  /** Several ranges of one file, with one open (World.readRanges). */
  const readRanges = (file: string, ranges: readonly ByteRange[]): Buffer[] => {
    const a = abs(file);
    deps.files.add(a);
    const fd = openSync(a, 'r');
    try {
      return ranges.map(({ offset, length }) => {
        const buf = Buffer.alloc(Math.max(0, length));
        const n = length > 0 ? readSync(fd, buf, 0, length, offset) : 0;
        return n === buf.length ? buf : buf.subarray(0, n);
      });
    } finally {
      closeSync(fd);
    }
  };

  return {
    root,
    env,
    deps,
    abs,
    rel,
    readText(file) {
      const a = abs(file);
      deps.files.add(a);
      const text = readFileSync(a, 'utf8').replace(/^\uFEFF/, '');
      texts.set(rel(a), text);
      return text;
    },
    readBytes(file) {
      const a = abs(file);
      deps.files.add(a);
      return readFileSync(a);
    },
    readRange: (file, offset, length) => readRanges(file, [{ offset, length }])[0] ?? Buffer.alloc(0),
    readRanges,
    stat,
    exists: (file) => stat(file) !== undefined,
    realpath(file) {
      const a = abs(file);
      deps.probes.add(a);
      return realpathSync(a);
    },
    listDir(dir) {
      const a = abs(dir);
      deps.dirs.add(a);
      try {
        return readdirSync(a).sort();
      } catch {
        return [];
      }
    },
    source: (relPath) => texts.get(relPath),
    adoptSources(adopted) {
      for (const [relPath, text] of Object.entries(adopted)) if (!texts.has(relPath)) texts.set(relPath, text);
    },
  };
}

/**
 * A World that reads some files from memory (project-relative path → text) and everything else from `base`; reads of
 * either kind are recorded in the overlay's own dependencies. For the benchmark (a scaled report) and tests.
 */
export function overlayWorld(base: World, files: Readonly<Record<string, string>>): World {
  const deps = emptyDependencies();
  const texts = new Map<string, string>();
  const inMemory = (file: string) => files[base.rel(file)];
  const record = <T>(kind: keyof Dependencies, file: string, value: T): T => (deps[kind].add(base.abs(file)), value);
  return {
    ...base,
    deps,
    readText(file) {
      const text = inMemory(file) ?? base.readText(file);
      texts.set(base.rel(file), text);
      return record('files', file, text);
    },
    readBytes: (file) => record('files', file, inMemory(file) !== undefined ? Buffer.from(inMemory(file) ?? '') : base.readBytes(file)),
    readRange: (file, offset, length) => record('files', file, base.readRange(file, offset, length)),
    readRanges: (file, ranges) => record('files', file, base.readRanges(file, ranges)),
    stat: (file) => {
      const text = inMemory(file);
      return record('probes', file, text !== undefined ? { isFile: true, isDirectory: false, size: Buffer.byteLength(text), mtimeMs: 0 } : base.stat(file));
    },
    exists: (file) => record('probes', file, inMemory(file) !== undefined || base.exists(file)),
    realpath: (file) => record('probes', file, inMemory(file) !== undefined ? base.abs(file) : base.realpath(file)),
    listDir: (dir) => record('dirs', dir, base.listDir(dir)),
    source: (relPath) => texts.get(relPath) ?? base.source(relPath),
    adoptSources(adopted) {
      for (const [relPath, text] of Object.entries(adopted)) if (!texts.has(relPath)) texts.set(relPath, text);
    },
  };
}

/** Fixed fallback clock when neither SOURCE_DATE_EPOCH nor a 成文日期 is given: 2000-01-01 00:00 UTC. */
const FALLBACK_EPOCH_DATE = '2000-01-01';

/** Latest SOURCE_DATE_EPOCH accepted: 9999-12-31T23:59:59Z (a later instant has no four-digit year in PDF/ISO dates). */
export const MAX_SOURCE_DATE_EPOCH = 253402300799;

/** True when SOURCE_DATE_EPOCH holds whole seconds the clock can use (0 … 9999-12-31T23:59:59Z). */
export function validSourceDateEpoch(value: string): boolean {
  return /^\d{1,12}$/.test(value) && Number(value) <= MAX_SOURCE_DATE_EPOCH;
}

/**
 * The one build clock, as a UTC instant: SOURCE_DATE_EPOCH when set, else the report's 成文日期 at 00:00 UTC, else a
 * fixed date. Always built from UTC fields, never from local time, so no time zone — not even a daylight-saving gap
 * that has no local midnight (America/Sao_Paulo 2018-11-04) or no 02:30 (America/New_York 2021-03-14) — can move it:
 * PDF/DOCX/XLSX metadata print it as UTC and zip entries store its UTC fields as their DOS time (archive/zip.ts).
 * An unusable SOURCE_DATE_EPOCH is refused by the command line before it gets here; here it falls back.
 */
export function buildClock(env: World['env'], reportDate: string): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch && validSourceDateEpoch(epoch)) return new Date(Number(epoch) * 1000);
  const [y, m, d] = (/^\d{4}-\d{2}-\d{2}$/.test(reportDate) ? reportDate : FALLBACK_EPOCH_DATE).split('-').map(Number);
  const clock = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  clock.setUTCFullYear(y ?? 2000, (m ?? 1) - 1, d ?? 1);
  return clock;
}

/** Whether the build clock is a real date (SOURCE_DATE_EPOCH or the 成文日期) rather than the fixed fallback. */
export function hasBuildDate(env: World['env'], reportDate: string): boolean {
  return validSourceDateEpoch(env['SOURCE_DATE_EPOCH'] ?? '') || /^\d{4}-\d{2}-\d{2}$/.test(reportDate);
}

/**
 * The build clock as a UTC instant. The clock already is one (buildClock); kept so callers say which reading they
 * mean (PDF/DOCX metadata) and get a copy they may not mutate the original through.
 */
export function clockAsUtc(clock: Date): Date {
  return new Date(clock.getTime());
}

/**
 * Milliseconds since the epoch, for the age of a publishing lock only (src/emit/lock.ts compares it with a lock
 * file's mtime). Never written into an output.
 */
export function wallClockMs(): number {
  return Date.now();
}

/** Wall-clock milliseconds for timing summaries only (never written into outputs). */
export function elapsedMs(since: number): number {
  return Math.round(performance.now() - since);
}
