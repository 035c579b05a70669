/**
 * The attachment workbook, opened by a real spreadsheet program: LibreOffice Calc (headless, Debian
 * `libreoffice-calc`) exports it to CSV "as shown" and prints it to PDF. The values must read as the printed table
 * does; the print setup (A4, landscape when wide, header row repeated, page-number footer) must hold on paper.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { needs } from './support/tools.ts';
import { writeXlsx, type TableFileInput } from '../src/bundle/table-files.ts';
import { measurePdf, type PdfPage } from './support/pdf-geometry.ts';
import { useTempDirs } from './support/temp-dirs.ts';

const { beforeAll, describe, it } = needs('soffice', 'mutool', 'python3');

const tempDir = useTempDirs();
const CLOCK = new Date(Date.UTC(2022, 0, 5));
const A4 = { short: 595.28, long: 841.89 };

const ROWS: (string | number)[][] = [
  [1, '经济发展', '固定资产投资', '3,218', '万元', '一、（二）'],
  [2, '民生保障', '新农合参保率', '91.6%', '', '一、（三）'],
  [3, '乡村振兴', '油茶新造林', 1200.5, '亩', '一、（四）'],
  [4, '备注', '含"引号"、逗号,和\n换行', 12, '个', '二、'],
];
/** Long enough to need a second A4 page. */
const LONG: TableFileInput = {
  title: '柞市镇2021年主要工作数据一览表',
  columns: [
    { title: '序号', align: 'center', weight: 2 },
    { title: '类别', align: 'left', weight: 4 },
    { title: '项目', align: 'left', weight: 8 },
    { title: '数值', align: 'right', weight: 4, numeric: true },
    { title: '单位', align: 'center', weight: 2 },
    { title: '正文位置', align: 'center', weight: 4 },
  ],
  rows: Array.from({ length: 20 }, () => ROWS).flat(),
};
/** Twelve columns of long text: wider than A4 portrait. */
const WIDE: TableFileInput = {
  title: '宽表',
  columns: Array.from({ length: 12 }, (_, i) => ({ title: `第${i + 1}列`, align: 'left' as const, weight: 1 })),
  rows: [Array.from({ length: 12 }, () => '村级集体经济收入')],
};

/** One headless LibreOffice run with its own profile, converting `files` in `dir` to `format`. */
function soffice(dir: string, format: string, files: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', format, '--outdir', dir, ...files], {
    env: { ...process.env, HOME: dir },
    stdio: 'ignore',
    timeout: 120_000,
  });
}

/** CSV rows through Python's csv module (an independent RFC 4180 reader). */
function readCsv(file: string): string[][] {
  const script = 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""))), ensure_ascii=False))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as string[][];
}

const pageText = (p: PdfPage) => p.lines.map((l) => l.text).join('\n');

let shown: string[][] = [];
let longPages: PdfPage[] = [];
let widePages: PdfPage[] = [];

beforeAll(async () => {
  const dir = tempDir(path.join(os.tmpdir(), 'gongwen-xlsx-lo-'));
  const long = path.join(dir, 'long.xlsx');
  const wide = path.join(dir, 'wide.xlsx');
  writeFileSync(long, await writeXlsx(LONG, CLOCK));
  writeFileSync(wide, await writeXlsx(WIDE, CLOCK));
  // Separator 44 (,), quote 34 ("), charset 76 (UTF-8), from line 1; cells are exported as shown (the default).
  soffice(dir, 'csv:Text - txt - csv (StarCalc):44,34,76,1', [long]);
  soffice(dir, 'pdf', [long, wide]);
  shown = readCsv(path.join(dir, 'long.csv'));
  longPages = measurePdf(readFileSync(path.join(dir, 'long.pdf')));
  widePages = measurePdf(readFileSync(path.join(dir, 'wide.pdf')));
}, 180_000);

describe('LibreOffice Calc opens the workbook', () => {
  it('shows the title row, the headers and every cell as the printed table does (numbers through their formats)', () => {
    const blankTitleCells = LONG.columns.slice(1).map(() => '');
    expect(shown).toEqual([[LONG.title, ...blankTitleCells], LONG.columns.map((c) => c.title), ...LONG.rows.map((r) => r.map(String))]);
  });

  it('prints on A4 portrait with the header row on every page and 第 N 页，共 M 页 in the footer', () => {
    expect(longPages.length).toBeGreaterThan(1);
    const headerLine = LONG.columns.map((c) => c.title).join('');
    for (const [i, page] of longPages.entries()) {
      expect([page.width, page.height].map(Math.round)).toEqual([A4.short, A4.long].map(Math.round));
      const lines = page.lines.map((l) => l.text.replace(/\s+/g, ''));
      expect(lines, `page ${i + 1}`).toContain(headerLine);
      expect(pageText(page).replace(/\s+/g, '')).toContain(`第${i + 1}页，共${longPages.length}页`);
      expect(lines.includes(LONG.title), `title on page ${i + 1}`).toBe(i === 0);
    }
  });

  it('prints a table wider than A4 portrait in landscape', () => {
    expect(widePages.length).toBeGreaterThan(0);
    for (const page of widePages) expect([page.width, page.height].map(Math.round)).toEqual([A4.long, A4.short].map(Math.round));
  });
});
