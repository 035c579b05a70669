/**
 * Stage: shared — deterministic zip archives (the DOCX package, the xlsx package, the download bundle). Input: named
 * byte buffers in order + a fixed time → zip bytes, identical for the same input in any time zone. One library,
 * yazl 3.3.1: it deflates with Node's native zlib (off the main thread), sets general-purpose bit 11 (UTF-8 names)
 * in local and central headers and writes made-by Unix, so Windows 7+ Explorer, 7-Zip, macOS and Info-ZIP `unzip`
 * all show Chinese names (users.md §8, measured-facts.md §9).
 *
 * - `forceDosTimestamp` leaves out the 0x5455 extended timestamp (UTC seconds), so only the DOS fields remain; they
 *   hold the build clock's UTC fields (world.buildClock is a UTC instant), written without ever reading local time, so
 *   no time zone or daylight-saving gap changes a byte;
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

/** The DOS date range (1980-01-01 … 2107-12-31 23:59:58); an instant outside it is stored as the nearest end. */
const DOS_FIRST_MS = Date.UTC(1980, 0, 1);
const DOS_LAST_MS = Date.UTC(2107, 11, 31, 23, 59, 58);

/**
 * The value yazl receives as `mtime`. yazl turns a Date into DOS fields with the *local* getters (getHours …) and
 * clamps it against local 1980/2107 dates; this Date answers the local getters with its UTC fields and compares as a
 * mid-range instant, so the fields written are exactly the UTC fields of the (already clamped) clock in every zone.
 */
class UtcFieldsDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
  /** Only for yazl's range check (`date < minDosDate`, already done here in UTC): inside the range in every zone. */
  override valueOf(): number {
    return Date.UTC(2000, 0, 1);
  }
}

/**
 * Zips `entries` in the order given, every entry stamped with the UTC fields of `clock` (a UTC instant; DOS times have
 * 2 s resolution and cover 1980–2107 — an earlier or later clock is stored as the nearest end).
 */
export async function zipEntries(entries: readonly ArchiveEntry[], clock: Date): Promise<Buffer> {
  const mtime = new UtcFieldsDate(Math.min(DOS_LAST_MS, Math.max(DOS_FIRST_MS, clock.getTime())));
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
 * The clock as zipEntries wants it. zipEntries now takes the UTC instant itself (its UTC fields become the DOS time),
 * so this is a copy of `clock`; the DOCX writer calls it from when zip times were local fields.
 */
export function dosTimeOfUtc(clock: Date): Date {
  return new UtcFieldsDate(clock.getTime());
}
