/**
 * Stage: bundle — external attachments. Input: the `file:` of an attachment in the data (relative to the data
 * file's folder) → the file's bytes, or located errors when the path leaves data/attachments/, names a Windows
 * device or does not exist.
 *
 * Why so strict: the bundle is published on a website and handed to meeting participants, so a data file must not
 * be able to pull `../../.ssh/id_rsa` or a symlinked system file into it (zip-slip's mirror image, users.md §12).
 * Symlinks are resolved (world.realpath) before the containment check; every probe is recorded by the World.
 */
import path from 'node:path';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Span } from '../model/types.ts';
import type { World } from '../world.ts';
import { isReservedDeviceName, sanitizeFileName } from './names.ts';

/** The only folder external attachments may come from, relative to the project root. */
export const ATTACHMENTS_DIR = 'data/attachments';

/** How many existing file names a "missing file" hint lists. */
const MAX_LISTED = 8;

/** Where a kind of data file may come from, and how messages name it. */
export interface FileRule {
  /** Folder, relative to the project root, the file must lie in. */
  dir: string;
  /** What the file is, in messages: 附件 or 图片. */
  noun: string;
  /** Diagnostic code prefix: `attachment` or `image`. */
  code: string;
  /** An example name for the hint. */
  example: string;
}

/** External attachments: data/attachments/ only. */
export const ATTACHMENT_RULE: FileRule = { dir: ATTACHMENTS_DIR, noun: '附件', code: 'attachment', example: '附件1.xlsx' };

/** An external attachment that passed every check. */
export interface ExternalAttachment {
  /** Absolute real path (symlinks resolved) of the file that was read. */
  abs: string;
  bytes: Buffer;
}

/** Largest external attachment published (it is read into memory and zipped). */
const MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024;

/** True when `child` is `parent` itself or lies below it (both absolute, normalised). */
function isInside(parent: string, child: string): boolean {
  const r = path.relative(parent, child);
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
}

/**
 * Resolves and reads an external attachment. `dataFile` is the project-relative data file (LoadedReport.file);
 * `relPath` is resolved against its folder, backslashes read as separators (Windows users type them).
 * Errors (`attachment/outside-project`, `attachment/reserved-name`, `attachment/missing-file`) are pushed to
 * `diag` at `span` with Chinese hints; the result is then undefined.
 */
export function resolveExternalAttachment(
  world: World,
  dataFile: string,
  relPath: string,
  span: Span | undefined,
  diag: DiagnosticSink,
  rule: FileRule = ATTACHMENT_RULE,
): ExternalAttachment | undefined {
  const { dir, noun, code } = rule;
  const allowedRoot = path.resolve(world.root, dir);
  const dataDir = path.dirname(world.abs(dataFile));
  const suggestion = `请把文件放到 ${dir}/ 下，并写相对于数据文件所在目录的路径，如“${path.relative(dataDir, path.join(allowedRoot, rule.example)).split(path.sep).join('/')}”`;
  const posixRel = relPath.replace(/\\/g, '/');

  if (path.isAbsolute(relPath) || path.posix.isAbsolute(posixRel) || /^[A-Za-z]:/.test(relPath)) {
    diag.error(`${code}/outside-project`, `${noun}路径“${relPath}”是绝对路径，只允许项目内 ${dir}/ 下的文件`, span, [suggestion]);
    return undefined;
  }
  const lexical = path.resolve(dataDir, ...posixRel.split('/'));
  if (!isInside(allowedRoot, lexical)) {
    diag.error(`${code}/outside-project`, `${noun}路径“${relPath}”指向 ${dir}/ 之外（${world.rel(lexical)}）`, span, [suggestion]);
    return undefined;
  }

  for (const segment of path.relative(allowedRoot, lexical).split(path.sep)) {
    const clean = sanitizeFileName(segment);
    if (clean !== segment.normalize('NFC')) {
      const why = isReservedDeviceName(segment) ? '是 Windows 保留的设备名' : '含 Windows 不允许的字符或以点、空格结尾';
      diag.error(`${code}/reserved-name`, `${noun}文件名“${segment}”${why}，Windows 用户无法解压或打开`, span, [
        `请把文件改名，例如“${clean}”，并同时修改数据中的路径`,
      ]);
      return undefined;
    }
  }

  if (!world.exists(lexical)) {
    const folder = path.dirname(lexical);
    const present = world.listDir(folder).slice(0, MAX_LISTED);
    const where = world.rel(folder);
    const hints = present.length > 0 ? [`${where}/ 中现有：${present.join('、')}`] : [`${where}/ 目录为空或不存在`];
    diag.error(`${code}/missing-file`, `找不到${noun}文件“${relPath}”（${world.rel(lexical)}）`, span, hints);
    return undefined;
  }

  // Containment is checked again on real paths: a symlink inside data/attachments/ may point anywhere.
  const real = world.realpath(lexical);
  if (!isInside(world.realpath(allowedRoot), real)) {
    diag.error(`${code}/outside-project`, `${noun}“${relPath}”是指向 ${dir}/ 之外的符号链接（${real}）`, span, [
      `请把文件本身复制到 ${dir}/ 下，不要使用指向外部的链接`,
    ]);
    return undefined;
  }
  const stat = world.stat(real);
  if (!stat?.isFile) {
    diag.error(`${code}/missing-file`, `${noun}路径“${relPath}”是文件夹，不是文件`, span, ['请写到具体的文件名']);
    return undefined;
  }
  // An empty file is a failed copy or save, never something to publish; a huge one would be read into memory whole.
  if (stat.size === 0) {
    diag.error(`${code}/empty-file`, `${noun}文件“${relPath}”是空的（0 字节）`, span, ['重新复制或保存这个附件文件；它可能在复制时中断了。']);
    return undefined;
  }
  if (stat.size > MAX_ATTACHMENT_BYTES) {
    diag.error(`${code}/too-large`, `${noun}文件“${relPath}”过大（${(stat.size / 1024 / 1024).toFixed(0)} MB，最多 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB）`, span, ['压缩或拆分这个附件；网站的附件下载一般也有大小限制。']);
    return undefined;
  }
  return { abs: real, bytes: world.readBytes(real) };
}
