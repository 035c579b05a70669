/**
 * Stage: layout — the page grid. Input: requests for grid lines → pages with positioned lines.
 * Every text line sits on one of the 22 grid lines of a page (GB/T 9704 §5.2.3): its em box top on the
 * line's top, line 1's top on the 版心 top (37 mm, §5.2.1), lines LINE_PITCH_PT apart.
 */
import { EM_BOX_ASCENT, LINES_PER_PAGE, LINE_PITCH_PT, MARGIN_LEFT_MM, MARGIN_TOP_MM } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { Bookmark, GlyphRun, LineInfo, PageLayout, Rule, StructureNode } from './types.ts';

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
  /** The structure element the lines being placed belong to (set per block by the layout). */
  element: StructureNode | undefined;

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
    this.pages.push({ index: this.pages.length + 1, runs: [], rules: [], lines: [], bookmarks: [], structure: [] });
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
    this.tag(this.element ? [this.element] : undefined, runs.length);
    this.page.runs.push(...runs);
    this.page.lines.push({ ...info, gridLine: this.line });
    this.line++;
  }

  /**
   * Adds free-positioned runs and rules (tables) to the current page; `groups` tells which consecutive runs form which
   * structure element (a table's cells), in order.
   */
  draw(runs: GlyphRun[], rules: Rule[], groups: { path: StructureNode[]; count: number }[] = []): void {
    let at = 0;
    for (const g of groups) {
      this.tag(g.path, g.count);
      this.page.runs.push(...runs.slice(at, at + g.count));
      at += g.count;
    }
    this.page.runs.push(...runs.slice(at));
    this.page.rules.push(...rules);
  }

  /** Records that the next `count` runs of the page belong to the element at the end of `path`. */
  private tag(path: StructureNode[] | undefined, count: number): void {
    if (!path || count === 0) return;
    const runStart = this.page.runs.length;
    const last = this.page.structure.at(-1);
    // Lines of one paragraph on one page form one span.
    if (last && last.runEnd === runStart && last.path.map((n) => n.id).join('/') === path.map((n) => n.id).join('/')) last.runEnd += count;
    else this.page.structure.push({ path, runStart, runEnd: runStart + count });
  }

  /** Moves the cursor to the first grid line at or below `y` (pt from the paper top). */
  continueBelow(y: number): void {
    const next = Math.ceil((y - TYPE_AREA_TOP_PT) / LINE_PITCH_PT - 1e-6);
    this.line = Math.max(this.line, next);
    if (this.line >= LINES_PER_PAGE) this.newPage();
  }
}
