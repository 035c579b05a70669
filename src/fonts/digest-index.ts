/**
 * Stage: fonts — SHA-256 of font files, remembered across runs. Input: a font file's path and `size:mtime` stamp →
 * its digest as an earlier run computed it, or nothing; and the digests a run computes, kept for the next one in
 * `.build/fonts/digests.json` (beside the joined faces, gongwen's own derived data).
 *
 * Why: the manifest records the SHA-256 of every font a build used — 8 files of 7–15 MB for the two editions, about
 * 120 ms of hashing per build for values that change only when a font file does. Like fontconfig's cache, an entry
 * is trusted while the file keeps its size and modification time; a changed file gets a new stamp and is hashed
 * again. The digests are the same either way, so outputs do not depend on the cache.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeCacheFile } from '../cache-file.ts';
import { JOINED_FACE_DIR } from './joined-face.ts';

type Entries = Record<string, { stamp: string; sha256: string }>;

/** The digests of font files by path, read from and written to one JSON file. */
export class DigestIndex {
  private entries: Entries | undefined;

  constructor(private readonly file: string = path.join(JOINED_FACE_DIR, 'digests.json')) {}

  private load(): Entries {
    if (this.entries) return this.entries;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      this.entries = typeof parsed === 'object' && parsed !== null ? (parsed as Entries) : {};
    } catch {
      this.entries = {};
    }
    return this.entries;
  }

  /** The digest recorded for `file` at `stamp`, if any. */
  get(file: string, stamp: string): string | undefined {
    const entry = this.load()[file];
    return entry?.stamp === stamp && /^[0-9a-f]{64}$/.test(entry.sha256) ? entry.sha256 : undefined;
  }

  /** Records a digest (and what other runs recorded meanwhile); a cache that cannot be written is skipped. */
  set(file: string, stamp: string, sha256: string): void {
    this.entries = undefined; // merge with what another build may have written since
    const entries = { ...this.load(), [file]: { stamp, sha256 } };
    this.entries = entries;
    const sorted = Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]]));
    writeCacheFile(this.file, `${JSON.stringify(sorted, null, 1)}\n`);
  }
}
