/**
 * Stage: shared types — media (and the one walk over printed texts). What the content stage (src/media/collect.ts) finds in the files the data
 * names — body pictures and printed external attachments — as the render stage's view and the writers need it:
 * sizes and formats for the templates and the layout, bytes for the PDF and DOCX writers, by media key (the file as
 * the data names it).
 */

/** A picture file: its format and intrinsic size (pixels, or an SVG's user units). */
export interface ImageInfo {
  format: 'png' | 'jpeg' | 'svg';
  pixelWidth: number;
  pixelHeight: number;
}

/** The bytes the writers draw, by media key. */
export interface MediaItem {
  format: 'png' | 'jpeg' | 'svg' | 'pdf';
  bytes: Buffer;
}

/** Media keys → bytes (pictures of the body and of attachments, PDF attachments). */
export type MediaStore = ReadonlyMap<string, MediaItem>;

/** One cell of a sheet or a Word table as it is printed: the text as shown, merged cells, the cell's alignment. */
export interface PrintedCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
}

/** A table read from an external file (a sheet of an .xlsx, a .csv, a table of a .docx). */
export interface PrintedTable {
  /** Sheet name or the sheet's title row; printed as the 表题 when the file has several. */
  caption?: string;
  columns: number;
  header: PrintedCell[][];
  rows: PrintedCell[][];
  /** Relative column widths (the sheet's), when the file has them. */
  widths?: number[];
}

/** What an external attachment prints on its pages (§7.3.7), in order. */
export type PrintedBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: PrintedTable }
  | { kind: 'image'; ref: string; image: ImageInfo }
  | { kind: 'pdf'; ref: string; pages: { widthPt: number; heightPt: number }[] };

/** The printed content of an external attachment, by its index in `attachments`. */
export interface PrintedAttachment {
  index: number;
  blocks: PrintedBlock[];
}

/** Everything the content stage found: pictures by file, printed attachments, and the writers' bytes. */
export interface ReportContent {
  images: ReadonlyMap<string, ImageInfo>;
  attachments: readonly PrintedAttachment[];
  media: MediaStore;
}

/** The same content with `fn` applied to every printed text (the Traditional edition converts them). */
export function mapPrintedTexts(content: ReportContent, fn: (text: string) => string): ReportContent {
  const cells = (rows: PrintedCell[][]) => rows.map((r) => r.map((c) => ({ ...c, text: fn(c.text) })));
  const block = (b: PrintedBlock): PrintedBlock => {
    if (b.kind === 'paragraph') return { kind: 'paragraph', text: fn(b.text) };
    if (b.kind !== 'table') return b;
    const t = b.table;
    return { kind: 'table', table: { ...t, ...(t.caption !== undefined ? { caption: fn(t.caption) } : {}), header: cells(t.header), rows: cells(t.rows) } };
  };
  return { ...content, attachments: content.attachments.map((a) => ({ index: a.index, blocks: a.blocks.map(block) })) };
}
