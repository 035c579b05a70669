// GB/T 9704 elements measured in the PDF: long titles in a trapezoid, the 附件说明 hanging indent (§7.3.4), 署名 and
// 成文日期 (§7.3.5.2), attachment pages (§7.3.7), bookmarks and document metadata.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { needs } from './support/tools.ts';
import { measurePdf, ptToMm, type PdfPage } from './support/pdf-geometry.ts';
import { pdfOf } from './support/build-pdf.ts';
import { CELL_PT, EM_BOX_ASCENT, LINE_PITCH_PT, MARGIN_LEFT_MM, MARGIN_TOP_MM, TYPE_AREA_WIDTH_MM } from '../src/gbt9704/page.ts';
import type { DocModel } from '../src/model/types.ts';

const { beforeAll, describe, it } = needs('mutool', 'pdfinfo');

const CELL_MM = ptToMm(CELL_PT);
const RIGHT_MM = MARGIN_LEFT_MM + TYPE_AREA_WIDTH_MM;
const gridLine = (baseline: number, size: number) => Math.round((baseline - EM_BOX_ASCENT * size - (MARGIN_TOP_MM * 72) / 25.4) / LINE_PITCH_PT);

const model: DocModel = {
  meta: { title: '关于进一步加强农民建房管理和耕地保护工作的实施意见（2022年修订稿）', organ: '柞市镇人民政府', date: '2022-01-05', edition: 'zh-Hans', language: 'zh-CN' },
  blocks: [
    { type: 'title', text: '关于进一步加强农民建房管理和耕地保护工作的实施意见（2022年修订稿）' },
    { type: 'blankLine' },
    { type: 'heading', level: 1, number: '一、', text: '总体要求' },
    { type: 'paragraph', inlines: [{ text: '坚持人民至上、生命至上，扛稳扛牢安全生产政治责任。', role: 'body' }] },
    { type: 'blankLine' },
    {
      type: 'attachmentNote',
      items: [
        { number: '1.', title: '柞市镇2021年主要工作数据一览表' },
        { number: '2.', title: '柞市镇关于进一步加强农民建房管理和耕地保护工作的实施意见及其配套的细则和说明' },
      ],
    },
    { type: 'blankLine' },
    { type: 'signature', organ: '柞市镇人民政府', date: '2022年1月5日' },
    { type: 'attachmentHeading', label: '附件1', title: '柞市镇2021年主要工作数据一览表' },
    { type: 'table', columns: [{ title: '项目', align: 'left', weight: 3 }, { title: '数值', align: 'right', weight: 1 }], rows: [[{ text: '改厕任务' }, { text: '775' }]] },
  ],
};

let pages: PdfPage[];
let pdf: Buffer;
beforeAll(async () => {
  ({ pdf } = await pdfOf(model));
  pages = measurePdf(pdf);
}, 60_000);

const line = (page: number, starts: string) => {
  const l = pages[page]!.lines.find((x) => x.text.startsWith(starts));
  if (!l) throw new Error(`no line starting ${starts}: ${pages[page]!.lines.map((x) => x.text).join(' | ')}`);
  return l;
};

describe('title (§7.3.1)', () => {
  it('breaks a long title into centred lines, the upper no longer than the lower, never inside a number', () => {
    const title = pages[0]!.lines.filter((l) => l.size === 22);
    expect(title.length).toBe(2);
    const widths = title.map((l) => l.right - l.left);
    expect(widths[0]!).toBeLessThanOrEqual(widths[1]!);
    for (const l of title) expect(Math.abs((ptToMm(l.left) + ptToMm(l.right)) / 2 - (MARGIN_LEFT_MM + TYPE_AREA_WIDTH_MM / 2))).toBeLessThan(0.5);
    expect(title.map((l) => l.text).join('')).toBe(model.meta.title);
    expect(/\d$/.test(title[0]!.text) && /^\d/.test(title[1]!.text)).toBe(false);
    // 词意完整: the break falls after 和 rather than inside 耕地保护.
    expect(title[0]!.text.endsWith('和')).toBe(true);
  });
});

describe('附件说明 (§7.3.4)', () => {
  it('starts 左空二字 with “附件：”, aligns item 2’s number under item 1’s, and wrapped names under the name', () => {
    const first = line(0, '附件：1.');
    const second = line(0, '2.');
    expect(Math.abs(ptToMm(first.left) - (MARGIN_LEFT_MM + 2 * CELL_MM))).toBeLessThan(0.3);
    const numberX = first.chars.find((c) => c.c === '1')!.x;
    expect(Math.abs(second.left - numberX)).toBeLessThan(0.5);
    const nameX = first.chars.find((c) => c.c === '柞')!.x;
    const secondName = second.chars.find((c) => c.c === '柞')!.x;
    expect(Math.abs(secondName - nameX)).toBeLessThan(0.5);
    const wrapped = pages[0]!.lines[pages[0]!.lines.indexOf(second) + 1]!;
    expect(Math.abs(wrapped.left - nameX)).toBeLessThan(0.5);
    expect(Math.abs(ptToMm(second.right) - RIGHT_MM)).toBeLessThan(0.5);
  });
});

describe('署名 and 成文日期 (§7.3.5.2)', () => {
  it('sets the 署名 右空二字 and the date one line below, its first character two characters further right', () => {
    const organ = line(0, '柞市镇人民政府');
    const date = line(0, '2022年');
    expect(gridLine(date.baseline, 16)).toBe(gridLine(organ.baseline, 16) + 1);
    const rightInset = RIGHT_MM - ptToMm(Math.max(organ.right, date.right));
    expect(Math.abs(rightInset - 2 * CELL_MM)).toBeLessThan(0.5);
    expect(Math.abs(ptToMm(date.left - organ.left) - 2 * CELL_MM)).toBeLessThan(0.5);
  });
});

describe('attachment pages (§7.3.7)', () => {
  it('starts on a new page with “附件1” 顶格 on line 1 and the title centred on line 3', () => {
    const page = pages.findIndex((p) => p.lines.some((l) => l.text === '附件1'));
    expect(page).toBeGreaterThan(0);
    const label = line(page, '附件1');
    expect(gridLine(label.baseline, label.size)).toBe(0);
    expect(Math.abs(ptToMm(label.left) - MARGIN_LEFT_MM)).toBeLessThan(0.3);
    const title = pages[page]!.lines.find((l) => l.size === 22)!;
    expect(gridLine(title.baseline, 22)).toBe(2);
    expect(pages[page]!.lines.some((l) => l.text.includes('775'))).toBe(true);
  });
});

describe('document', () => {
  it('carries title, author, language, no print scaling, and a bookmark per heading', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-meta-'));
    try {
      const file = path.join(dir, 'a.pdf');
      writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Title:\s+关于进一步加强农民建房管理/);
      expect(info).toMatch(/Author:\s+柞市镇人民政府/);
      const trailer = execFileSync('mutool', ['show', file, 'trailer/Root/Lang'], { encoding: 'utf8' });
      expect(trailer).toContain('zh-CN');
      const prefs = execFileSync('mutool', ['show', file, 'trailer/Root/ViewerPreferences'], { encoding: 'utf8' });
      expect(prefs).toContain('/PrintScaling /None');
      const outline = execFileSync('mutool', ['show', file, 'outline'], { encoding: 'utf8' });
      expect(outline).toContain('一、总体要求');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
