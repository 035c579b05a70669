/**
 * Stage: the World seam. Files, the clock and the environment reach stages only through this object,
 * so tests can run builds against a temporary folder and the build clock is pinned.
 * `new Date(` may appear only in this module (a test greps for it).
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder holding data/, templates/, fonts/ (the package's own folder by default). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface World {
  /** Absolute project root; data paths in diagnostics are relative to it. */
  readonly root: string;
  /** Environment variables (flags have env twins). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Every file read through the world (absolute paths): what watch mode observes. */
  readonly deps: Set<string>;
  /** Reads a UTF-8 text file (absolute or root-relative), recording it as a dependency; BOM removed. */
  readText(file: string): string;
  /** Reads bytes, recording the file as a dependency. */
  readBytes(file: string): Buffer;
  exists(file: string): boolean;
  /** Names of the entries of a folder, sorted (so builds do not depend on readdir order); [] when absent. */
  listDir(dir: string): string[];
  /** Project-relative posix path for diagnostics. */
  rel(file: string): string;
  /** Absolute path from a root-relative one. */
  abs(file: string): string;
  /** Source texts read so far, by project-relative path (for diagnostics). */
  source(relPath: string): string | undefined;
}

/** The World backed by the real file system. */
export function nodeWorld(root: string = PACKAGE_ROOT, env: Record<string, string | undefined> = process.env): World {
  const deps = new Set<string>();
  const texts = new Map<string, string>();
  const abs = (f: string) => (path.isAbsolute(f) ? f : path.resolve(root, f));
  const rel = (f: string) => {
    const r = path.relative(root, abs(f));
    return (r.startsWith('..') ? abs(f) : r).split(path.sep).join('/');
  };
  return {
    root,
    env,
    deps,
    abs,
    rel,
    readText(file) {
      const a = abs(file);
      deps.add(a);
      const text = readFileSync(a, 'utf8').replace(/^\uFEFF/, '');
      texts.set(rel(a), text);
      return text;
    },
    readBytes(file) {
      const a = abs(file);
      deps.add(a);
      return readFileSync(a);
    },
    exists: (file) => existsSync(abs(file)),
    listDir: (dir) => (existsSync(abs(dir)) ? readdirSync(abs(dir)).sort() : []),
    source: (relPath) => texts.get(relPath),
  };
}

/** Fixed fallback clock when neither SOURCE_DATE_EPOCH nor a 成文日期 is given: 2000-01-01 local time. */
const FALLBACK_EPOCH_DATE = '2000-01-01';

/**
 * The one build clock: SOURCE_DATE_EPOCH when set, else the report's 成文日期, else a fixed date.
 * Returned as a local-time Date so zip DOS timestamps (local fields) are stable across time zones.
 */
export function buildClock(env: World['env'], reportDate: string): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch && /^\d+$/.test(epoch)) {
    const utc = new Date(Number(epoch) * 1000);
    return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds());
  }
  const [y, m, d] = (/^\d{4}-\d{2}-\d{2}$/.test(reportDate) ? reportDate : FALLBACK_EPOCH_DATE).split('-').map(Number);
  return new Date(y ?? 2000, (m ?? 1) - 1, d ?? 1);
}

/** The same instant expressed as UTC fields (for PDF/DOCX metadata, which should not depend on TZ). */
export function clockAsUtc(clock: Date): Date {
  return new Date(Date.UTC(clock.getFullYear(), clock.getMonth(), clock.getDate(), clock.getHours(), clock.getMinutes(), clock.getSeconds()));
}

/** Wall-clock milliseconds for timing summaries only (never written into outputs). */
export function elapsedMs(since: number): number {
  return Math.round(performance.now() - since);
}
