// Batch builds through the real command line: `gongwen build data/` finds the reports (not terms.yaml, not _files),
// builds them in parallel worker threads, prints a progress line per report and a summary table, publishes each
// report into its own folder, links them all from out/index.html, and exits non-zero when one fails — without
// stopping the others. `gongwen build a.yaml b.yaml` builds exactly the files named.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';

const root = mkdtempSync(path.join(tmpdir(), 'gongwen-batch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const DEFAULT_ID = '柞市镇2021年工作总结和2022年工作计划';
const small = readFileSync(path.join(PACKAGE_ROOT, 'tests/reliability/fixtures/small.yaml'), 'utf8');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'src/bin/gongwen.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', GONGWEN_JOBS: '2' },
    timeout: 180_000,
  });
  return { code: r.status, stderr: r.stderr };
}

let first: { code: number | null; stderr: string };
beforeAll(() => {
  for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'data/small.yaml'), small);
  writeFileSync(path.join(root, 'data/bad.yaml'), small.replace('id: 小型测试报告', 'id: 坏报告').replace('"2022-04-06"', '"2022-02-30"'));
  writeFileSync(path.join(root, 'data/dup.yaml'), small.replace('title: 某镇', 'title: 另一个某镇'));
  writeFileSync(path.join(root, 'data/_shared.yaml'), 'meta: {}\n');
  first = run(['build', 'data/', '--edition', 'zh-Hans']);
}, 240_000);

describe('gongwen build data/', () => {
  it('recognises the reports: every .yaml with meta, not terms.yaml, not _shared.yaml', () => {
    expect(first.stderr).toContain('跳过 data/terms.yaml：没有 meta，不是报告数据');
    expect(first.stderr).toContain('跳过 data/_shared.yaml');
    expect(first.stderr).toContain('构建 4 份报告（2 个并行）');
  });

  it('prints one progress line per report and the summary table; exits with the first failure’s code', () => {
    const progress = first.stderr.split('\n').filter((l) => /^\[\d\/4\] /.test(l));
    expect(progress).toHaveLength(4);
    expect(first.stderr).toMatch(/报告\s+页数\s+文件\s+用时\s+状态/);
    expect(first.stderr).toMatch(/data\/report\.yaml\s+\d+\s+8\s+[\d.]+ 秒\s+成功/);
    expect(first.stderr).toMatch(/data\/bad\.yaml\s+—\s+—\s+[\d.]+ 秒\s+失败：数据无效（退出码 4）/);
    expect(first.stderr).toContain('有 2 份报告失败：共 4 份');
    expect(first.code).toBe(4);
  });

  it('locates each failure: the impossible date, the duplicate meta.id', () => {
    const dateLine = small.split('\n').findIndex((l) => l.includes('date:')) + 1;
    expect(first.stderr).toContain(`data/bad.yaml:${dateLine}:9: 错误[load/invalid-date]`);
    const idLine = small.split('\n').findIndex((l) => l.includes('id: 小型测试报告')) + 1;
    expect(first.stderr).toContain(`data/small.yaml:${idLine}:7: 错误[batch/duplicate-id]: 与 data/dup.yaml 的 meta.id 相同`);
  });

  it('publishes each good report into its own folder, and links every report from out/index.html', () => {
    expect(readdirSync(path.join(root, 'out')).filter((n) => !n.startsWith('.')).sort()).toEqual([DEFAULT_ID, 'index.html', '小型测试报告'].sort());
    const page = readFileSync(path.join(root, 'out/index.html'), 'utf8');
    const hrefs = [...page.matchAll(/href="([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ''));
    expect(hrefs).toContain(`${DEFAULT_ID}/index.html`);
    expect(hrefs).toContain(`${DEFAULT_ID}/${DEFAULT_ID}-附件下载.zip`);
    for (const href of hrefs) expect(existsSync(path.join(root, 'out', href)), href).toBe(true);
    expect(page).toContain('失败：数据无效（退出码 4）');
    expect(page).not.toContain('坏报告/'); // no links into a folder a failed build never made
  });

  it('builds exactly the files named: a.yaml b.yaml', () => {
    const r = run(['build', 'data/dup.yaml', 'data/report.yaml', '--edition', 'zh-Hans', '--format', 'pdf', '--out', 'out-two']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(path.join(root, 'out-two')).filter((n) => !n.startsWith('.')).sort()).toEqual([DEFAULT_ID, 'index.html', '小型测试报告'].sort());
    // The PDF and, as a single build writes them, the change summary and its record.
    expect(readdirSync(path.join(root, 'out-two', '小型测试报告')).sort()).toEqual(['.gongwen-record.json', 'changes.json', '小型测试报告（简体）.pdf']);
  }, 120_000);

  it('publishes a report exactly as a single build of it does, change summary and record included (both editions)', () => {
    const single = run(['build', 'data/report.yaml', '--out', 'out-single']);
    expect(single.code, single.stderr).toBe(0);
    const batch = run(['build', 'data/report.yaml', 'data/dup.yaml', '--out', 'out-batch']);
    expect(batch.code, batch.stderr).toBe(0);
    const files = (dir: string) => readdirSync(path.join(root, dir, DEFAULT_ID)).sort();
    expect(files('out-batch')).toEqual(files('out-single'));
    expect(files('out-single')).toEqual(expect.arrayContaining(['.gongwen-record.json', 'changes.json', 'manifest.json']));
    for (const name of files('out-single')) {
      const bytes = (dir: string) => readFileSync(path.join(root, dir, DEFAULT_ID, name));
      expect(bytes('out-batch').equals(bytes('out-single')), name).toBe(true);
    }
    // The record holds both editions, whichever thread compiled the second one (the single build's edition worker).
    const record = JSON.parse(readFileSync(path.join(root, 'out-single', DEFAULT_ID, '.gongwen-record.json'), 'utf8')) as { editions: { edition: string; pageDigests: string[] }[] };
    expect(record.editions.map((e) => e.edition)).toEqual(['zh-Hans', 'zh-Hant']);
    for (const e of record.editions) expect(e.pageDigests.length).toBeGreaterThan(5);
  }, 240_000);
});
