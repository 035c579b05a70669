/**
 * Stage: bundle — standalone table files. Input: a generated attachment table (title, columns, rows) and the build
 * clock → `.xlsx` bytes (exceljs) and `.csv` bytes (UTF-8 with BOM), both byte-identical for the same input.
 *
 * exceljs stamps docProps/core.xml with dates and its JSZip stamps every entry with the wall clock; we pin the
 * dates to the build clock and re-zip with fflate at a fixed local-time mtime in exceljs's own entry order, the
 * same repair the DOCX writer needs (measured-facts.md §5).
 */
import type ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { clockAsUtc } from '../world.ts';

/** One column of a data table. `weight` is its share of the width; `numeric` columns get number formats. */
export interface TableFileColumn {
  title: string;
  align: 'left' | 'center' | 'right';
  weight: number;
  numeric?: boolean;
}

/** A generated attachment table as the bundle writes it: a title, Chinese headers, rows of text or numbers. */
export interface TableFileInput {
  title: string;
  /** Worksheet name (≤ 31 characters, no `[]:*?/\`); defaults to the title, cleaned. */
  sheetName?: string;
  columns: TableFileColumn[];
  rows: (string | number)[][];
}

/** Fonts every Chinese Windows/WPS install has, so the sheet opens without a 缺失字体 prompt (users.md §7). */
const BODY_FONT = '宋体';
const TITLE_FONT = '黑体';
/** ECMA-376 ST_PaperSize 9 = A4 (exceljs's PaperSize is a const enum, unusable under verbatimModuleSyntax). */
const PAPER_A4 = 9;
/** Approximate printable width of A4 portrait in Excel character units (11 pt, 15 mm margins); wider tables go landscape. */
const A4_PORTRAIT_CHARS = 90;
const MIN_COLUMN_CHARS = 6;
const MAX_COLUMN_CHARS = 60;
const TITLE_ROW = 1;
const HEADER_ROW = 2;
/** Deflate level for the re-zip; 6 is zlib's default, what exceljs/JSZip used. */
const ZIP_LEVEL = 6;

/** Display width in Excel character units: CJK and full-width forms take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** A number read from a numeric column's cell, with the Excel format that shows it as the text did. */
interface NumericCell {
  value: number;
  format: string;
}

/** "3,218" → 3218 `#,##0`; "91.6" → 91.6 `0.0`; "91.6%" → 0.916 `0.0%`. Other text stays text. */
export function readNumericCell(raw: string | number): NumericCell | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw, format: numberFormat(decimalsOf(String(raw)), false) } : undefined;
  const m = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+))(?:\.(\d+))?(%?)$/.exec(raw.trim());
  if (!m) return undefined;
  const decimals = m[2]?.length ?? 0;
  const percent = m[3] === '%';
  // Scale by parsing "91.6e-2" rather than dividing, so 91.6% is exactly 0.916 and not 0.9159999999999999.
  const value = Number(`${(m[1] ?? '').replace(/,/g, '')}${decimals ? `.${m[2]}` : ''}${percent ? 'e-2' : ''}`);
  return { value, format: numberFormat(decimals, percent) };
}

function decimalsOf(s: string): number {
  return /\.(\d+)$/.exec(s)?.[1]?.length ?? 0;
}

/** `#,##0` for whole numbers, `0.0`/`0.00` … for decimals, `0.0%` for percentages. */
function numberFormat(decimals: number, percent: boolean): string {
  const frac = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  if (percent) return `0${frac}%`;
  return decimals > 0 ? `0${frac}` : '#,##0';
}

/** Worksheet names: ≤ 31 characters, none of `[]:*?/\`, no leading/trailing apostrophe (Excel's rules). */
function sheetNameFor(table: TableFileInput): string {
  const name = (table.sheetName ?? table.title).replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '');
  return [...name].slice(0, 31).join('') || 'Sheet1';
}

/** Column widths from content (display width + padding) with the column's weight share as a floor. */
function columnWidths(table: TableFileInput): number[] {
  const totalWeight = table.columns.reduce((s, c) => s + Math.max(0, c.weight), 0) || 1;
  return table.columns.map((col, i) => {
    const texts = [col.title, ...table.rows.map((r) => String(r[i] ?? ''))];
    const content = Math.max(...texts.map(displayWidth)) + 2;
    const share = (Math.max(0, col.weight) / totalWeight) * A4_PORTRAIT_CHARS * 0.8;
    return Math.round(Math.min(MAX_COLUMN_CHARS, Math.max(MIN_COLUMN_CHARS, content, share)) * 10) / 10;
  });
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * exceljs takes ≈ 450 ms to import (measured, Node 20), so it is loaded on first use: builds and commands without
 * a generated table do not pay for it.
 */
async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** Builds the workbook in memory (no IO). */
function buildWorkbook(excel: typeof ExcelJS, table: TableFileInput, clock: Date): ExcelJS.Workbook {
  const wb = new excel.Workbook();
  // Metadata dates: the build clock's wall time written as UTC, like the PDF and DOCX (TZ-independent).
  const stamp = clockAsUtc(clock);
  wb.creator = 'gongwen';
  wb.lastModifiedBy = 'gongwen';
  wb.created = stamp;
  wb.modified = stamp;
  wb.lastPrinted = stamp;
  wb.title = table.title;

  const widths = columnWidths(table);
  const landscape = widths.reduce((a, b) => a + b, 0) > A4_PORTRAIT_CHARS;
  const ws = wb.addWorksheet(sheetNameFor(table), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: PAPER_A4 as never,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      // Repeat the header row on every printed page (the attachment pages do the same, §7.3.7 "附件格式要求同正文").
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = widths.map((width) => ({ width }));

  const n = table.columns.length;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, Math.max(1, n));
  const titleCell = ws.getCell(TITLE_ROW, 1);
  titleCell.value = table.title;
  titleCell.font = { name: TITLE_FONT, size: 14, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(TITLE_ROW).height = 28;

  const header = ws.getRow(HEADER_ROW);
  table.columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.title;
    cell.font = { name: BODY_FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = THIN;
  });

  table.rows.forEach((row, r) => {
    const xlRow = ws.getRow(HEADER_ROW + 1 + r);
    table.columns.forEach((col, i) => {
      const cell = xlRow.getCell(i + 1);
      const raw = row[i] ?? '';
      const num = col.numeric ? readNumericCell(raw) : undefined;
      if (num) {
        cell.value = num.value;
        cell.numFmt = num.format;
      } else {
        cell.value = typeof raw === 'number' ? raw : String(raw);
      }
      cell.font = { name: BODY_FONT, size: 11 };
      cell.alignment = { horizontal: col.align, vertical: 'middle', wrapText: !num };
      cell.border = THIN;
    });
  });
  return wb;
}

/**
 * Writes the table as an `.xlsx`: title row (merged, 黑体 bold), bold header row (frozen, repeated on printed pages),
 * numeric columns as numbers with `#,##0` / `0.0` / `0.0%` formats, A4 fit-to-width. Byte-identical for the same
 * input and clock, in any time zone.
 */
export async function writeXlsx(table: TableFileInput, clock: Date): Promise<Buffer> {
  const raw = new Uint8Array(await buildWorkbook(await loadExcelJs(), table, clock).xlsx.writeBuffer());
  return rezipDeterministic(raw, clock, { 'xl/styles.xml': fixFontElements });
}

/** CT_Font children in schema order (ECMA-376 Part 1, §18.8.22); the Open XML SDK validator insists on it. */
const FONT_CHILD_ORDER = ['b', 'i', 'strike', 'condense', 'extend', 'outline', 'shadow', 'u', 'vertAlign', 'sz', 'color', 'name', 'family', 'charset', 'scheme'];

/**
 * exceljs writes its default font as color, family, scheme, sz, name — out of schema order (the OOXML validator
 * reports Sch_UnexpectedElementContentExpectingComplex) — and names Calibri, which WPS reports as a missing font.
 * Children are put in schema order, and the default Latin theme font becomes 宋体 like the rest of the workbook.
 */
export function fixFontElements(xml: string): string {
  return xml.replace(/<font>((?:<[A-Za-z]+(?: [^>]*)?\/>)*)<\/font>/g, (_, inner: string) => {
    const children = inner.match(/<[A-Za-z]+(?: [^>]*)?\/>/g) ?? [];
    const rank = (el: string) => FONT_CHILD_ORDER.indexOf(/^<([A-Za-z]+)/.exec(el)?.[1] ?? '');
    const ordered = [...children]
      .filter((el) => !el.startsWith('<scheme'))
      .map((el) => el.replace('<name val="Calibri"/>', `<name val="${BODY_FONT}"/>`))
      .sort((a, b) => rank(a) - rank(b));
    return `<font>${ordered.join('')}</font>`;
  });
}

/**
 * Re-zips an OOXML package with a fixed mtime, keeping its entry order (`[Content_Types].xml` first, as written),
 * dropping folder entries and applying text patches to named parts.
 * fflate writes DOS (local-field) times and no extended-timestamp field, so the bytes do not depend on TZ.
 */
export function rezipDeterministic(zip: Uint8Array, mtime: Date, patches: Record<string, (xml: string) => string> = {}): Buffer {
  const entries = unzipSync(zip);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    // JSZip adds folder entries ("xl/"); they are not OPC parts, so they are dropped.
    if (name.endsWith('/')) continue;
    const patch = patches[name];
    const bytes = patch ? strToU8(patch(strFromU8(data))) : data;
    out[name] = [bytes, { mtime, level: ZIP_LEVEL, os: 3, attrs: 0o100644 << 16 }];
  }
  return Buffer.from(zipSync(out, { mtime, level: ZIP_LEVEL }));
}

/**
 * One RFC 4180 field: quoted when it holds a quote, comma, CR or LF; quotes doubled. Text that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR first — CSV injection, OWASP) is prefixed with an apostrophe; numbers,
 * including negative ones, are left as they are.
 */
function csvField(v: string | number): string {
  const raw = typeof v === 'number' ? String(v) : v;
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) && !/^[+-]?[\d,]+(\.\d+)?%?$/.test(v) ? `'${v}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes the table as CSV for Excel/WPS: UTF-8 with a BOM (without it Chinese Excel reads the file as GBK),
 * CRLF record ends (RFC 4180), the header row then the data rows, values exactly as in the table (text stays text,
 * e.g. "3,218" is quoted). The title is not a row, so the file stays machine-readable; it is in the file name.
 */
export function writeCsv(table: TableFileInput): Buffer {
  const lines = [table.columns.map((c) => csvField(c.title)), ...table.rows.map((r) => table.columns.map((_, i) => csvField(r[i] ?? '')))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`, 'utf8');
}
