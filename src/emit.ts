/**
 * Stage: emit — the only code that writes the output folder. Input: the complete, validated set of output files
 * (bytes in memory) → files in out/, each written to a temporary file and renamed into place, unchanged files left
 * alone, a lock file serialising concurrent builds. Nothing is written before the whole build has succeeded, so a
 * failed build leaves the previous outputs untouched.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  /** Path relative to the output folder (posix). */
  path: string;
  bytes: Buffer;
}

/** A failure to write outputs (locked file, no permission), with a Chinese message. */
export class EmitError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const LOCK_NAME = '.gongwen.lock';
const RENAME_TRIES = 6;
const RENAME_WAIT_MS = 150;

/** What emit did: files written (changed bytes) and stale files of the previous build removed. */
export interface EmitResult {
  changed: string[];
  removed: string[];
}

/** The manifest emit reads to find the previous build's files. */
const MANIFEST = 'manifest.json';

/**
 * Writes the outputs, then removes the files the previous build listed in out/manifest.json that this build no longer
 * produces (a renamed report, a dropped edition or attachment), so out/ never offers a stale file for upload. Files
 * gongwen did not list are never touched.
 */
export function emitOutputs(outDir: string, files: readonly OutputFile[], options: { cleanUp: boolean } = { cleanUp: true }): EmitResult {
  mkdirSync(outDir, { recursive: true });
  const release = acquireLock(outDir);
  const changed: string[] = [];
  const removed: string[] = [];
  try {
    const previous = previousFiles(outDir);
    for (const file of files) {
      const target = path.join(outDir, ...file.path.split('/'));
      if (existsSync(target) && readFileSync(target).equals(file.bytes)) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      writeFileSync(temp, file.bytes);
      renameWithRetry(temp, target, file.path);
      changed.push(file.path);
    }
    const current = new Set(files.map((f) => f.path));
    // Only a build that writes the manifest replaces the previous one's file list (a `--format pdf` build does not).
    for (const stale of options.cleanUp ? previous.filter((p) => !current.has(p)) : []) {
      rmSync(path.join(outDir, ...stale.split('/')), { force: true });
      removed.push(stale);
    }
  } finally {
    release();
  }
  return { changed, removed };
}

/** Paths listed by the previous gongwen manifest in out/ (safe relative paths only). */
function previousFiles(outDir: string): string[] {
  const file = path.join(outDir, MANIFEST);
  if (!existsSync(file)) return [];
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { generator?: { name?: string }; files?: { path?: unknown }[] };
    if (manifest.generator?.name !== 'gongwen') return [];
    return (manifest.files ?? [])
      .map((f) => f.path)
      .filter((p): p is string => typeof p === 'string' && p !== '' && !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'));
  } catch {
    return []; // not our manifest, or damaged: remove nothing
  }
}

function renameWithRetry(from: string, to: string, shown: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') && attempt < RENAME_TRIES) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RENAME_WAIT_MS * attempt);
        continue;
      }
      rmSync(from, { force: true });
      if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')
        throw new EmitError(`文件被占用，无法写入：${shown}`, '该文件可能正在 WPS/Word 或其他程序中打开，关闭后重新生成。');
      throw e;
    }
  }
}

/** Takes out/.gongwen.lock; a lock left by a process that no longer runs is taken over. */
function acquireLock(outDir: string): () => void {
  const lock = path.join(outDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lock, 'utf8'));
      if (pid && pid !== process.pid && isRunning(pid))
        throw new EmitError(`另一个 gongwen 构建正在写入 ${outDir}（进程 ${pid}）`, '等它结束后再运行；若确认没有其他构建，删除 out/.gongwen.lock。');
      rmSync(lock, { force: true });
    }
  }
  throw new EmitError(`无法锁定输出目录 ${outDir}`, '检查目录权限。');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes one file outside a build (`import -o`, `schema -o`): temporary file + rename, so it is whole or absent. */
export function writeOneFile(target: string, bytes: Buffer): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  writeFileSync(temp, bytes);
  renameWithRetry(temp, target, target);
}
