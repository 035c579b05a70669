/**
 * Stage: render — the template view of tables, pictures and printed attachments. Input: table and image nodes of
 * the report, the figures (a `{ figure: id }` cell prints the figure's stated value and unit), what the content stage
 * found in the files (picture sizes, the content of external attachments) → plain JSON for the partials
 * body-table.hbs, image.hbs and attachment-file.hbs. Columns whose cells are all numbers are right-aligned unless
 * the data says otherwise.
 */
import type { Figure, ImageNode, TableCellValue, TableNode } from '../load/schema.ts';
import type { DataPath } from '../load/types.ts';
import type { ImageInfo, PrintedAttachment, PrintedCell, PrintedTable, ReportContent } from '../media/types.ts';
import { TABLE_SIZE_CHOICES_PT } from '../gbt9704/type-sizes.ts';
import type { SpanOf } from './view.ts';

export interface CellView {
  text: string;
  src: string;
  colspan: number | '';
  rowspan: number | '';
  align: string;
}
export interface TableView {
  caption: string;
  captionSrc: string;
  columns: { title: string; align: string; weight: number | '' }[];
  /** Header rows with merged cells (external sheets); empty: the column titles are the header. */
  headerRows: CellView[][];
  rows: CellView[][];
  landscape: boolean;
  size: number | '';
  src: string;
}
export interface ImageView {
  ref: string;
  format: string;
  pxWidth: number;
  pxHeight: number;
  widthMm: number | '';
  caption: string;
  captionSrc: string;
  fit: string;
  src: string;
}
/** One block of a printed external attachment. */
export type PrintedView = { p: string } | { table: TableView } | { image: ImageView } | { pdf: { ref: string; pageCount: number; pages: { width: number; height: number }[] } };

const srcAttr = (spanOf: SpanOf, path: DataPath): string => {
  const s = spanOf(path);
  return s ? `${s.start}-${s.end}` : '';
};

/** A cell that prints a number (a number, a figure, or text such as 3,218 · 91.6% · −12). */
const NUMERIC_TEXT = /^[-+−]?\d[\d,]*(\.\d+)?\s*[%‰]?$/;
const isNumericCell = (c: TableCellValue): boolean => typeof c === 'number' || typeof c === 'object' || NUMERIC_TEXT.test(c.trim());

/** The text a cell prints. */
export function cellText(c: TableCellValue, figures: ReadonlyMap<string, Figure>): string {
  if (typeof c === 'number') return String(c);
  if (typeof c === 'string') return c;
  const f = figures.get(c.figure);
  return f ? (f.text ?? `${f.value}${f.unit}`) : '';
}

/** The view of a body table. */
export function tableView(node: TableNode, path: DataPath, spanOf: SpanOf, figures: ReadonlyMap<string, Figure>): TableView {
  const t = node.table;
  const tp = [...path, 'table'];
  const numeric = t.columns.map((_, k) => {
    const cells = t.rows.map((r) => r[k]).filter((c): c is TableCellValue => c !== undefined && c !== '');
    return cells.length > 0 && cells.every(isNumericCell);
  });
  return {
    caption: t.caption ?? '',
    captionSrc: srcAttr(spanOf, [...tp, 'caption']),
    columns: t.columns.map((title, k) => ({ title, align: t.align?.[k] ?? (numeric[k] ? 'right' : 'left'), weight: t.widths?.[k] ?? '' })),
    headerRows: [],
    rows: t.rows.map((row, r) => row.map((c, k) => ({ text: cellText(c, figures), src: srcAttr(spanOf, [...tp, 'rows', r, k]), colspan: '', rowspan: '', align: '' }))),
    landscape: t.landscape === true,
    size: t.size ? TABLE_SIZE_CHOICES_PT[t.size] : '',
    src: srcAttr(spanOf, tp),
  };
}

/** The view of a body picture (its size read by the content stage). */
export function imageView(node: ImageNode, path: DataPath, spanOf: SpanOf, images: ReadonlyMap<string, ImageInfo>): ImageView {
  const info = images.get(node.image.file) ?? { format: 'png', pixelWidth: 1, pixelHeight: 1 };
  return {
    ref: node.image.file,
    format: info.format,
    pxWidth: info.pixelWidth,
    pxHeight: info.pixelHeight,
    widthMm: node.image.width ?? '',
    caption: node.image.caption ?? '',
    captionSrc: srcAttr(spanOf, [...path, 'image', 'caption']),
    fit: '',
    src: srcAttr(spanOf, [...path, 'image', 'file']),
  };
}

const printedCell = (c: PrintedCell): CellView => ({ text: c.text, src: '', colspan: c.colSpan ?? '', rowspan: c.rowSpan ?? '', align: c.align ?? '' });

function printedTableView(t: PrintedTable, showCaption: boolean, src: string): TableView {
  // Columns by grid position (merged cells skipped): a column of numbers is right-aligned, as in a sheet.
  const byColumn: string[][] = Array.from({ length: t.columns }, () => []);
  for (const row of t.rows) {
    if (row.some((c) => (c.colSpan ?? 1) > 1 || (c.rowSpan ?? 1) > 1) || row.length !== t.columns) continue;
    row.forEach((c, k) => c.text.trim() && byColumn[k]?.push(c.text.trim()));
  }
  const align = byColumn.map((texts) => (texts.length > 0 && texts.every((x) => NUMERIC_TEXT.test(x)) ? 'right' : 'left'));
  return {
    caption: showCaption ? (t.caption ?? '') : '',
    captionSrc: '',
    columns: Array.from({ length: t.columns }, (_, k) => ({ title: '', align: align[k] ?? 'left', weight: t.widths?.[k] ?? '' })),
    headerRows: t.header.map((r) => r.map(printedCell)),
    rows: t.rows.map((r) => r.map(printedCell)),
    landscape: false,
    size: '',
    src,
  };
}

/** The view of what an external attachment prints. */
export function printedView(printed: PrintedAttachment, src: string): PrintedView[] {
  const tables = printed.blocks.filter((b) => b.kind === 'table').length;
  return printed.blocks.map((b): PrintedView => {
    switch (b.kind) {
      case 'paragraph':
        return { p: b.text };
      case 'table':
        return { table: printedTableView(b.table, tables > 1, src) };
      case 'image':
        return { image: { ref: b.ref, format: b.image.format, pxWidth: b.image.pixelWidth, pxHeight: b.image.pixelHeight, widthMm: '', caption: '', captionSrc: '', fit: 'page', src } };
      case 'pdf':
        return { pdf: { ref: b.ref, pageCount: b.pages.length, pages: b.pages.map((p) => ({ width: p.widthPt, height: p.heightPt })) } };
    }
  });
}

/** Content found by the content stage, or none (a report without tables, pictures or printed attachments). */
export const NO_CONTENT: ReportContent = { images: new Map(), attachments: [], media: new Map() };
