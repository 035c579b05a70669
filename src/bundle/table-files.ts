/**
 * Stage: bundle — standalone table files. Input: a generated attachment table (title, columns, rows) and the build
 * clock → `.xlsx` bytes and `.csv` bytes (UTF-8 with BOM), both byte-identical for the same input in any time zone.
 *
 * The workbook is written directly as its SpreadsheetML parts (ECMA-376 Part 1, §18) and zipped by the project's
 * one zip writer (src/archive/zip.ts), like the DOCX package and the bundle. Measured against the libraries (cold process, Node 20, this table): exceljs 4.4.0
 * took 0.3–0.5 s to import and 35–130 ms per workbook, and still needed a re-zip (wall-clock zip times) and a
 * styles.xml patch (font children out of schema order, Calibri). write-excel-file 4.1.1 and excel-builder-vanilla
 * 5.2.5 are cheaper but cannot repeat row 2 alone as print titles, fit to one page wide, centre the page or write
 * document properties, both write font children the Open XML SDK validator rejects, and excel-builder-vanilla
 * numbers relationship ids from a process-wide counter, so the second workbook of a build differs from the same
 * workbook built alone. One fixed sheet with a handful of styles is a few strings, and the tests check every part
 * with the validator and read the file back with exceljs and LibreOffice.
 *
 * Determinism: parts are written in a fixed order, shared strings and styles are numbered in order of first use,
 * core.xml dates are the build clock's wall time as UTC (like the PDF and DOCX), and every zip entry carries the
 * clock's UTC fields as its DOS time (the same in every TZ) with no extended-timestamp field (archive/zip.ts).
 */
import { zipEntries } from '../archive/zip.ts';
import { displayWidth } from '../text/display-width.ts';
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
/** ECMA-376 ST_PaperSize 9 = A4. */
const PAPER_A4 = 9;
/** Approximate printable width of A4 portrait in Excel character units (11 pt, 15 mm margins); wider tables go landscape. */
const A4_PORTRAIT_CHARS = 90;
const MIN_COLUMN_CHARS = 6;
const MAX_COLUMN_CHARS = 60;
const TITLE_ROW = 1;
const HEADER_ROW = 2;

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
    const content = texts.reduce((max, t) => Math.max(max, displayWidth(t)), 0) + 2; // no spread: a table may have 100k rows
    const share = (Math.max(0, col.weight) / totalWeight) * A4_PORTRAIT_CHARS * 0.8;
    return Math.round(Math.min(MAX_COLUMN_CHARS, Math.max(MIN_COLUMN_CHARS, content, share)) * 10) / 10;
  });
}

// ---- SpreadsheetML parts ---------------------------------------------------------------------------------------

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Code points XML 1.0 cannot carry: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, and unpaired surrogates (with the u
 * flag a surrogate pair is one astral code point, so only a lone surrogate matches the surrogate range).
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu;

/** Text for element content and attribute values: the five XML specials escaped, unwritable characters dropped. */
function xmlEscape(s: string): string {
  return s
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Cell text keeps every character: Excel reads `_xHHHH_` in a string as that code unit (ECMA-376 Part 1, §22.9.2.19
 * ST_Xstring), so characters XML cannot carry are written that way, and a literal `_xHHHH_` in the data has its
 * underscore escaped (`_x005F_`) so it is not decoded.
 */
function cellText(s: string): string {
  const excelEscaped = s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(NOT_XML_CHAR, (ch) => `_x${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return xmlEscape(excelEscaped);
}

/** `<t>`, marked to keep leading/trailing spaces and line breaks, which spreadsheet readers would otherwise trim. */
function textElement(s: string): string {
  return /^\s|\s$|\n/.test(s) ? `<t xml:space="preserve">${cellText(s)}</t>` : `<t>${cellText(s)}</t>`;
}

/** 0 → A, 25 → Z, 26 → AA (column letters of A1 references). */
function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function cellRef(row: number, columnIndex: number): string {
  return `${columnLetters(columnIndex)}${row}`;
}

/** The shared-string table (xl/sharedStrings.xml): each distinct text once, numbered in order of first use. */
class SharedStrings {
  private readonly indexByText = new Map<string, number>();
  private references = 0;

  indexOf(text: string): number {
    this.references++;
    const known = this.indexByText.get(text);
    if (known !== undefined) return known;
    const index = this.indexByText.size;
    this.indexByText.set(text, index);
    return index;
  }

  xml(): string {
    const items = [...this.indexByText.keys()].map((t) => `<si>${textElement(t)}</si>`).join('');
    return `${XML_DECLARATION}<sst xmlns="${NS_MAIN}" count="${this.references}" uniqueCount="${this.indexByText.size}">${items}</sst>`;
  }
}

/**
 * The fonts, fills and borders the sheet uses, by index in styles.xml. Font 0 is the workbook default (the Normal
 * style, which also sets Excel's column-width unit); charset 134 (GB2312) is what Chinese Excel writes for these
 * faces. Fills 0 and 1 are the two that Excel reserves (none, gray125).
 */
const FONTS = [
  `<font><sz val="11"/><name val="${BODY_FONT}"/><charset val="134"/></font>`,
  `<font><b/><sz val="14"/><name val="${TITLE_FONT}"/><charset val="134"/></font>`,
  `<font><b/><sz val="11"/><name val="${BODY_FONT}"/><charset val="134"/></font>`,
];
const FONT = { body: 0, title: 1, header: 2 } as const;
const FILLS = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>', '<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/></patternFill></fill>'];
const HEADER_FILL = 2;
const BORDERS = ['<border><left/><right/><top/><bottom/><diagonal/></border>', '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>'];
const THIN_BORDER = 1;

/** Built-in number formats (ECMA-376 Part 1, §18.8.30): these need no numFmt entry. Custom ones start at 164. */
const BUILTIN_NUMBER_FORMATS: Readonly<Record<string, number>> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };
const FIRST_CUSTOM_NUMBER_FORMAT = 164;

/** How one cell looks: a row of cellXfs in styles.xml. */
interface CellStyle {
  font: number;
  fill?: number;
  border?: number;
  numberFormat?: string | undefined;
  horizontal: 'left' | 'center' | 'right';
  wrap: boolean;
}

/** The cell formats (cellXfs) in order of first use after the default one, and the custom number formats they need. */
class Styles {
  private readonly xfIndex = new Map<string, number>();
  private readonly customFormats = new Map<string, number>();

  /** The `s` attribute for a cell of this style. */
  indexOf(style: CellStyle): number {
    const xf = this.xfXml(style);
    const known = this.xfIndex.get(xf);
    if (known !== undefined) return known;
    const index = this.xfIndex.size + 1; // 0 is the default format
    this.xfIndex.set(xf, index);
    return index;
  }

  private numberFormatId(code: string): number {
    const builtin = BUILTIN_NUMBER_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = FIRST_CUSTOM_NUMBER_FORMAT + this.customFormats.size;
    this.customFormats.set(code, id);
    return id;
  }

  private xfXml(style: CellStyle): string {
    const numFmtId = style.numberFormat ? this.numberFormatId(style.numberFormat) : 0;
    const fill = style.fill ?? 0;
    const border = style.border ?? 0;
    const applied = [numFmtId ? ' applyNumberFormat="1"' : '', ' applyFont="1"', fill ? ' applyFill="1"' : '', border ? ' applyBorder="1"' : '', ' applyAlignment="1"'].join('');
    const alignment = `<alignment horizontal="${style.horizontal}" vertical="center"${style.wrap ? ' wrapText="1"' : ''}/>`;
    return `<xf numFmtId="${numFmtId}" fontId="${style.font}" fillId="${fill}" borderId="${border}" xfId="0"${applied}>${alignment}</xf>`;
  }

  /** styles.xml; call after every cell's style has been asked for. */
  xml(): string {
    const numFmts = this.customFormats.size
      ? `<numFmts count="${this.customFormats.size}">${[...this.customFormats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`).join('')}</numFmts>`
      : '';
    const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ...this.xfIndex.keys()];
    return [
      `${XML_DECLARATION}<styleSheet xmlns="${NS_MAIN}">`,
      numFmts,
      `<fonts count="${FONTS.length}">${FONTS.join('')}</fonts>`,
      `<fills count="${FILLS.length}">${FILLS.join('')}</fills>`,
      `<borders count="${BORDERS.length}">${BORDERS.join('')}</borders>`,
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`,
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
      '</styleSheet>',
    ].join('');
  }
}

/** What a table cell holds in the sheet. */
type SheetValue = { kind: 'number'; value: number; format?: string } | { kind: 'text'; text: string } | { kind: 'blank' };

/**
 * A numeric column's "3,218" / "91.6%" become numbers with their format; other numbers stay numbers (General);
 * empty text is a blank cell; non-finite numbers, which a sheet cannot hold, are written as their text.
 */
function sheetValue(raw: string | number, column: TableFileColumn): SheetValue {
  const parsed = column.numeric ? readNumericCell(raw) : undefined;
  if (parsed) return { kind: 'number', value: parsed.value, format: parsed.format };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { kind: 'number', value: raw };
  const text = String(raw);
  return text === '' ? { kind: 'blank' } : { kind: 'text', text };
}

/** One `<c>`: numbers inline (shortest round-trip form), text through the shared-string table. */
function cellXml(ref: string, style: number, value: SheetValue, strings: SharedStrings): string {
  switch (value.kind) {
    case 'number':
      return `<c r="${ref}" s="${style}"><v>${value.value}</v></c>`;
    case 'text':
      return `<c r="${ref}" s="${style}" t="s"><v>${strings.indexOf(value.text)}</v></c>`;
    case 'blank':
      return `<c r="${ref}" s="${style}"/>`;
  }
}

/** sheetData: the title row (28 pt high), the header row, then the data rows. */
function sheetDataXml(table: TableFileInput, styles: Styles, strings: SharedStrings): string {
  const titleStyle = styles.indexOf({ font: FONT.title, horizontal: 'center', wrap: false });
  const headerStyle = styles.indexOf({ font: FONT.header, fill: HEADER_FILL, border: THIN_BORDER, horizontal: 'center', wrap: true });
  const titleRow = `<row r="${TITLE_ROW}" ht="28" customHeight="1">${cellXml(cellRef(TITLE_ROW, 0), titleStyle, { kind: 'text', text: table.title }, strings)}</row>`;
  const headerCells = table.columns.map((col, i) => cellXml(cellRef(HEADER_ROW, i), headerStyle, { kind: 'text', text: col.title }, strings));
  const dataRows = table.rows.map((row, r) => {
    const rowNumber = HEADER_ROW + 1 + r;
    const cells = table.columns.map((col, i) => {
      const value = sheetValue(row[i] ?? '', col);
      const format = value.kind === 'number' ? value.format : undefined;
      const style = styles.indexOf({ font: FONT.body, border: THIN_BORDER, numberFormat: format, horizontal: col.align, wrap: !format });
      return cellXml(cellRef(rowNumber, i), style, value, strings);
    });
    return `<row r="${rowNumber}">${cells.join('')}</row>`;
  });
  return `<sheetData>${titleRow}<row r="${HEADER_ROW}">${headerCells.join('')}</row>${dataRows.join('')}</sheetData>`;
}

/**
 * xl/worksheets/sheet1.xml, children in CT_Worksheet order: fit-to-page flag, used range, the view frozen below the
 * header row, column widths, the cells, the merged title, and the A4 print setup (centred, one page wide, footer
 * 第 N 页，共 M 页).
 */
function worksheetXml(table: TableFileInput, styles: Styles, strings: SharedStrings): string {
  const widths = columnWidths(table);
  const landscape = widths.reduce((a, b) => a + b, 0) > A4_PORTRAIT_CHARS;
  const lastColumn = Math.max(1, table.columns.length) - 1;
  const lastRow = HEADER_ROW + table.rows.length;
  const firstBodyCell = cellRef(HEADER_ROW + 1, 0);
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return [
    `${XML_DECLARATION}<worksheet xmlns="${NS_MAIN}">`,
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    `<dimension ref="A1:${cellRef(lastRow, lastColumn)}"/>`,
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="${HEADER_ROW}" topLeftCell="${firstBodyCell}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${firstBodyCell}" sqref="${firstBodyCell}"/></sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols ? `<cols>${cols}</cols>` : '',
    sheetDataXml(table, styles, strings),
    lastColumn > 0 ? `<mergeCells count="1"><mergeCell ref="${cellRef(TITLE_ROW, 0)}:${cellRef(TITLE_ROW, lastColumn)}"/></mergeCells>` : '',
    '<printOptions horizontalCentered="1"/>',
    '<pageMargins left="0.6" right="0.6" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    `<pageSetup paperSize="${PAPER_A4}" orientation="${landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>`,
    `<headerFooter><oddFooter>${xmlEscape('&C第 &P 页，共 &N 页')}</oddFooter></headerFooter>`,
    '</worksheet>',
  ].join('');
}

/** A sheet name in a formula: quoted, apostrophes doubled. */
function quotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** xl/workbook.xml: the one sheet, and its header row repeated on every printed page (§7.3.7 "附件格式要求同正文"). */
function workbookXml(sheetName: string): string {
  const printTitles = `${quotedSheetName(sheetName)}!$${HEADER_ROW}:$${HEADER_ROW}`;
  return [
    `${XML_DECLARATION}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`,
    `<sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets>`,
    `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">${xmlEscape(printTitles)}</definedName></definedNames>`,
    '</workbook>',
  ].join('');
}

function relationshipsXml(relationships: readonly (readonly [type: string, target: string])[]): string {
  const items = relationships.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join('');
  return `${XML_DECLARATION}<Relationships xmlns="${NS_PKG_REL}">${items}</Relationships>`;
}

const CONTENT_TYPES_XML = [
  `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
  '<Default Extension="xml" ContentType="application/xml"/>',
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>',
  '</Types>',
].join('');

const PACKAGE_RELS_XML = relationshipsXml([
  [`${REL_TYPE}/officeDocument`, 'xl/workbook.xml'],
  ['http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
  [`${REL_TYPE}/extended-properties`, 'docProps/app.xml'],
]);

const WORKBOOK_RELS_XML = relationshipsXml([
  [`${REL_TYPE}/worksheet`, 'worksheets/sheet1.xml'],
  [`${REL_TYPE}/styles`, 'styles.xml'],
  [`${REL_TYPE}/sharedStrings`, 'sharedStrings.xml'],
]);

/** docProps/app.xml: names the program that wrote the file. */
const APP_XML = `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongwen</Application></Properties>`;

/** docProps/core.xml: title, author, and created/modified = the build clock's wall time written as UTC (TZ-independent). */
function coreXml(title: string, clock: Date): string {
  const stamp = clockAsUtc(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>gongwen</dc:creator><cp:lastModifiedBy>gongwen</cp:lastModifiedBy>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
}

/** The package's parts by name, [Content_Types].xml and _rels/.rels first (what libmagic and importers look for). */
function xlsxParts(table: TableFileInput, clock: Date): [name: string, xml: string][] {
  const styles = new Styles();
  const strings = new SharedStrings();
  // The sheet is built first: it registers the strings and styles the other two parts then list.
  const sheet = worksheetXml(table, styles, strings);
  return [
    ['[Content_Types].xml', CONTENT_TYPES_XML],
    ['_rels/.rels', PACKAGE_RELS_XML],
    ['docProps/app.xml', APP_XML],
    ['docProps/core.xml', coreXml(table.title, clock)],
    ['xl/workbook.xml', workbookXml(sheetNameFor(table))],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS_XML],
    ['xl/styles.xml', styles.xml()],
    ['xl/sharedStrings.xml', strings.xml()],
    ['xl/worksheets/sheet1.xml', sheet],
  ];
}

/**
 * Writes the table as an `.xlsx`: title row (merged, 黑体 bold), bold header row (frozen, repeated on printed pages),
 * numeric columns as numbers with `#,##0` / `0.0` / `0.0%` formats, A4 fit-to-width. Byte-identical for the same
 * input and clock, in any time zone. `clock` is the build clock, a UTC instant (world.buildClock).
 */
export function writeXlsx(table: TableFileInput, clock: Date): Promise<Buffer> {
  return zipEntries(
    xlsxParts(table, clock).map(([name, xml]) => ({ name, bytes: Buffer.from(xml, 'utf8') })),
    clock,
  );
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
