/**
 * Stage: layout. Input: ComposedDocument + the edition's FontSet → DocumentLayout (pages of positioned glyph runs,
 * rules, line records and bookmarks). Independent of pdfmake: the PDF writer only draws what this decides; the
 * roles, anchors, hanging positions and title lines come from the composition, converted here from cells to pt.
 *
 * Vertical policy (README "排版规则"): every line is on the 22-line grid; a blank line is one grid line and never
 * starts a page; a stand-alone heading is kept with the next line (keep-with-next), so that page ends one line
 * early; widows and orphans are allowed, because moving a lone line would leave a page short of 22 lines.
 */
import {
  CELL_PT,
  PAGE_NUMBER_INSET_CELLS,
  EM_BOX_ASCENT,
  MARGIN_TOP_MM,
  TYPE_AREA_HEIGHT_MM,
  PAGE_NUMBER_GAP_MM,
  pageNumberText,
} from '../gbt9704/page.ts';
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import type { Anchor, ComposedDocument, ComposedHandlers, ComposedText } from '../model/composed.ts';
import { dispatch } from '../model/composed.ts';
import { breakLines, type LineWidths } from '../measure/line-breaker.ts';
import { gridStep, gridWidth, measureText, naturalWidth, type FaceGlyph } from '../measure/measure.ts';
import { GridCursor, LANDSCAPE_FRAME, PORTRAIT_FRAME, frameBaseline } from './grid.ts';
import { placeCentred } from './centred.ts';
import { layoutImage, layoutPdfPages } from './media.ts';
import { positionsFrom, toRuns } from './runs.ts';
import { layoutTable } from './table.ts';
import type { Bookmark, DocumentLayout, LineKind } from './types.ts';

interface Ctx {
  fonts: FontSet;
  cursor: GridCursor;
  /** Bookmark ids of the open headings by level (index 0 = level 1). */
  headingIds: string[];
  bookmarkCount: number;
}

const glyphsOf = (texts: readonly ComposedText[], fonts: FontSet): FaceGlyph[] => texts.flatMap((t) => measureText(t.text, t.role, t.sizePt, fonts));

/** Lays out the whole document. */
export function layoutDocument(doc: ComposedDocument, fonts: FontSet): DocumentLayout {
  const ctx: Ctx = { fonts, cursor: new GridCursor(), headingIds: [], bookmarkCount: 0 };
  for (const block of doc.blocks) dispatch(HANDLERS, block, ctx);
  const pages = ctx.cursor.pages;
  for (const page of pages) page.pageNumber = pageNumberRuns(page.index, fonts);
  const faceKeys = [...new Set(pages.flatMap((p) => [...p.runs, ...(p.pageNumber ?? [])].map((r) => r.faceKey)))].sort();
  return { pages, faceKeys };
}

/** Lays a paragraph of glyphs onto the grid as justified lines. */
function placeParagraph(glyphs: FaceGlyph[], widths: LineWidths, kind: LineKind, ctx: Ctx, bookmark?: Bookmark, keepWithNext = false, keepLines = 1): void {
  const lines = breakLines(glyphs, widths);
  if (keepWithNext) ctx.cursor.reserve(lines.length + keepLines);
  lines.forEach((line, n) => {
    ctx.cursor.put(
      (gridLine) => ({
        runs: toRuns(glyphs.slice(line.start, line.end), line.xs, ctx.cursor.frame.left, frameBaseline(ctx.cursor.frame, gridLine, glyphs[line.start]?.sizePt ?? 0)),
        info: {
          kind,
          text: glyphs.slice(line.start, line.end).map((g) => g.ch).join(''),
          left: ctx.cursor.frame.left + (line.xs[0] ?? 0),
          right: ctx.cursor.frame.left + line.right,
          full: widths.justify && !line.last,
          ...(line.adjustment ? { adjustment: line.adjustment } : {}),
        },
      }),
      n === 0 ? bookmark : undefined,
    );
  });
}

/** Places glyphs at grid pitch from `start` (pt from the 版心 left) on the next grid line. */
function placeAt(glyphs: FaceGlyph[], start: number, kind: LineKind, ctx: Ctx): void {
  ctx.cursor.put((gridLine) => ({
    runs: toRuns(glyphs, positionsFrom(glyphs, start, gridStep), ctx.cursor.frame.left, frameBaseline(ctx.cursor.frame, gridLine, glyphs[0]?.sizePt ?? 0)),
    info: { kind, text: glyphs.map((g) => g.ch).join(''), left: ctx.cursor.frame.left + start, right: ctx.cursor.frame.left + start + gridWidth(glyphs), full: false },
  }));
}

/** The left edge, pt from the 版心 left, of a line of `glyphs` set at grid pitch at `anchor`. */
function anchorStart(anchor: Anchor, glyphs: readonly FaceGlyph[], frameWidth: number): number {
  return anchor.edge === 'start' ? anchor.cells * CELL_PT : frameWidth - anchor.insetCells * CELL_PT - gridWidth(glyphs);
}

const widthsFrom = (firstIndentCells: number, restIndentCells: number, frameWidth: number): LineWidths => ({
  firstIndent: firstIndentCells * CELL_PT,
  restIndent: restIndentCells * CELL_PT,
  right: frameWidth,
  justify: true,
});

const CENTRED_KIND = { title: 'title', subtitle: 'subtitle', attachmentTitle: 'attachmentTitle' } as const satisfies Record<string, LineKind>;

const HANDLERS: ComposedHandlers<Ctx, void> = {
  centred: (b, ctx) => {
    ctx.cursor.reserve(b.lines.length);
    for (const line of b.lines) placeCentred(glyphsOf([line], ctx.fonts), CENTRED_KIND[b.style], ctx.cursor);
  },
  blank: (_b, ctx) => ctx.cursor.blank(),
  newPage: (b, ctx) => ctx.cursor.breakPage(b.orientation === 'landscape' ? LANDSCAPE_FRAME : PORTRAIT_FRAME),
  paragraph: (b, ctx) => {
    let bookmark: Bookmark | undefined;
    if (b.bookmark) {
      // Bookmarks nest by level: a heading's parent is the nearest heading one level up.
      const { level, title } = b.bookmark;
      const id = `h${++ctx.bookmarkCount}`;
      ctx.headingIds[level - 1] = id;
      ctx.headingIds.length = level;
      const parentId = level > 1 ? ctx.headingIds[level - 2] : undefined;
      bookmark = { id, title, ...(parentId ? { parentId } : {}) };
    }
    const kind: LineKind = b.style === 'heading' ? 'heading' : 'body';
    placeParagraph(glyphsOf(b.runs, ctx.fonts), widthsFrom(b.firstIndentCells, b.restIndentCells, ctx.cursor.frame.width), kind, ctx, bookmark, b.keepWithNext, b.keepLines);
  },
  hangingList: (b, ctx) => {
    // Only the names are justified, so the hanging alignment is exact on every line.
    for (const item of b.items) {
      const lead = glyphsOf([...(item.prefix ? [item.prefix] : []), ...(item.number ? [item.number] : [])], ctx.fonts);
      const leadXs = positionsFrom(lead, item.leadStartCells * CELL_PT, gridStep);
      const name = glyphsOf([item.text], ctx.fonts);
      const hang = item.hangCells * CELL_PT;
      const lines = breakLines(name, { firstIndent: hang, restIndent: hang, right: ctx.cursor.frame.width, justify: true });
      lines.forEach((line, n) => {
        const glyphs = name.slice(line.start, line.end);
        const withLead = n === 0 && lead.length > 0;
        ctx.cursor.put((gridLine) => {
          const baseline = frameBaseline(ctx.cursor.frame, gridLine, item.text.sizePt);
          const left = ctx.cursor.frame.left;
          return {
            runs: [...(withLead ? toRuns(lead, leadXs, left, baseline) : []), ...toRuns(glyphs, line.xs, left, baseline)],
            info: {
              kind: 'attachmentNote',
              text: (withLead ? lead.map((g) => g.ch).join('') : '') + glyphs.map((g) => g.ch).join(''),
              left: left + (withLead ? (leadXs[0] ?? 0) : (line.xs[0] ?? 0)),
              right: left + line.right,
              full: !line.last,
              ...(line.adjustment ? { adjustment: line.adjustment } : {}),
            },
          };
        });
      });
    }
  },
  placed: (b, ctx) => {
    ctx.cursor.reserve(b.lines.length);
    const kind: LineKind = b.style === 'label' ? 'label' : 'signature';
    for (const line of b.lines) {
      const glyphs = glyphsOf([line.text], ctx.fonts);
      placeAt(glyphs, anchorStart(line.anchor, glyphs, ctx.cursor.frame.width), kind, ctx);
    }
  },
  table: (b, ctx) => layoutTable(b, ctx.fonts, ctx.cursor),
  image: (b, ctx) => layoutImage(b, ctx.fonts, ctx.cursor),
  pdfPages: (b, ctx) => layoutPdfPages(b, ctx.cursor),
};

/**
 * §7.5 页码: 4号 宋体 “— N —” below the 版心; the dash line's em box top 7 mm below the 版心 bottom (269 mm);
 * odd pages right-aligned one 字 in from the right edge, even pages left-aligned one 字 in from the left edge.
 */
function pageNumberRuns(pageIndex: number, fonts: FontSet) {
  const { role, sizePt } = ELEMENT_STYLE.pageNumber;
  const glyphs = measureText(pageNumberText(pageIndex), role, sizePt, fonts);
  const width = naturalWidth(glyphs);
  const inset = PAGE_NUMBER_INSET_CELLS * CELL_PT;
  const x0 = pageIndex % 2 === 1 ? PORTRAIT_FRAME.left + PORTRAIT_FRAME.width - inset - width : PORTRAIT_FRAME.left + inset;
  const top = mmToPt(MARGIN_TOP_MM + TYPE_AREA_HEIGHT_MM + PAGE_NUMBER_GAP_MM);
  return toRuns(glyphs, positionsFrom(glyphs), x0, top + EM_BOX_ASCENT * sizePt);
}
