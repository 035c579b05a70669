/**
 * Stage: emit — the journal. Input: a prepared publish (every new file already written and fsynced in a staging
 * folder, a hard-link backup of every file it replaces or removes) → out/.gongwen/journal.json, then the renames that
 * switch the folder over. The journal is written (fsynced, renamed into place) before the first visible change and
 * removed after the last, so whatever instant a build is killed or the power fails, the next run finds either no
 * journal (the folder is exactly the old set or exactly the new set) or one that says how to finish:
 *
 *   state "commit"   → roll forward: every new file is in the staging folder, so each remaining rename is redone;
 *   state "rollback" → roll back (a live build that failed mid-way, e.g. a file held open by WPS): each backup is
 *                      renamed back and each new file that had no old one is removed.
 *
 * Each step is idempotent (a rename whose source is gone was done), so recovery may itself be killed and rerun.
 */
import { existsSync, linkSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { BUSY_CODES, errnoCode, outputError } from './error.ts';
import { fsyncFolder, replaceFileDurably } from './durable.ts';
import { faultPoint } from './faults.ts';
import { ledgerText, LEDGER_FILE, type Ledger } from './ledger.ts';
import { sleepMs } from './lock.ts';
import { outputPathProblem, removableFile } from './out-paths.ts';

export const JOURNAL_FILE = 'journal.json';

/** Put a staged file at `target` (replacing the old one, whose backup is `backup`, or creating it). */
export interface PutStep {
  op: 'put';
  target: string;
  staged: string;
  backup: string | null;
}

/** Remove `target` (a file of the previous build that this one no longer makes), backed up as `backup`. */
export interface RemoveStep {
  op: 'remove';
  target: string;
  backup: string;
}

export type JournalStep = PutStep | RemoveStep;

/** What out/.gongwen/journal.json holds. Paths: `target` relative to the output folder, the rest to `stage`. */
export interface Journal {
  version: 1;
  state: 'commit' | 'rollback';
  /** The staging folder, relative to the state folder. */
  stage: string;
  steps: JournalStep[];
  /** Folders this publish created (relative to the output folder, parents first), removed again on roll-back. */
  createdDirs: string[];
  /** The ledger after this publish. */
  ledger: Ledger;
}

/** How many times a rename onto a file held by another program is retried (Windows), and the first wait. */
const RENAME_TRIES = 6;
const RENAME_WAIT_MS = 150;

/** Writes the journal durably (temporary file, fsync, rename, fsync of the state folder). */
export function writeJournal(stateDir: string, journal: Journal): void {
  replaceFileDurably(path.join(stateDir, JOURNAL_FILE), `${JSON.stringify(journal)}\n`, path.join(stateDir, `${JOURNAL_FILE}.tmp`), stateDir);
  faultPoint(`journal-${journal.state}`);
}

/** The journal a killed publish left, or undefined. A journal naming an unsafe path is ignored (never acted on). */
export function readJournal(stateDir: string): Journal | undefined {
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(path.join(stateDir, JOURNAL_FILE), 'utf8')) as Journal;
  } catch {
    return undefined;
  }
  const safe =
    journal.version === 1 &&
    (journal.state === 'commit' || journal.state === 'rollback') &&
    /^stage-\d+-[0-9a-f]+$/.test(journal.stage) &&
    Array.isArray(journal.steps) &&
    journal.steps.every((s) => outputPathProblem(s.target) === undefined && (s.op === 'put' || s.op === 'remove')) &&
    Array.isArray(journal.createdDirs) &&
    journal.createdDirs.every((d) => outputPathProblem(d) === undefined);
  return safe ? journal : undefined;
}

const abs = (root: string, rel: string) => path.join(root, ...rel.split('/'));

/** rename, retried while another program holds the target (Windows: WPS/Word, the indexer, an antivirus). */
function renameRetrying(from: string, to: string, shown: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (e) {
      const retry = BUSY_CODES.has(errnoCode(e)) && (process.platform === 'win32' || errnoCode(e) === 'EBUSY');
      if (retry && attempt < RENAME_TRIES) {
        sleepMs(RENAME_WAIT_MS * attempt);
        continue;
      }
      throw outputError(errnoCode(e) === 'EPERM' && process.platform === 'win32' ? Object.assign(new Error(), { code: 'EBUSY' }) : e, shown);
    }
  }
}

/** A backup of `file` at `backup` that keeps its bytes and mtime: a hard link, else a copy (FAT, some shares). */
export function backUp(file: string, backup: string): void {
  try {
    linkSync(file, backup);
  } catch {
    copyFileSync(file, backup);
    const { atime, mtime } = statSync(file);
    utimesSync(backup, atime, mtime);
  }
  faultPoint('backed-up');
}

/** Whether two paths are the same file (a hard link of each other). */
function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/** Applies the steps forwards. Throws EmitError when a rename fails for good (the caller then rolls back). */
export function rollForward(outDir: string, stateDir: string, journal: Journal, shownRoot: string): void {
  const stage = path.join(stateDir, journal.stage);
  for (const dir of journal.createdDirs) mkdirSync(abs(outDir, dir), { recursive: true });
  for (const step of journal.steps) {
    const target = abs(outDir, step.target);
    if (step.op === 'put') {
      const staged = path.join(stage, step.staged);
      if (!existsSync(staged)) continue; // renamed already
      renameRetrying(staged, target, path.join(shownRoot, step.target));
      faultPoint('put');
    } else if (removableFile(outDir, step.target)) {
      rmSync(target, { force: true });
      faultPoint('removed');
    }
  }
  for (const dir of foldersOf(outDir, journal)) fsyncFolder(dir);
  faultPoint('folders-synced');
  pruneEmptyFolders(outDir, journal);
}

/**
 * Removes the sub-folders of a report folder that the removals emptied (the per-copy PDFs' folder after a build
 * without --copies-split), deepest first; never the report folder itself, never a folder holding anything else.
 * Last step of a roll-forward and never throws: a folder left behind is untidy, not wrong.
 */
function pruneEmptyFolders(outDir: string, journal: Journal): void {
  const emptied = new Set<string>();
  for (const step of journal.steps) {
    if (step.op !== 'remove') continue;
    const parts = step.target.split('/').slice(0, -1);
    for (let depth = parts.length; depth >= 2; depth--) emptied.add(parts.slice(0, depth).join('/'));
  }
  for (const dir of [...emptied].sort((a, b) => b.split('/').length - a.split('/').length)) {
    try {
      rmdirSync(abs(outDir, dir)); // only if empty
      fsyncFolder(path.dirname(abs(outDir, dir)));
    } catch {
      // not empty, or gone already
    }
  }
}

/** Undoes whatever part of the steps was applied: backups renamed back, files that had no old version removed. */
export function rollBack(outDir: string, stateDir: string, journal: Journal): void {
  const stage = path.join(stateDir, journal.stage);
  for (const step of [...journal.steps].reverse()) {
    const target = abs(outDir, step.target);
    const backup = step.backup === null ? undefined : path.join(stage, step.backup);
    if (backup !== undefined && existsSync(backup)) {
      if (sameFile(backup, target)) rmSync(backup, { force: true }); // never replaced: the backup is just a link
      else {
        mkdirSync(path.dirname(target), { recursive: true }); // a folder a roll-forward emptied and pruned
        renameSync(backup, target);
      }
    } else if (step.op === 'put' && step.backup === null && !existsSync(path.join(stage, step.staged)) && removableFile(outDir, step.target)) {
      rmSync(target, { force: true }); // a new file that was put: the old set had none
    }
    faultPoint('undone');
  }
  for (const dir of [...journal.createdDirs].reverse()) {
    try {
      rmdirSync(abs(outDir, dir)); // only if empty
    } catch {
      // not empty (the user put something there) or gone: leave it
    }
  }
  for (const dir of foldersOf(outDir, journal)) fsyncFolder(dir);
}

/** The folders whose entries the steps change. */
function foldersOf(outDir: string, journal: Journal): string[] {
  return [...new Set(journal.steps.map((s) => path.dirname(abs(outDir, s.target))))];
}

/**
 * Ends a publish: after a roll-forward the new ledger is written; then the staging folder (with the backups) and the
 * journal are removed. Killed at any point, the next run repeats this from the journal.
 */
export function finishJournal(stateDir: string, journal: Journal): void {
  if (journal.state === 'commit') replaceFileDurably(path.join(stateDir, LEDGER_FILE), ledgerText(journal.ledger), path.join(stateDir, `${LEDGER_FILE}.tmp`), stateDir);
  faultPoint('ledger');
  rmSync(path.join(stateDir, journal.stage), { recursive: true, force: true });
  faultPoint('stage-removed');
  rmSync(path.join(stateDir, JOURNAL_FILE), { force: true });
  fsyncFolder(stateDir);
  faultPoint('journal-removed');
}

/** Completes or undoes a journal left by a killed publish. Returns what it did. */
export function recoverJournal(outDir: string, stateDir: string, journal: Journal, shownRoot: string): 'completed' | 'rolled-back' {
  if (journal.state === 'commit') {
    try {
      rollForward(outDir, stateDir, journal, shownRoot);
      finishJournal(stateDir, journal);
      return 'completed';
    } catch {
      // a file held open now (Windows): go back to the old set instead
      journal = { ...journal, state: 'rollback' };
      writeJournal(stateDir, journal);
    }
  }
  try {
    rollBack(outDir, stateDir, journal);
  } catch (e) {
    throw outputError(e, shownRoot);
  }
  finishJournal(stateDir, journal);
  return 'rolled-back';
}
