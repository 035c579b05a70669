/**
 * Stage: fonts — font folders. Input: a folder (through the World) → the font files below it, sorted, recursively.
 * Listings and stats go through the World, so watch mode sees a font dropped into fonts/ or a font-path folder.
 */
import path from 'node:path';
import type { World } from '../world.ts';

/** Extensions discovery looks at (case-insensitive). Type 1, bitmap and .dfont fonts are ignored. */
export const FONT_EXTENSIONS: readonly string[] = ['.ttf', '.otf', '.ttc', '.otc', '.woff', '.woff2'];

/** Deep enough for macOS AssetsV2 and Linux package trees; stops symlink loops that realpath did not catch. */
const MAX_DEPTH = 12;

/** Whether `dir` is an existing folder. */
export function isDirectory(world: World, dir: string): boolean {
  return world.stat(dir)?.isDirectory ?? false;
}

/**
 * Font files under `dir`, recursively, as absolute paths sorted by code unit order (so discovery never depends on
 * readdir order). Unreadable folders are skipped silently: a system folder we may not list is not the user's error.
 */
export function listFontFiles(world: World, dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (folder: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    let real: string;
    try {
      real = world.realpath(folder);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of world.listDir(folder)) {
      const full = path.join(folder, name);
      const s = world.stat(full);
      if (s?.isDirectory) walk(full, depth + 1);
      else if (s?.isFile && FONT_EXTENSIONS.includes(path.extname(name).toLowerCase())) out.push(full);
    }
  };
  walk(dir, 0);
  return out;
}
