/**
 * Stage: emit — output errors. Input: a failed file-system call (or a refused output path) → EmitError: a Chinese
 * message naming the path, a hint, and a permanent code; the command line prints it and exits 7 (README exit codes).
 * Every problem with the output folder ends here, never as a stack trace.
 */

/** A failure to write outputs (locked, not writable, a name too long, a folder in the way), with a Chinese message. */
export class EmitError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    /** Permanent diagnostic code, e.g. `emit/locked`, `emit/not-writable`. */
    readonly code: string = 'emit/failed',
  ) {
    super(message);
  }
}

/** Error codes meaning "the file is held by another program" (Windows: WPS/Word, the indexer, an antivirus). */
export const BUSY_CODES = new Set(['EBUSY', 'EPERM', 'EACCES']);

/** The errno code of a caught error, or ''. */
export function errnoCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string' ? ((e as NodeJS.ErrnoException).code ?? '') : '';
}

/**
 * Turns a file-system error met while publishing `shown` into an EmitError. An EmitError passes through; anything
 * that is not a file-system error (a bug) is rethrown as it is.
 */
export function outputError(e: unknown, shown: string): EmitError {
  if (e instanceof EmitError) return e;
  const code = errnoCode(e);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new EmitError(`没有写入权限：${shown}`, '检查该文件夹的权限；或用 --out 换一个可写的输出文件夹。', 'emit/not-writable');
    case 'EBUSY':
      return new EmitError(`文件被占用，无法写入：${shown}`, '该文件可能正在 WPS/Word 或其他程序中打开，关闭后重新生成。', 'emit/busy');
    case 'EROFS':
      return new EmitError(`输出位置是只读的：${shown}`, '用 --out 换一个可写的输出文件夹。', 'emit/not-writable');
    case 'ENOSPC':
    case 'EDQUOT':
      return new EmitError(`磁盘空间不足，无法写入：${shown}`, '清理磁盘后重新生成；上次的输出未改动。', 'emit/no-space');
    case 'ENOTDIR':
      return new EmitError(`输出路径中有一段是文件而不是文件夹：${shown}`, '--out 应指向一个文件夹（不存在时会自动创建），路径中不能有同名文件。', 'emit/not-a-folder');
    case 'EEXIST':
    case 'EISDIR':
    case 'ENOTEMPTY':
      return new EmitError(`输出文件名已被一个文件夹占用：${shown}`, '移走或改名这个文件夹后重新生成。', 'emit/path-taken');
    case 'ENAMETOOLONG':
      return new EmitError(`输出路径过长：${shown}`, '缩短 meta.id 或附件标题，或用 --out 换一个更短的输出文件夹。', 'emit/name-too-long');
    case 'EXDEV':
      return new EmitError(`输出文件夹跨越了不同的磁盘或挂载点：${shown}`, '输出文件夹中的子文件夹须与它在同一个磁盘上；用 --out 直接指向目标磁盘上的文件夹。', 'emit/cross-device');
    case 'ELOOP':
      return new EmitError(`输出路径中有循环的符号链接：${shown}`, '检查该路径中的符号链接。', 'emit/symlink');
    case 'EMFILE':
    case 'ENFILE':
    case 'EIO':
    case 'ENOENT':
    case 'EINVAL':
      return new EmitError(`无法写入输出（${code}）：${shown}`, '检查输出文件夹所在的磁盘；上次的输出未改动。', 'emit/failed');
    default:
      if (code) return new EmitError(`无法写入输出（${code}）：${shown}`, '检查输出文件夹；上次的输出未改动。', 'emit/failed');
      throw e;
  }
}
