/**
 * Stage: layout. Input: DocModel + the edition's FontSet → DocumentLayout (pages of positioned glyph runs, rules,
 * line records and bookmarks). Independent of pdfmake: the PDF writer only draws what this decides.
 *
 * Vertical policy (README "排版规则"): every line is on the 22-line grid; a blank line is one grid line and never
 * starts a page; a stand-alone heading is kept with the next line (keep-with-next), so that page ends one line
 * early; widows and orphans are allowed, because moving a lone line would leave a page short of 22 lines.
 */
import {
  CELL_PT,
  PAGE_NUMBER_INSET_CELLS,
  PARAGRAPH_INDENT_CELLS,
  SIGNATURE_DATE_SHIFT_CELLS,
  SIGNATURE_RIGHT_INSET_CELLS,
  TYPE_AREA_WIDTH_PT,
  ATTACHMENT_TITLE_LINE,
  EM_BOX_ASCENT,
  MARGIN_TOP_MM,
  TYPE_AREA_HEIGHT_MM,
  PAGE_NUMBER_GAP_MM,
  pageNumberText,
  ATTACHMENT_NOTE_PREFIX,
} from '../gbt9704/page.ts';
import { BODY_SIZE_PT, PAGE_NUMBER_SIZE_PT, TITLE_SIZE_PT } from '../gbt9704/type-sizes.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import type { BlockHandlers, DocModel, FontRole, HeadingBlock, Inline } from '../model/types.ts';
import { GridCursor, TYPE_AREA_LEFT_PT, gridBaseline } from './grid.ts';
import { breakLines, type LineWidths } from './line-breaker.ts';
import { gridStep, gridWidth, measureText, naturalWidth, positionsFrom, toRuns, type FaceGlyph } from './measure.ts';
import { layoutTable } from './table.ts';
import { shapeTitle } from './title.ts';
import type { Bookmark, DocumentLayout, LineKind } from './types.ts';

interface Ctx {
  fonts: FontSet;
  cursor: GridCursor;
  headingIds: string[];
  bookmarkCount: number;
}

const HEADING_ROLE: Record<HeadingBlock['level'], FontRole> = { 1: 'heading1', 2: 'heading2', 3: 'body', 4: 'body' };

/** Lays out the whole document. */
export function layoutDocument(model: DocModel, fonts: FontSet): DocumentLayout {
  const ctx: Ctx = { fonts, cursor: new GridCursor(), headingIds: [], bookmarkCount: 0 };
  for (const block of model.blocks) (HANDLERS[block.type] as (b: typeof block, c: Ctx) => void)(block, ctx);
  const pages = ctx.cursor.pages;
  for (const page of pages) page.pageNumber = pageNumberRuns(page.index, fonts);
  const faceKeys = [...new Set(pages.flatMap((p) => [...p.runs, ...(p.pageNumber ?? [])].map((r) => r.faceKey)))].sort();
  return { pages, faceKeys };
}

/** Lays a paragraph of inlines onto the grid as justified lines. */
function placeParagraph(inlines: readonly Inline[], widths: LineWidths, kind: LineKind, ctx: Ctx, bookmark?: Bookmark, keepWithNext = false): void {
  const glyphs: FaceGlyph[] = inlines.flatMap((i) => measureText(i.text, i.role, BODY_SIZE_PT, ctx.fonts));
  const lines = breakLines(glyphs, widths);
  if (keepWithNext) ctx.cursor.reserve(lines.length + 1);
  lines.forEach((line, n) => {
    ctx.cursor.put(
      (gridLine) => ({
        runs: toRuns(glyphs.slice(line.start, line.end), line.xs, TYPE_AREA_LEFT_PT, gridBaseline(gridLine, BODY_SIZE_PT)),
        info: {
          kind,
          text: glyphs.slice(line.start, line.end).map((g) => g.ch).join(''),
          left: TYPE_AREA_LEFT_PT + (line.xs[0] ?? 0),
          right: TYPE_AREA_LEFT_PT + line.right,
          full: widths.justify && !line.last,
          ...(line.adjustment ? { adjustment: line.adjustment } : {}),
        },
      }),
      n === 0 ? bookmark : undefined,
    );
  });
}

/** Places one centred line (title, subtitle, attachment title). */
function placeCentred(glyphs: FaceGlyph[], sizePt: number, kind: LineKind, ctx: Ctx): void {
  const width = naturalWidth(glyphs);
  const x0 = TYPE_AREA_LEFT_PT + (TYPE_AREA_WIDTH_PT - width) / 2;
  ctx.cursor.put((gridLine) => ({
    runs: toRuns(glyphs, positionsFrom(glyphs), x0, gridBaseline(gridLine, sizePt)),
    info: { kind, text: glyphs.map((g) => g.ch).join(''), left: x0, right: x0 + width, full: false },
  }));
}

function placeTitle(text: string, role: FontRole, sizePt: number, kind: LineKind, ctx: Ctx): void {
  const glyphs = measureText(text, role, sizePt, ctx.fonts);
  const ranges = shapeTitle(glyphs, TYPE_AREA_WIDTH_PT);
  ctx.cursor.reserve(ranges.length);
  for (const [s, e] of ranges) placeCentred(glyphs.slice(s, e), sizePt, kind, ctx);
}

const bodyWidths = (firstIndentCells: number, restIndentCells = 0): LineWidths => ({
  firstIndent: firstIndentCells * CELL_PT,
  restIndent: restIndentCells * CELL_PT,
  right: TYPE_AREA_WIDTH_PT,
  justify: true,
});

const HANDLERS: BlockHandlers<Ctx, void> = {
  title: (b, ctx) => placeTitle(b.text, 'title', TITLE_SIZE_PT, 'title', ctx),
  subtitle: (b, ctx) => placeTitle(b.text, 'subtitle', BODY_SIZE_PT, 'subtitle', ctx),
  blankLine: (_b, ctx) => ctx.cursor.blank(),
  pageBreak: (_b, ctx) => ctx.cursor.breakPage(),
  paragraph: (b, ctx) => placeParagraph(b.inlines, bodyWidths(PARAGRAPH_INDENT_CELLS), 'body', ctx),
  heading: (b, ctx) => {
    const role = HEADING_ROLE[b.level];
    const inlines: Inline[] = [{ text: b.number + b.text, role, ...(b.origin ? { origin: b.origin } : {}) }, ...(b.runIn ?? [])];
    // Bookmarks nest by level: a heading's parent is the nearest heading one level up.
    const id = `h${++ctx.bookmarkCount}`;
    ctx.headingIds[b.level - 1] = id;
    ctx.headingIds.length = b.level;
    const parentId = b.level > 1 ? ctx.headingIds[b.level - 2] : undefined;
    const bookmark: Bookmark = { id, title: b.number + b.text, ...(parentId ? { parentId } : {}) };
    placeParagraph(inlines, bodyWidths(PARAGRAPH_INDENT_CELLS), b.runIn ? 'body' : 'heading', ctx, bookmark, !b.runIn);
  },
  attachmentNote: (b, ctx) => {
    // §7.3.4: 附件 one blank line below the body (the template emits it), 左空二字, “附件：1. 名称”. Every name starts at
    // one hanging position (after “附件：” and the widest number) and its wrapped lines align under its first
    // character; later items set their number under the first item's number. Only the names are justified, so the
    // alignment is exact on every line.
    const size = BODY_SIZE_PT;
    const prefix = measureText(ATTACHMENT_NOTE_PREFIX, 'body', size, ctx.fonts);
    const numberStart = PARAGRAPH_INDENT_CELLS * CELL_PT + gridWidth(prefix);
    const numbers = b.items.map((item) => measureText(item.number ? `${item.number} ` : '', 'body', size, ctx.fonts));
    const hang = numberStart + Math.max(0, ...numbers.map(naturalWidth));
    b.items.forEach((item, i) => {
      const lead = [...(i === 0 ? prefix : []), ...(numbers[i] ?? [])];
      const leadXs = positionsFrom(lead, i === 0 ? PARAGRAPH_INDENT_CELLS * CELL_PT : numberStart, gridStep);
      const name = measureText(item.title, 'body', size, ctx.fonts);
      const lines = breakLines(name, { firstIndent: hang, restIndent: hang, right: TYPE_AREA_WIDTH_PT, justify: true });
      lines.forEach((line, n) => {
        const glyphs = name.slice(line.start, line.end);
        const withLead = n === 0 && lead.length > 0;
        ctx.cursor.put((gridLine) => ({
          runs: [...(withLead ? toRuns(lead, leadXs, TYPE_AREA_LEFT_PT, gridBaseline(gridLine, size)) : []), ...toRuns(glyphs, line.xs, TYPE_AREA_LEFT_PT, gridBaseline(gridLine, size))],
          info: {
            kind: 'attachmentNote',
            text: (withLead ? lead.map((g) => g.ch).join('') : '') + glyphs.map((g) => g.ch).join(''),
            left: TYPE_AREA_LEFT_PT + (withLead ? (leadXs[0] ?? 0) : (line.xs[0] ?? 0)),
            right: TYPE_AREA_LEFT_PT + line.right,
            full: !line.last,
            ...(line.adjustment ? { adjustment: line.adjustment } : {}),
          },
        }));
      });
    });
  },
  signature: (b, ctx) => {
    // §7.3.5.2: 署名 右空二字; 成文日期 on the next line, its first character two characters right of the 署名's;
    // a longer date is set 右空二字 and the 署名 moves left accordingly.
    const organ = measureText(b.organ, 'body', BODY_SIZE_PT, ctx.fonts);
    const date = measureText(b.date, 'body', BODY_SIZE_PT, ctx.fonts);
    const rightEdge = TYPE_AREA_WIDTH_PT - SIGNATURE_RIGHT_INSET_CELLS * CELL_PT;
    let organStart = rightEdge - gridWidth(organ);
    let dateStart = organStart + SIGNATURE_DATE_SHIFT_CELLS * CELL_PT;
    if (dateStart + gridWidth(date) > rightEdge) {
      dateStart = rightEdge - gridWidth(date);
      organStart = Math.min(organStart, dateStart - SIGNATURE_DATE_SHIFT_CELLS * CELL_PT);
    }
    ctx.cursor.reserve((organ.length ? 1 : 0) + (date.length ? 1 : 0));
    if (organ.length) placeAt(organ, organStart, 'signature', ctx);
    if (date.length) placeAt(date, dateStart, 'signature', ctx);
  },
  attachmentHeading: (b, ctx) => {
    // §7.3.7: 另面编排; “附件N” 3号黑体 顶格 on line 1; the title centred on line 3.
    ctx.cursor.breakPage();
    placeAt(measureText(b.label, 'heading1', BODY_SIZE_PT, ctx.fonts), 0, 'label', ctx);
    while (ctx.cursor.line < ATTACHMENT_TITLE_LINE) ctx.cursor.line++;
    placeTitle(b.title, 'title', TITLE_SIZE_PT, 'attachmentTitle', ctx);
    ctx.cursor.blank();
  },
  table: (b, ctx) => layoutTable(b, ctx.fonts, ctx.cursor),
};

/** Places glyphs at grid pitch from `start` (pt from the 版心 left) on the next grid line. */
function placeAt(glyphs: FaceGlyph[], start: number, kind: LineKind, ctx: Ctx): void {
  ctx.cursor.put((gridLine) => ({
    runs: toRuns(glyphs, positionsFrom(glyphs, start, gridStep), TYPE_AREA_LEFT_PT, gridBaseline(gridLine, BODY_SIZE_PT)),
    info: { kind, text: glyphs.map((g) => g.ch).join(''), left: TYPE_AREA_LEFT_PT + start, right: TYPE_AREA_LEFT_PT + start + gridWidth(glyphs), full: false },
  }));
}

/**
 * §7.5 页码: 4号 宋体 “— N —” below the 版心; the dash line's em box top 7 mm below the 版心 bottom (269 mm);
 * odd pages right-aligned one 字 in from the right edge, even pages left-aligned one 字 in from the left edge.
 */
function pageNumberRuns(pageIndex: number, fonts: FontSet) {
  const glyphs = measureText(pageNumberText(pageIndex), 'pagenumber', PAGE_NUMBER_SIZE_PT, fonts);
  const width = naturalWidth(glyphs);
  const inset = PAGE_NUMBER_INSET_CELLS * CELL_PT;
  const x0 = pageIndex % 2 === 1 ? TYPE_AREA_LEFT_PT + TYPE_AREA_WIDTH_PT - inset - width : TYPE_AREA_LEFT_PT + inset;
  const top = mmToPt(MARGIN_TOP_MM + TYPE_AREA_HEIGHT_MM + PAGE_NUMBER_GAP_MM);
  return toRuns(glyphs, positionsFrom(glyphs), x0, top + EM_BOX_ASCENT * PAGE_NUMBER_SIZE_PT);
}
