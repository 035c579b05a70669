/**
 * Stage: shared — deterministic zip archives (the DOCX package, the xlsx package, the download bundle). Input: named
 * byte buffers in order + a fixed time → zip bytes, identical for the same input in any time zone. One library,
 * yazl 3.3.1: it deflates with Node's native zlib (off the main thread), sets general-purpose bit 11 (UTF-8 names)
 * in local and central headers and writes made-by Unix, so Windows 7+ Explorer, 7-Zip, macOS and Info-ZIP `unzip`
 * all show Chinese names (users.md §8, measured-facts.md §9).
 *
 * - `forceDosTimestamp` leaves out the 0x5455 extended timestamp (UTC seconds), so only the DOS fields remain; they
 *   hold local wall-clock fields, and callers pass a Date whose local fields are the build clock's (world.buildClock);
 * - mode 0644 regular files, no folder entries, no extra fields; already-compressed formats are stored.
 */
import yazl from 'yazl';

/** One file of an archive: a relative posix name and its bytes. */
export interface ArchiveEntry {
  name: string;
  bytes: Uint8Array;
}

/** Regular file, rw-r--r-- (the st_mode yazl writes into the external attributes). */
const FILE_MODE = 0o100644;

/** Formats that are already deflate/JPEG containers: storing them costs nothing and saves the time to re-deflate. */
const STORED_EXTENSIONS = /\.(zip|docx|xlsx|pptx|odt|ods|jpg|jpeg|png|gif|webp|gz|7z|rar|mp4|mp3)$/i;

/**
 * Zips `entries` in the order given, every entry stamped `mtime` (a Date whose local fields are the wanted time; DOS
 * times have 2 s resolution and start in 1980 — yazl clamps earlier dates to 1980-01-01).
 */
export async function zipEntries(entries: readonly ArchiveEntry[], mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    const bytes = Buffer.isBuffer(e.bytes) ? e.bytes : Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength);
    zip.addBuffer(bytes, e.name, { mtime, mode: FILE_MODE, forceDosTimestamp: true, compress: !STORED_EXTENSIONS.test(e.name) });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * The UTC fields of `clock` as a Date whose local fields carry them: what zipEntries wants when the caller holds the
 * build clock as a UTC instant (PDF/DOCX metadata). Built by setting fields on a copy (no clock is read).
 */
export function dosTimeOfUtc(clock: Date): Date {
  const d = structuredClone(clock);
  d.setFullYear(clock.getUTCFullYear(), clock.getUTCMonth(), clock.getUTCDate());
  d.setHours(clock.getUTCHours(), clock.getUTCMinutes(), clock.getUTCSeconds(), 0);
  return d;
}
