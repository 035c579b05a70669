/**
 * Stage: fonts — font folders on disk. Input: folders → font files (sorted, recursive) → identified faces, cached per
 * process by (path, size, mtime).
 *
 * This is the one module of src/fonts that touches the file system directly, and only for listing folders, `stat` and
 * reading a few KB of each file's header: the World has no partial read, and system font folders lie outside the
 * project. Whole font files (what the PDF embeds) are read through `world.readBytes` in face.ts, so they are
 * recorded as build dependencies.
 */
import { closeSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { type FaceInfo, type FontFileKind, readFaceInfos, sniffKind } from './sfnt-names.ts';

/** Extensions discovery looks at (case-insensitive). Type 1, bitmap and .dfont fonts are ignored. */
export const FONT_EXTENSIONS: readonly string[] = ['.ttf', '.otf', '.ttc', '.otc', '.woff', '.woff2'];

/** Deep enough for macOS AssetsV2 and Linux package trees; stops symlink loops that realpath did not catch. */
const MAX_DEPTH = 12;

/** A font file as discovery sees it. */
export interface FontFileEntry {
  /** Absolute path. */
  readonly file: string;
  readonly kind: FontFileKind;
  /** Faces of an sfnt/collection file; [] for WOFF, unknown or unreadable files. */
  readonly faces: readonly FaceInfo[];
  /** Why the file could not be identified, if it could not. */
  readonly error?: string;
}

/** Size and mtime of a file, or undefined when it is gone. */
export function fileStamp(file: string): string | undefined {
  try {
    const s = statSync(file);
    return s.isFile() ? `${s.size}:${s.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `dir` is an existing folder. */
export function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Font files under `dir`, recursively, as absolute paths sorted by code unit order (so discovery never depends on
 * readdir order). Unreadable folders are skipped silently: a system folder we may not list is not the user's error.
 */
export function listFontFiles(dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (folder: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    let real: string;
    try {
      real = realpathSync(folder);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(folder, name);
      let isDir = false;
      let isFile = false;
      try {
        const s = statSync(full);
        isDir = s.isDirectory();
        isFile = s.isFile();
      } catch {
        continue;
      }
      if (isDir) walk(full, depth + 1);
      else if (isFile && FONT_EXTENSIONS.includes(path.extname(name).toLowerCase())) out.push(full);
    }
  };
  walk(dir, 0);
  return out;
}

const identified = new Map<string, { stamp: string; entry: FontFileEntry }>();

/** Identifies a font file (cached per process until its size or mtime changes). */
export function identifyFontFile(file: string): FontFileEntry {
  const stamp = fileStamp(file);
  if (stamp === undefined) return { file, kind: 'unknown', faces: [], error: '文件不存在或无法读取' };
  const cached = identified.get(file);
  if (cached && cached.stamp === stamp) return cached.entry;
  const entry = identifyUncached(file);
  identified.set(file, { stamp, entry });
  return entry;
}

function identifyUncached(file: string): FontFileEntry {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const handle = fd;
    const size = statSync(file).size;
    const access = {
      size,
      read(offset: number, length: number): Buffer {
        const len = Math.max(0, Math.min(length, size - offset));
        const buf = Buffer.alloc(len);
        if (len > 0) readSync(handle, buf, 0, len, offset);
        return buf;
      },
    };
    const kind = sniffKind(access.read(0, 4));
    if (kind !== 'sfnt' && kind !== 'collection') return { file, kind, faces: [] };
    return { file, kind, faces: readFaceInfos(access) };
  } catch (e) {
    return { file, kind: 'unknown', faces: [], error: e instanceof Error ? e.message : String(e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
