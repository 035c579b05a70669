// Numbered copies through the real command line (issue #11): --copies 120 / 31-60 and the copy flags, usage errors
// (exit 2) that leave out/ alone, data errors (exit 4) at file:line:col, the files a secretary gets, what the build
// says for the print shop, the progress line only on a terminal, and `check` listing the marks it would print.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';
import { reportWith } from './support/copies-build.ts';
import { REPORT_FOLDER } from './support/project.ts';
import { needs } from './support/tools.ts';

const CLI = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A project folder like a user's, its data file given. */
function project(data: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gongwen-copies-cli-'));
  temps.push(root);
  for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'data/report.yaml'), data);
  return root;
}

const ENV = { GONGWEN_NO_SYSTEM_FONTS: '1', NO_COLOR: '1', GONGWEN_EDITION: 'zh-Hans' };

function run(root: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...ENV, ...env }, timeout: 120_000 });
  return { code: r.status, stderr: r.stderr };
}

describe('gongwen build --copies', () => {
  const root = project(reportWith(''));

  it('refuses a bad --copies or a copy flag without copies as a usage error (exit 2), writing nothing', () => {
    for (const [args, message] of [
      [['--copies', '0'], '--copies 应至少为 1'],
      [['--copies', '60-31'], '份号范围倒置'],
      [['--copies', '1000000'], '最多 999999 份'],
      [['--copies', '1-1000000'], '份号不能超过 999999'],
      [['--watermark'], '--watermark 需要会议份号'],
    ] as const) {
      const r = run(root, ['build', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  }, 120_000);

  it('writes the print file, the per-copy PDFs and the register, says what to tell the print shop, no progress off a terminal', () => {
    const r = run(root, ['build', '--copies', '31-33', '--copies-split', '--watermark']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('[份号');
    expect(r.stderr).toMatch(/会议份号（简体）：000031–000033 共 3 份，每份 11 页（每份末尾加一页空白，下一份从正面开始）；双面长边翻页印制，每份 6 张，共 18 张纸/);
    const out = path.join(root, 'out', REPORT_FOLDER);
    const names = readdirSync(out);
    expect(names).toContain('柞市镇2021年工作总结和2022年工作计划（简体）份号000031-000033.pdf');
    expect(names).toContain('柞市镇2021年工作总结和2022年工作计划（简体）份号登记表.xlsx');
    expect(names).toContain('柞市镇2021年工作总结和2022年工作计划（简体）份号登记表.csv');
    expect(readdirSync(path.join(out, '柞市镇2021年工作总结和2022年工作计划（简体）各份')).sort()).toEqual(
      ['000031', '000032', '000033'].map((n) => `柞市镇2021年工作总结和2022年工作计划（简体）份号${n}.pdf`),
    );
    // A later build without copies removes them, and the emptied per-copy folder: out/ never keeps a stale print file.
    const again = run(root, ['build']);
    expect(again.code).toBe(0);
    expect(readdirSync(out).filter((n) => n.includes('份号') || n.endsWith('各份'))).toEqual([]);
  }, 120_000);

  it('writes byte-identical copies files in another process, time zone and locale', () => {
    const files = (out: string) =>
      readdirSync(out, { recursive: true, encoding: 'utf8' })
        .filter((n) => n.includes('份号') && /\.(pdf|xlsx|csv)$/.test(n))
        .sort()
        .map((n) => [n, readFileSync(path.join(out, n)).toString('base64')]);
    const args = ['build', '--copies', '3', '--watermark', '--copies-split', '--format', 'pdf'];
    expect(run(root, [...args, '--out', 'a'], { TZ: 'UTC', LANG: 'C' }).code).toBe(0);
    expect(run(root, [...args, '--out', 'b'], { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8' }).code).toBe(0);
    const a = files(path.join(root, 'a'));
    expect(a.length).toBe(1 + 3 + 2);
    expect(files(path.join(root, 'b'))).toEqual(a);
  }, 120_000);

  needs('script').it('shows the progress line on a terminal', () => {
    const command = [process.execPath, CLI, 'build', '--copies', '4', '--format', 'pdf'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...ENV }, timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[份号 4/4] 000004');
  }, 120_000);

  it('takes the count from GONGWEN_COPIES', () => {
    const r = run(root, ['build', '--format', 'pdf'], { GONGWEN_COPIES: '2' });
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(root, 'out', REPORT_FOLDER))).toContain('柞市镇2021年工作总结和2022年工作计划（简体）份号000001-000002.pdf');
  }, 120_000);
});

describe('copies in the data, through the command line', () => {
  it('reports a count that disagrees with the data’s recipients as a usage error at the list (exit 2)', () => {
    const data = reportWith('copies:\n  - { name: 张三 }\n  - { name: 李四 }\n');
    const root = project(data);
    const r = run(root, ['build', '--copies', '3']);
    expect(r.code).toBe(2);
    const line = data.split('\n').indexOf('copies:') + 2;
    expect(r.stderr).toMatch(new RegExp(`data/report\\.yaml:${line}:3: 错误\\[copies/count-mismatch\\]: --copies 要印 3 份，但数据中的领取人有 2 人`));
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  }, 60_000);

  it('reports copies: 0 as invalid data at its place (exit 4)', () => {
    const data = reportWith('copies: 0');
    const r = run(project(data), ['build']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(new RegExp(`data/report\\.yaml:${data.split('\n').indexOf('copies: 0') + 1}:9: 错误\\[load/schema-too-small\\]: 份数应至少为 1`));
  }, 60_000);

  it('check lists the mark lines it would print, the 份号 range first', () => {
    const r = run(project(reportWith('copies: 120')), ['check']);
    expect(r.stderr).toContain('版心左上角标注（每行一项）：份号 000001–000120（120 份）｜秘密★1年｜特急｜会后收回');
  }, 60_000);
});

describe('the README', () => {
  it('has the 会议份号 section with the commands and what to tell the print shop', () => {
    const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## 会议份号'));
    expect(section.length).toBeGreaterThan(500);
    for (const text of ['--copies 120', '--copies 31-60', '--copies-split', '--watermark', '--bundle-copies', '双面', '长边', '张']) expect(section).toContain(text);
  });
});
