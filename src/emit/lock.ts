/**
 * Stage: emit — the publishing lock. Input: the output folder's state folder (out/.gongwen/) → exclusive ownership
 * of the folder for one process at a time, or an EmitError after waiting. Two processes can never both hold it:
 *
 *  1. each contender makes a lock file with a name of its own, `lock-<pid>-<token>`, written whole under a temporary
 *     name and renamed into place, so no reader ever sees an empty or half-written lock;
 *  2. it then lists the folder: if no other live lock is there, it holds the lock; otherwise it removes its own file,
 *     waits a random moment and tries again. Of two contenders, the one that lists later sees the other's file
 *     (made before the other's listing), so they cannot both pass; at worst both step back and retry.
 *  3. a lock is stale when its process is gone (same host, by PID) or it is older than MAX_LOCK_AGE_MS (a reused PID,
 *     another host on a shared folder); a stale lock file is removed by its own unique name, so removing it can never
 *     remove a lock that another process has just made (the read-then-delete race of a single shared lock name).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { wallClockMs } from '../world.ts';
import { EmitError, errnoCode, outputError } from './error.ts';
import { faultPoint } from './faults.ts';

/** Publishing takes seconds at most; a lock older than this belongs to a process that hung or to a reused PID. */
export const MAX_LOCK_AGE_MS = 10 * 60 * 1000;
/** How long a build waits for another build to finish publishing into the same folder, by default. */
export const DEFAULT_LOCK_WAIT_MS = 60_000;

const LOCK_PREFIX = 'lock-';

interface LockInfo {
  pid: number;
  host: string;
}

/** Sleeps the thread (publishing is synchronous; Atomics.wait is allowed on Node's main thread). */
export function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether a process with this PID runs on this machine (EPERM: it runs, under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

/** The PID in a machinery entry's name (`lock-<pid>-…`, `stage-<pid>-…`), or undefined. */
export function pidOfEntry(name: string): number | undefined {
  const m = /^[a-z]+-(\d+)-/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * The state of another process's lock file: gone (released while we looked), stale (its holder is gone, or it is too
 * old to be a publish in progress) or live.
 */
function lockState(file: string, fallbackPid: number | undefined): 'gone' | 'stale' | 'live' {
  let info: LockInfo | undefined;
  let mtimeMs = 0;
  try {
    mtimeMs = statSync(file).mtimeMs;
    info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return 'gone';
    info = undefined; // unreadable: judged by the PID in its name
  }
  if (wallClockMs() - mtimeMs > MAX_LOCK_AGE_MS) return 'stale';
  if (info && info.host !== hostname()) return 'live'; // another machine on a shared folder: only age can tell
  const pid = info?.pid ?? fallbackPid;
  return pid !== undefined && isRunning(pid) ? 'live' : 'stale';
}

/** A lock held by this process; `release()` removes it. */
export interface HeldLock {
  release(): void;
}

/**
 * Takes the lock of the state folder `stateDir` (which must exist), waiting up to `waitMs` for another build to
 * finish. Throws EmitError `emit/locked` when it is still held after that.
 */
export function acquireLock(stateDir: string, waitMs: number = DEFAULT_LOCK_WAIT_MS, shown: string = stateDir): HeldLock {
  const name = `${LOCK_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`;
  const own = path.join(stateDir, name);
  const body = JSON.stringify({ pid: process.pid, host: hostname() });
  const deadline = wallClockMs() + waitMs;
  for (;;) {
    try {
      writeFileSync(`${own}.tmp`, body);
      faultPoint('lock-written');
      renameSync(`${own}.tmp`, own);
      faultPoint('lock-made');
    } catch (e) {
      rmSync(`${own}.tmp`, { force: true });
      throw outputError(e, shown);
    }
    const holder = liveOtherLock(stateDir, name);
    if (holder === undefined) return { release: () => rmSync(own, { force: true }) };
    rmSync(own, { force: true });
    if (wallClockMs() > deadline)
      throw new EmitError(
        `另一个 gongwen 构建正在写入 ${shown}（进程 ${holder}）`,
        `等它结束后再运行；若确认没有其他构建在运行，删除 ${path.join(shown, '.gongwen')} 中的 lock-* 文件。`,
        'emit/locked',
      );
    sleepMs(10 + Math.floor(Math.random() * 40));
  }
}

/** The PID of another live lock in the folder (stale ones are removed on the way), or undefined. */
function liveOtherLock(stateDir: string, ownName: string): number | string | undefined {
  for (const entry of readdirSync(stateDir)) {
    if (!entry.startsWith(LOCK_PREFIX) || entry === ownName || entry.endsWith('.tmp')) continue;
    const file = path.join(stateDir, entry);
    const state = lockState(file, pidOfEntry(entry));
    if (state === 'gone') continue;
    if (state === 'stale') {
      rmSync(file, { force: true });
      continue;
    }
    return pidOfEntry(entry) ?? entry;
  }
  return undefined;
}

/** Whether a machinery entry (a lock's temporary file) belongs to a process that is gone. */
export function ownerIsGone(name: string): boolean {
  const pid = pidOfEntry(name);
  return pid === undefined || (pid !== process.pid && !isRunning(pid));
}
