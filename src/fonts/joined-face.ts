/**
 * Stage: fonts — a face npm ships in WOFF2 pieces, as one ordinary TrueType font cached on disk. Input: a split
 * stylesheet (its text and its pieces, stat-ed through the World) and a way to join it → the joined font's bytes:
 * read from `.build/fonts/` when an earlier run wrote them for the same stylesheet and pieces, else joined now
 * (split-face.ts, every piece decoded once: ≈ 5–8 s and ≈ 0.9 GB once per machine; `npm ci` does it in `prepare`)
 * and written there for the next run.
 *
 * Why: decoding WOFF2 pieces is the dearest thing a build did — brotli, the glyf transform of every piece touched and
 * tens of MB of short-lived glyph objects the garbage collector then copies (measured: ≈ 180 ms of CPU and ≈ 300 ms
 * of GC per edition). Parsed as one TrueType font, the face costs what the other faces cost. The bytes do not depend
 * on whether they came from the cache: the join is deterministic, and the cache is keyed by the stylesheet's text,
 * every piece's name and size, and the joiner's version, so a changed font package makes a new entry.
 *
 * The cache is gongwen's own derived data, like the V8 code cache, not an input of the build: it is read and written
 * with node:fs directly, and a cache that cannot be written (a read-only install) only costs the join on every run.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeCacheFile } from '../cache-file.ts';
import { PACKAGE_ROOT, type World } from '../world.ts';
import type { SplitPiece } from './split-face.ts';

/** Bumped whenever the joiner (split-face.ts, truetype-writer.ts) changes what it writes. */
const JOINER_VERSION = 1;

/** Where joined faces are kept: inside the package, beside the compiled bundle (git-ignored). */
export const JOINED_FACE_DIR = path.join(PACKAGE_ROOT, '.build', 'fonts');

export interface JoinInput {
  /** Absolute path of the stylesheet. */
  stylesheet: string;
  /** Its text. */
  text: string;
  pieces: readonly SplitPiece[];
  /** Makes the joined font (decodes every piece). */
  join: () => Buffer;
}

/** The cache key: the stylesheet's text and its pieces' names and sizes (stat-ed through the World: watch sees them). */
function cacheKey(world: World, input: JoinInput): string {
  const hash = createHash('sha256').update(`gongwen joined face v${JOINER_VERSION}\n`).update(input.text);
  for (const piece of input.pieces) hash.update(`\n${path.basename(piece.file)} ${world.stat(piece.file)?.size ?? -1}`);
  return hash.digest('hex').slice(0, 20);
}

/** Where a joined face is: its cache file, or (a cache that cannot be written) only in memory. */
export type JoinedFace = { readonly file: string } | { readonly bytes: Buffer };

/** The joined TrueType font of a split face: the cache file, joined now when there is none (and cached). */
export function joinedFace(world: World, input: JoinInput, dir: string = JOINED_FACE_DIR): JoinedFace {
  const file = path.join(dir, `${path.basename(input.stylesheet, path.extname(input.stylesheet))}-${cacheKey(world, input)}.ttf`);
  if (existsSync(file)) return { file };
  const bytes = input.join();
  // A read-only install keeps it in memory only, and joins again next time.
  return writeCacheFile(file, bytes) ? { file } : { bytes };
}
