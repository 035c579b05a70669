/**
 * Stage: emit — output paths. Input: the output folder and a build's relative output paths → a refusal (EmitError,
 * exit 7) for any path that is unsafe or cannot be written, before anything is written: not relative, `..`, a
 * Windows-reserved or unsanitised name, a name over the UTF-8 byte limit of file systems, a symlink or a file where a
 * folder must be, a folder where the file must be. The same checks guard what cleanup may remove: only a regular
 * file, reached through real folders inside the output folder — never through a symlink.
 */
import { lstatSync, type Stats } from 'node:fs';
import path from 'node:path';
import { checkSafePath } from '../bundle/names.ts';
import { EmitError, errnoCode, outputError } from './error.ts';

/**
 * Longest name, in UTF-8 bytes, of a file or folder emit writes: ext4, XFS, Btrfs and APFS allow 255 bytes per name;
 * 16 are kept free for the suffixes other tools add beside a file (a browser's " (1)", an editor's backup "~").
 * Emit's own temporary names are short numbers in its staging folder, so they never lengthen a name.
 */
export const MAX_NAME_BYTES = 255 - 16;
/** Longest whole path, in UTF-8 bytes, below the output folder (Linux PATH_MAX is 4096, including the folder). */
const MAX_RELATIVE_PATH_BYTES = 1024;

/** lstat, or undefined when nothing is there. */
export function lstatOrNothing(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return undefined; // a parent is a file: checked (and refused) segment by segment
    throw e;
  }
}

/** The reason a relative output path is unacceptable, or undefined. */
export function outputPathProblem(rel: string): string | undefined {
  if (Buffer.byteLength(rel, 'utf8') > MAX_RELATIVE_PATH_BYTES) return `路径过长（${Buffer.byteLength(rel, 'utf8')} 字节，最多 ${MAX_RELATIVE_PATH_BYTES}）`;
  for (const segment of rel.split('/')) {
    const bytes = Buffer.byteLength(segment, 'utf8');
    if (bytes > MAX_NAME_BYTES) return `名称“${segment.slice(0, 24)}…”过长（UTF-8 ${bytes} 字节，文件系统最多允许 255 字节，gongwen 最多写 ${MAX_NAME_BYTES} 字节）`;
  }
  return checkSafePath(rel);
}

/** Refuses a path that outputPathProblem rejects (exit 7, with the path and a hint). */
export function assertOutputPath(rel: string, shown: string): void {
  const problem = outputPathProblem(rel);
  if (problem) throw new EmitError(`无法写入 ${shown}：${problem}`, '缩短 meta.id 或附件标题（文件名由它们生成），去掉其中 Windows 不允许的字符。', 'emit/bad-name');
}

/**
 * Checks that every folder between `outDir` and `rel`'s file is a real folder or absent (never a symlink or a
 * file), and that the file itself is absent or a regular file. Returns the file's Stats (undefined when absent).
 */
export function checkTarget(outDir: string, rel: string, shownRoot: string): Stats | undefined {
  const segments = rel.split('/');
  let at = outDir;
  for (const [i, segment] of segments.entries()) {
    at = path.join(at, segment);
    const shown = path.join(shownRoot, ...segments.slice(0, i + 1));
    let stat: Stats | undefined;
    try {
      stat = lstatOrNothing(at);
    } catch (e) {
      throw outputError(e, shown);
    }
    if (stat === undefined) return undefined;
    const last = i === segments.length - 1;
    if (stat.isSymbolicLink())
      throw new EmitError(`输出路径中的 ${shown} 是符号链接，gongwen 不通过符号链接写入或删除`, '把它换成普通文件夹或文件；或用 --out 直接指向目标文件夹。', 'emit/symlink');
    if (!last && !stat.isDirectory()) throw new EmitError(`输出路径中的 ${shown} 是文件，不是文件夹`, '移走或改名这个文件后重新生成。', 'emit/not-a-folder');
    if (last && !stat.isFile()) throw new EmitError(`输出文件名已被${stat.isDirectory() ? '一个文件夹' : '一个特殊文件'}占用：${shown}`, '移走或改名它后重新生成。', 'emit/path-taken');
    if (last) return stat;
  }
  return undefined;
}

/**
 * Whether cleanup may remove `rel`: it must be a regular file reached through real folders inside `outDir` (a
 * manifest can name anything; a symlinked folder must never lead cleanup out of the output folder).
 */
export function removableFile(outDir: string, rel: string): boolean {
  if (outputPathProblem(rel) !== undefined) return false;
  try {
    return checkTarget(outDir, rel, outDir)?.isFile() === true;
  } catch {
    return false;
  }
}
