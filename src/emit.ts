/**
 * Stage: emit — the only code that writes the output folder. Input: the complete, validated set of a build's output
 * files (bytes in memory) → those files in out/<folder>/, all or nothing, even under SIGKILL at any instant or a power
 * loss; files whose bytes did not change are left alone; files the previous build of the same part published and
 * this one no longer makes are removed. Nothing is written before the whole build has succeeded.
 *
 * How (each step in its own module under src/emit/):
 *   1. lock.ts     — take out/.gongwen/'s lock (exclusive; a stale lock is recognised by PID and age);
 *   2. journal.ts  — finish or undo whatever a killed publish left (its journal), clear stray staging folders;
 *   3. out-paths   — check every output path before writing (exit 7 with the path and a hint for any problem);
 *   4. stage every changed file in out/.gongwen/stage-<pid>-<token>/ (short numbered names, fsynced), hard-link a
 *      backup of every file to be replaced or removed;
 *   5. write the journal, rename the staged files into place, remove the stale ones, fsync the folders;
 *   6. ledger.ts   — record what was published, remove the staging folder and the journal, release the lock.
 * A failure in step 5 (a file held open by WPS/Word on Windows) rolls back to the old set before reporting it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { EmitError, errnoCode, outputError } from './emit/error.ts';
import { writeDurably, fsyncFolder } from './emit/durable.ts';
import { faultPoint } from './emit/faults.ts';
import { backUp, finishJournal, readJournal, recoverJournal, rollBack, rollForward, writeJournal, JOURNAL_FILE, type Journal, type JournalStep } from './emit/journal.ts';
import { ANY_PART, LEDGER_FILE, manifestListing, readLedger, type Ledger } from './emit/ledger.ts';
import { acquireLock, ownerIsGone, DEFAULT_LOCK_WAIT_MS } from './emit/lock.ts';
import { assertOutputPath, checkTarget, removableFile } from './emit/out-paths.ts';

export { EmitError } from './emit/error.ts';

export interface OutputFile {
  /** Path relative to the report's folder (posix). */
  path: string;
  bytes: Buffer;
  /**
   * The part of a build the file belongs to, e.g. `zh-Hans/pdf`, `bundle` (src/compile/scope.ts). Cleanup removes a
   * previously published file only when the current build makes its part. Absent: the part `*`.
   */
  part?: string;
}

/** What emit did: files written (changed bytes), stale files removed, and what it did about a killed publish. */
export interface EmitResult {
  changed: string[];
  removed: string[];
  /** A previous publish into this folder was killed: its journal was completed or rolled back first. */
  recovered?: 'completed' | 'rolled-back';
}

export interface EmitOptions {
  /**
   * The sub-folder of `outDir` the files go to (one per report: its sanitised id), '' for `outDir` itself. Each
   * folder keeps its own files: publishing one never removes another's.
   */
  folder?: string;
  /**
   * The parts this build makes (src/compile/scope.ts). Previously published files of these parts that the build does
   * not make any more are removed; files of other parts stay. Absent: every part (the build replaces the folder's
   * whole set); [] removes nothing.
   */
  parts?: readonly string[];
  /** Older option: false = remove nothing (same as `parts: []`). */
  cleanUp?: boolean;
  /** How long to wait for another build publishing into the same output folder (default 60 s). */
  lockWaitMs?: number;
}

/** The folder inside the output folder that holds emit's lock, journal, staging and ledger. */
export const STATE_FOLDER = '.gongwen';

/**
 * Publishes `files` into `outDir`/`folder`, all or nothing. Throws EmitError (exit 7) for every problem with the
 * output folder — locked, not writable, a name too long, a folder or symlink in the way, disk full — having left the
 * previous outputs as they were.
 */
export function emitOutputs(outDir: string, files: readonly OutputFile[], options: EmitOptions = {}): EmitResult {
  const folder = options.folder ?? '';
  const shownRoot = folder === '' ? outDir : path.join(outDir, folder);
  const rels = files.map((f) => (folder === '' ? f.path : `${folder}/${f.path}`));
  rels.forEach((rel) => assertOutputPath(rel, path.join(outDir, rel)));
  if (new Set(rels).size !== rels.length) throw new Error('emitOutputs: the same path twice'); // a bug in the caller
  const stateDir = prepareStateFolder(outDir);
  const lock = acquireLock(stateDir, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, outDir);
  try {
    const recovered = recoverState(outDir, stateDir);
    const result = publish(outDir, stateDir, folder, files, rels, cleanupParts(options), shownRoot);
    return recovered ? { ...result, recovered } : result;
  } finally {
    lock.release();
  }
}

/**
 * Finishes or undoes a publish that was killed in `outDir` (under the lock), as the next build would. Returns what it
 * did, or undefined when there was nothing to do. For `gongwen` commands that only read, and the kill test.
 */
export function recoverOutputs(outDir: string, options: Pick<EmitOptions, 'lockWaitMs'> = {}): EmitResult['recovered'] {
  const stateDir = path.join(outDir, STATE_FOLDER);
  if (!statOrNothing(stateDir)?.isDirectory()) return undefined;
  const lock = acquireLock(stateDir, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, outDir);
  try {
    return recoverState(outDir, stateDir);
  } finally {
    lock.release();
  }
}

function statOrNothing(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** Creates the output folder and its state folder; a file or an unwritable place there is an EmitError. */
function prepareStateFolder(outDir: string): string {
  const stateDir = path.join(outDir, STATE_FOLDER);
  try {
    mkdirSync(stateDir, { recursive: true });
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw new EmitError(`输出文件夹 ${outDir} 是一个文件，或它的上级路径中有文件`, '--out 应指向一个文件夹（不存在时会自动创建）。', 'emit/not-a-folder');
    throw outputError(e, outDir);
  }
  if (!statOrNothing(stateDir)?.isDirectory()) throw new EmitError(`无法使用 ${stateDir}：它不是文件夹`, `删除或改名 ${stateDir} 后重新生成。`, 'emit/path-taken');
  return stateDir;
}

/** Completes or rolls back a killed publish's journal, then removes what killed publishes left in the state folder. */
function recoverState(outDir: string, stateDir: string): EmitResult['recovered'] {
  const journal = readJournal(stateDir);
  const recovered = journal ? recoverJournal(outDir, stateDir, journal, outDir) : undefined;
  for (const entry of readdirSync(stateDir)) {
    const stray =
      entry.startsWith('stage-') ||
      entry === `${JOURNAL_FILE}.tmp` ||
      entry === `${LEDGER_FILE}.tmp` ||
      (entry === JOURNAL_FILE && journal === undefined) || // unreadable or unsafe: never acted on
      (entry.startsWith('lock-') && entry.endsWith('.tmp') && ownerIsGone(entry));
    if (stray) rmSync(path.join(stateDir, entry), { recursive: true, force: true });
  }
  return recovered;
}

/** The parts whose stale files this build removes; undefined = all. */
function cleanupParts(options: EmitOptions): ReadonlySet<string> | undefined {
  if (options.cleanUp === false) return new Set();
  return options.parts ? new Set(options.parts) : undefined;
}

/** Plans, stages, journals and switches one folder's files. Runs under the lock. */
function publish(outDir: string, stateDir: string, folder: string, files: readonly OutputFile[], rels: string[], parts: ReadonlySet<string> | undefined, shownRoot: string): EmitResult {
  const ledger = readLedger(stateDir);
  const owned = ledger.folders[folder] ?? seedFromManifest(outDir, folder);
  const changed: string[] = [];
  const puts: { file: OutputFile; rel: string; replaces: boolean }[] = [];
  for (const [i, file] of files.entries()) {
    const rel = rels[i] ?? '';
    const existing = checkTarget(outDir, rel, outDir);
    if (existing && existing.size === file.bytes.length && readFileSync(path.join(outDir, rel)).equals(file.bytes)) continue;
    puts.push({ file, rel, replaces: existing !== undefined });
    changed.push(file.path);
  }
  const made = new Set(files.map((f) => f.path));
  const stale = Object.entries(owned)
    .filter(([p, part]) => !made.has(p) && (parts === undefined || parts.has(part)))
    .map(([p]) => p)
    .filter((p) => removableFile(outDir, folder === '' ? p : `${folder}/${p}`));
  const nextLedger = ledgerAfter(ledger, folder, owned, files, stale, outDir);
  if (puts.length === 0 && stale.length === 0) {
    writeLedgerIfChanged(stateDir, ledger, nextLedger);
    return { changed, removed: [] };
  }

  const stage = `stage-${process.pid}-${randomBytes(6).toString('hex')}`;
  const stageDir = path.join(stateDir, stage);
  const journal: Journal = { version: 1, state: 'commit', stage, steps: [], createdDirs: missingFolders(outDir, rels), ledger: nextLedger };
  try {
    mkdirSync(stageDir);
    for (const [i, put] of puts.entries()) {
      writeDurably(path.join(stageDir, `p${i}`), put.file.bytes);
      if (put.replaces) backUp(path.join(outDir, put.rel), path.join(stageDir, `b${i}`));
      journal.steps.push({ op: 'put', target: put.rel, staged: `p${i}`, backup: put.replaces ? `b${i}` : null });
    }
    for (const [i, p] of stale.entries()) {
      const rel = folder === '' ? p : `${folder}/${p}`;
      backUp(path.join(outDir, rel), path.join(stageDir, `r${i}`));
      journal.steps.push({ op: 'remove', target: rel, backup: `r${i}` } satisfies JournalStep);
    }
    fsyncFolder(stageDir);
    faultPoint('staged');
  } catch (e) {
    removeQuietly(stageDir);
    throw outputError(e, shownRoot);
  }

  writeJournalOrUndo(stateDir, journal, stageDir, shownRoot);
  try {
    rollForward(outDir, stateDir, journal, outDir);
  } catch (e) {
    const failure = outputError(e, shownRoot);
    const back: Journal = { ...journal, state: 'rollback' };
    writeJournal(stateDir, back);
    rollBack(outDir, stateDir, back);
    finishJournal(stateDir, back);
    throw failure;
  }
  finishJournal(stateDir, journal);
  return { changed, removed: stale };
}

function writeJournalOrUndo(stateDir: string, journal: Journal, stageDir: string, shownRoot: string): void {
  try {
    writeJournal(stateDir, journal);
  } catch (e) {
    removeQuietly(path.join(stateDir, `${JOURNAL_FILE}.tmp`));
    removeQuietly(stageDir);
    throw outputError(e, shownRoot);
  }
}

/** Files a folder's manifest.json lists, as ledger entries of unknown part (a folder an older gongwen published). */
function seedFromManifest(outDir: string, folder: string): Record<string, string> {
  return Object.fromEntries(manifestListing(path.join(outDir, folder)).map((p) => [p, ANY_PART]));
}

/** The ledger after publishing: this build's files with their parts, other parts' files kept while they exist. */
function ledgerAfter(ledger: Ledger, folder: string, owned: Record<string, string>, files: readonly OutputFile[], removed: readonly string[], outDir: string): Ledger {
  const gone = new Set(removed);
  const made = new Set(files.map((f) => f.path));
  const kept = Object.entries(owned).filter(([p]) => !gone.has(p) && !made.has(p) && removableFile(outDir, folder === '' ? p : `${folder}/${p}`));
  const entries = Object.fromEntries([...kept, ...files.map((f) => [f.path, f.part ?? ANY_PART] as [string, string])]);
  return { version: 1, folders: { ...ledger.folders, [folder]: entries } };
}

function writeLedgerIfChanged(stateDir: string, before: Ledger, after: Ledger): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const journal: Journal = { version: 1, state: 'commit', stage: `stage-${process.pid}-0`, steps: [], createdDirs: [], ledger: after };
  finishJournal(stateDir, journal);
}

/** Folders (relative, parents first) that must be created for `rels`. */
function missingFolders(outDir: string, rels: readonly string[]): string[] {
  const out: string[] = [];
  for (const rel of rels) {
    const segments = rel.split('/').slice(0, -1);
    for (let n = 1; n <= segments.length; n++) {
      const dir = segments.slice(0, n).join('/');
      if (!out.includes(dir) && !statOrNothing(path.join(outDir, dir))) out.push(dir);
    }
  }
  return out;
}

/**
 * Writes one file outside a build (`import -o`, `schema -o`): a short temporary name beside it, fsynced, renamed into
 * place, so the file is whole or absent. Problems are EmitErrors (exit 7).
 */
export function writeOneFile(target: string, bytes: Buffer): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.gongwen-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    if (errnoCode(e) === 'EEXIST' || errnoCode(e) === 'ENOTDIR') throw new EmitError(`${dir} 是一个文件，或它的上级路径中有文件`, '换一个位置，或移走这个文件。', 'emit/not-a-folder');
    throw outputError(e, target);
  }
  try {
    if (statOrNothing(target)?.isDirectory()) throw new EmitError(`输出文件名已被一个文件夹占用：${target}`, '换一个文件名，或移走这个文件夹。', 'emit/path-taken');
    writeDurably(temp, bytes);
    renameSync(temp, target);
    fsyncFolder(dir);
  } catch (e) {
    removeQuietly(temp);
    throw outputError(e, target);
  }
}

/** rm -f that never throws (the path may lie below a file, or the disk may have gone). */
function removeQuietly(p: string): void {
  try {
    rmSync(p, { recursive: true, force: true });
  } catch {
    // nothing to clean up
  }
}
