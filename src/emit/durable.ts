/**
 * Stage: emit — durable writes. Input: bytes and paths → files whose contents and names survive a power loss once the
 * call returns: data is fsynced before a rename makes it visible, and the folder holding a renamed or removed entry is
 * fsynced after (POSIX keeps a rename durable only once its directory is). Windows cannot open a folder to fsync it;
 * there the folder step is skipped (NTFS journals its metadata itself).
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { faultPoint } from './faults.ts';

/** Creates `file` (it must not exist), writes all of `bytes` and fsyncs it. */
export function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, 'wx');
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    faultPoint('written');
    fsyncSync(fd);
    faultPoint('fsynced');
  } finally {
    closeSync(fd);
  }
}

/** Fsyncs a folder so the entries just renamed into or out of it are on disk (best effort where unsupported). */
export function fsyncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows (EISDIR/EPERM) and some network file systems (EINVAL) cannot fsync a folder.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Replaces `file` with `text` atomically and durably: a temporary file beside it, fsynced, renamed over it. */
export function replaceFileDurably(file: string, text: string, temp: string, dir: string): void {
  rmSync(temp, { force: true });
  writeDurably(temp, Buffer.from(text, 'utf8'));
  renameSync(temp, file);
  faultPoint('renamed');
  fsyncFolder(dir);
}
