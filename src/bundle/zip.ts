/**
 * Stage: bundle — the zip writer. Input: named byte buffers and the build clock → zip bytes (yazl 3.3.1),
 * identical for the same input in any time zone.
 *
 * Why each choice (measured-facts.md §9, users.md §8):
 * - yazl sets general-purpose bit 11 (names are UTF-8) in local and central headers for every entry and writes
 *   made-by Unix, so Windows 7+ Explorer, 7-Zip, macOS and Info-ZIP `unzip` show the Chinese names;
 * - `forceDosTimestamp` leaves out the 0x5455 extended timestamp (UTC seconds), so only the DOS fields remain;
 *   they hold local wall-clock fields, and the clock is a local-time Date → the same bytes under every TZ;
 * - entries are sorted by UTF-16 code units (locale-independent); mode 0644 regular files, no folder entries.
 */
import yazl from 'yazl';
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

/** Regular file, rw-r--r-- (the st_mode yazl writes into the external attributes). */
const FILE_MODE = 0o100644;

/** Formats that are already deflate/JPEG containers: storing them costs nothing and saves the time to re-deflate. */
const STORED_EXTENSIONS = /\.(zip|docx|xlsx|pptx|odt|ods|jpg|jpeg|png|gif|webp|gz|7z|rar|mp4|mp3)$/i;

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
 * Writes a zip of `entries`, sorted by name, every entry stamped `mtime` (a local-time Date; DOS times have 2 s
 * resolution and start in 1980 — yazl clamps earlier dates to 1980-01-01). Throws BundleError when a name is
 * unsafe or two names collide.
 */
export async function writeZip(entries: readonly ZipEntryInput[], mtime: Date): Promise<Buffer> {
  const problems = checkEntryNames(entries);
  if (problems.length > 0) throw new BundleError(problems);

  const zip = new yazl.ZipFile();
  for (const e of [...entries].sort((a, b) => compareNames(a.name, b.name))) {
    zip.addBuffer(e.bytes, e.name, { mtime, mode: FILE_MODE, forceDosTimestamp: true, compress: !STORED_EXTENSIONS.test(e.name) });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
