// Numbered meeting copies (issue #11), measured in the print file by MuPDF and Poppler: every copy's 份号 at the
// top-left of the 版心 on line 1 of its first page (x = 28 mm, em top = 37 mm), the 密级/紧急/标注 lines below it in
// 黑体, the title and body on the 22-line grid below them; each copy starting on an odd page, a blank unnumbered page
// after an odd copy, page numbers restarting per copy, one outline entry per copy with the headings under it; the
// watermark under the text, not extractable, moving nothing; the register matching the print file; per-copy PDFs;
// the same bytes for the same inputs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Compilation, EditionResult } from '../src/compile/index.ts';
import { EM_BOX_ASCENT, LINE_PITCH_PT, MARGIN_LEFT_MM, MARGIN_TOP_MM, TYPE_AREA_HEIGHT_MM } from '../src/gbt9704/page.ts';
import { mmToPt } from '../src/gbt9704/units.ts';
import { composeDocument } from '../src/compose/index.ts';
import { layoutDocument } from '../src/layout/index.ts';
import { writePdf } from '../src/pdf/index.ts';
import { RECIPIENTS_YAML, compileData, pdfOutline, reportWith } from './support/copies-build.ts';
import { output, pdfText } from './support/default-build.ts';
import { measurePdf, ptToMm, type PdfLine, type PdfPage } from './support/pdf-geometry.ts';
import { needs } from './support/tools.ts';

const NUMBERS = ['000031', '000032', '000033', '000034', '000035'];
const WHO = ['000031 张三（县政府办公室）', '000032 李四（县发展和改革局）', '000033 王五', '000034 赵六（县财政局）', '000035 钱七（县教育局）'];
const FOOTER_TOP = mmToPt(MARGIN_TOP_MM + TYPE_AREA_HEIGHT_MM);
const emTopMm = (l: PdfLine) => ptToMm(l.baseline - EM_BOX_ASCENT * l.size);
/** Grid line (0-based) of a text line: its em box top on a line top 37 mm + n × pitch. */
const gridIndex = (l: PdfLine) => (l.baseline - EM_BOX_ASCENT * l.size - mmToPt(MARGIN_TOP_MM)) / LINE_PITCH_PT;
const bodyLines = (p: PdfPage | undefined) => (p?.lines ?? []).filter((l) => l.baseline < FOOTER_TOP);
const footer = (p: PdfPage | undefined) => (p?.lines ?? []).filter((l) => l.baseline > FOOTER_TOP).map((l) => l.text);

/** MuPDF measures every page; Poppler lists the fonts and extracts the text. */
const withMutool = needs('mutool');
const withPdffonts = needs('pdffonts');
const withPdftotext = needs('pdftotext');

withMutool.describe('the print file of five numbered copies with marks and watermark', () => {
  let result: Compilation;
  let edition: EditionResult;
  let print: Buffer;
  let pages: PdfPage[];
  /** Pages of one copy as laid out, and with its blank back. */
  let perCopy: number;
  let padded: number;
  const firstPage = (k: number) => pages[k * padded];

  withMutool.beforeAll(async () => {
    ({ result } = await compileData(reportWith(RECIPIENTS_YAML), { copies: { split: true, bundle: false, watermark: true } }));
    edition = result.editions[0] as EditionResult;
    print = output(result, '份号000031-000035.pdf');
    pages = measurePdf(print);
    perCopy = edition.copies?.layout?.pages.length ?? 0;
    padded = perCopy + (perCopy % 2);
  }, 120_000);

  it('holds every copy, each padded to an even page count (the marks make this report 11 pages: one blank back)', () => {
    expect(perCopy).toBe(11);
    expect(pages.length).toBe(NUMBERS.length * padded);
  });

  withPdffonts.it('embeds one set of font subsets for all copies, and each further copy costs a few kilobytes, not a document', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-fonts-'));
    try {
      writeFileSync(path.join(dir, 'a.pdf'), print);
      const fonts = execFileSync('pdffonts', [path.join(dir, 'a.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts.length).toBe(edition.copies?.layout?.faceKeys.length);
      expect(new Set(fonts.map((l) => l.split(/\s+/)[0])).size).toBe(fonts.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const single = result.outputs.find((o) => o.path.endsWith('份号000031.pdf'))?.bytes.length ?? 0;
    expect((print.length - single) / (NUMBERS.length - 1)).toBeLessThan(single / 10);
  });

  it('prints each copy’s 份号 at x = 28 mm, em top = 37 mm on that copy’s first page, in 黑体, six digits at one pitch', () => {
    const heiti = edition.fonts.roles.heading1.chain[0]?.postscriptName ?? '';
    NUMBERS.forEach((number, k) => {
      const line = bodyLines(firstPage(k))[0];
      expect(line?.text, `copy ${k + 1}`).toBe(number);
      if (!line) return;
      expect(Math.abs(ptToMm(line.left) - MARGIN_LEFT_MM), `${number} x`).toBeLessThan(0.1);
      expect(Math.abs(emTopMm(line) - MARGIN_TOP_MM), `${number} em top`).toBeLessThan(0.1);
      expect(line.chars.every((c) => c.font.includes(heiti)), `${number} in ${heiti}: ${line.chars.map((c) => c.font).join()}`).toBe(true);
      const steps = line.chars.slice(1).map((c, i) => c.x - (line.chars[i]?.x ?? 0));
      expect(Math.max(...steps) - Math.min(...steps)).toBeLessThan(0.01);
    });
  });

  it('sets 密级★期限, 紧急程度 and 会后收回 on lines 2–4 below it, 顶格, in 黑体, on every copy', () => {
    const heiti = edition.fonts.roles.heading1.chain[0]?.postscriptName ?? '';
    NUMBERS.forEach((_, k) => {
      const lines = bodyLines(firstPage(k)).slice(1, 4);
      expect(lines.map((l) => l.text)).toEqual(['秘密★1年', '特急', '会后收回']);
      lines.forEach((l, i) => {
        expect(Math.abs(gridIndex(l) - (i + 1))).toBeLessThan(0.01);
        expect(Math.abs(ptToMm(l.left) - MARGIN_LEFT_MM)).toBeLessThan(0.1);
        expect(l.chars.every((c) => c.font.includes(heiti))).toBe(true);
      });
    });
  });

  it('puts the title on grid line 6 (one line below the marks) and every line of every page on the 22-line grid', () => {
    const title = bodyLines(firstPage(0)).find((l) => l.text === edition.model.meta.title);
    expect(title && Math.round(gridIndex(title))).toBe(5);
    for (const [p, page] of pages.entries()) {
      for (const l of bodyLines(page).filter((x) => x.size >= 16 && x.chars.length > 0)) {
        // Table rows of the attachment are not grid lines; every other text line is.
        if (edition.copies?.layout?.pages[p % padded]?.lines.some((info) => info.text.replace(/\s/g, '') === l.text))
          expect(Math.abs(gridIndex(l) - Math.round(gridIndex(l))), `page ${p + 1}: ${l.text}`).toBeLessThan(0.01);
      }
    }
  });

  it('draws every copy’s pages exactly like the first copy’s but for the 份号', () => {
    const shape = (p: PdfPage | undefined) => bodyLines(p).map((l) => `${l.text}@${l.left.toFixed(2)},${l.baseline.toFixed(2)}`);
    for (let k = 1; k < NUMBERS.length; k++) {
      for (let j = 0; j < perCopy; j++) {
        const mine = shape(pages[k * padded + j]);
        const first = shape(pages[j]);
        if (j === 0) {
          expect(mine.slice(1)).toEqual(first.slice(1));
          expect(mine[0]?.replace(/^\d{6}/, '')).toBe(first[0]?.replace(/^\d{6}/, ''));
        } else expect(mine).toEqual(first);
      }
    }
  });

  withPdftotext.it('starts each copy on an odd page, leaves the padding page blank and unnumbered, restarts page numbers at — 1 —', () => {
    NUMBERS.forEach((_, k) => {
      expect((k * padded + 1) % 2).toBe(1);
      for (let j = 0; j < perCopy; j++) expect(footer(pages[k * padded + j]), `copy ${k + 1} page ${j + 1}`).toEqual([`—${j + 1}—`]);
      const blank = pages[k * padded + perCopy];
      expect(blank?.lines, `copy ${k + 1} padding page`).toEqual([]);
    });
    expect(pdfText(print).split('\f')[perCopy]?.trim()).toBe('');
  });

  it('has one outline entry per copy, at its first page, with the report’s headings under it', () => {
    const outline = pdfOutline(print);
    const tops = outline.filter((e) => e.depth === 0);
    expect(tops.map((e) => e.title)).toEqual(WHO);
    expect(tops.map((e) => e.page)).toEqual(NUMBERS.map((_, k) => k * padded + 1));
    const headings = (edition.copies?.layout?.pages ?? []).flatMap((page) => page.bookmarks.map((b) => ({ title: b.title, page: page.index, depth: b.parentId ? 2 : 1 })));
    expect(headings.length).toBeGreaterThan(5);
    tops.forEach((top, k) => {
      const start = outline.indexOf(top);
      const under = outline.slice(start + 1, start + 1 + headings.length);
      expect(under.map((e) => ({ title: e.title, page: e.page - k * padded, depth: e.depth }))).toEqual(headings);
    });
  });

  withPdftotext.it('draws the watermark under the text as a light diagonal outline that is not extracted as text', () => {
    const text = pdfText(print);
    for (const name of ['张三', '县政府办公室', '钱七']) expect(text).not.toContain(name);
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-trace-'));
    try {
      writeFileSync(path.join(dir, 'a.pdf'), print);
      const trace = execFileSync('mutool', ['draw', '-F', 'trace', '-o', '-', path.join(dir, 'a.pdf'), String(padded + 1)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const firstText = trace.indexOf('<fill_text');
      const mark = /<fill_path [^>]*color="([\d. ]+)"[^>]*>([\s\S]*?)<\/fill_path>/.exec(trace);
      expect(mark && firstText > (mark.index ?? Infinity)).toBe(true);
      const grey = (mark?.[1] ?? '').trim().split(/\s+/).map(Number);
      for (const c of grey) expect(c).toBeCloseTo(0.82, 2);
      const xs = [...(mark?.[2] ?? '').matchAll(/ x\d?="([\d.-]+)"/g)].map((m) => Number(m[1]));
      const ys = [...(mark?.[2] ?? '').matchAll(/ y\d?="([\d.-]+)"/g)].map((m) => Number(m[1]));
      const width = Math.max(...xs) - Math.min(...xs);
      const height = Math.max(...ys) - Math.min(...ys);
      // A line at 45° across the 版心: as tall as it is wide, most of the 版心 width.
      expect(width).toBeGreaterThan(200);
      expect(Math.abs(width - height) / width).toBeLessThan(0.15);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('moves nothing: without --watermark every glyph is at the same place', async () => {
    const { result: plain } = await compileData(reportWith(RECIPIENTS_YAML), { formats: ['pdf'] });
    const without = measurePdf(output(plain, '份号000031-000035.pdf'));
    expect(without.map((p) => p.lines)).toEqual(pages.map((p) => p.lines));
  }, 60_000);

  it('has a register with one row per copy that matches the print file, and the totals', async () => {
    const csv = output(result, '份号登记表.csv').toString('utf8').replace(/^\ufeff/, '');
    const rows = csv.trim().split(/\r?\n/).map((l) => l.split(','));
    const onPaper = NUMBERS.map((_, k) => bodyLines(firstPage(k))[0]?.text);
    // The CSV is the header row and the rows; the workbook has the title above them.
    expect(rows[0]).toEqual(['份号', '领取人', '单位', '签收']);
    expect(rows.slice(1, 1 + NUMBERS.length).map((r) => r[0])).toEqual(onPaper);
    expect(rows.slice(1, 1 + NUMBERS.length).map((r) => r.slice(1).join('|'))).toEqual(['张三|县政府办公室|', '李四|县发展和改革局|', '王五||', '赵六|县财政局|', '钱七|县教育局|']);
    const totals = rows.slice(1 + NUMBERS.length).map((r) => r.join('|'));
    expect(totals).toEqual([`合计|5 份|份号 000031–000035|`, `每份页数|${perCopy} 页||`, `每份用纸|${Math.ceil(perCopy / 2)} 张（双面）|共 ${5 * Math.ceil(perCopy / 2)} 张|`]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(output(result, '份号登记表.xlsx') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const cells = NUMBERS.map((_, i) => sheet?.getCell(3 + i, 1).value);
    // Text cells: the leading zeros survive in the workbook.
    expect(cells).toEqual(onPaper);
  });

  it('writes one PDF per copy (--copies-split) named with the 份号, each that copy alone', () => {
    const singles = result.outputs.filter((o) => /各份\/.*份号\d{6}\.pdf$/.test(o.path));
    expect(singles.map((o) => /份号(\d{6})\.pdf$/.exec(o.path)?.[1])).toEqual(NUMBERS);
    for (const [k, single] of singles.entries()) {
      const measured = measurePdf(single.bytes);
      expect(measured.length).toBe(padded);
      expect(bodyLines(measured[0])[0]?.text).toBe(NUMBERS[k]);
      expect(measured.map((p) => p.lines.slice(1))).toEqual(pages.slice(k * padded, (k + 1) * padded).map((p) => p.lines.slice(1)));
      expect(pdfOutline(single.bytes).filter((e) => e.depth === 0).map((e) => e.title)).toEqual([WHO[k]]);
    }
  });

  it('lists the copies in manifest.json with their 份号 range but keeps them out of the zip and the download page', () => {
    const manifest = JSON.parse(output(result, 'manifest.json').toString('utf8')) as { files: { path: string; role: string; copies?: unknown; pages?: number }[] };
    const printEntry = manifest.files.find((f) => f.path.endsWith('份号000031-000035.pdf'));
    expect(printEntry).toMatchObject({ role: 'copies', pages: 5 * padded, copies: { first: '000031', last: '000035', count: 5 } });
    expect(manifest.files.filter((f) => f.role === 'register').map((f) => path.extname(f.path))).toEqual(['.csv', '.xlsx']);
    expect(manifest.files.filter((f) => f.role === 'copies' && (f.copies as { count: number }).count === 1)).toHaveLength(5);
    const zip = unzipSync(new Uint8Array(output(result, '附件下载.zip')));
    expect(Object.keys(zip).filter((n) => n.includes('份号'))).toEqual([]);
    expect(output(result, 'index.html').toString('utf8')).not.toContain('份号');
    const sums = output(result, 'SHA256SUMS').toString('utf8');
    expect(sums).toContain('份号000031-000035.pdf');
  });

  it('gives the same bytes for the same inputs (print file, per-copy PDFs, register)', async () => {
    const { result: again } = await compileData(reportWith(RECIPIENTS_YAML), { copies: { split: true, bundle: false, watermark: true } });
    const copiesFiles = (r: Compilation) => r.outputs.filter((o) => o.path.includes('份号')).map((o) => [o.path, o.bytes.toString('base64')]);
    expect(copiesFiles(again).length).toBe(1 + 5 + 2);
    expect(copiesFiles(again)).toEqual(copiesFiles(result));
  }, 60_000);
});

describe('--bundle-copies', () => {
  it('puts the print file and the register into the zip and onto the download page', async () => {
    const { result } = await compileData(reportWith('copies: 3'), { copies: { split: false, bundle: true, watermark: false } });
    const zip = unzipSync(new Uint8Array(output(result, '附件下载.zip')));
    expect(Object.keys(zip).filter((n) => n.includes('份号')).sort()).toEqual([
      '柞市镇2021年工作总结和2022年工作计划（简体）份号000001-000003.pdf',
      '柞市镇2021年工作总结和2022年工作计划（简体）份号登记表.csv',
      '柞市镇2021年工作总结和2022年工作计划（简体）份号登记表.xlsx',
    ]);
    expect(output(result, 'index.html').toString('utf8')).toContain('份号登记表');
  }, 60_000);
});

withMutool.describe('a single PDF whose composition carries a real 份号', () => {
  it('draws it into the same cells the copies stamp', async () => {
    const { result } = await compileData(reportWith(''), { formats: [] });
    const { model, fonts } = result.editions[0] as EditionResult;
    const layout = layoutDocument(composeDocument(model, fonts, { copyNumber: '000031' }), fonts);
    const pdf = await writePdf(layout, fonts, { meta: model.meta, clock: new Date(Date.UTC(2000, 0, 1)), generator: 'gongwen test', media: new Map() });
    const first = bodyLines(measurePdf(pdf)[0]);
    expect(first.slice(0, 4).map((l) => l.text)).toEqual(['000031', '秘密★1年', '特急', '会后收回']);
    expect(Math.abs(ptToMm(first[0]?.left ?? 0) - MARGIN_LEFT_MM)).toBeLessThan(0.1);
    expect(Math.abs(emTopMm(first[0] as PdfLine) - MARGIN_TOP_MM)).toBeLessThan(0.1);
  }, 60_000);
});
