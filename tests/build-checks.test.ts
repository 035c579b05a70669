// The data checks on every build (issue #12), through the real command line: `build` runs what `check` runs.
// Errors — a duplicate figure id, a relation naming an unknown id — stop it with exit 4 at their place and leave
// out/ as it was; warnings (the stray 刚, half-width punctuation left in the data) are printed, at most 20, sorted by
// place, with a count of the rest, and the build goes on; --strict makes them fatal (exit 3, nothing written).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';
import { DEFAULT_DATA, copyProject, edit, snapshot } from './support/project.ts';

const CLI = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');
const root = copyProject('gongwen-checks-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function build(data: string, ...args: string[]) {
  const file = `data/case-${Math.random().toString(36).slice(2)}.yaml`;
  writeFileSync(path.join(root, file), data);
  const r = spawnSync(process.execPath, [CLI, 'build', file, '--edition', 'zh-Hans', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: r.status, stderr: r.stderr, data };
}

/** `file:line:col` of the first occurrence of `needle` in a data text. */
function placeOf(data: string, needle: string, file = 'data/'): RegExp {
  const lines = data.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return new RegExp(`${file.replace(/\//g, '\\/')}case-[a-z0-9]+\\.yaml:${line + 1}:${lines[line]!.indexOf(needle) + 1}: `);
}

let before: Record<string, string>;
beforeAll(() => {
  mkdirSync(path.join(root, 'out'));
  writeFileSync(path.join(root, 'out/上次的报告.pdf'), 'previous build');
  before = snapshot(path.join(root, 'out'));
});

describe('errors stop the build', () => {
  it('a duplicate figure id: exit 4 at the second id, out/ untouched', () => {
    const data = edit(DEFAULT_DATA, '{ id: wubao_scattered,', '{ id: wubao_total,');
    const r = build(data);
    expect(r.code).toBe(4);
    const second = data.indexOf('{ id: wubao_total,', data.indexOf('{ id: wubao_total,') + 1);
    const line = data.slice(0, second).split('\n').length;
    expect(r.stderr).toMatch(new RegExp(`case-[a-z0-9]+\\.yaml:${line}:\\d+: 错误\\[lint/duplicate-figure\\]: 数据标识“wubao_total”重复`));
    expect(r.stderr).toContain('输出目录未改动');
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
  }, 120_000);

  it('a relation naming an unknown id: exit 4 at the name, with the known ids as a hint', () => {
    const data = edit(DEFAULT_DATA, 'parts: [wubao_scattered, wubao_centralised]', 'parts: [wubao_scattered, wubao_nursing]');
    const r = build(data);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(new RegExp(placeOf(data, 'wubao_nursing').source + '错误\\[lint/unknown-figure\\]: 合计关系引用了不存在的数据“wubao_nursing”'));
    expect(r.stderr).toContain('提示: 可用的标识：');
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
  }, 120_000);
});

describe('warnings are printed and the build goes on', () => {
  it('the default data: the stray 刚 at its place, exit 0, counted in the status line', () => {
    const r = build(DEFAULT_DATA, '--out', 'out-warn');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(placeOf(DEFAULT_DATA, '刚工作').source + '警告\\[lint/broken-phrase\\]'));
    expect(r.stderr).toMatch(/完成：\d+ 个文件（\d+ 个有变化，1 个警告）/);
    expect(existsSync(path.join(root, 'out-warn'))).toBe(true);
  }, 120_000);

  it('half-width punctuation left in the data: at most 20, sorted by place, with the count of the rest', () => {
    // 25 half-width commas between Chinese characters in the opening paragraph: the normaliser's findings.
    const commas = Array.from({ length: 25 }, (_, i) => `第${i + 1}项,`).join('');
    const data = edit(DEFAULT_DATA, '现具体报告如下：', `${commas}现具体报告如下：`);
    const r = build(data, '--out', 'out-many');
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => /: 警告\[/.test(l));
    expect(warnings).toHaveLength(20);
    const columns = warnings.map((l) => /\.yaml:(\d+):(\d+):/.exec(l)!.slice(1).map(Number) as [number, number]);
    expect(columns).toEqual([...columns].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(warnings[0]).toContain('警告[lint/broken-phrase]');
    expect(warnings[1]).toContain('警告[normalize/punctuation]: 标点已规范：“,” → “，”');
    expect(r.stderr).toContain('还有 6 条未显示');
  }, 120_000);
});

describe('--strict', () => {
  it('makes warnings fatal: exit 3, nothing written', () => {
    const r = build(DEFAULT_DATA, '--strict', '--out', 'out-strict');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('警告[lint/broken-phrase]');
    expect(r.stderr).toContain('构建未完成：1 个警告（--strict 把警告视为错误）；输出目录未改动。');
    expect(existsSync(path.join(root, 'out-strict'))).toBe(false);
  }, 120_000);

  it('passes clean data', () => {
    const r = build(edit(DEFAULT_DATA, '各项刚工作', '各项工作'), '--strict', '--out', 'out-clean');
    expect(r.stderr).not.toContain('警告');
    expect(r.code).toBe(0);
  }, 120_000);
});
