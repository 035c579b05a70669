/**
 * Stage: layout — the page grid. Input: requests for grid lines → pages with positioned lines.
 * Every text line sits on one of the 22 grid lines of a page (GB/T 9704 §5.2.3): its em box top on the
 * line's top, line 1's top on the 版心 top (37 mm, §5.2.1), lines LINE_PITCH_PT apart.
 *
 * A landscape page (§8 表格横排) has a frame of its own: the sheet turned on its side, the 版心 225 mm wide and
 * 156 mm tall (15 lines at the same pitch), mapped back onto the sheet by the page's `landscape.toPaper`. Content
 * placed while the cursor is in a landscape frame is in that frame's coordinates; the page number never is.
 */
import {
  EM_BOX_ASCENT,
  LANDSCAPE_LINES_PER_PAGE,
  LANDSCAPE_MARGIN_LEFT_MM,
  LANDSCAPE_MARGIN_TOP_MM,
  LANDSCAPE_TYPE_AREA_HEIGHT_MM,
  LANDSCAPE_TYPE_AREA_WIDTH_MM,
  LINES_PER_PAGE,
  LINE_PITCH_PT,
  MARGIN_LEFT_MM,
  MARGIN_TOP_MM,
  PAPER_HEIGHT_MM,
  PAPER_WIDTH_MM,
  TYPE_AREA_HEIGHT_MM,
  TYPE_AREA_WIDTH_PT,
} from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { Bookmark, GlyphRun, LandscapeFrame, LineInfo, PageLayout, PlacedMedia, Rule, StructureNode } from './types.ts';

/** 版心 left edge and top edge on the paper, pt. */
export const TYPE_AREA_LEFT_PT = mmToPt(MARGIN_LEFT_MM);
export const TYPE_AREA_TOP_PT = mmToPt(MARGIN_TOP_MM);


/** The 版心 of a page in the coordinates its content is laid out in. */
export interface PageFrame {
  orientation: 'portrait' | 'landscape';
  left: number;
  top: number;
  width: number;
  /** The 版心's height (what placed PDF pages may fill). */
  height: number;
  /** Grid lines on the page. */
  lines: number;
}

const PAPER = { widthPt: mmToPt(PAPER_WIDTH_MM), heightPt: mmToPt(PAPER_HEIGHT_MM) } as const;

export const PORTRAIT_FRAME: PageFrame = {
  orientation: 'portrait',
  left: TYPE_AREA_LEFT_PT,
  top: TYPE_AREA_TOP_PT,
  width: TYPE_AREA_WIDTH_PT,
  height: mmToPt(TYPE_AREA_HEIGHT_MM),
  lines: LINES_PER_PAGE,
};
export const LANDSCAPE_FRAME: PageFrame = {
  orientation: 'landscape',
  left: mmToPt(LANDSCAPE_MARGIN_LEFT_MM),
  top: mmToPt(LANDSCAPE_MARGIN_TOP_MM),
  width: mmToPt(LANDSCAPE_TYPE_AREA_WIDTH_MM),
  height: mmToPt(LANDSCAPE_TYPE_AREA_HEIGHT_MM),
  lines: LANDSCAPE_LINES_PER_PAGE,
};

/**
 * The turned frame on the sheet: its top edge along the sheet's left edge, its left edge along the sheet's bottom —
 * sheet x = frame y, sheet y = paper height − frame x.
 */
const LANDSCAPE_ON_PAPER: LandscapeFrame = { widthPt: PAPER.heightPt, heightPt: PAPER.widthPt, toPaper: [0, -1, 1, 0, 0, PAPER.heightPt] };

/** Top of grid line `i` of a frame. */
export const frameLineTop = (frame: PageFrame, i: number): number => frame.top + i * LINE_PITCH_PT;
/** Baseline for text of `sizePt` on grid line `i` of a frame. */
export const frameBaseline = (frame: PageFrame, i: number, sizePt: number): number => frameLineTop(frame, i) + EM_BOX_ASCENT * sizePt;

/** Writes lines onto pages in order; starts a new page when a page's lines are used. */
export class GridCursor {
  readonly pages: PageLayout[] = [];
  /** Next free grid line on the current page. */
  line = 0;
  /** The structure element the lines being placed belong to (set per block by the layout). */
  element: StructureNode | undefined;
  /** The frame of the current page. */
  frame: PageFrame = PORTRAIT_FRAME;
  /** A landscape stretch ended: the next content that is not landscape starts a portrait page. */
  private backToPortrait = false;

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
    return this.frame.lines - this.line;
  }

  private get pageIsEmpty(): boolean {
    return this.line === 0 && this.page.runs.length === 0 && this.page.media.length === 0;
  }

  newPage(frame: PageFrame = PORTRAIT_FRAME): void {
    this.backToPortrait = false;
    this.frame = frame;
    this.pages.push({
      index: this.pages.length + 1,
      paper: { ...PAPER },
      ...(frame.orientation === 'landscape' ? { landscape: { ...LANDSCAPE_ON_PAPER } } : {}),
      media: [],
      runs: [],
      rules: [],
      lines: [],
      bookmarks: [],
      structure: [],
    });
    this.line = 0;
  }

  /** Starts a new page unless the current one is still empty; `frame` turns it (§8). */
  breakPage(frame: PageFrame = PORTRAIT_FRAME): void {
    if (this.pageIsEmpty) {
      this.turnEmptyPage(frame);
      return;
    }
    this.newPage(frame);
  }

  /**
   * Continues in a landscape frame (a wide table): on the current page when it already is landscape and has room,
   * else on a new landscape page (an empty current page is turned instead).
   */
  enterLandscape(): void {
    if (this.frame.orientation === 'landscape' && this.remaining > 0) {
      this.backToPortrait = false;
      return;
    }
    this.breakPage(LANDSCAPE_FRAME);
  }

  /** Ends a landscape stretch: what follows starts on a portrait page (a blank line does not carry over). */
  leaveLandscape(): void {
    if (this.frame.orientation === 'landscape') this.backToPortrait = true;
  }

  private turnEmptyPage(frame: PageFrame): void {
    this.backToPortrait = false;
    this.frame = frame;
    const page = this.page;
    if (frame.orientation === 'landscape') page.landscape = { ...LANDSCAPE_ON_PAPER };
    else delete page.landscape;
  }

  /** Portrait content after a landscape stretch starts a new portrait page. */
  private resume(): void {
    if (this.backToPortrait) this.newPage();
  }

  /** Makes sure `n` lines fit on the current page (keep-together), else moves to a new page. */
  reserve(n: number): void {
    this.resume();
    if (n <= this.frame.lines && this.remaining < n) this.newPage(this.frame);
  }

  /** Skips one grid line (空一行); a blank line never starts a page. */
  blank(): void {
    if (this.backToPortrait) return;
    if (this.line === 0) return;
    this.line++;
    if (this.line >= this.frame.lines) this.newPage(this.frame);
  }

  /** Places one line of runs on the next grid line; `place` gets the grid line and returns the runs and info. */
  put(place: (gridLine: number) => { runs: GlyphRun[]; info: Omit<LineInfo, 'gridLine'> }, bookmark?: Bookmark): void {
    this.resume();
    if (this.line >= this.frame.lines) this.newPage(this.frame);
    const { runs, info } = place(this.line);
    if (bookmark) this.page.bookmarks.push({ ...bookmark, runIndex: this.page.runs.length, x: info.left, top: frameLineTop(this.frame, this.line) });
    this.tag(this.element ? [this.element] : undefined, runs.length);
    this.page.runs.push(...runs);
    this.page.lines.push({ ...info, gridLine: this.line });
    this.line++;
  }

  /**
   * Adds free-positioned runs, rules and media (tables, pictures) to the current page; `groups` tells which
   * consecutive runs form which structure element (a table's cells), in order.
   */
  draw(runs: GlyphRun[], rules: Rule[], media: PlacedMedia[] = [], groups: { path: StructureNode[]; count: number }[] = []): void {
    let at = 0;
    for (const g of groups) {
      this.tag(g.path, g.count);
      this.page.runs.push(...runs.slice(at, at + g.count));
      at += g.count;
    }
    this.page.runs.push(...runs.slice(at));
    this.page.rules.push(...rules);
    this.page.media.push(...media);
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

  /** Moves the cursor to the first grid line at or below `y` (pt from the frame's top). */
  continueBelow(y: number): void {
    const next = Math.ceil((y - this.frame.top) / LINE_PITCH_PT - 1e-6);
    this.line = Math.min(Math.max(this.line, next), this.frame.lines);
    // A full landscape page is not followed by an empty one: the next content decides the next page's frame.
    if (this.line >= this.frame.lines && this.frame.orientation === 'portrait') this.newPage();
  }

  /** Marks the current page full: the next content starts a new page (none is made if nothing follows). */
  fill(): void {
    this.line = this.frame.lines;
  }

  /** Prepares portrait content that is drawn freely (a picture): a new portrait page after a landscape stretch. */
  ensurePortraitFlow(): void {
    this.resume();
  }
}
