/**
 * Stage: shared types (no logic). The document model is the one seam between the template stage
 * (render) and every writer (PDF layout, DOCX, bundle). Types only; imports nothing from stages.
 *
 * render(templates, Report) → DocModel → layoutDocument → writePdf
 *                                      → writeDocx
 */

/** A place in a source file: project-relative posix path, UTF-16 offsets (what `yaml` and JS strings use). */
export interface Span {
  file: string;
  start: number;
  end: number;
}

/** 版本: the Simplified edition is the source; the Traditional edition is generated from it. */
export type Edition = 'zh-Hans' | 'zh-Hant';
export const EDITIONS: readonly Edition[] = ['zh-Hans', 'zh-Hant'];

/**
 * A font role names what a piece of text is (GB/T 9704 §5.2.2, §7.3.1, §7.3.3, §7.5), not which file draws it.
 * fonts/fonts.yaml maps each role to candidate families; src/fonts resolves them.
 */
export type FontRole = 'title' | 'subtitle' | 'body' | 'heading1' | 'heading2' | 'pagenumber';
/**
 * title 小标宋 (§7.3.1, also attachment titles) · subtitle 楷体 (meeting-report lines under the title) ·
 * body 仿宋 (§5.2.2; levels 3–4, 附件说明, tables) · heading1 黑体 (§7.3.3; also the "附件N" label §7.3.7) ·
 * heading2 楷体 (§7.3.3) · pagenumber 宋体 (§7.5).
 */
export const FONT_ROLES: readonly FontRole[] = ['title', 'subtitle', 'body', 'heading1', 'heading2', 'pagenumber'];

/** A run of text in one role. `origin` points at the data scalar the text came from (for glyph diagnostics). */
export interface Inline {
  text: string;
  role: FontRole;
  origin?: Span;
}

/** 标题 (§7.3.1): centred, 2号 小标宋; `lines` is the text already split for a trapezoid/diamond shape, or one line. */
export interface TitleBlock {
  type: 'title';
  text: string;
  origin?: Span;
}
/** 副标题、报告人、日期行 of a meeting report: centred 3号 楷体 lines under the title. */
export interface SubtitleBlock {
  type: 'subtitle';
  text: string;
  origin?: Span;
}
/**
 * 各层标题 (§7.3.3): level 1 一、 (黑体), 2 （一） (楷体), 3 1. and 4 （1） (仿宋). `number` is generated, never stored.
 * A run-in heading (标题后接正文) has `runIn`: the body text that continues the same paragraph in the body font.
 */
export interface HeadingBlock {
  type: 'heading';
  level: 1 | 2 | 3 | 4;
  number: string;
  text: string;
  runIn?: Inline[];
  origin?: Span;
}
/** 正文段落: first line indented 2 字, wrapped lines flush left (§7.3.3). */
export interface ParagraphBlock {
  type: 'paragraph';
  inlines: Inline[];
}
/** 附件说明 (§7.3.4): "附件：1. …", one blank line below the body, hanging wrap under the name. */
export interface AttachmentNoteBlock {
  type: 'attachmentNote';
  items: { number: string; title: string; origin?: Span }[];
}
/** 发文机关署名 + 成文日期 without seal (§7.3.5.2). Either may be empty. */
export interface SignatureBlock {
  type: 'signature';
  organ: string;
  date: string;
  origin?: Span;
}
/** Start of an attachment (§7.3.7): new page, "附件N" (黑体) on line 1, title centred on line 3. */
export interface AttachmentHeadingBlock {
  type: 'attachmentHeading';
  label: string;
  title: string;
  /** An external attachment printed from its file (data/attachments/…): its content follows. */
  file?: string;
  origin?: Span;
}
/** A text with the data scalar it came from (captions). */
export interface SourcedText {
  text: string;
  origin?: Span;
}
/** One table cell; spans > 1 merge cells (a sheet's merged header). */
export interface TableCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** The cell's own alignment (a sheet's); else its column's. */
  align?: TableColumn['align'];
  origin?: Span;
}
/**
 * A table (§8; body tables, the generated data table, an external sheet): caption above, header row(s) repeated on
 * every page, rows kept whole.
 */
export interface TableBlock {
  type: 'table';
  columns: TableColumn[];
  /** Header rows with merged cells; absent: one row of the column titles. */
  header?: TableCell[][];
  rows: TableCell[][];
  caption?: SourcedText;
  /** §8 横排: on landscape pages even when it would fit the portrait 版心. */
  landscape?: boolean;
  /** Table text size, pt (4号 when absent). */
  sizePt?: number;
  /**
   * `grid`: cell lines keep the line breaker's grid spacing, which can spread a short line past its natural width
   * (the generated data table's setting since it was made; kept so its outputs do not change). Otherwise natural.
   */
  cellSpacing?: 'grid';
  origin?: Span;
}
export interface TableColumn {
  title: string;
  align: 'left' | 'center' | 'right';
  /** Relative width; writers scale the weights to the 版心 width. Absent: from the content. */
  weight?: number;
}
/** A picture (PNG, JPEG, SVG), scaled into the 版心, on whole grid lines, caption below. */
export interface ImageBlock {
  type: 'image';
  /** Media key: the file as the data names it (images/图1.png); the writers get the bytes by it. */
  ref: string;
  format: 'png' | 'jpeg' | 'svg';
  /** Intrinsic size: pixels, or an SVG's user units. */
  pixelWidth: number;
  pixelHeight: number;
  /** Print width asked for, mm; absent: the 版心 width. */
  widthMm?: number;
  caption?: SourcedText;
  /** `page`: an attachment's image, as large as the rest of the attachment's first page allows. */
  fit?: 'page';
  origin?: Span;
}
/** The pages of a PDF attachment, each placed on a page of ours, scaled into the 版心, with our page numbers. */
export interface PdfPagesBlock {
  type: 'pdfPages';
  ref: string;
  /** Each page's size (its CropBox), pt. */
  pages: { widthPt: number; heightPt: number }[];
  /** What writers that cannot place PDF pages (DOCX) print instead. */
  note: string;
  origin?: Span;
}
/**
 * The mark lines at the top-left of the 版心 (§7.2.2 密级和保密期限, §7.2.3 紧急程度, a local mark such as 会后收回),
 * in the order of src/gbt9704/marks.ts. The 份号 (§7.2.1) is not in the model: it differs per copy, so the
 * composition adds its line for the build that numbers copies (one model, the 份号 a writer parameter).
 */
export interface MarksBlock {
  type: 'marks';
  lines: { part: 'secret' | 'urgency' | 'mark'; text: string; origin?: Span }[];
}
/**
 * 版头 (§7.2.4–§7.2.7; §10.1 信函格式, §10.3 纪要格式): the 发文机关标志 (one issuer, or several stacked for 联合行文),
 * its suffix (文件, 纪要, or none), the 发文字号 and the 签发人 of an upward document. The mark lines (份号, 密级 …)
 * stay in the marks block; the composition places them in the 版头 where its format wants them.
 */
export interface MastheadBlock {
  type: 'masthead';
  format: 'file' | 'letter' | 'minutes';
  issuers: SourcedText[];
  suffix?: SourcedText;
  docNumber?: SourcedText;
  /** 签发人 names (§7.2.6), in the order of the issuers; empty for documents that are not upward. */
  signers: SourcedText[];
  /** The “签发人：” label as the edition prints it. */
  signerLabel: string;
}
/** 主送机关 (§7.3.2): one line below the title, 顶格, ending in a full-width colon. */
export interface RecipientsBlock {
  type: 'recipients';
  text: string;
  origin?: Span;
}
/** 附注 (§7.3.6): in （）, left 2 字, on the line below the 成文日期. */
export interface NoteBlock {
  type: 'note';
  text: string;
  origin?: Span;
}
/** 出席/请假/列席 (§10.3): “出席：” in 黑体 from 2 字, the names in 仿宋, wrapped lines after the colon. */
export interface AttendanceBlock {
  type: 'attendance';
  lines: { label: string; text: string; origin?: Span }[];
}
/**
 * 版记 (§7.4) on the last (even) page: 抄送 (label + names) and 印发机关 / 印发日期 (“2022年1月5日印发”), between rules;
 * `ruled` false for the 信函格式 (§10.1: no 印发 line and no rules).
 */
export interface ColophonBlock {
  type: 'colophon';
  ruled: boolean;
  copyTo?: { label: string; text: string; origin?: Span };
  imprint?: { organ: string; date: string; origin?: Span };
}
/** An empty grid line (空一行). */
export interface BlankLineBlock {
  type: 'blankLine';
}
/** Forced new page (另面). */
export interface PageBreakBlock {
  type: 'pageBreak';
}

export type Block =
  | TitleBlock
  | SubtitleBlock
  | HeadingBlock
  | ParagraphBlock
  | AttachmentNoteBlock
  | SignatureBlock
  | AttachmentHeadingBlock
  | TableBlock
  | MarksBlock
  | MastheadBlock
  | RecipientsBlock
  | NoteBlock
  | AttendanceBlock
  | ColophonBlock
  | ImageBlock
  | PdfPagesBlock
  | BlankLineBlock
  | PageBreakBlock;

export type BlockType = Block['type'];

/** Metadata every writer needs (PDF Info, DOCX core properties, manifest). */
export interface DocMeta {
  title: string;
  /** 发文机关 / author; may be empty. */
  organ: string;
  /** 成文日期 as YYYY-MM-DD, or empty. */
  date: string;
  edition: Edition;
  /** BCP 47 language tag written into the documents. */
  language: 'zh-CN' | 'zh-TW' | 'zh-HK';
}

export interface DocModel {
  meta: DocMeta;
  blocks: Block[];
}

/**
 * A typed handler table: one handler per block type. A new block type fails to compile until every
 * writer that uses this type handles it.
 */
export type BlockHandlers<Ctx, Out> = {
  [K in BlockType]: (block: Extract<Block, { type: K }>, ctx: Ctx) => Out;
};
