// End to end through the real command line (a child process, as users run it): a build writes the documented
// outputs byte-identically across runs, time zones and locales; bad data, bad YAML and a bad template each exit
// non-zero with a Chinese message at file:line:col and leave the previous out/ untouched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FOLDER as REPORT, snapshot } from './support/project.ts';
import { needs } from './support/tools.ts';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../src/world.ts';

const CLI = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A project folder like a user's: data, templates and fonts copied from this repository. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gongwen-cli-'));
  temps.push(root);
  for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
  return root;
}

function run(root: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe('gongwen build', () => {
  let root: string;
  let first: Record<string, string>;
  beforeAll(() => {
    root = project();
    const r = run(root, ['build']);
    expect(r.stderr).toContain('完成');
    expect(r.code).toBe(0);
    first = snapshot(path.join(root, 'out', REPORT));
  }, 180_000);

  it('writes both editions as PDF and DOCX, the attachments, the page, checksums, manifest and zip', () => {
    const names = Object.keys(first);
    for (const suffix of ['（简体）.pdf', '（繁體）.pdf', '（简体）.docx', '（繁體）.docx', '（简体）.xlsx', '（简体）.csv', '-附件下载.zip'])
      expect(names.some((n) => n.endsWith(suffix)), suffix).toBe(true);
    for (const name of ['manifest.json', 'SHA256SUMS', 'index.html']) expect(names).toContain(name);
    const manifest = JSON.parse(readFileSync(path.join(root, 'out', REPORT, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; kind: string; edition: string | null; pages?: number }[] };
    const pdf = manifest.files.find((f) => f.kind === 'pdf' && f.edition === 'zh-Hans')!;
    expect(pdf.pages).toBeGreaterThan(5);
    for (const f of manifest.files) if (first[f.path]) expect(first[f.path], f.path).toBe(f.sha256);
  });

  it('gives byte-identical outputs on a second build, in another time zone and locale', () => {
    rmSync(path.join(root, 'out'), { recursive: true, force: true });
    const r = run(root, ['build'], { TZ: 'America/New_York', LANG: 'en_US.UTF-8' });
    expect(r.code).toBe(0);
    expect(snapshot(path.join(root, 'out', REPORT))).toEqual(first);
  }, 180_000);
});

describe('errors leave out/ untouched', () => {
  let root: string;
  let before: Record<string, string>;
  beforeAll(() => {
    root = project();
    mkdirSync(path.join(root, 'out'));
    writeFileSync(path.join(root, 'out/上次的报告.pdf'), 'previous build');
    before = snapshot(path.join(root, 'out'));
  });

  const dataWith = (edit: (s: string) => string) => {
    const file = path.join(root, 'data/bad.yaml');
    writeFileSync(file, edit(readFileSync(path.join(PACKAGE_ROOT, 'data/report.yaml'), 'utf8')));
    return 'data/bad.yaml';
  };

  it('a YAML syntax error: exit 4, located Chinese message', () => {
    const r = run(root, ['build', dataWith((s) => s.replace(/\n {2}title: /, '\n  title: "'))]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/data\/bad\.yaml:\d+:\d+: 错误\[load\/yaml-/);
    expect(r.stderr).toContain('输出目录未改动');
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
  }, 60_000);

  it('a schema error: exit 4, message and hint in Chinese at the offending node', () => {
    const r = run(root, ['build', dataWith((s) => s.replace(/\n {2}date: .*\n/, '\n  date: 2021.12.3\n'))]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/data\/bad\.yaml:\d+:9: 错误\[load\/schema-invalid-format\]: 成文日期应为 YYYY-MM-DD（实为 "2021.12.3"）/);
    expect(r.stderr).toContain('提示');
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
  }, 60_000);

  it('an error only the Traditional edition finds (data/terms.yaml, in the edition worker): exit 4, at file:line:col with the line', () => {
    const terms = path.join(root, 'data/terms.yaml');
    const saved = readFileSync(terms, 'utf8');
    writeFileSync(terms, 'terms:\n  - { zh-Hans: 对标, zh-Hant: 对标, why: 测试 }\n');
    const r = run(root, ['build']);
    writeFileSync(terms, saved);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/data\/terms\.yaml:2:29: 错误\[terms\/not-traditional\]: 繁体一侧含简体字“对”/);
    expect(r.stderr).toContain('  2 | ');
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
  }, 60_000);

  it('a template error: exit 5, names the .hbs file and line', () => {
    writeFileSync(path.join(root, 'templates/partials/node.hbs'), '{{#if p}}\n<p src="{{src}}">{{p}}</p>\n{{else}}\n<heading>{{nosuchfield}}</heading>\n{{/if}}\n');
    const r = run(root, ['build']);
    cpSync(path.join(PACKAGE_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/templates\/partials\/node\.hbs:4:\d+: 错误\[render\/template\]: 模板引用了不存在的字段“nosuchfield”/);
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
  }, 60_000);

  it('a usage error: exit 2', () => {
    expect(run(root, ['build', '--edition', 'zh-XX']).code).toBe(2);
    expect(run(root, ['frobnicate']).code).toBe(2);
    expect(run(root, ['build', '--quotes', 'square']).code).toBe(2);
    expect(run(root, ['build', '--system-fonts', '--no-system-fonts']).code).toBe(2);
  }, 60_000);

  it('--require-official-fonts without the office fonts: exit 6, each missing role named, out/ untouched', () => {
    const before = snapshot(path.join(root, 'out'));
    const r = run(root, ['build', '--require-official-fonts', '--no-system-fonts', '--edition', 'zh-Hans']);
    expect(r.code).toBe(6);
    for (const name of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312', '宋体']) expect(r.stderr).toContain(`没有找到公文字体 ${name}`);
    expect(r.stderr).toContain('错误[fonts/not-official]');
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
  }, 60_000);
});

describe('gongwen check, import, fonts, schema', () => {
  let root: string;
  beforeAll(() => {
    root = project();
  });

  it('check reports the seed’s stray character at its place and exits 0 (warnings only), 3 with --strict', () => {
    const r = run(root, ['check']);
    expect(r.code).toBe(0);
    const line = readFileSync(path.join(root, 'data/report.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('各项刚工作')) + 1;
    expect(r.stderr).toMatch(new RegExp(`data/report\\.yaml:${line}:\\d+: 警告\\[lint/broken-phrase\\]`));
    expect(r.stderr).toContain('各项工作');
    expect(run(root, ['check', '--strict']).code).toBe(3);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  }, 60_000);

  it('check passes clean data without warnings', () => {
    const data = readFileSync(path.join(root, 'data/report.yaml'), 'utf8').replace('各项刚工作', '各项工作');
    writeFileSync(path.join(root, 'data/clean.yaml'), data);
    const r = run(root, ['check', 'data/clean.yaml', '--strict']);
    expect(r.stderr).toContain('检查通过：0 个警告');
    expect(r.code).toBe(0);
  }, 60_000);

  it('a character no font has stops the build with exit 6 at its place, unless --allow-missing-glyphs', () => {
    const data = readFileSync(path.join(root, 'data/report.yaml'), 'utf8').replace('各项刚工作', '各项𠀀工作');
    writeFileSync(path.join(root, 'data/glyph.yaml'), data);
    const line = data.split('\n').findIndex((l) => l.includes('𠀀')) + 1;
    const col = (data.split('\n')[line - 1] ?? '').indexOf('𠀀') + 1;
    const r = run(root, ['build', 'data/glyph.yaml', '--edition', 'zh-Hans']);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain(`data/glyph.yaml:${line}:${col}: 错误[fonts/missing-glyph]`);
    expect(r.stderr).toContain('U+20000');
    expect(existsSync(path.join(root, 'out'))).toBe(false);
    const allowed = run(root, ['build', 'data/glyph.yaml', '--edition', 'zh-Hans', '--allow-missing-glyphs', '--out', 'out-allowed']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('警告[fonts/missing-glyph]');
  }, 120_000);

  it('import turns the seed into the data file’s body', () => {
    const out = path.join(root, 'data/imported.yaml');
    const r = run(root, ['import', path.join(PACKAGE_ROOT, 'tests/fixtures/seed-report.txt'), '-o', out, '--title', '柞市镇2021年工作总结和2022年工作计划']);
    expect(r.code).toBe(0);
    const imported = parse(readFileSync(out, 'utf8')) as { body: unknown };
    const canonical = parse(readFileSync(path.join(PACKAGE_ROOT, 'data/report.yaml'), 'utf8')) as { body: unknown };
    expect(imported.body).toEqual(canonical.body);
  }, 60_000);

  it('fonts lists every role with its source, hermetically', () => {
    const r = run(root, ['fonts', '--no-system-fonts']);
    expect(r.code).toBe(0);
    for (const word of ['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312', '宋体', 'Noto Serif SC', '默认']) expect(r.stdout).toContain(word);
  }, 60_000);

  it('schema prints the JSON Schema that data/report.schema.json holds', () => {
    const r = run(root, ['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'data/report.schema.json'), 'utf8')));
  }, 60_000);
});

describe('external attachments', () => {
  let root: string;
  beforeAll(() => {
    root = project();
    mkdirSync(path.join(root, 'data/attachments'), { recursive: true });
    writeFileSync(path.join(root, 'data/attachments/统计表.xlsx'), 'not really a spreadsheet, but bytes to ship');
  });

  // `print: false`: these bytes are not a workbook the attachment pages could print (issue #15 prints the others).
  const withAttachment = (file: string, name: string) => {
    const data = readFileSync(path.join(root, 'data/report.yaml'), 'utf8').replace(/\nattachments:\n/, `\nattachments:\n  - title: 柞市镇2021年村级集体经济收入统计表\n    file: ${file}\n    print: false\n`);
    writeFileSync(path.join(root, `data/${name}.yaml`), data);
    return { file: `data/${name}.yaml`, data };
  };

  needs('unzip').it('ships an external file under data/attachments/ in out/, the manifest and the zip, labelled in order', () => {
    const { file } = withAttachment('attachments/统计表.xlsx', 'ext');
    const r = run(root, ['build', file, '--edition', 'zh-Hans', '--out', 'out-ext']);
    expect(r.code).toBe(0);
    const shipped = path.join(root, 'out-ext', REPORT, '附件1 柞市镇2021年村级集体经济收入统计表.xlsx');
    expect(readFileSync(shipped, 'utf8')).toBe('not really a spreadsheet, but bytes to ship');
    const manifest = readFileSync(path.join(root, 'out-ext', REPORT, 'manifest.json'), 'utf8');
    expect(manifest).toContain('"path": "附件1 柞市镇2021年村级集体经济收入统计表.xlsx"');
    const zip = readdirSync(path.join(root, 'out-ext', REPORT)).find((f) => f.endsWith('.zip'))!;
    const listing = spawnSync('unzip', ['-l', path.join(root, 'out-ext', REPORT, zip)], { encoding: 'utf8' }).stdout;
    expect(listing).toContain('附件1 柞市镇2021年村级集体经济收入统计表.xlsx');
    expect(listing).toContain('附件2 柞市镇2021年主要工作数据一览表（简体）.xlsx');
  }, 120_000);

  it('refuses a path that leaves data/attachments/, at its place, exit 8, nothing written', () => {
    const { file, data } = withAttachment('../../../etc/passwd', 'escape');
    const line = data.split('\n').findIndex((l) => l.includes('../../../etc/passwd')) + 1;
    const r = run(root, ['build', file, '--out', 'out-escape']);
    expect(r.code).toBe(8);
    expect(r.stderr).toMatch(new RegExp(`data/escape\\.yaml:${line}:\\d+: 错误\\[attachment/outside-project\\]`));
    expect(existsSync(path.join(root, 'out-escape'))).toBe(false);
  }, 60_000);
});
