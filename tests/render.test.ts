// Render stage: data → templates → document model; numbers generated from structure; template errors located.
import { cpSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { location } from '../src/diag/format.ts';
import { loadReportText } from '../src/load/index.ts';
import { renderModel } from '../src/render/index.ts';
import { reportTemplateEngine } from '../src/render/env.ts';
import { chineseDate, chineseNumeral, headingNumber, thousands } from '../src/gbt9704/numerals.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import type { HeadingBlock } from '../src/model/types.ts';

const DATA = `meta:
  id: t
  title: 测试标题
  organ: 某某镇人民政府
  date: "2022-01-05"
body:
  - p: 导语 & <尖括号>。
  - heading: 第一部分
    body:
      - heading: 小节。
        runIn: 一是“学习”。
      - p: 段落。
      - heading: 第二小节
        body:
          - heading: 第三层
            body:
              - heading: 第四层
  - heading: 第二部分
figures:
  - { id: a, category: 民生, item: 高龄补贴, value: 36920, unit: 元 }
attachments:
  - title: 数据一览表
    table: figures
  - title: 另一个附件
`;

function render(root = PACKAGE_ROOT, data = DATA) {
  const diag = new DiagnosticSink();
  const loaded = loadReportText(data, 'data/t.yaml', diag)!;
  const world = nodeWorld(root, {});
  const out = renderModel({ report: loaded.report, edition: 'zh-Hans', spanOf: loaded.spanOf, dataFile: 'data/t.yaml', literal: (s) => s }, reportTemplateEngine(), world, diag);
  return { out, diag, world };
}

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe('numerals', () => {
  it('formats Chinese numerals, heading numbers, dates and thousands', () => {
    expect([1, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '十', '十一', '二十', '二十一', '九十九']);
    expect([1, 2, 3, 4].map((l) => headingNumber(l, 12))).toEqual(['十二、', '（十二）', '12.', '（12）']);
    expect(chineseDate('2022-01-05')).toBe('2022年1月5日');
    expect(thousands(36920)).toBe('36,920');
    expect(thousands(1234567.5)).toBe('1,234,567.5');
  });

  it('numbers past 999 by the Chinese reading rules (one 零 per run of zeros, 万 groups)', () => {
    const cases: [number, string][] = [
      [100, '一百'], [105, '一百零五'], [110, '一百一十'], [119, '一百一十九'], [999, '九百九十九'], [1000, '一千'], [1001, '一千零一'],
      [1010, '一千零一十'], [1100, '一千一百'], [1200, '一千二百'], [2019, '二千零一十九'], [9999, '九千九百九十九'], [10000, '一万'],
      [10010, '一万零一十'], [100000, '十万'], [100001, '十万零一'], [120034, '十二万零三十四'], [99_999_999, '九千九百九十九万九千九百九十九'],
    ];
    for (const [n, text] of cases) expect(chineseNumeral(n), String(n)).toBe(text);
    expect(headingNumber(1, 1200)).toBe('一千二百、');
    expect(() => chineseNumeral(100_000_000)).toThrow(RangeError);
  });
});

describe('renderModel', () => {
  it('generates heading numbers from the nesting (paragraphs do not count)', () => {
    const { out } = render();
    const headings = out!.model.blocks.filter((b): b is HeadingBlock => b.type === 'heading');
    expect(headings.map((h) => `${h.level}:${h.number}${h.text}`)).toEqual([
      '1:一、第一部分',
      '2:（一）小节。',
      '2:（二）第二小节',
      '3:1.第三层',
      '4:（1）第四层',
      '1:二、第二部分',
    ]);
  });

  it('keeps a run-in heading and its text in one block, with spans into the data', () => {
    const { out } = render();
    const h = out!.model.blocks.find((b): b is HeadingBlock => b.type === 'heading' && b.runIn !== undefined)!;
    expect(h.runIn![0]!.text).toBe('一是“学习”。');
    const span = h.runIn![0]!.origin!;
    expect(DATA.slice(span.start, span.end)).toBe('一是“学习”。');
  });

  it('decodes escaped text and orders title, body, 附件说明, signature and attachment pages', () => {
    const { out } = render();
    const blocks = out!.model.blocks;
    expect(blocks.map((b) => b.type)).toEqual([
      'title', 'blankLine', 'paragraph', 'heading', 'heading', 'paragraph', 'heading', 'heading', 'heading', 'heading',
      'blankLine', 'attachmentNote', 'blankLine', 'signature', 'attachmentHeading', 'table',
    ]);
    expect(blocks[2]).toMatchObject({ inlines: [{ text: '导语 & <尖括号>。' }] });
    expect(blocks[11]).toMatchObject({ items: [{ number: '1.', title: '数据一览表' }, { number: '2.', title: '另一个附件' }] });
    expect(blocks[13]).toMatchObject({ organ: '某某镇人民政府', date: '2022年1月5日' });
    expect(blocks[14]).toMatchObject({ label: '附件1', title: '数据一览表' });
    expect(blocks[15]).toMatchObject({ rows: [['1', '民生', '高龄补贴', '36,920', '元', ''].map((text) => ({ text }))] });
  });

  it('names the template file and line of a template error', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-tpl-'));
    temps.push(root);
    cpSync(path.join(PACKAGE_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
    writeFileSync(path.join(root, 'templates/partials/node.hbs'), '{{#if p}}\n<p src="{{src}}">{{p}}</p>\n{{else}}\n<heading>{{headline}}</heading>\n{{/if}}\n');
    const { out, diag, world } = render(root);
    expect(out).toBeUndefined();
    const d = diag.items[0]!;
    expect(d.code).toBe('render/template');
    expect(d.message).toContain('headline');
    world.readText('templates/partials/node.hbs');
    expect(location(d, (f) => world.source(f))).toMatch(/^templates\/partials\/node\.hbs:4:\d+$/);
  });

  it('reports a template syntax error at its line', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-tpl-'));
    temps.push(root);
    cpSync(path.join(PACKAGE_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
    writeFileSync(path.join(root, 'templates/report.hbs'), '<document>\n<title src="{{meta.titleSrc}}">{{meta.title}</title>\n</document>\n');
    const { diag, world } = render(root);
    const d = diag.items[0]!;
    expect(d.message).toBe('模板语法错误');
    expect(location(d, (f) => world.source(f))).toMatch(/^templates\/report\.hbs:2:/);
  });
});
