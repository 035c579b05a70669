// The 版头/版记 data checks (issue #14), through the real command line, in `check` and in `build` alike: a 发文字号
// without 〔〕, with 第 or with a leading zero is a data error (exit 4) located at the value whose message shows the
// right form, and the build leaves out/ as it was; a 主送 without its final colon, a 抄送 not ending in 。 and a 信函
// with an 印发 line are warnings at their place (the build goes on, --strict makes them fatal); every example in
// data/examples/ checks without a finding.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';
import { copyProject, edit, snapshot } from './support/project.ts';
import { EXAMPLES } from './support/masthead-build.ts';

const CLI = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');
const root = copyProject('gongwen-masthead-checks-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const example = (name: keyof typeof EXAMPLES) => readFileSync(path.join(PACKAGE_ROOT, EXAMPLES[name]), 'utf8');

/** Runs `gongwen <command>` on `data` written as a data file of the copied project. */
function run(command: 'check' | 'build', data: string, ...args: string[]) {
  const file = `data/case-${Math.random().toString(36).slice(2)}.yaml`;
  writeFileSync(path.join(root, file), data);
  const r = spawnSync(process.execPath, [CLI, command, file, ...(command === 'build' ? ['--edition', 'zh-Hans'] : []), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: r.status, stderr: r.stderr };
}

/** `case-….yaml:line:col: ` of the first occurrence of `needle` (plus `offset` characters) in a data text. */
function at(data: string, needle: string, offset = 0): string {
  const lines = data.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`no “${needle}”`);
  return `.yaml:${line + 1}:${(lines[line] ?? '').indexOf(needle) + 1 + offset}: `;
}

let before: Record<string, string>;
beforeAll(() => {
  mkdirSync(path.join(root, 'out'));
  writeFileSync(path.join(root, 'out/上次的公文.pdf'), 'previous build');
  before = snapshot(path.join(root, 'out'));
});

describe('a 发文字号 not in the form 机关代字〔年份〕序号号 (§7.2.5) is a data error showing the right form', () => {
  for (const [wrong, problem] of [
    ['柞政发[2022]3号', '年份应用六角括号“〔〕”括入'],
    ['柞政发〔2022〕第3号', '序号不加“第”字'],
    ['柞政发〔2022〕03号', '序号不编虚位'],
    ['柞政发〔22〕3号', '年份应标全称'],
  ] as const) {
    for (const command of ['check', 'build'] as const) {
      it(`${command}: “${wrong}” → exit 4 at the value, “应写作“柞政发〔2022〕3号””${command === 'build' ? ', out/ untouched' : ''}`, () => {
        const data = edit(example('file'), 'docNumber: 柞政发〔2022〕3号', `docNumber: ${wrong}`);
        const r = run(command, data);
        expect(r.code).toBe(4);
        expect(r.stderr).toContain(`${at(data, wrong)}错误[load/doc-number]: 发文字号格式不正确：“${wrong}”`);
        expect(r.stderr).toContain(problem);
        expect(r.stderr).toContain('应写作“柞政发〔2022〕3号”');
        expect(r.stderr).toContain('提示: GB/T 9704 §7.2.5');
        if (command === 'build') expect(snapshot(path.join(root, 'out'))).toEqual(before);
      }, 120_000);
    }
  }
});

describe('doubtful punctuation and fields a format does not print are warnings at their place', () => {
  /** The 信函 example with its 主送 colon and 抄送 句号 removed and an 印发 line added. */
  const letter = edit(
    edit(edit(example('letter'), 'recipients: 县生态环境局：', 'recipients: 县生态环境局'), 'copyTo: 县农业农村局。', 'copyTo: 县农业农村局'),
    '  date: 2022-04-08\n',
    '  date: 2022-04-08\n  printedBy: 柞市镇党政办公室\n',
  );
  const expectWarnings = (stderr: string) => {
    // The mark is missing after the last character: the warning points at it.
    expect(stderr).toContain(`${at(letter, '县生态环境局', 5)}警告[lint/recipients-colon]: 主送机关应以全角冒号“：”结尾`);
    expect(stderr).toContain(`${at(letter, 'copyTo: 县农业农村局', 8 + 5)}警告[lint/copy-to-period]: 抄送机关应以句号“。”结尾`);
    expect(stderr).toContain(`${at(letter, '柞市镇党政办公室')}警告[lint/letter-imprint]: 信函格式的版记不加印发机关和印发日期`);
    expect(stderr).toContain('提示: GB/T 9704 §7.3.2');
    expect(stderr).toContain('提示: GB/T 9704 §7.4.2');
    expect(stderr).toContain('提示: GB/T 9704 §10.1');
  };

  it('check: exit 0 with the three warnings; --strict: exit 3', () => {
    const r = run('check', letter);
    expect(r.code).toBe(0);
    expectWarnings(r.stderr);
    expect(run('check', letter, '--strict').code).toBe(3);
  }, 120_000);

  it('build: the same warnings, the build goes on (exit 0) and the 信函 still prints no 印发 line', () => {
    const r = run('build', letter, '--out', 'out-letter', '--format', 'pdf');
    expect(r.code).toBe(0);
    expectWarnings(r.stderr);
  }, 120_000);

  it('a list item ending in its own punctuation is a warning (gongwen adds the separators and end marks)', () => {
    const data = edit(example('file'), 'copyTo: [县农业农村局, 县应急管理局, 县气象局]', 'copyTo: [县农业农村局, 县应急管理局, 县气象局。]');
    const r = run('check', data);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/警告\[lint\/list-item-punctuation\]: 列表中的名称末尾不加标点（此处为“。”）/);
  }, 120_000);

  it('a 文件 without issuer is a data error at kind', () => {
    const data = edit(example('file'), '  issuer: 柞市镇人民政府\n', '');
    const r = run('check', data);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${at(data, 'file')}错误[load/masthead-issuer-missing]: 文件格式需要发文机关（meta.issuer）`);
  }, 120_000);
});

describe('the examples', () => {
  for (const name of Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[]) {
    it(`${EXAMPLES[name]} checks without an error or a warning (--strict)`, () => {
      const r = run('check', example(name), '--strict');
      expect(r.stderr).not.toMatch(/(警告|错误)\[/);
      expect(r.stderr).toContain('检查通过：0 个警告');
      expect(r.code).toBe(0);
    }, 120_000);
  }
});
