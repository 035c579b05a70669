// The GB/T 9704 grid measured in the generated PDF by MuPDF: 28 cells per full line ending on the 版心's right
// edge, 22 lines per full page at one pitch, edges at 28 mm / 37 mm, kinsoku, page numbers.
import { expect } from 'vitest';
import { needs } from './support/tools.ts';
import { measurePdf, ptToMm, type PdfLine, type PdfPage } from './support/pdf-geometry.ts';
import { inkTop, renderPage } from './support/ink.ts';
import { modelOf, pdfOf } from './support/build-pdf.ts';
import { NO_LINE_END, NO_LINE_START, isFullWidth } from '../src/measure/char-class.ts';
import { CELL_PT, EM_BOX_ASCENT, LINES_PER_PAGE, LINE_PITCH_PT, MARGIN_LEFT_MM, MARGIN_TOP_MM, PAGE_NUMBER_DASH_TOP_MM, TYPE_AREA_WIDTH_MM } from '../src/gbt9704/page.ts';
import { mmToPt } from '../src/gbt9704/units.ts';
import type { DocumentLayout } from '../src/layout/types.ts';
import type { DocModel } from '../src/model/types.ts';

const { beforeAll, describe, it } = needs('mutool');

const RIGHT_MM = MARGIN_LEFT_MM + TYPE_AREA_WIDTH_MM; // 184 mm
const CELL_MM = ptToMm(CELL_PT);

interface Measured {
  layout: DocumentLayout;
  pages: PdfPage[];
  pdf: Buffer;
}

async function measure(model: DocModel): Promise<Measured> {
  const { layout, pdf } = await pdfOf(model);
  return { layout, pages: measurePdf(pdf), pdf };
}

/** The PDF line drawn for a layout line (same page, same baseline). */
function pdfLine(m: Measured, pageIndex: number, text: string): PdfLine | undefined {
  const want = text.replace(/\s/g, '');
  return m.pages[pageIndex]?.lines.find((l) => l.text === want);
}

const gridIndex = (l: PdfLine) => (l.baseline - EM_BOX_ASCENT * l.size - (MARGIN_TOP_MM * 72) / 25.4) / LINE_PITCH_PT;

function checkGrid(m: Measured, label: string) {
  let fullLines = 0;
  let exact28 = 0;
  m.layout.pages.forEach((page, p) => {
    for (const info of page.lines) {
      const line = pdfLine(m, p, info.text);
      expect(line, `${label}: page ${p + 1} line “${info.text}” drawn`).toBeDefined();
      if (!line) continue;
      // Every text line sits on a grid line.
      expect(Math.abs(gridIndex(line) - Math.round(gridIndex(line))), `${label}: on grid: ${info.text}`).toBeLessThan(0.01);
      // No line starts with closing punctuation or ends with opening punctuation.
      if (info.kind === 'body' || info.kind === 'heading') {
        const chars = [...line.text];
        expect(NO_LINE_START.has(chars[0]!), `${label}: starts with ${chars[0]}: ${line.text}`).toBe(false);
        expect(NO_LINE_END.has(chars.at(-1)!), `${label}: ends with ${chars.at(-1)}: ${line.text}`).toBe(false);
      }
      if (!info.full) continue;
      fullLines++;
      expect(Math.abs(ptToMm(line.right) - RIGHT_MM), `${label}: right edge of “${line.text}”`).toBeLessThan(0.5);
      const indentCells = Math.round((ptToMm(line.left) - MARGIN_LEFT_MM) / CELL_MM);
      const allFull = [...line.text].every((c) => isFullWidth(c.codePointAt(0) ?? 0));
      if (allFull && !info.adjustment) {
        expect(indentCells + [...line.text].length, `${label}: cells in “${line.text}”`).toBe(28);
        exact28++;
      }
      if (indentCells === 0) expect(Math.abs(ptToMm(line.left) - MARGIN_LEFT_MM)).toBeLessThan(0.5);
    }
  });
  return { fullLines, exact28 };
}

describe('default report PDF', () => {
  let m: Measured;
  beforeAll(async () => {
    m = await measure(await modelOf());
  }, 60_000);

  it('has every full line end on 184 mm and hold 28 cells; every line on the grid; kinsoku kept', () => {
    const { fullLines, exact28 } = checkGrid(m, 'report');
    expect(fullLines).toBeGreaterThan(100);
    expect(exact28).toBeGreaterThan(fullLines * 0.6);
  });

  it('fills every page but the last of each part with 22 grid lines', () => {
    const pages = m.layout.pages;
    pages.forEach((page, i) => {
      const next = pages[i + 1];
      // The last page of the body and attachment pages (tables are not grid text) are not full pages.
      const endsPart = !next || next.lines.length === 0 || next.lines[0]?.kind === 'label' || page.lines.some((l) => l.kind === 'label');
      if (endsPart) return;
      const lastGrid = Math.max(...page.lines.map((l) => l.gridLine));
      const keptWithNext = next.lines[0]?.kind === 'heading';
      expect(lastGrid, `page ${page.index}`).toBe(keptWithNext ? LINES_PER_PAGE - 2 : LINES_PER_PAGE - 1);
      const pdf = m.pages[i]!;
      const bottom = pdf.lines.filter((l) => l.size === 16).at(-1)!;
      expect(Math.round(gridIndex(bottom))).toBe(lastGrid);
    });
  });

  it('keeps one line pitch (28.95 pt) and the 28 mm / 37 mm edges', () => {
    const pitches: number[] = [];
    for (const page of m.pages) {
      const body = page.lines.filter((l) => l.size === 16);
      body.slice(1).forEach((l, k) => {
        const d = l.baseline - body[k]!.baseline;
        if (d < LINE_PITCH_PT * 1.5) pitches.push(d);
      });
    }
    pitches.sort((a, b) => a - b);
    expect(Math.abs(pitches[Math.floor(pitches.length / 2)]! - LINE_PITCH_PT)).toBeLessThan(0.1);
    const second = m.pages[1]!.lines[0]!;
    expect(Math.abs(ptToMm(second.baseline - EM_BOX_ASCENT * second.size) - MARGIN_TOP_MM)).toBeLessThan(0.5);
    const lefts = m.pages.flatMap((p) => p.lines.filter((l) => l.size === 16).map((l) => ptToMm(l.left)));
    expect(Math.min(...lefts)).toBeGreaterThan(MARGIN_LEFT_MM - 0.5);
    expect(lefts.filter((x) => Math.abs(x - MARGIN_LEFT_MM) < 0.5).length).toBeGreaterThan(100);
  });

  it('prints “— N —” 14 pt below the 版心: odd pages right, even pages left, one 字 in', () => {
    m.pages.forEach((page, i) => {
      const n = i + 1;
      const number = page.lines.find((l) => l.size === 14 && l.text === `—${n}—`);
      expect(number, `page number on page ${n}`).toBeDefined();
      if (!number) return;
      if (n % 2 === 1) expect(Math.abs(ptToMm(number.right) - (RIGHT_MM - CELL_MM))).toBeLessThan(0.5);
      else expect(Math.abs(ptToMm(number.left) - (MARGIN_LEFT_MM + CELL_MM))).toBeLessThan(0.5);
    });
  });

  it('puts the top of the dash’s ink 7 mm below the 版心 (269 mm), measured on the rendered pages (§7.5)', () => {
    const tops: number[] = [];
    for (const n of [1, 2, m.pages.length]) {
      const number = m.pages[n - 1]!.lines.find((l) => l.text === `—${n}—`)!;
      const dashes = number.chars.filter((c) => c.c === '—');
      expect(dashes).toHaveLength(2);
      const page = renderPage(m.pdf, n);
      for (const d of dashes) {
        const top = inkTop(page, { x0: d.x + 1, x1: d.right - 1, y0: mmToPt(262), y1: mmToPt(290) });
        expect(top, `dash ink on page ${n}`).toBeDefined();
        tops.push(ptToMm(top!));
      }
    }
    for (const t of tops) expect(Math.abs(t - PAGE_NUMBER_DASH_TOP_MM)).toBeLessThan(0.5);
    console.info(`page-number dash ink top (PDF): ${tops.map((t) => t.toFixed(2)).join(', ')} mm (target ${PAGE_NUMBER_DASH_TOP_MM} mm)`);
  });

  it('centres the 22 pt title at the top of the 版心', () => {
    const title = m.pages[0]!.lines[0]!;
    expect(title.size).toBe(22);
    expect(Math.abs((ptToMm(title.left) + ptToMm(title.right)) / 2 - (MARGIN_LEFT_MM + TYPE_AREA_WIDTH_MM / 2))).toBeLessThan(0.5);
    expect(Math.abs(ptToMm(title.baseline - EM_BOX_ASCENT * 22) - MARGIN_TOP_MM)).toBeLessThan(0.5);
  });
});

describe('stress paragraphs', () => {
  const para = (text: string) => ({ type: 'paragraph' as const, inlines: [{ text, role: 'body' as const }] });
  const stress: DocModel = {
    meta: { title: '压力测试', organ: '', date: '', edition: 'zh-Hans', language: 'zh-CN' },
    blocks: [
      para('全年检查巡查各类生产经营单位或场所200余家，3000余次，发现问题隱患24项，执行率100%，在冊管控人员报到率100%，5G基站3,218座，人均46.8岁降低到40.6岁，GDP增长6.5%，ABCDEFGHIJKLMNOPQRSTUVWXYZ，2021年1月至2022年12月，共计152200元，36920元。'.repeat(3)),
      para('开展“感党恩、跟党走”主题系列活动、“党史故事大家讲”、“党史知识大家答”、“红色歌曲大家唱”，（一）（二）（三）《条例》《意见》【注】「引」『号』。'.repeat(4)),
      ...Array.from({ length: 28 }, (_, k) => para('甲'.repeat(k + 1) + '，乙。丙、丁；戊：己？庚！辛）“壬”（癸）' + '子'.repeat(30) + '……丑——寅。')),
    ],
  };
  let m: Measured;
  beforeAll(async () => {
    m = await measure(stress);
  }, 60_000);

  it('keeps the grid, right edges and kinsoku on digits, Latin, quotes, brackets and punctuation at every position', () => {
    const { fullLines } = checkGrid(m, 'stress');
    expect(fullLines).toBeGreaterThan(60);
    for (const page of m.layout.pages) for (const info of page.lines) expect(info.right).toBeLessThanOrEqual(((MARGIN_LEFT_MM + TYPE_AREA_WIDTH_MM) * 72) / 25.4 + 0.01);
  });

  it('never splits a number or a Latin word across lines', () => {
    const lines = m.pages.flatMap((p) => p.lines.filter((l) => l.size === 16).map((l) => l.text));
    lines.forEach((l, i) => {
      const next = lines[i + 1];
      if (next && /[0-9A-Za-z]$/.test(l)) expect(/^[0-9A-Za-z.,%]/.test(next), `${l} | ${next}`).toBe(false);
    });
  });
});
