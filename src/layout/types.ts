/**
 * Stage: layout — output types. The layout is independent of pdfmake: it produces pages of positioned glyph runs
 * and rules in PDF points (origin top-left of the paper, y = baseline), which the PDF writer only draws and the
 * measurement tests and later preview can read.
 */

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
}

/** A straight line (table rules). */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  widthPt: number;
}

/** What a laid-out line is, for measurement tests and diagnostics. */
export type LineKind = 'title' | 'subtitle' | 'heading' | 'body' | 'attachmentNote' | 'signature' | 'label' | 'attachmentTitle' | 'caption';

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

/** A bookmark for the PDF outline (headings). */
export interface Bookmark {
  id: string;
  parentId?: string;
  title: string;
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
  /** Bookmarks whose heading starts on this page, in order, with the run index of the heading's first glyph run. */
  bookmarks: (Bookmark & { runIndex: number })[];
}

export interface DocumentLayout {
  pages: PageLayout[];
  /** Face keys used, for embedding. */
  faceKeys: string[];
}

