/**
 * Stage: shared — gongwen's own derived data in `.build/` (joined fonts, font digests, precompiled templates). Input:
 * a cache file's path and its bytes → the file written whole or not at all, for the next run to read.
 *
 * A cache is not an input or an output of a build: it is written with node:fs directly, beside the compiled bundle,
 * and a cache that cannot be written (a read-only install, a full disk) only costs the work again next time. The
 * temporary file is per process and per thread (the edition worker shares the process id), and the rename makes
 * the file appear whole to a concurrent build.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** Writes `bytes` to `file` atomically; false (and nothing left behind) when it cannot. */
export function writeCacheFile(file: string, bytes: string | Uint8Array): boolean {
  const temp = `${file}.${process.pid}.${threadId}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, bytes);
    renameSync(temp, file);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}
