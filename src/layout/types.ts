/**
 * Stage: layout — output types. The layout is independent of pdfmake: it produces pages of positioned glyph runs
 * and rules in PDF points (origin top-left of the paper, y = baseline), which the PDF writer only draws and the
 * measurement tests and later preview can read.
 */
import type { Ink } from '../gbt9704/ink.ts';

/** A run of glyphs in one face and size drawn from `x` with a uniform extra spacing between glyphs. */
export interface GlyphRun {
  text: string;
  faceKey: string;
  sizePt: number;
  /** Left edge of the first glyph, pt from the paper's left edge. */
  x: number;
  /** Baseline, pt from the paper's top edge. */
  baseline: number;
  /** Extra space after every glyph but the last (PDF Tc), pt. */
  charSpacing: number;
  /** From the first glyph's left edge to the last glyph's advance end, pt (advances + spacing between glyphs). */
  width: number;
  /** Drawn in this ink (the 版头's red, src/gbt9704/ink.ts); black when absent. */
  ink?: Ink;
}

/** A straight line (table rules, the 版头's red rules, the 版记's rules); (x1, y1)–(x2, y2) is its centre line. */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  widthPt: number;
  /** Red (the 版头's rules); black when absent. */
  ink?: Ink;
  /** `butt`: the line ends exactly at its end points (a rule as long as the 版心); table rules have square caps. */
  cap?: 'butt';
}

/** What a laid-out line is, for measurement tests and diagnostics. */
export type LineKind =
  | 'mark'
  | 'copyNumber'
  | 'title'
  | 'subtitle'
  | 'heading'
  | 'body'
  | 'attachmentNote'
  | 'signature'
  | 'label'
  | 'attachmentTitle'
  | 'caption'
  | 'docNumber'
  | 'recipients'
  | 'attendance';

/** One text line on the grid (tables are not grid lines). */
export interface LineInfo {
  kind: LineKind;
  /** 0-based grid line on the page. */
  gridLine: number;
  text: string;
  /** Left edge of the first glyph and right edge of the last glyph box, pt. */
  left: number;
  right: number;
  /** A non-last line of a justified paragraph: must end on the 版心's right edge. */
  full: boolean;
  /** How the line breaker had to deviate from a plain fill (kinsoku push-in / carry-down). */
  adjustment?: 'push-in' | 'carry-down';
}

/** A bookmark for the PDF outline (headings, attachments). */
export interface Bookmark {
  id: string;
  parentId?: string;
  title: string;
}

/** A bookmark where it points: the top-left corner of its line (first glyph's left edge, grid line top), pt. */
export interface PlacedBookmark extends Bookmark {
  /** Run index of the line's first glyph run on the page. */
  runIndex: number;
  x: number;
  top: number;
}

/** PDF standard structure types the layout tags content with (ISO 32000-1 §14.8.4). */
export type StructureType = 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'P' | 'Table' | 'TR' | 'TH' | 'TD';

/** One element of the document's logical structure: `id` is stable across pages (a paragraph split over two pages). */
export interface StructureNode {
  id: string;
  type: StructureType;
}

/**
 * Runs of a page that belong to one structure element: `path` from the outermost element (a paragraph, or a table →
 * row → cell) to the one holding the runs `runStart`…`runEnd − 1`.
 */
export interface StructureSpan {
  path: StructureNode[];
  runStart: number;
  runEnd: number;
}

/** A picture or a page of a PDF attachment placed on a page: its box in the page's content frame, pt. */
export interface PlacedMedia {
  kind: 'image' | 'pdfPage';
  /** Media key (the file as the data names it); the writers get the bytes by it. */
  ref: string;
  format: 'png' | 'jpeg' | 'svg' | 'pdf';
  /** 0-based page of the PDF (pdfPage only). */
  page?: number;
  /** Left and top edge of the box, and its size. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A 2-D affine map [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f (pt, y down, as everywhere here). */
export type Matrix = readonly [number, number, number, number, number, number];

/**
 * A landscape page (§8 表格横排): the content (runs, rules, media) is laid out in a frame the size of the paper turned
 * on its side, and `toPaper` maps that frame onto the (portrait) paper so that the frame's top — the table's head —
 * lies along the paper's left edge: the binding edge of an odd page, the outer edge of an even one. The page number
 * stays in the paper's frame, where the portrait pages have it.
 */
export interface LandscapeFrame {
  widthPt: number;
  heightPt: number;
  toPaper: Matrix;
}

export interface PageLayout {
  /** 1-based physical page number. */
  index: number;
  /** The sheet, pt (A4 portrait for every page; a landscape page turns its content, not the sheet). */
  paper: { widthPt: number; heightPt: number };
  /** Present on a landscape page: runs, rules and media are in this frame. */
  landscape?: LandscapeFrame;
  /** Pictures and PDF pages, drawn below the runs. */
  media: PlacedMedia[];
  runs: GlyphRun[];
  rules: Rule[];
  lines: LineInfo[];
  /** The printed page number, or undefined for a page GB/T 9704 leaves unnumbered. */
  pageNumber?: GlyphRun[];
  /** Bookmarks whose heading or attachment starts on this page, in order. */
  bookmarks: PlacedBookmark[];
  /** Which runs form which structure element (tagged PDF); the page number and rules are not content. */
  structure: StructureSpan[];
}

/**
 * Where the 份号's six digits go (§7.2.1: line 1 of the first page, 顶格). The digits are not among the page's runs:
 * every copy of the print file draws its own into the same cells (src/layout/copy-number.ts), so the pages are laid
 * out once for all copies. Each digit has a cell as wide as the face's widest digit and is centred in it, so every
 * 份号 occupies the same place whatever its digits.
 */
export interface CopyNumberSlot {
  /** 1-based page (the first page). */
  page: number;
  /** The digits the composition put there: a real 份号, or the placeholder of a copies layout. */
  text: string;
  faceKey: string;
  sizePt: number;
  baseline: number;
  /** Left edge of each digit cell, pt from the paper's left edge. */
  cells: number[];
  cellWidth: number;
  /** Advance of the digits 0–9 in the face, pt. */
  digitAdvances: number[];
}

/**
 * A copy's watermark line (`--watermark`): glyphs along a baseline through the 版心 centre at `angleDeg`, drawn as
 * outlines under the text (src/gbt9704/marks.ts WATERMARK); never part of the grid.
 */
export interface WatermarkLayout {
  text: string;
  sizePt: number;
  angleDeg: number;
  /** Start of the baseline, pt from the paper's top-left corner (y down). */
  x: number;
  y: number;
  /** Each glyph: its code point, face and offset along the baseline, pt. */
  glyphs: { cp: number; faceKey: string; offset: number }[];
}

/**
 * Where the 版记 went (§7.4, §7.5): on the page `page` (1-based) with its top edge at `top` (pt from the paper top);
 * `alone` when nothing else is on that page, `blankBefore` when an unnumbered blank page precedes it. The DOCX writer
 * follows this placement (its own flow has no bottom-anchored objects that LibreOffice keeps in place).
 */
export interface ColophonPlacement {
  page: number;
  top: number;
  alone: boolean;
  blankBefore: boolean;
  /** Top of the first free grid line above the 版记 on its page (where the body ended), pt from the paper top. */
  bodyEnd: number;
}

/**
 * Where the 版头 went (§7.2, §10.1), pt from the paper top unless stated: the DOCX writer builds its paragraphs to the
 * same positions.
 */
export interface MastheadPlacement {
  /** Baseline of each line of the 标志 (one, or one per stacked issuer), and of the suffix beside stacked names. */
  markBaselines: number[];
  suffixBaseline?: number;
  /** Grid line of the first 发文字号/签发人 line (文件, 纪要) or of the first element under the double rule (信函). */
  numberLine: number;
  /** Grid lines those take (0 when the 版头 has none). */
  numberLines: number;
  /** Grid lines the mark lines take above the 标志 (文件, 纪要); under the double rule they are the element lines. */
  markLines: number;
  /** The red rule (the upper double rule of a 信函): its top and bottom edges. */
  ruleTop: number;
  ruleBottom: number;
  /** Grid line the title starts on. */
  titleLine: number;
}

export interface DocumentLayout {
  pages: PageLayout[];
  /** Where the 版头 is, when the document has one. */
  masthead?: MastheadPlacement;
  /** Where the 版记 is, when the document has one. */
  colophon?: ColophonPlacement;
  /** Face keys used, for embedding. */
  faceKeys: string[];
  /** The 份号 cells, when the document carries a 份号 line. */
  copyNumber?: CopyNumberSlot;
  /** One watermark per copy, in copy order (numbered copies with `--watermark`). */
  watermarks?: WatermarkLayout[];
}

