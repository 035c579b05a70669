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
export type LineKind = 'mark' | 'copyNumber' | 'title' | 'subtitle' | 'heading' | 'body' | 'attachmentNote' | 'signature' | 'label' | 'attachmentTitle';

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

export interface PageLayout {
  /** 1-based physical page number. */
  index: number;
  runs: GlyphRun[];
  rules: Rule[];
  lines: LineInfo[];
  /** The printed page number, or undefined for a page GB/T 9704 leaves unnumbered. */
  pageNumber?: GlyphRun[];
  /** Bookmarks whose heading starts on this page, in order, with the run index of the heading's first glyph run. */
  bookmarks: (Bookmark & { runIndex: number })[];
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

export interface DocumentLayout {
  pages: PageLayout[];
  /** Face keys used, for embedding. */
  faceKeys: string[];
  /** The 份号 cells, when the document carries a 份号 line. */
  copyNumber?: CopyNumberSlot;
  /** One watermark per copy, in copy order (numbered copies with `--watermark`). */
  watermarks?: WatermarkLayout[];
}

