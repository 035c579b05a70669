// Emit stage: all-or-nothing publishing into one folder per report, unchanged files left alone, cleanup of stale files
// of the parts a build makes only (never through a symlink), an exclusive lock with stale detection, and every
// output-path problem as an EmitError (exit 7) with the path, before anything is written.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmitError, emitOutputs, recoverOutputs, writeOneFile } from '../src/emit.ts';
import { needs } from './support/tools.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(path.join(tmpdir(), 'gongwen-emit-')));
const file = (p: string, text: string, part?: string) => ({ path: p, bytes: Buffer.from(text), ...(part ? { part } : {}) });
/** Every entry under a folder (files with their text), `.gongwen/` shown by name only. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const rel = path.relative(root, p).split(path.sep).join('/');
      if (statSync(p).isDirectory()) walk(p);
      else out[rel] = rel.startsWith('.gongwen/') ? '' : readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}
const emitError = (fn: () => unknown): EmitError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof EmitError) return e;
    throw e;
  }
  throw new Error('no EmitError');
};

describe('emitOutputs', () => {
  it('writes a report’s files into its own folder and leaves only the ledger behind', () => {
    fresh();
    const { changed } = emitOutputs(dir, [file('报告（简体）.pdf', 'pdf'), file('debug/model.json', '{}')], { folder: '报告' });
    expect(changed).toEqual(['报告（简体）.pdf', 'debug/model.json']);
    expect(tree(dir)).toEqual({ '.gongwen/ledger.json': '', '报告/debug/model.json': '{}', '报告/报告（简体）.pdf': 'pdf' });
  });

  it('does not rewrite a file whose bytes did not change', () => {
    fresh();
    emitOutputs(dir, [file('a.txt', 'same')]);
    const old = new Date(Date.UTC(2001, 0, 1));
    utimesSync(path.join(dir, 'a.txt'), old, old);
    const { changed } = emitOutputs(dir, [file('a.txt', 'same'), file('b.txt', 'new')]);
    expect(changed).toEqual(['b.txt']);
    expect(statSync(path.join(dir, 'a.txt')).mtime.getUTCFullYear()).toBe(2001);
  });

  it('keeps each report’s folder: publishing report B never removes report A’s files', () => {
    fresh();
    emitOutputs(dir, [file('A.pdf', 'a'), file('manifest.json', 'ma')], { folder: 'A' });
    emitOutputs(dir, [file('B.pdf', 'b'), file('manifest.json', 'mb')], { folder: 'B' });
    expect(tree(dir)).toMatchObject({ 'A/A.pdf': 'a', 'A/manifest.json': 'ma', 'B/B.pdf': 'b', 'B/manifest.json': 'mb' });
  });

  it('removes stale files of the parts this build makes only, and never a file it did not publish', () => {
    fresh();
    const parts = ['zh-Hans/pdf', 'zh-Hant/pdf', 'bundle'];
    emitOutputs(dir, [file('r（简体）.pdf', '1', 'zh-Hans/pdf'), file('r（繁體）.pdf', '2', 'zh-Hant/pdf'), file('old.zip', 'z', 'bundle')], { folder: 'r', parts });
    writeFileSync(path.join(dir, 'r', '用户自己的笔记.txt'), 'mine');
    // A zh-Hans build: the zh-Hant PDF is another part and stays; the bundle is this build's part, renamed → removed.
    const { removed } = emitOutputs(dir, [file('r（简体）.pdf', '3', 'zh-Hans/pdf'), file('new.zip', 'y', 'bundle')], { folder: 'r', parts: ['zh-Hans/pdf', 'bundle'] });
    expect(removed).toEqual(['old.zip']);
    expect(Object.keys(tree(path.join(dir, 'r'))).sort()).toEqual(['new.zip', 'r（简体）.pdf', 'r（繁體）.pdf', '用户自己的笔记.txt']);
    // A later full build that no longer makes the zh-Hant PDF removes it: the ledger remembered it.
    expect(emitOutputs(dir, [file('r（简体）.pdf', '3', 'zh-Hans/pdf'), file('new.zip', 'y', 'bundle')], { folder: 'r', parts }).removed).toEqual(['r（繁體）.pdf']);
    expect(emitOutputs(dir, [file('x', 'x')], { folder: 'r', cleanUp: false }).removed).toEqual([]);
  });

  it('seeds its record from an older gongwen’s manifest.json; only a full build removes those files', () => {
    fresh();
    mkdirSync(path.join(dir, 'r'));
    const manifest = { generator: { name: 'gongwen' }, files: [{ path: '旧.pdf' }, { path: '../outside.txt' }, { path: 'sub/x.txt' }] };
    writeFileSync(path.join(dir, 'r', 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(path.join(dir, 'r', '旧.pdf'), 'old');
    writeFileSync(path.join(dir, 'outside.txt'), 'not in the folder');
    expect(emitOutputs(dir, [file('新.pdf', 'n', 'zh-Hans/pdf')], { folder: 'r', parts: ['zh-Hans/pdf'] }).removed).toEqual([]);
    expect(emitOutputs(dir, [file('新.pdf', 'n', 'zh-Hans/pdf'), file('manifest.json', '{}', 'bundle')], { folder: 'r', parts: ['zh-Hans/pdf', 'bundle', '*'] }).removed).toEqual(['旧.pdf']);
    expect(readFileSync(path.join(dir, 'outside.txt'), 'utf8')).toBe('not in the folder');
  });

  it('never removes through a symlinked folder, even when its record lists the path', () => {
    fresh();
    const outside = mkdtempSync(path.join(tmpdir(), 'gongwen-outside-'));
    try {
      emitOutputs(dir, [file('sub/victim.txt', 'published')], { folder: 'r' });
      rmSync(path.join(dir, 'r', 'sub'), { recursive: true });
      writeFileSync(path.join(outside, 'victim.txt'), 'precious');
      symlinkSync(outside, path.join(dir, 'r', 'sub'));
      expect(emitOutputs(dir, [file('other.txt', 'x')], { folder: 'r' }).removed).toEqual([]);
      expect(readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('precious');
      // and it refuses to write through one
      expect(emitError(() => emitOutputs(dir, [file('sub/victim.txt', 'x')], { folder: 'r' })).code).toBe('emit/symlink');
      expect(readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('precious');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('output-path problems are EmitErrors (exit 7) with the path, and nothing is written', () => {
  it('a name over the UTF-8 byte limit (an 85-character Chinese title is 255 bytes)', () => {
    fresh();
    const long = `${'长'.repeat(85)}.pdf`;
    const e = emitError(() => emitOutputs(dir, [file('ok.pdf', 'a'), file(long, 'b')], { folder: 'r' }));
    expect(e.code).toBe('emit/bad-name');
    expect(e.message).toContain('字节');
    expect(existsSync(path.join(dir, 'r'))).toBe(false);
  });

  it('a folder where an output file must go, a file where a folder must go, --out naming a file', () => {
    fresh();
    mkdirSync(path.join(dir, 'r', 'a.pdf'), { recursive: true });
    expect(emitError(() => emitOutputs(dir, [file('a.pdf', 'x')], { folder: 'r' })).code).toBe('emit/path-taken');
    writeFileSync(path.join(dir, 'q'), 'a file');
    expect(emitError(() => emitOutputs(dir, [file('a.pdf', 'x')], { folder: 'q' })).code).toBe('emit/not-a-folder');
    expect(emitError(() => emitOutputs(path.join(dir, 'q'), [file('a.pdf', 'x')])).code).toBe('emit/not-a-folder');
    expect(emitError(() => emitOutputs(path.join(dir, 'q', 'below'), [file('a.pdf', 'x')])).code).toBe('emit/not-a-folder');
    expect(readFileSync(path.join(dir, 'q'), 'utf8')).toBe('a file');
  });

  it('Windows-reserved and unsanitised names, and paths leaving the folder', () => {
    fresh();
    for (const bad of ['CON.pdf', 'a./b.pdf', 'x ', '../escape.pdf', '/abs.pdf', 'a\\b.pdf'])
      expect(emitError(() => emitOutputs(dir, [file(bad, 'x')], { folder: 'r' })).code, bad).toBe('emit/bad-name');
    expect(existsSync(path.join(dir, 'r'))).toBe(false);
  });

  it('writeOneFile: a folder in the way, a file in the path', () => {
    fresh();
    mkdirSync(path.join(dir, 'taken'));
    expect(emitError(() => writeOneFile(path.join(dir, 'taken'), Buffer.from('x'))).code).toBe('emit/path-taken');
    writeFileSync(path.join(dir, 'f'), 'file');
    expect(emitError(() => writeOneFile(path.join(dir, 'f', 'x.yaml'), Buffer.from('x'))).code).toBe('emit/not-a-folder');
    writeOneFile(path.join(dir, 'ok.yaml'), Buffer.from('ok'));
    expect(readdirSync(dir).sort()).toEqual(['f', 'ok.yaml', 'taken']);
  });
});

/** Whether a shell command works here (root can mount a tmpfs and set the immutable flag; a sandbox may refuse). */
const can = (cmd: string, args: string[]) => spawnSync(cmd, args).status === 0;

describe('a disk that is full or a folder that cannot be written (exit 7, the old files kept)', () => {
  needs('mount', 'umount').it('ENOSPC on a 200 KB tmpfs: emit/no-space, the previous PDF untouched, no staging left', () => {
    fresh();
    const disk = path.join(dir, 'disk');
    mkdirSync(disk);
    if (!can('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', disk])) return void console.log('emit: mount not permitted here; ENOSPC not tested');
    try {
      emitOutputs(disk, [file('报告.pdf', 'the previous build')], { folder: 'r' });
      const big = { path: '报告.zip', bytes: Buffer.alloc(400_000, 1) };
      expect(emitError(() => emitOutputs(disk, [file('报告.pdf', 'new'), big], { folder: 'r' })).code).toBe('emit/no-space');
      expect(readFileSync(path.join(disk, 'r', '报告.pdf'), 'utf8')).toBe('the previous build');
      expect(readdirSync(path.join(disk, '.gongwen'))).toEqual(['ledger.json']);
      expect(readdirSync(path.join(disk, 'r'))).toEqual(['报告.pdf']);
    } finally {
      spawnSync('umount', [disk]);
    }
  });

  needs('chattr').it('EPERM on an immutable folder: emit/not-writable', () => {
    fresh();
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    if (!can('chattr', ['+i', locked])) return void console.log('emit: chattr not permitted here; EPERM not tested');
    try {
      expect(emitError(() => emitOutputs(locked, [file('a.pdf', 'x')], { folder: 'r' })).code).toBe('emit/not-writable');
    } finally {
      spawnSync('chattr', ['-i', locked]);
    }
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('the lock', () => {
  it('waits for a live holder and then refuses (emit/locked); takes over a dead holder’s lock', async () => {
    fresh();
    mkdirSync(path.join(dir, '.gongwen'));
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      const lock = path.join(dir, '.gongwen', `lock-${sleeper.pid}-abc`);
      writeFileSync(lock, JSON.stringify({ pid: sleeper.pid, host: (await import('node:os')).hostname() }));
      const e = emitError(() => emitOutputs(dir, [file('a.txt', 'x')], { lockWaitMs: 200 }));
      expect(e.code).toBe('emit/locked');
      expect(e.message).toContain(String(sleeper.pid));
      expect(existsSync(path.join(dir, 'a.txt'))).toBe(false);
      // The same lock file, ten minutes old: a hung process or a reused PID — stale.
      const old = new Date(Date.UTC(2001, 0, 1));
      utimesSync(lock, old, old);
      expect(emitOutputs(dir, [file('a.txt', 'x')], { lockWaitMs: 200 }).changed).toEqual(['a.txt']);
    } finally {
      sleeper.kill('SIGKILL');
    }
    writeFileSync(path.join(dir, '.gongwen', 'lock-999999999-dead'), JSON.stringify({ pid: 999999999, host: (await import('node:os')).hostname() }));
    expect(emitOutputs(dir, [file('b.txt', 'y')], { lockWaitMs: 200 }).changed).toEqual(['b.txt']);
    expect(readdirSync(path.join(dir, '.gongwen'))).toEqual(['ledger.json']);
  });
});

describe('recovery', () => {
  it('clears what a killed publish left before its journal (staging, temporary files)', () => {
    fresh();
    emitOutputs(dir, [file('a.txt', 'x')]);
    mkdirSync(path.join(dir, '.gongwen', 'stage-999999999-00ff'));
    writeFileSync(path.join(dir, '.gongwen', 'stage-999999999-00ff', 'p0'), 'half');
    writeFileSync(path.join(dir, '.gongwen', 'journal.json.tmp'), '{"ver');
    writeFileSync(path.join(dir, '.gongwen', 'lock-999999999-aa.tmp'), '');
    expect(recoverOutputs(dir)).toBeUndefined();
    expect(readdirSync(path.join(dir, '.gongwen'))).toEqual(['ledger.json']);
    expect(tree(dir)['a.txt']).toBe('x');
  });
});
