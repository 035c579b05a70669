/**
 * Stage: layout — the page grid. Input: requests for grid lines → pages with positioned lines.
 * Every text line sits on one of the 22 grid lines of a page (GB/T 9704 §5.2.3): its em box top on the
 * line's top, line 1's top on the 版心 top (37 mm, §5.2.1), lines LINE_PITCH_PT apart.
 */
import { EM_BOX_ASCENT, LINES_PER_PAGE, LINE_PITCH_PT, MARGIN_LEFT_MM, MARGIN_TOP_MM } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { Bookmark, GlyphRun, LineInfo, PageLayout, Rule } from './types.ts';

/** 版心 left edge and top edge on the paper, pt. */
export const TYPE_AREA_LEFT_PT = mmToPt(MARGIN_LEFT_MM);
export const TYPE_AREA_TOP_PT = mmToPt(MARGIN_TOP_MM);

/** Top of grid line `i` (0-based), pt from the paper top. */
export const gridLineTop = (i: number): number => TYPE_AREA_TOP_PT + i * LINE_PITCH_PT;
/** Baseline for text of `sizePt` on grid line `i`: the em box top on the line top. */
export const gridBaseline = (i: number, sizePt: number): number => gridLineTop(i) + EM_BOX_ASCENT * sizePt;

/** Writes lines onto pages in order; starts a new page when a page's 22 lines are used. */
export class GridCursor {
  readonly pages: PageLayout[] = [];
  /** Next free grid line on the current page. */
  line = 0;

  constructor() {
    this.newPage();
  }

  get page(): PageLayout {
    const p = this.pages.at(-1);
    if (!p) throw new Error('no page');
    return p;
  }

  /** Grid lines left on the current page. */
  get remaining(): number {
    return LINES_PER_PAGE - this.line;
  }

  newPage(): void {
    this.pages.push({ index: this.pages.length + 1, runs: [], rules: [], lines: [], bookmarks: [] });
    this.line = 0;
  }

  /** Starts a new page unless the current one is still empty. */
  breakPage(): void {
    if (this.line > 0 || this.page.runs.length > 0) this.newPage();
  }

  /** Makes sure `n` lines fit on the current page (keep-together), else moves to a new page. */
  reserve(n: number): void {
    if (n <= LINES_PER_PAGE && this.remaining < n) this.newPage();
  }

  /** Skips one grid line (空一行); a blank line never starts a page. */
  blank(): void {
    if (this.line === 0) return;
    this.line++;
    if (this.line >= LINES_PER_PAGE) this.newPage();
  }

  /** Places one line of runs on the next grid line; `place` gets the grid line and returns the runs and info. */
  put(place: (gridLine: number) => { runs: GlyphRun[]; info: Omit<LineInfo, 'gridLine'> }, bookmark?: Bookmark): void {
    if (this.line >= LINES_PER_PAGE) this.newPage();
    const { runs, info } = place(this.line);
    if (bookmark) this.page.bookmarks.push({ ...bookmark, runIndex: this.page.runs.length, x: info.left, top: gridLineTop(this.line) });
    this.page.runs.push(...runs);
    this.page.lines.push({ ...info, gridLine: this.line });
    this.line++;
  }

  /** Adds free-positioned runs and rules (tables) to the current page. */
  draw(runs: GlyphRun[], rules: Rule[]): void {
    this.page.runs.push(...runs);
    this.page.rules.push(...rules);
  }

  /** Moves the cursor to the first grid line at or below `y` (pt from the paper top). */
  continueBelow(y: number): void {
    const next = Math.ceil((y - TYPE_AREA_TOP_PT) / LINE_PITCH_PT - 1e-6);
    this.line = Math.max(this.line, next);
    if (this.line >= LINES_PER_PAGE) this.newPage();
  }
}
