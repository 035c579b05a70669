/**
 * Stage: shared types — the composed document (compose → layout, DOCX writer, glyph coverage), plus the one-line
 * dispatcher of its typed handler tables.
 *
 * A ComposedDocument decides, once for every writer, what each piece of the document is: its text, the font role and
 * size that draw it, where a line starts or ends in grid cells (一字 = 版心 / 28, §3.1, §5.2.3), which lines are
 * centred, where the names of the 附件说明 hang, which table cells are headers, how a title is broken into lines.
 * The PDF layout and the DOCX writer only convert cells to points or twips and draw; the glyph coverage check reads
 * the same texts, so what is checked is what is drawn.
 */
import type { DocMeta, FontRole, Span } from './types.ts';
import { COPY_NUMBER_CHARSET, type MarkPart } from '../gbt9704/marks.ts';

/** A piece of text in one font role at one size. */
export interface ComposedText {
  text: string;
  role: FontRole;
  sizePt: number;
  /** The data scalar the text came from (for glyph diagnostics). */
  origin?: Span;
  /** Made by gongwen (heading numbers, labels, prefixes): never searched for in the data source. */
  generated?: boolean;
}

/**
 * Where a placed line sits on the width of the 版心: its first glyph `cells` from the left edge, or its last glyph
 * box ending `insetCells` before the right edge (what DOCX expresses as a right-aligned paragraph with an indent).
 */
export type Anchor = { readonly edge: 'start'; readonly cells: number } | { readonly edge: 'end'; readonly insetCells: number };

/** Lines centred on the 版心 (标题 §7.3.1 broken into a 梯形, subtitle lines, the 附件标题 §7.3.7), kept together. */
export interface CentredBlock {
  kind: 'centred';
  style: 'title' | 'subtitle' | 'attachmentTitle';
  lines: ComposedText[];
}

/**
 * A justified paragraph of body text or a heading (§7.3.3), first line indented, wrapped lines at `restIndentCells`.
 * A run-in heading (“（一）标题。正文……”) is one paragraph: the heading's runs in its role, then body runs.
 */
export interface ComposedParagraph {
  kind: 'paragraph';
  style: 'body' | 'heading' | 'runInHeading';
  /** 1–4 for headings (the DOCX heading style and outline level). */
  headingLevel?: 1 | 2 | 3 | 4;
  runs: ComposedText[];
  firstIndentCells: number;
  restIndentCells: number;
  /** A stand-alone heading stays with the next line (the page ends one line early instead). */
  keepWithNext: boolean;
  /** Lines of what follows that a kept heading needs on its page (1; a table's caption, head and first row, a picture). */
  keepLines?: number;
  /** An outline entry at this paragraph's first line. */
  bookmark?: { title: string; level: number };
}

/**
 * One item of a hanging list: `prefix` and `number` set at grid pitch from `leadStartCells`, then `text` from
 * `hangCells`, its wrapped lines there too.
 */
export interface HangingItem {
  prefix?: ComposedText;
  number?: ComposedText;
  leadStartCells: number;
  text: ComposedText;
  hangCells: number;
}

/** 附件说明 (§7.3.4): “附件：1. 名称”, names hanging at one position, later numbers under the first number. */
export interface HangingListBlock {
  kind: 'hangingList';
  /** Where the numbers of items 2…n start (under item 1's number). */
  numberStartCells: number;
  items: HangingItem[];
}

/** Lines set at grid pitch at an anchor: 署名/成文日期 (§7.3.5.2), the “附件N” label (§7.3.7). */
export interface PlacedLinesBlock {
  kind: 'placed';
  style: 'signature' | 'label';
  lines: { text: ComposedText; anchor: Anchor; part: 'organ' | 'date' | 'label' }[];
  /** An outline entry at the first line (each attachment's “附件N” label, §7.3.7). */
  bookmark?: { title: string; level: number };
}

export interface ComposedColumn {
  align: 'left' | 'center' | 'right';
  /** Relative width; writers scale the weights to the 版心 width. */
  weight: number;
}

/** One table cell: its text, alignment and the columns/rows it spans (merged cells). */
export interface ComposedCell {
  text: ComposedText;
  align: 'left' | 'center' | 'right';
  colSpan: number;
  rowSpan: number;
}

/**
 * A table (§8): caption above, header rows (repeated on every page) and body rows, each cell text with its role and
 * size; column weights already decided (given, or from the content); landscape when it is too wide for the portrait
 * 版心 or asked to be.
 */
export interface ComposedTable {
  kind: 'table';
  columns: ComposedColumn[];
  header: ComposedCell[][];
  rows: ComposedCell[][];
  caption?: ComposedText;
  /** §8 横排: on landscape pages (A4 rotated; the head toward the binding edge on odd pages). */
  landscape: boolean;
  /** Table text size, pt (cells' lines are TABLE_LINE_HEIGHT_EM × this apart). */
  sizePt: number;
  /** How a cell's line is spaced: at natural advances, or as the line breaker spaced it (TableBlock.cellSpacing). */
  cellSpacing: 'natural' | 'grid';
}

/** A picture: its print box in pt, on whole grid lines, and the caption centred below. */
export interface ComposedImage {
  kind: 'image';
  ref: string;
  format: 'png' | 'jpeg' | 'svg';
  widthPt: number;
  heightPt: number;
  /** Grid lines the picture's box takes (its height rounded up to whole lines). */
  lines: number;
  caption?: ComposedText;
  /** An attachment's picture, sized to the rest of the attachment's first page. */
  fit?: 'page';
}

/** The pages of a PDF attachment: layout scales each into the 版心 (the first below the attachment title). */
export interface ComposedPdfPages {
  kind: 'pdfPages';
  ref: string;
  pages: { widthPt: number; heightPt: number }[];
  /** The line the DOCX prints instead of the pages. */
  note: ComposedText;
}

/**
 * The mark lines above the title, one per grid line from line 1 of the first page, each 顶格 (§7.2.1–§7.2.3 and the
 * local mark; src/gbt9704/marks.ts). A `copyNumber` line holds a 份号 of six digits: the actual number when one
 * copy is written (DOCX), or a placeholder in the layout that every copy of the print file stamps with its own.
 */
export interface MarkLinesBlock {
  kind: 'marks';
  lines: { part: MarkPart; text: ComposedText; startCells: number }[];
}

/** One line of the top-left mark lines. */
export type MarkLine = MarkLinesBlock['lines'][number];

/**
 * 版头 (§7.2.4–§7.2.7; §10.1 信函格式, §10.3 纪要格式), drawn red where the standard puts it, the rest of the document
 * on the grid below it. The composition decides the texts, the 标志's size and the horizontal places in cells; the
 * layout and the DOCX writer put them at the distances of src/gbt9704/masthead.ts.
 */
export interface MastheadBlock {
  kind: 'masthead';
  format: 'file' | 'letter' | 'minutes';
  /** The 发文机关标志: one line (name + suffix), or one line per issuer stacked (联合行文), in the title role, red. */
  mark: ComposedText[];
  /** Beside stacked names, centred on their height (§7.2.4 联合行文); absent for a one-line 标志. */
  suffix?: ComposedText;
  /** Stacked names are spread to this width (the widest name's natural width), pt. */
  namesWidthPt?: number;
  /** The gap between stacked names and the suffix, pt. */
  suffixGapPt?: number;
  /** The mark lines of the document (份号 …): above the 标志 (文件, 纪要) or under the upper double rule (信函). */
  markLines: MarkLine[];
  /** 发文字号: centred (§7.2.5), at `startCells` on the last 签发人 line (上行文), or at the right edge (信函, §10.1). */
  docNumber?: { text: ComposedText; align: 'centre' | 'start' | 'end'; startCells: number };
  /** 签发人 (§7.2.6): the label on the first line, the names in two columns, `rows` top to bottom. */
  signers?: { label: ComposedText; labelStartCells: number; columnStartCells: number[]; rows: ComposedText[][] };
}

/** 主送机关 (§7.3.2): 顶格, wrapped lines 顶格. */
export interface RecipientsBlock {
  kind: 'recipients';
  text: ComposedText;
}

/** 出席/请假/列席 (§10.3): hanging items, the label (黑体) and colon as the lead, the names (仿宋) hanging after it. */
export interface AttendanceBlock {
  kind: 'attendance';
  items: HangingItem[];
}

/**
 * 版记 (§7.4): on the last page, its last rule on the 版心's bottom edge (the layout decides the page: an even one,
 * §7.5). 4号; positions in grid cells from the 版心 edges. `ruled` false for the 信函格式 (§10.1).
 */
export interface ColophonBlock {
  kind: 'colophon';
  ruled: boolean;
  /** 抄送: “抄送：” at `startCells`, the names from `hangCells`, wrapped there, ending `rightInsetCells` from the right. */
  copyTo?: { label: ComposedText; text: ComposedText; startCells: number; hangCells: number; rightInsetCells: number };
  /** 印发机关 left, 印发日期 right, each `insetCells` in (§7.4.3). */
  imprint?: { organ: ComposedText; date: ComposedText; insetCells: number };
}

/** One empty grid line (空一行). */
export interface BlankBlock {
  kind: 'blank';
}

/** The next line starts a new page (另面); `landscape`: the page is turned (§8: an attachment whose table is wide). */
export interface NewPageBlock {
  kind: 'newPage';
  orientation?: 'landscape';
}

export type ComposedBlock =
  | CentredBlock
  | ComposedParagraph
  | HangingListBlock
  | PlacedLinesBlock
  | MarkLinesBlock
  | MastheadBlock
  | RecipientsBlock
  | AttendanceBlock
  | ColophonBlock
  | ComposedTable
  | ComposedImage
  | ComposedPdfPages
  | BlankBlock
  | NewPageBlock;

export type ComposedKind = ComposedBlock['kind'];

export interface ComposedDocument {
  meta: DocMeta;
  blocks: ComposedBlock[];
  /** The page-number text as drawn (§7.5), in the page-number role, for the coverage check. */
  pageNumberSample: ComposedText;
  /**
   * Numbered copies with `--watermark`: each copy's watermark line (“000031 张三 某单位”), in copy order, drawn on
   * every page of that copy under the text (src/gbt9704/marks.ts WATERMARK).
   */
  watermarks?: ComposedText[];
}

/** One handler per composed block kind: a new kind fails to compile until every writer handles it. */
export type ComposedHandlers<Ctx, Out> = {
  [K in ComposedKind]: (block: Extract<ComposedBlock, { kind: K }>, ctx: Ctx) => Out;
};

/** Every text of a block, in drawing order (the glyph check and font embedding read what the writers draw). */
const TEXTS: ComposedHandlers<void, ComposedText[]> = {
  centred: (b) => b.lines,
  paragraph: (b) => b.runs,
  hangingList: (b) => b.items.flatMap((i) => [...(i.prefix ? [i.prefix] : []), ...(i.number ? [i.number] : []), i.text]),
  placed: (b) => b.lines.map((l) => l.text),
  marks: (b) => markLineTexts(b.lines),
  masthead: (b) => [
    ...markLineTexts(b.markLines),
    ...b.mark,
    ...(b.suffix ? [b.suffix] : []),
    ...(b.docNumber ? [b.docNumber.text] : []),
    ...(b.signers ? [b.signers.label, ...b.signers.rows.flat()] : []),
  ],
  recipients: (b) => [b.text],
  attendance: (b) => b.items.flatMap((i) => [...(i.prefix ? [i.prefix] : []), i.text]),
  colophon: (b) => [...(b.copyTo ? [b.copyTo.label, b.copyTo.text] : []), ...(b.imprint ? [b.imprint.organ, b.imprint.date] : [])],
  table: (b) => [...(b.caption ? [b.caption] : []), ...b.header.flat().map((c) => c.text), ...b.rows.flat().map((c) => c.text)],
  image: (b) => (b.caption ? [b.caption] : []),
  pdfPages: (b) => [b.note],
  blank: () => [],
  newPage: () => [],
};

/** A 份号 line may hold any six digits: every digit is checked, whatever the placeholder or number it holds now. */
function markLineTexts(lines: readonly MarkLine[]): ComposedText[] {
  return lines.map((l) => (l.part === 'copyNumber' ? { ...l.text, text: COPY_NUMBER_CHARSET } : l.text));
}

/** Every text the document draws, the page-number sample and the copies' watermarks last. */
export function composedTexts(doc: ComposedDocument): ComposedText[] {
  return [...doc.blocks.flatMap((b) => dispatch(TEXTS, b, undefined)), doc.pageNumberSample, ...(doc.watermarks ?? [])];
}

/** Runs the handler of `block`'s kind. */
export function dispatch<Ctx, Out>(handlers: ComposedHandlers<Ctx, Out>, block: ComposedBlock, ctx: Ctx): Out {
  return (handlers[block.kind] as (b: ComposedBlock, c: Ctx) => Out)(block, ctx);
}
