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
): ExternalAttachment | undefined {
  const allowedRoot = path.resolve(world.root, ATTACHMENTS_DIR);
  const dataDir = path.dirname(world.abs(dataFile));
  const suggestion = `请把文件放到 ${ATTACHMENTS_DIR}/ 下，并写相对于数据文件所在目录的路径，如“${path.relative(dataDir, path.join(allowedRoot, '附件1.xlsx')).split(path.sep).join('/')}”`;
  const posixRel = relPath.replace(/\\/g, '/');

  if (path.isAbsolute(relPath) || path.posix.isAbsolute(posixRel) || /^[A-Za-z]:/.test(relPath)) {
    diag.error('attachment/outside-project', `附件路径“${relPath}”是绝对路径，只允许项目内 ${ATTACHMENTS_DIR}/ 下的文件`, span, [suggestion]);
    return undefined;
  }
  const lexical = path.resolve(dataDir, ...posixRel.split('/'));
  if (!isInside(allowedRoot, lexical)) {
    diag.error('attachment/outside-project', `附件路径“${relPath}”指向 ${ATTACHMENTS_DIR}/ 之外（${world.rel(lexical)}）`, span, [suggestion]);
    return undefined;
  }

  for (const segment of path.relative(allowedRoot, lexical).split(path.sep)) {
    const clean = sanitizeFileName(segment);
    if (clean !== segment.normalize('NFC')) {
      const why = isReservedDeviceName(segment) ? '是 Windows 保留的设备名' : '含 Windows 不允许的字符或以点、空格结尾';
      diag.error('attachment/reserved-name', `附件文件名“${segment}”${why}，Windows 用户无法解压或打开`, span, [
        `请把文件改名，例如“${clean}”，并同时修改数据中的路径`,
      ]);
      return undefined;
    }
  }

  if (!world.exists(lexical)) {
    const present = world.listDir(allowedRoot).slice(0, MAX_LISTED);
    const hints = present.length > 0 ? [`${ATTACHMENTS_DIR}/ 中现有：${present.join('、')}`] : [`${ATTACHMENTS_DIR}/ 目录为空或不存在`];
    diag.error('attachment/missing-file', `找不到附件文件“${relPath}”（${world.rel(lexical)}）`, span, hints);
    return undefined;
  }

  // Containment is checked again on real paths: a symlink inside data/attachments/ may point anywhere.
  const real = world.realpath(lexical);
  if (!isInside(world.realpath(allowedRoot), real)) {
    diag.error('attachment/outside-project', `附件“${relPath}”是指向 ${ATTACHMENTS_DIR}/ 之外的符号链接（${real}）`, span, [
      '请把文件本身复制到 data/attachments/ 下，不要使用指向外部的链接',
    ]);
    return undefined;
  }
  const stat = world.stat(real);
  if (!stat?.isFile) {
    diag.error('attachment/missing-file', `附件路径“${relPath}”是文件夹，不是文件`, span, ['请写到具体的文件名']);
    return undefined;
  }
  // An empty file is a failed copy or save, never something to publish; a huge one would be read into memory whole.
  if (stat.size === 0) {
    diag.error('attachment/empty-file', `附件文件“${relPath}”是空的（0 字节）`, span, ['重新复制或保存这个附件文件；它可能在复制时中断了。']);
    return undefined;
  }
  if (stat.size > MAX_ATTACHMENT_BYTES) {
    diag.error('attachment/too-large', `附件文件“${relPath}”过大（${(stat.size / 1024 / 1024).toFixed(0)} MB，最多 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB）`, span, ['压缩或拆分这个附件；网站的附件下载一般也有大小限制。']);
    return undefined;
  }
  return { abs: real, bytes: world.readBytes(real) };
}
