/**
 * Stage: fonts — discovery. Input: World + FontOptions → every usable face, in discovery order: the project's fonts/
 * folder (source 'project'), `--font-path` / GONGWEN_FONT_PATH folders ('path'), the operating system's font folders
 * ('system': for the official faces, or every face with `--system-fonts`; none with `--no-system-fonts`). The npm
 * defaults ('default') are added per role by resolve.ts.
 * Problems with files the user put in fonts/ or on the font path are warnings with the file as span; odd files in
 * system folders are skipped silently (they are not the user's doing).
 */
import path from 'node:path';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Span } from '../model/types.ts';
import type { World } from '../world.ts';
import type { DiscoveredFace } from './face.ts';
import { isDirectory, listFontFiles } from './font-files.ts';
import type { FontLibrary } from './library.ts';
import { systemFontDirs } from './system-dirs.ts';
import type { FontOptions, FontSource } from './types.ts';

/** The project folder users drop licensed fonts into (fonts/README.md). */
export const PROJECT_FONT_DIR = 'fonts';

/** A folder that was searched. */
export interface SearchedFolder {
  readonly source: Exclude<FontSource, 'default'>;
  readonly dir: string;
  readonly exists: boolean;
  readonly files: number;
}

/** A font file that was found but cannot be used. */
export interface SkippedFile {
  readonly file: string;
  readonly source: Exclude<FontSource, 'default'>;
  readonly reason: string;
}

export interface Discovery {
  /** Usable faces in discovery order (project, path, system; within a folder, sorted paths; within a TTC, index). */
  readonly faces: readonly DiscoveredFace[];
  readonly folders: readonly SearchedFolder[];
  readonly skipped: readonly SkippedFile[];
}

/** Finds the faces of the project folder, the font paths and (optionally) the system folders. */
export function discoverFaces(world: World, opts: FontOptions, diag: DiagnosticSink, library: FontLibrary): Discovery {
  const faces: DiscoveredFace[] = [];
  const folders: SearchedFolder[] = [];
  const skipped: SkippedFile[] = [];
  const seenFiles = new Set<string>();

  const scan = (source: Exclude<FontSource, 'default'>, dir: string) => {
    const exists = isDirectory(world, dir);
    const files = exists ? listFontFiles(world, dir) : isFontPathFile(source, dir, world, library) ? [dir] : [];
    folders.push({ source, dir, exists: exists || files.length > 0, files: files.length });
    const userFolder = source !== 'system';
    if (!exists && files.length === 0 && source === 'path') {
      warnOnce(diag, 'fonts/font-path-missing', `字体路径不存在：${dir}`, undefined, ['检查 --font-path 或 GONGWEN_FONT_PATH（多个路径用系统路径分隔符分开）。']);
    }
    for (const file of files) {
      if (seenFiles.has(file)) continue;
      seenFiles.add(file);
      const entry = library.identify(world, file);
      const fileSpan: Span = { file: world.rel(file), start: 0, end: 0 };
      if (entry.kind === 'woff' || entry.kind === 'woff2') {
        const kind = entry.kind === 'woff' ? 'WOFF' : 'WOFF2';
        skipped.push({ file, source, reason: `${kind} 网页字体，PDF 不能使用` });
        if (userFolder) {
          warnOnce(diag, 'fonts/woff-refused', `${kind} 网页字体不能用于 PDF（嵌入后字形是空白），已跳过`, fileSpan, [
            '请改用 .ttf / .otf / .ttc 原始字体文件；只有网页字体时，可先转换：fonttools ttLib.woff2 decompress 文件名.woff2',
          ]);
        }
        continue;
      }
      if (entry.faces.length === 0) {
        const reason = entry.error ?? '不是 TrueType/OpenType 字体';
        skipped.push({ file, source, reason });
        if (userFolder) warnOnce(diag, 'fonts/unreadable', `无法读取字体文件（${reason}），已跳过`, fileSpan, ['确认文件是完整的 .ttf / .otf / .ttc 字体。']);
        continue;
      }
      for (const info of entry.faces) faces.push({ file, info, source });
    }
  };

  scan('project', world.abs(PROJECT_FONT_DIR));
  for (const dir of opts.fontPaths) scan('path', world.abs(dir));
  if (opts.systemFonts || opts.officialSystemFonts) for (const dir of systemFontDirs(process.platform, world.env)) scan('system', dir);
  return { faces, folders, skipped };
}

/** A `--font-path` may also name one font file. */
function isFontPathFile(source: FontSource, file: string, world: World, library: FontLibrary): boolean {
  return source === 'path' && /\.(ttf|otf|ttc|otc|woff2?)$/i.test(path.basename(file)) && library.identify(world, file).kind !== 'unknown';
}

/**
 * Adds a warning unless the same one is already in the sink: resolveFonts runs once per edition, and a WOFF file in
 * fonts/ should be reported once per build.
 */
export function warnOnce(diag: DiagnosticSink, code: string, message: string, span: Span | undefined, hints: string[]): void {
  const same = diag.items.some(
    (d) => d.code === code && d.message === message && d.span?.file === span?.file && d.span?.start === span?.start && d.span?.end === span?.end,
  );
  if (!same) diag.warning(code, message, span, hints);
}
