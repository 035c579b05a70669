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
    const changed = emitOutputs(dir, [
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
    const changed = emitOutputs(dir, [{ path: 'a.txt', bytes: Buffer.from('same') }, { path: 'b.txt', bytes: Buffer.from('new') }]);
    expect(changed).toEqual(['b.txt']);
    expect(statSync(path.join(dir, 'a.txt')).mtime.getFullYear()).toBe(2001);
  });

  it('refuses to write while another running build holds the lock, and takes over a stale lock', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongwen-emit-'));
    writeFileSync(path.join(dir, '.gongwen.lock'), String(process.ppid));
    expect(() => emitOutputs(dir, [{ path: 'a.txt', bytes: Buffer.from('x') }])).toThrow(EmitError);
    expect(existsSync(path.join(dir, 'a.txt'))).toBe(false);
    writeFileSync(path.join(dir, '.gongwen.lock'), '999999999');
    expect(emitOutputs(dir, [{ path: 'a.txt', bytes: Buffer.from('x') }])).toEqual(['a.txt']);
  });
});
