// Tables, pictures, landscape pages and printed attachments (issue #15), measured from the PDF with MuPDF and read
// back from the DOCX: data/examples/表格与图片示例.yaml has a body table over a page break, a landscape table, a PNG
// and an SVG picture, figures in table cells, and four external attachments (an .xlsx with a merged header, a .csv,
// a two-page .pdf, a .png).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import validate from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRequest } from '../src/compile/index.ts';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { CELL_PT, EM_BOX_ASCENT, LINE_PITCH_PT, MARGIN_LEFT_MM, MARGIN_TOP_MM, TYPE_AREA_HEIGHT_MM, TYPE_AREA_WIDTH_MM } from '../src/gbt9704/page.ts';
import { mmToPt } from '../src/gbt9704/units.ts';
import type { DocModel } from '../src/model/types.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { pdfOf, testCompiler } from './support/build-pdf.ts';
import { docxXml, output, pdfText } from './support/default-build.ts';
import { measurePdf, type PdfPage } from './support/pdf-geometry.ts';
import { pdfDirectedLines, pdfFillCount, pdfStrokes, type DirectedLine, type Stroke } from './support/pdf-trace.ts';
import { needs } from './support/tools.ts';

const EXAMPLE = 'data/examples/表格与图片示例.yaml';
const LEFT = mmToPt(MARGIN_LEFT_MM);
const RIGHT = LEFT + mmToPt(TYPE_AREA_WIDTH_MM);
const TOP = mmToPt(MARGIN_TOP_MM);
const BOTTOM = TOP + mmToPt(TYPE_AREA_HEIGHT_MM);
/** The grid line (0-based) whose baseline a line of `size` pt has, or NaN when it is off the grid. */
const gridLineOf = (baseline: number, size: number) => {
  const k = (baseline - TOP - EM_BOX_ASCENT * size) / LINE_PITCH_PT;
  return Math.abs(k - Math.round(k)) < 0.002 ? Math.round(k) : Number.NaN;
};
const flat = (s: string) => s.replace(/\s+/g, '');

/** MuPDF measures the pages; Poppler extracts the text and lists the images; LibreOffice renders the DOCX. */
const withMutool = needs('mutool');
const withPdftotext = needs('pdftotext');
const withPdfimages = needs('pdfimages');
const withLibreOffice = needs('soffice', 'mutool', 'pdftotext', 'pdfimages');

let pdf: Buffer;
let docx: Buffer;
let pages: PdfPage[];
let strokes: Stroke[][];
let directed: DirectedLine[][];
const diag = new DiagnosticSink();

beforeAll(async () => {
  const request = compileRequest({ dataFile: EXAMPLE, editions: ['zh-Hans'], fonts: { fontPaths: [], systemFonts: false }, formats: ['pdf', 'docx', 'tables'] });
  const result = await testCompiler.compile(request, nodeWorld(PACKAGE_ROOT, {}), diag);
  pdf = output(result, '（简体）.pdf');
  docx = output(result, '（简体）.docx');
}, 120_000);

/** The page (0-based) and line whose text starts with `text`. */
function find(text: string): { page: number; line: PdfPage['lines'][number] } {
  for (const [page, p] of pages.entries()) for (const line of p.lines) if (flat(line.text).startsWith(text)) return { page, line };
  throw new Error(`no line starting with ${text}`);
}

withMutool.describe('the example report', () => {
  withMutool.beforeAll(() => {
    pages = measurePdf(pdf);
    strokes = pdfStrokes(pdf);
    directed = pdfDirectedLines(pdf);
  }, 120_000);

  it('builds without warnings into 10 A4 pages', () => {
    expect(diag.items.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(pages.length).toBe(10);
    for (const p of pages) expect([p.width, p.height].map((v) => Math.round(v * 10) / 10)).toEqual([595.3, 841.9]);
  });

  it('draws every table rule inside the 版心, portrait and landscape pages alike', () => {
    const all = strokes.flatMap((s, page) => s.map((r) => ({ ...r, page })));
    expect(all.length).toBeGreaterThan(200);
    for (const r of all.filter((s) => s.page !== 4)) {
      // (page 5 holds the SVG flow chart, whose strokes are the picture's)
      for (const x of [r.x1, r.x2]) expect(x, `page ${r.page + 1}`).toBeGreaterThanOrEqual(LEFT - 0.01);
      for (const x of [r.x1, r.x2]) expect(x, `page ${r.page + 1}`).toBeLessThanOrEqual(RIGHT + 0.01);
      for (const y of [r.y1, r.y2]) expect(y, `page ${r.page + 1}`).toBeGreaterThanOrEqual(TOP - 0.01);
      for (const y of [r.y1, r.y2]) expect(y, `page ${r.page + 1}`).toBeLessThanOrEqual(BOTTOM + 0.01);
    }
    // Table 1's full-width rules touch both edges of the 版心.
    const widest = Math.max(...(strokes[0] ?? []).map((r) => Math.abs(r.x2 - r.x1)));
    expect(widest).toBeCloseTo(RIGHT - LEFT, 2);
  });

  it('repeats the header row of a table that runs over a page break, and keeps the caption above it', () => {
    const header = '序号村名户数人口参合率';
    const caption = find('表1');
    expect(caption.page).toBe(0);
    const onPage = (i: number) => (pages[i]?.lines ?? []).filter((l) => flat(l.text) === header);
    expect(onPage(0)).toHaveLength(1);
    expect(onPage(1)).toHaveLength(1);
    // Page 2 starts with the repeated header at the top of the 版心; rows 13–28 follow it.
    const second = pages[1]!.lines;
    expect(flat(second[0]!.text)).toBe(header);
    expect(second[0]!.baseline).toBeLessThan(TOP + LINE_PITCH_PT);
    expect(flat(second[1]!.text)).toMatch(/^13/);
    expect(caption.line.baseline).toBeLessThan(onPage(0)[0]!.baseline);
    // Numbers are right-aligned: the 户数 column's right edges agree.
    const counts = pages[1]!.lines.slice(1, 6).map((l) => l.chars.filter((c) => /\d/.test(c.c)));
    expect(new Set(counts.map((cs) => cs[cs.length - 1]!.right.toFixed(1))).size).toBeLessThanOrEqual(counts.length);
  });

  it('puts the body back on the grid below a table and below a picture', () => {
    for (const text of ['上表之后的正文回到网格上', '表中的数值取自figures', '图片之后的正文同样回到网格上', '横排表格之后']) {
      const { line } = find(text);
      expect(gridLineOf(line.baseline, 16), text).not.toBeNaN();
      expect(line.left, text).toBeCloseTo(LEFT + 2 * CELL_PT, 1);
    }
    // A heading stays on the page of the table it heads.
    expect(find('一、主要数据').page).toBe(find('表2').page);
    // The figure cells print the figures' value and unit.
    expect(flat(find('五保对象').line.text)).toContain('364名');
    expect(flat(find('基础设施投资').line.text)).toContain('2071.75万元');
  });

  it('sets the landscape table on a turned page: head toward the sheet’s left edge, page number where portrait pages have it', () => {
    const turned = directed.map((lines) => lines.filter((l) => l.dir[0] === 0 && l.dir[1] === -1).length);
    expect(turned.findIndex((n) => n > 0)).toBe(3);
    expect(turned.filter((n) => n > 0)).toHaveLength(1);
    const page = directed[3]!;
    const rotated = page.filter((l) => l.dir[1] === -1);
    const caption = rotated.find((l) => l.text.startsWith('表3'))!;
    const head = rotated.find((l) => l.text === '村名')!;
    const body = rotated.find((l) => l.text === '柞市村')!;
    // The caption, then the head row, lie nearest the left (binding) edge of page 4; the 版心 keeps its place.
    expect(caption.bbox[0]).toBeLessThan(head.bbox[0]);
    expect(head.bbox[0]).toBeLessThan(body.bbox[0]);
    expect(Math.min(...rotated.map((l) => l.bbox[1]))).toBeGreaterThanOrEqual(TOP - 1);
    const number = page.find((l) => l.dir[0] === 1 && l.text === '—4—')!;
    const portrait = directed[1]!.find((l) => l.dir[0] === 1 && l.text === '—2—')!;
    expect(number.bbox[0]).toBeCloseTo(portrait.bbox[0], 2);
    expect(number.bbox[1]).toBeCloseTo(portrait.bbox[1], 2);
  });

  withPdftotext.it('prints the PDF attachment’s two pages with continuing page numbers', () => {
    const text = pdfText(pdf).split('\f');
    expect(text[7]).toMatch(/Meeting minutes - page 1 of 2/);
    expect(text[8]).toMatch(/Meeting minutes - page 2 of 2/);
    for (const [i, t] of text.slice(0, 10).entries()) expect(flat(t)).toContain(`—${i + 1}—`);
    expect(flat(text[7] ?? '')).toContain('附件3');
    expect(flat(text[7] ?? '')).toContain('镇务会议纪要');
  });

  it('opens every attachment with “附件N” on line 1 at the left edge and its title on line 3', () => {
    for (const [n, title] of ['各村人口统计表', '在建项目清单', '镇务会议纪要', '项目现场照片'].entries()) {
      const label = find(`附件${n + 1}`);
      expect(flat(label.line.text)).toBe(`附件${n + 1}`);
      expect(gridLineOf(label.line.baseline, 16)).toBe(0);
      expect(label.line.left).toBeCloseTo(LEFT, 1);
      const heading = find(title);
      expect(heading.page).toBe(label.page);
      expect(gridLineOf(heading.line.baseline, 22)).toBe(2);
    }
    // The sheet's merged header: 人口 over 合计/男/女; its 4 villages; numbers as Excel shows them.
    const sheetPage = find('附件1').page;
    const texts = pages[sheetPage]!.lines.map((l) => flat(l.text));
    expect(texts).toContain('人口');
    expect(texts.some((t) => t.includes('合计男女'))).toBe(true);
    expect(texts.some((t) => t.startsWith('柞市村6122,142') && t.endsWith('34.4%'))).toBe(true);
  });

  withPdfimages.it('draws the pictures: two raster images (the chart and the attachment photo) and the SVG as vector paths', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-img-'));
    try {
      writeFileSync(path.join(dir, 'a.pdf'), pdf);
      const list = execFileSync('pdfimages', ['-list', path.join(dir, 'a.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(list.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual(expect.arrayContaining([3, 10]));
      expect(list.find((l) => l.trim().startsWith('3 '))).toMatch(/\s1500\s+750\s/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(pdfFillCount(pdf)[4]).toBeGreaterThan(0);
  });
});

withMutool.describe('landscape tables on odd and even pages', () => {
  const wide = (caption: string): DocModel['blocks'][number] => ({
    type: 'table',
    caption: { text: caption },
    landscape: true,
    columns: ['项目', '数值'].map((title) => ({ title, align: 'left' as const })),
    rows: [[{ text: '甲' }, { text: '1' }]],
  });
  const model = (blocks: DocModel['blocks']): DocModel => ({ meta: { title: 'T', organ: '', date: '', edition: 'zh-Hans', language: 'zh-CN' }, blocks });

  it('turns page 1 (odd) the same way: head on the binding edge, page number right-inset as on odd portrait pages', async () => {
    const { pdf: one } = await pdfOf(model([wide('表甲'), { type: 'paragraph', inlines: [{ text: '正文。', role: 'body' }] }]));
    const lines = pdfDirectedLines(one);
    expect(lines.length).toBe(2);
    const caption = lines[0]!.find((l) => l.text === '表甲')!;
    expect(caption.dir).toEqual([0, -1]);
    const head = lines[0]!.find((l) => l.text === '项目')!;
    expect(caption.bbox[0]).toBeLessThan(head.bbox[0]);
    const number = lines[0]!.find((l) => l.text === '—1—')!;
    expect(number.dir).toEqual([1, 0]);
    expect(number.bbox[2]).toBeCloseTo(RIGHT - CELL_PT, 0);
    // The body continues on page 2, portrait, on line 1.
    expect(lines[1]!.find((l) => l.text === '正文。')?.dir).toEqual([1, 0]);
  });
});

describe('the example DOCX', () => {
  it('has real Word tables with repeated headers and matching widths, three pictures and a landscape section', () => {
    const xml = docxXml(docx);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(5);
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBeGreaterThanOrEqual(6);
    for (const tbl of xml.split('<w:tbl>').slice(1)) {
      const width = Number(/<w:tblW w:type="dxa" w:w="(\d+)"\/>|<w:tblW w:w="(\d+)"/.exec(tbl)?.slice(1).find(Boolean));
      const cols = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(cols.reduce((a, b) => a + b, 0)).toBe(width);
    }
    expect(xml.match(/<w:drawing>/g)).toHaveLength(3);
    expect(xml).toContain('svgBlip');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toContain('本附件为 PDF 文件，共2页');
  });

  it('passes the Open XML validator with 0 errors', async () => {
    expect(await validate(new Uint8Array(docx), 'docx', 'Microsoft365')).toEqual([]);
  }, 60_000);

  withLibreOffice.it('renders in LibreOffice: a landscape page, the tables and pictures', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-lo15-'));
    try {
      writeFileSync(path.join(dir, 'ex.docx'), docx);
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'ex.docx')], {
        env: { ...process.env, FONTCONFIG_FILE: path.join(PACKAGE_ROOT, 'tests/fixtures/docx-fontconfig.conf'), HOME: dir },
        stdio: 'ignore',
        timeout: 120_000,
      });
      const rendered = readFileSync(path.join(dir, 'ex.pdf'));
      const sizes = measurePdf(rendered).map((p) => (p.width > p.height ? 'landscape' : 'portrait'));
      expect(sizes.filter((s) => s === 'landscape')).toHaveLength(1);
      const text = flat(pdfText(rendered));
      for (const t of ['表1各村基本情况', '表3', '图1', '图2', '各村人口统计表', '人口', '合计']) expect(text).toContain(t);
      // The header row repeats on the page table 1 continues on.
      const byPage = pdfText(rendered).split('\f').map(flat);
      expect(byPage.filter((p) => p.includes('序号村名户数人口参合率')).length).toBeGreaterThanOrEqual(2);
      const dirImages = execFileSync('pdfimages', ['-list', path.join(dir, 'ex.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(dirImages.length).toBeGreaterThanOrEqual(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
