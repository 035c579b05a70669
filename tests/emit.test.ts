// Emit stage: atomic writes, unchanged files left alone, a lock against concurrent builds.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmitError, emitOutputs } from '../src/emit.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('emitOutputs', () => {
  it('writes files, including into sub-folders, and leaves no temporary files', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongwen-emit-'));
    const { changed } = emitOutputs(dir, [
      { path: '报告（简体）.pdf', bytes: Buffer.from('pdf') },
      { path: 'debug/model.json', bytes: Buffer.from('{}') },
    ]);
    expect(changed).toEqual(['报告（简体）.pdf', 'debug/model.json']);
    expect(readFileSync(path.join(dir, '报告（简体）.pdf'), 'utf8')).toBe('pdf');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp') || f.includes('.lock'))).toEqual([]);
  });

  it('does not rewrite a file whose bytes did not change', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongwen-emit-'));
    emitOutputs(dir, [{ path: 'a.txt', bytes: Buffer.from('same') }]);
    const old = new Date(2001, 0, 1);
    utimesSync(path.join(dir, 'a.txt'), old, old);
    const { changed } = emitOutputs(dir, [{ path: 'a.txt', bytes: Buffer.from('same') }, { path: 'b.txt', bytes: Buffer.from('new') }]);
    expect(changed).toEqual(['b.txt']);
    expect(statSync(path.join(dir, 'a.txt')).mtime.getFullYear()).toBe(2001);
  });

  it('refuses to write while another running build holds the lock, and takes over a stale lock', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongwen-emit-'));
    writeFileSync(path.join(dir, '.gongwen.lock'), String(process.ppid));
    expect(() => emitOutputs(dir, [{ path: 'a.txt', bytes: Buffer.from('x') }])).toThrow(EmitError);
    expect(existsSync(path.join(dir, 'a.txt'))).toBe(false);
    writeFileSync(path.join(dir, '.gongwen.lock'), '999999999');
    expect(emitOutputs(dir, [{ path: 'a.txt', bytes: Buffer.from('x') }]).changed).toEqual(['a.txt']);
  });

  it('removes files the previous manifest listed and this build no longer makes, and nothing else', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongwen-emit-'));
    const manifest = (paths: string[]) => ({ path: 'manifest.json', bytes: Buffer.from(JSON.stringify({ generator: { name: 'gongwen' }, files: paths.map((p) => ({ path: p })) })) });
    emitOutputs(dir, [{ path: '旧（繁體）.pdf', bytes: Buffer.from('a') }, { path: '新（简体）.pdf', bytes: Buffer.from('b') }, manifest(['旧（繁體）.pdf', '新（简体）.pdf', '../outside.txt'])]);
    writeFileSync(path.join(dir, '用户自己的笔记.txt'), 'mine');
    const { removed } = emitOutputs(dir, [{ path: '新（简体）.pdf', bytes: Buffer.from('b') }, manifest(['新（简体）.pdf'])]);
    expect(removed).toEqual(['旧（繁體）.pdf']);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', '新（简体）.pdf', '用户自己的笔记.txt'].sort());
  });
});
