/**
 * Stage: bundle — the download zip. Input: named byte buffers and the build clock → zip bytes (src/archive/zip.ts:
 * UTF-8 names, made-by Unix, DOS times only), entries sorted by UTF-16 code units (locale-independent), every name
 * checked first (relative, sanitised, no two colliding on a case-insensitive file system).
 */
import { zipEntries } from '../archive/zip.ts';
import type { Diagnostic } from '../diag/diagnostic.ts';
import type { Span } from '../model/types.ts';
import { BundleError, duplicateNameDiagnostic, unsafeNameDiagnostic } from './errors.ts';
import { checkSafePath, collisionKey } from './names.ts';

/** One file to put in a zip: a relative posix name (already sanitised) and its bytes. */
export interface ZipEntryInput {
  name: string;
  bytes: Buffer;
  /** Where the name came from in the data, for diagnostics. */
  origin?: Span;
}

/** Plain code-unit order, the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Checks names: each must pass checkSafePath (relative, no `..`, sanitised segments) and no two may collide on a
 * case-insensitive file system. Returns every problem (empty when fine).
 */
export function checkEntryNames(entries: readonly { name: string; origin?: Span }[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const e of entries) {
    const reason = checkSafePath(e.name);
    if (reason) {
      problems.push(unsafeNameDiagnostic(e.name, reason, e.origin));
      continue;
    }
    const key = collisionKey(e.name);
    const other = seen.get(key);
    if (other !== undefined) problems.push(duplicateNameDiagnostic(e.name, other, e.origin));
    else seen.set(key, e.name);
  }
  return problems;
}

/**
 * Writes a zip of `entries`, sorted by name, every entry stamped with the UTC fields of `mtime` (the build clock;
 * DOS times have 2 s resolution and cover 1980–2107, see archive/zip.ts). Throws BundleError when a name is
 * unsafe or two names collide.
 */
export async function writeZip(entries: readonly ZipEntryInput[], mtime: Date): Promise<Buffer> {
  const problems = checkEntryNames(entries);
  if (problems.length > 0) throw new BundleError(problems);

  return zipEntries([...entries].sort((a, b) => compareNames(a.name, b.name)), mtime);
}
