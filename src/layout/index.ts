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
  PAGE_NUMBER_DASH,
  PAGE_NUMBER_DASH_TOP_MM,
  pageNumberText,
} from '../gbt9704/page.ts';
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import type { Anchor, ComposedDocument, ComposedHandlers, ComposedText, HangingItem } from '../model/composed.ts';
import { dispatch } from '../model/composed.ts';
import { breakLines, type LineWidths } from '../measure/line-breaker.ts';
import { gridStep, gridWidth, measureText, naturalWidth, type FaceGlyph } from '../measure/measure.ts';
import { GridCursor, LANDSCAPE_FRAME, PORTRAIT_FRAME, frameBaseline } from './grid.ts';
import { placeCentred } from './centred.ts';
import { layoutImage, layoutPdfPages } from './media.ts';
import { positionsFrom, toRuns } from './runs.ts';
import { layoutTable } from './table.ts';
import { placeMarkLines } from './mark-lines.ts';
import { layoutWatermark } from './watermark.ts';
import { layoutMasthead } from './masthead.ts';
import { layoutColophon } from './colophon.ts';
import type { Bookmark, ColophonPlacement, CopyNumberSlot, DocumentLayout, LineKind, MastheadPlacement, StructureNode } from './types.ts';

interface Ctx {
  fonts: FontSet;
  cursor: GridCursor;
  /** The 份号 cells, once its line is placed. */
  copyNumber?: CopyNumberSlot;
  /** Bookmark ids of the open headings by level (index 0 = level 1). */
  headingIds: string[];
  bookmarkCount: number;
  /** Pages GB/T 9704 leaves without a page number (§7.5 the blank and 版记 pages, §10.1 a 信函's first page). */
  unnumbered: Set<number>;
  masthead?: MastheadPlacement;
  colophon?: ColophonPlacement;
}

const glyphsOf = (texts: readonly ComposedText[], fonts: FontSet): FaceGlyph[] => texts.flatMap((t) => measureText(t.text, t.role, t.sizePt, fonts));

/** Lays out the whole document. */
export function layoutDocument(doc: ComposedDocument, fonts: FontSet): DocumentLayout {
  const ctx: Ctx = { fonts, cursor: new GridCursor(), headingIds: [], bookmarkCount: 0, unnumbered: new Set() };
  doc.blocks.forEach((block, i) => {
    ctx.cursor.element = structureOf(block, i);
    dispatch(HANDLERS, block, ctx);
  });
  const pages = ctx.cursor.pages;
  for (const page of pages) if (!ctx.unnumbered.has(page.index)) page.pageNumber = pageNumberRuns(page.index, fonts);
  const slot = ctx.copyNumber;
  const faceKeys = [...new Set([...pages.flatMap((p) => [...p.runs, ...(p.pageNumber ?? [])].map((r) => r.faceKey)), ...(slot ? [slot.faceKey] : [])])].sort();
  return {
    pages,
    faceKeys,
    ...(slot ? { copyNumber: slot } : {}),
    ...(ctx.masthead ? { masthead: ctx.masthead } : {}),
    ...(ctx.colophon ? { colophon: ctx.colophon } : {}),
    ...(doc.watermarks ? { watermarks: doc.watermarks.map((w) => layoutWatermark(w, fonts)) } : {}),
  };
}

/**
 * The structure element a block's lines belong to (tagged PDF): the title and attachment titles H1, the heading
 * levels 一、 … （1） H2–H5, a table a Table (its rows and cells: table.ts); everything else a paragraph.
 */
function structureOf(block: ComposedDocument['blocks'][number], index: number): StructureNode | undefined {
  const id = `b${index}`;
  switch (block.kind) {
    case 'blank':
    case 'newPage':
      return undefined;
    case 'centred':
      return { id, type: block.style === 'subtitle' ? 'P' : 'H1' };
    case 'paragraph':
      return { id, type: block.style === 'heading' && block.headingLevel ? (`H${block.headingLevel + 1}` as StructureNode['type']) : 'P' };
    case 'table':
      return { id, type: 'Table' };
    default:
      return { id, type: 'P' };
  }
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
function placeAt(glyphs: FaceGlyph[], start: number, kind: LineKind, ctx: Ctx, bookmark?: Bookmark): void {
  ctx.cursor.put(
    (gridLine) => ({
      runs: toRuns(glyphs, positionsFrom(glyphs, start, gridStep), ctx.cursor.frame.left, frameBaseline(ctx.cursor.frame, gridLine, glyphs[0]?.sizePt ?? 0)),
      info: { kind, text: glyphs.map((g) => g.ch).join(''), left: ctx.cursor.frame.left + start, right: ctx.cursor.frame.left + start + gridWidth(glyphs), full: false },
    }),
    bookmark,
  );
}

/** Hanging items (附件说明 §7.3.4, 出席名单 §10.3): the lead at grid pitch, the text justified from the hanging position. */
function placeHanging(items: readonly HangingItem[], kind: LineKind, ctx: Ctx): void {
  // Only the names are justified, so the hanging alignment is exact on every line.
  for (const item of items) {
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
            kind,
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
}

/** The outline entry of a heading or attachment; entries nest by level (a level-n entry's parent is the last level n−1). */
function outlineEntry(entry: { title: string; level: number } | undefined, ctx: Ctx): Bookmark | undefined {
  if (!entry) return undefined;
  const { level, title } = entry;
  const id = `h${++ctx.bookmarkCount}`;
  ctx.headingIds[level - 1] = id;
  ctx.headingIds.length = level;
  const parentId = level > 1 ? ctx.headingIds[level - 2] : undefined;
  return { id, title, ...(parentId ? { parentId } : {}) };
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
    const kind: LineKind = b.style === 'heading' ? 'heading' : 'body';
    placeParagraph(glyphsOf(b.runs, ctx.fonts), widthsFrom(b.firstIndentCells, b.restIndentCells, ctx.cursor.frame.width), kind, ctx, outlineEntry(b.bookmark, ctx), b.keepWithNext, b.keepLines);
  },
  hangingList: (b, ctx) => placeHanging(b.items, 'attachmentNote', ctx),
  placed: (b, ctx) => {
    ctx.cursor.reserve(b.lines.length);
    const kind: LineKind = b.style === 'label' ? 'label' : 'signature';
    const bookmark = outlineEntry(b.bookmark, ctx);
    b.lines.forEach((line, n) => {
      const glyphs = glyphsOf([line.text], ctx.fonts);
      placeAt(glyphs, anchorStart(line.anchor, glyphs, ctx.cursor.frame.width), kind, ctx, n === 0 ? bookmark : undefined);
    });
  },
  // §7.2.1–§7.2.3: one mark line per grid line from line 1, 顶格; the 份号's digits go into cells every copy stamps.
  marks: (b, ctx) => {
    ctx.cursor.reserve(b.lines.length);
    const slot = placeMarkLines(b.lines, ctx.fonts, ctx.cursor);
    if (slot) ctx.copyNumber = slot;
  },
  masthead: (b, ctx) => {
    const result = layoutMasthead(b, ctx.fonts, ctx.cursor, ctx.cursor.element);
    ctx.masthead = result.placement;
    if (result.slot) ctx.copyNumber = result.slot;
    for (const p of result.unnumbered) ctx.unnumbered.add(p);
  },
  // §7.3.2 主送机关 顶格，回行时仍顶格.
  recipients: (b, ctx) => placeParagraph(glyphsOf([b.text], ctx.fonts), widthsFrom(0, 0, ctx.cursor.frame.width), 'recipients', ctx),
  attendance: (b, ctx) => placeHanging(b.items, 'attendance', ctx),
  colophon: (b, ctx) => {
    const result = layoutColophon(b, ctx.fonts, ctx.cursor, ctx.cursor.element);
    ctx.colophon = result.placement;
    for (const p of result.unnumbered) ctx.unnumbered.add(p);
  },
  table: (b, ctx) => layoutTable(b, ctx.fonts, ctx.cursor),
  image: (b, ctx) => layoutImage(b, ctx.fonts, ctx.cursor),
  pdfPages: (b, ctx) => layoutPdfPages(b, ctx.cursor),
};

/**
 * §7.5 页码: 4号 宋体 “— N —” below the 版心; the top of the dash's ink 7 mm below the 版心 bottom (269 mm), so the
 * baseline is 269 mm plus the dash glyph's height above its baseline in the face that draws it; odd pages
 * right-aligned one 字 in from the right edge, even pages left-aligned one 字 in from the left edge.
 */
function pageNumberRuns(pageIndex: number, fonts: FontSet) {
  const { role, sizePt } = ELEMENT_STYLE.pageNumber;
  const glyphs = measureText(pageNumberText(pageIndex), role, sizePt, fonts);
  const width = naturalWidth(glyphs);
  const inset = PAGE_NUMBER_INSET_CELLS * CELL_PT;
  const x0 = pageIndex % 2 === 1 ? PORTRAIT_FRAME.left + PORTRAIT_FRAME.width - inset - width : PORTRAIT_FRAME.left + inset;
  return toRuns(glyphs, positionsFrom(glyphs), x0, pageNumberBaseline(fonts));
}

/** Baseline of the page number: the dash's ink top (glyph box yMax) at 269 mm (§7.5). */
export function pageNumberBaseline(fonts: FontSet): number {
  const { role, sizePt } = ELEMENT_STYLE.pageNumber;
  const cp = PAGE_NUMBER_DASH.codePointAt(0) ?? 0;
  const face = fonts.faceFor(role, cp);
  return mmToPt(PAGE_NUMBER_DASH_TOP_MM) + (face ? face.inkTopPt(cp, sizePt) : 0);
}
