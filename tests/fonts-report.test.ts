// Fonts stage: the `gongwen fonts` report (hermetic, --no-system-fonts), GB2312/Big5 coverage, system font folders.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { resolveFonts, systemFontDirs } from '../src/fonts/index.ts';
import { fontsReport } from '../src/fonts/report.ts';
import { GB2312_HANZI_COUNT, gb2312Coverage, gb2312Hanzi } from '../src/fonts/gb2312.ts';
import { big5CommonHanzi, big5Coverage } from '../src/fonts/big5.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { useTempDirs } from './support/temp-dirs.ts';

/** A temporary folder, removed after the file's tests. */
const tempDir = useTempDirs();


const ROBOTO = path.join(PACKAGE_ROOT, 'node_modules/pdfmake/fonts/Roboto/Roboto-Regular.ttf');
const HERMETIC = { fontPaths: [], systemFonts: false };

function emptyProject(): string {
  const root = tempDir(path.join(tmpdir(), 'gongwen-report-'));
  mkdirSync(path.join(root, 'fonts'));
  return root;
}

describe('fontsReport', () => {
  it('lists every role of both editions with the official font, the default face, its source and coverage', () => {
    const root = emptyProject();
    const text = fontsReport(nodeWorld(root, {}), HERMETIC);
    for (const role of ['标题（title）', '副标题（subtitle）', '正文（body）', '一级标题（heading1）', '二级标题（heading2）', '页码（pagenumber）']) {
      expect(text.split(role).length - 1).toBe(2); // once per edition
    }
    expect(text).toContain('简体版（zh-Hans）');
    expect(text).toContain('繁体版（zh-Hant）');
    expect(text.match(/来源：默认/g)).toHaveLength(12);
    expect(text.match(/替代：是/g)).toHaveLength(12);
    expect(text).toContain('系统：未搜索（--no-system-fonts）');
    for (const official of ['公文字体：方正小标宋简体', '公文字体：仿宋_GB2312', '公文字体：黑体', '公文字体：楷体_GB2312', '公文字体：宋体']) expect(text).toContain(official);
    // The body block of the Simplified edition, line by line.
    const body = text.slice(text.indexOf('  正文（body）'), text.indexOf('  一级标题（heading1）'));
    expect(body.split('\n').map((l) => l.trim())).toEqual([
      '正文（body）',
      '公文字体：仿宋_GB2312',
      '使用字体：Noto Serif SC Light',
      '替代：是（未找到公文字体）',
      '文件：NotoSerifSC_300Light.ttf',
      '字面：NotoSerifSC-Light',
      '来源：默认',
      '覆盖：GB2312 6763/6763',
      '回退链：Noto Serif SC Light（默认） → Noto Serif SC Bold（默认） → LXGW WenKai（默认） → Noto Sans SC（默认） → Noto Serif SC（默认） → Noto Serif TC Bold（默认） → LXGW WenKai TC（默认） → Noto Serif TC Light（默认） → Noto Sans TC（默认） → Noto Serif TC（默认）',
      '',
    ]);
    expect(text).toContain('使用字体：Noto Serif SC Bold');
    expect(text).toContain('覆盖：GB2312 4865/6763（缺 1898 字，缺的字逐字回退）；Big5 常用字 5401/5401');
    // Deterministic.
    expect(fontsReport(nodeWorld(root, {}), HERMETIC)).toBe(text);
  });

  it('shows a project font with source 项目, its coverage, and skipped web fonts', () => {
    const root = emptyProject();
    const table = parse(readFileSync(path.join(PACKAGE_ROOT, 'fonts/fonts.yaml'), 'utf8')) as { roles: Record<string, Record<string, unknown>> };
    (table.roles['heading1'] as Record<string, unknown>)['candidates'] = ['Roboto'];
    delete (table.roles['heading1'] as Record<string, unknown>)['editions'];
    writeFileSync(path.join(root, 'fonts/fonts.yaml'), stringify(table));
    copyFileSync(ROBOTO, path.join(root, 'fonts/Roboto-Regular.ttf'));
    writeFileSync(path.join(root, 'fonts/web.woff'), Buffer.concat([Buffer.from('wOFF', 'latin1'), Buffer.alloc(40)]));
    const text = fontsReport(nodeWorld(root, {}), HERMETIC);
    const heading1 = text.slice(text.indexOf('  一级标题（heading1）'), text.indexOf('  二级标题（heading2）'));
    expect(heading1).toContain('使用字体：Roboto\n');
    expect(heading1).toContain('来源：项目');
    expect(heading1).toContain('覆盖：GB2312 0/6763（缺 6763 字，缺的字逐字回退）');
    expect(heading1).toContain('回退链：Roboto（项目） → Noto Sans SC（默认）');
    expect(text).toContain('项目：fonts/（2 个字体文件）');
    expect(text).toContain('已跳过：fonts/web.woff（WOFF 网页字体，PDF 不能使用）');
    expect(text).toContain('fonts/web.woff: 警告[fonts/woff-refused]');
  });
});

describe('GB2312 and Big5 coverage', () => {
  it('has the 6763 GB2312 hanzi, unique, in code order', () => {
    const hanzi = gb2312Hanzi();
    expect(hanzi).toHaveLength(GB2312_HANZI_COUNT);
    expect(GB2312_HANZI_COUNT).toBe(6763);
    expect(new Set(hanzi).size).toBe(6763);
    expect(hanzi.every((c) => /^\p{Script=Han}$/u.test(c))).toBe(true);
    expect([hanzi[0], hanzi[3754], hanzi[3755], hanzi[6762]]).toEqual(['啊', '座', '亍', '齄']); // level 1 ends at 座 (0xD7F9)
  });

  it('measures Noto Serif SC at 6763/6763 and a Latin font at 0', () => {
    const diag = new DiagnosticSink();
    const fonts = resolveFonts(nodeWorld(emptyProject(), {}), HERMETIC, 'zh-Hans', diag);
    const body = fonts.roles.body.chain[0];
    if (!body) throw new Error('no face');
    expect(gb2312Coverage(body)).toEqual({ covered: 6763, total: 6763 });
    expect(gb2312Coverage({ hasCodePoint: (cp) => cp !== 0x554a })).toEqual({ covered: 6762, total: 6763 });
    const hant = resolveFonts(nodeWorld(emptyProject(), {}), HERMETIC, 'zh-Hant', diag).roles.body.chain[0];
    if (!hant) throw new Error('no face');
    expect(big5CommonHanzi()).toHaveLength(5401);
    expect([big5CommonHanzi()[0], big5CommonHanzi()[5400]]).toEqual(['一', '籲']);
    expect(big5Coverage(hant)).toEqual({ covered: 5401, total: 5401 });
  });
});

describe('systemFontDirs', () => {
  it('lists per-user folders first, for each platform', () => {
    expect(systemFontDirs('win32', { WINDIR: 'D:\\Win', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' })).toEqual([
      'C:\\Users\\u\\AppData\\Local\\Microsoft\\Windows\\Fonts',
      'D:\\Win\\Fonts',
    ]);
    expect(systemFontDirs('win32', { USERPROFILE: 'C:\\Users\\u' })).toEqual(['C:\\Users\\u\\AppData\\Local\\Microsoft\\Windows\\Fonts', 'C:\\Windows\\Fonts']);
    expect(systemFontDirs('darwin', { HOME: '/Users/u' }).slice(0, 4)).toEqual(['/Users/u/Library/Fonts', '/Library/Fonts', '/Network/Library/Fonts', '/System/Library/Fonts']);
    expect(systemFontDirs('darwin', {})).toContain('/System/Library/AssetsV2/com_apple_MobileAsset_Font6');
    expect(systemFontDirs('linux', { HOME: '/home/u', XDG_DATA_DIRS: '/usr/share:/opt/share' })).toEqual([
      '/home/u/.local/share/fonts',
      '/home/u/.fonts',
      '/usr/local/share/fonts',
      '/usr/share/fonts',
      '/opt/share/fonts',
    ]);
  });
});
