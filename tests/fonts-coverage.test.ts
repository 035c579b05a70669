// Fonts stage: coverage before layout. Characters the primary face lacks become fallback warnings or missing-glyph
// errors located at the character in the data file. Hermetic: no system fonts, temporary project roots.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { location } from '../src/diag/format.ts';
import { checkCoverage, resolveFonts } from '../src/fonts/index.ts';
import { gb2312Hanzi } from '../src/fonts/gb2312.ts';
import { composeDocument } from '../src/compose/index.ts';
import type { FontSet } from '../src/fonts/types.ts';
import type { Block, DocModel, FontRole, Span } from '../src/model/types.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { useTempDirs } from './support/temp-dirs.ts';
import { withNames } from './support/font-names.ts';

/** A temporary folder, removed after the file's tests. */
const tempDir = useTempDirs();


const ROBOTO = path.join(PACKAGE_ROOT, 'node_modules/pdfmake/fonts/Roboto/Roboto-Regular.ttf');
const NOTO_SERIF_SC = path.join(PACKAGE_ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const FILE = 'data/t.yaml';

/** Fonts of a temporary project whose role table names `candidates` for some roles and holds `fonts` in fonts/. */
function fontsWith(candidates: Partial<Record<FontRole, string[]>>, fonts: Record<string, string | Buffer> = {}): FontSet {
  const root = tempDir(path.join(tmpdir(), 'gongwen-cov-'));
  mkdirSync(path.join(root, 'fonts'));
  const table = parse(readFileSync(path.join(PACKAGE_ROOT, 'fonts/fonts.yaml'), 'utf8')) as { roles: Record<string, Record<string, unknown>> };
  for (const [role, list] of Object.entries(candidates)) {
    const r = table.roles[role] as Record<string, unknown>;
    r['candidates'] = list;
    delete r['editions'];
  }
  writeFileSync(path.join(root, 'fonts/fonts.yaml'), stringify(table));
  for (const [name, from] of Object.entries(fonts)) {
    if (typeof from === 'string') copyFileSync(from, path.join(root, 'fonts', name));
    else writeFileSync(path.join(root, 'fonts', name), from);
  }
  const diag = new DiagnosticSink();
  const set = resolveFonts(nodeWorld(root, {}), { fontPaths: [], systemFonts: false }, 'zh-Hans', diag);
  expect(diag.items).toEqual([]);
  return set;
}

const defaultFonts = fontsWith({});
const robotoBody = fontsWith({ body: ['Roboto'] }, { 'Roboto-Regular.ttf': ROBOTO });

/** The span of the YAML scalar value that follows `key` (the model's `origin`). */
function valueSpan(source: string, key: string): Span {
  const at = source.indexOf(key);
  const start = at + key.length;
  const end = source.indexOf('\n', start);
  return { file: FILE, start, end: end < 0 ? source.length : end };
}

function model(blocks: Block[]): DocModel {
  return { meta: { title: 't', organ: '', date: '', edition: 'zh-Hans', language: 'zh-CN' }, blocks };
}

function check(fonts: FontSet, blocks: Block[], source: string, allowMissingGlyphs = false) {
  const diag = new DiagnosticSink();
  checkCoverage(composeDocument(model(blocks), fonts), fonts, diag, { allowMissingGlyphs, sourceText: (f) => (f === FILE ? source : undefined) });
  return {
    diag,
    found: diag.items.map((d) => ({ severity: d.severity, code: d.code, where: location(d, (f) => (f === FILE ? source : undefined)), message: d.message })),
  };
}

describe('checkCoverage', () => {
  it('reports an Ext-B character no font has as an error at its line and column', () => {
    const source = 'title: 测试\nbody:\n  - p: 甲乙𠀀丙\n';
    const origin = valueSpan(source, '- p: ');
    const blocks: Block[] = [{ type: 'paragraph', inlines: [{ text: '甲乙𠀀丙', role: 'body', origin }] }];
    const { found, diag } = check(defaultFonts, blocks, source);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', code: 'fonts/missing-glyph', where: 'data/t.yaml:3:10' });
    expect(found[0]?.message).toContain("'𠀀' U+20000");
    expect(diag.items[0]?.span).toEqual({ file: FILE, start: source.indexOf('𠀀'), end: source.indexOf('𠀀') + 2 });
    expect(diag.items[0]?.hints.join('')).toContain('--allow-missing-glyphs');

    const allowed = check(defaultFonts, blocks, source, true);
    expect(allowed.found.map((f) => [f.severity, f.code, f.where])).toEqual([['warning', 'fonts/missing-glyph', 'data/t.yaml:3:10']]);
  });

  it('warns when a later face of the chain draws a character the primary lacks, once per place', () => {
    const source = 'body:\n  - p: 中 ab\u3000中\n';
    const origin = valueSpan(source, '- p: ');
    const blocks: Block[] = [{ type: 'paragraph', inlines: [{ text: '中 ab\u3000中', role: 'body', origin }] }];
    const { found } = check(robotoBody, blocks, source);
    // Two occurrences of 中, each located; the ideographic space is whitespace and is not checked.
    expect(found).toEqual([
      { severity: 'warning', code: 'fonts/fallback-glyph', where: 'data/t.yaml:2:8', message: "'中' U+4E2D 不在 Roboto 中，已用 Noto Serif SC 代替" },
      { severity: 'warning', code: 'fonts/fallback-glyph', where: 'data/t.yaml:2:13', message: "'中' U+4E2D 不在 Roboto 中，已用 Noto Serif SC 代替" },
    ]);
    expect(robotoBody.faceFor('body', 0x4e2d)?.postscriptName).toBe('NotoSerifSC-Light');
  });

  it("gives the issue's example: '喆' U+5586 不在 仿宋_GB2312 中，已用 Noto Serif SC 代替", async () => {
    // A GB2312-only face named 仿宋_GB2312 / FangSong_GB2312 (Noto Serif SC subset + a new name table) stands in for the
    // licensed font; gongwen's own role table is used unchanged.
    const subsetFont = createRequire(import.meta.url)('subset-font') as (b: Buffer, text: string, o: { targetFormat: string }) => Promise<Buffer>;
    const gbOnly = await subsetFont(readFileSync(NOTO_SERIF_SC), gb2312Hanzi().join(''), { targetFormat: 'truetype' });
    const fangsong = withNames(gbOnly, { family: 'FangSong_GB2312', familyZh: '仿宋_GB2312', postscript: 'FangSong_GB2312' });
    const fonts = fontsWith({}, { 'fsgb2312.ttf': fangsong });
    const body = fonts.roles.body;
    expect(body.chain[0]?.source).toBe('project');
    expect(body.chain[0]?.familyNames).toEqual(['FangSong_GB2312', '仿宋_GB2312']);
    expect(body.substitute).toBe(false); // the official font under its English name
    expect(body.chain[1]?.postscriptName).toBe('NotoSerifSC-Light');
    const source = 'signature:\n  organ: 张喆同志\n';
    const origin = valueSpan(source, 'organ: ');
    const { found } = check(fonts, [{ type: 'signature', organ: '张喆同志', date: '', origin }], source);
    expect(found).toEqual([
      { severity: 'warning', code: 'fonts/fallback-glyph', where: 'data/t.yaml:2:11', message: "'喆' U+5586 不在 仿宋_GB2312 中，已用 Noto Serif SC 代替" },
    ]);
    expect(fonts.faceFor('body', 0x5586)).toBe(body.chain[1]);
    expect(fonts.faceFor('body', 0x5f20)).toBe(body.chain[0]); // 张 is in GB2312
  }, 20_000);

  it('checks each text in the role that draws it (heading levels, attachment label and title, tables)', () => {
    const fonts = fontsWith({ heading1: ['Roboto'] }, { 'Roboto-Regular.ttf': ROBOTO });
    const source = 'a: 总体\nb: 措施\nc: 正文\nd: 附件名\ne: 表格\n';
    const span = (k: string) => valueSpan(source, `${k}: `);
    const blocks: Block[] = [
      { type: 'heading', level: 1, number: '一、', text: '总体', origin: span('a') },
      { type: 'heading', level: 2, number: '（一）', text: '措施', origin: span('b'), runIn: [{ text: '正文', role: 'body', origin: span('c') }] },
      { type: 'attachmentHeading', label: '附件1', title: '附件名', origin: span('d') },
      { type: 'table', columns: [{ title: '表格', align: 'left', weight: 1 }], rows: [[{ text: '1' }]], origin: span('e') },
    ];
    const { found } = check(fonts, blocks, source);
    // Only heading1 text falls back: 一、 and 总体 (level-1 heading), 附件 (the label) and the table head 表格 (黑体, as
    // drawn); level 2, body, title and table cells do not.
    expect(found.every((f) => f.code === 'fonts/fallback-glyph' && f.message.includes('不在 Roboto 中'))).toBe(true);
    expect(found.map((f) => f.message.slice(1, 2)).sort()).toEqual(['、', '一', '件', '体', '总', '附', '表', '格'].sort());
    // Located text points at the character; generated numbers and labels point at the node.
    expect(found.find((f) => f.message.startsWith("'总'"))?.where).toBe('data/t.yaml:1:4');
    expect(found.find((f) => f.message.startsWith("'一'"))?.where).toBe('data/t.yaml:1:4');
    expect(found.find((f) => f.message.startsWith("'附'"))?.where).toBe('data/t.yaml:4:4');
  });

  it('locates table cells inside the table and falls back to the node span for text not in the source', () => {
    const source = 'rows:\n  - [甲, 喆]\ntitle: 關於\n';
    const table = { file: FILE, start: source.indexOf('  - ['), end: source.indexOf('\ntitle') };
    const title = valueSpan(source, 'title: ');
    const blocks: Block[] = [
      { type: 'table', columns: [{ title: 'X', align: 'left', weight: 1 }], rows: [[{ text: '甲' }, { text: '喆' }]], origin: table },
      { type: 'paragraph', inlines: [{ text: '关于', role: 'body', origin: title }] },
    ];
    const { found } = check(robotoBody, blocks, source);
    expect(found.map((f) => `${f.message.slice(0, 3)} ${f.where}`)).toEqual([
      "'甲' data/t.yaml:2:6",
      "'喆' data/t.yaml:2:9",
      "'关' data/t.yaml:3:8", // converted text: not found in the source, so the whole scalar
      "'于' data/t.yaml:3:8",
    ]);
  });

  it('checks the page-number glyphs in the page-number role, without a place', () => {
    const fonts = fontsWith({ pagenumber: ['Roboto'] }, { 'Roboto-Regular.ttf': ROBOTO });
    expect(fonts.roles.pagenumber.chain[0]?.family).toBe('Roboto');
    const { found } = check(fonts, [], '');
    // Roboto has the digits and U+2014: nothing to report; the same check with a Latin-only body is silent too.
    expect(found).toEqual([]);
    expect(check(defaultFonts, [{ type: 'title', text: '关于报告' }], '').found).toEqual([]);
  });
});
