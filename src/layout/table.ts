/**
 * Stage: layout — data tables on attachment pages. Input: a ComposedTable + fonts + the cursor → rows drawn with
 * rules across the 版心 width; a header row repeated at the top of every page the table continues on; the
 * cursor continues on the first grid line below the table. Single-line rows are one grid pitch high, so a short
 * table stays on the body grid.
 */
import { EM_BOX_ASCENT, LINES_PER_PAGE, LINE_PITCH_PT, TABLE_CELL_PADDING_PT, TABLE_LINE_HEIGHT_EM, TABLE_RULE_PT, TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import { TABLE_SIZE_PT } from '../gbt9704/type-sizes.ts';
import type { ComposedTable, ComposedText } from '../model/composed.ts';
import type { FontSet } from '../fonts/types.ts';
import { breakLines } from '../measure/line-breaker.ts';
import { measureText, naturalWidth, type FaceGlyph } from '../measure/measure.ts';
import { type GridCursor, TYPE_AREA_LEFT_PT, gridLineTop } from './grid.ts';
import { toRuns } from './runs.ts';
import type { GlyphRun, Rule, StructureNode } from './types.ts';

/** Line pitch inside a multi-line cell (shared with the DOCX table style). */
const CELL_LINE_PT = TABLE_SIZE_PT * TABLE_LINE_HEIGHT_EM;

interface CellLines {
  lines: { glyphs: FaceGlyph[]; xs: number[]; width: number }[];
}

/** Lays out a table at the cursor. */
export function layoutTable(table: ComposedTable, fonts: FontSet, cursor: GridCursor): void {
  const totalWeight = table.columns.reduce((w, c) => w + c.weight, 0) || 1;
  const widths = table.columns.map((c) => (TYPE_AREA_WIDTH_PT * c.weight) / totalWeight);
  const lefts = widths.map((_, i) => TYPE_AREA_LEFT_PT + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const bottom = gridLineTop(LINES_PER_PAGE) - (LINE_PITCH_PT - TABLE_SIZE_PT);

  const wrap = (cell: ComposedText, width: number): CellLines => {
    const glyphs = measureText(cell.text, cell.role, cell.sizePt, fonts);
    const inner = width - 2 * TABLE_CELL_PADDING_PT;
    if (glyphs.length === 0) return { lines: [] };
    const broken = breakLines(glyphs, { firstIndent: 0, restIndent: 0, right: inner, justify: false });
    return { lines: broken.map((l) => ({ glyphs: glyphs.slice(l.start, l.end), xs: l.xs.map((x) => x - (l.xs[0] ?? 0)), width: naturalWidth(glyphs.slice(l.start, l.end)) })) };
  };
  const header = table.header.map((c, i) => wrap(c, widths[i] ?? 0));
  const rows = table.rows.map((r) => r.map((cell, i) => wrap(cell, widths[i] ?? 0)));
  const rowHeight = (cells: CellLines[]) => {
    const n = Math.max(1, ...cells.map((c) => c.lines.length));
    return Math.max(LINE_PITCH_PT, n * CELL_LINE_PT + 2 * TABLE_CELL_PADDING_PT);
  };

  let y = gridLineTop(cursor.line);
  // Tagged PDF: the table, a row per drawn row (a repeated header row is a row of its page), a cell per cell.
  const tableNode = cursor.element;
  let rowCount = 0;
  const drawRow = (cells: CellLines[], align: (i: number) => 'left' | 'center' | 'right', cellType: 'TH' | 'TD' = 'TD') => {
    const h = rowHeight(cells);
    const runs: GlyphRun[] = [];
    const rules: Rule[] = [];
    const groups: { path: StructureNode[]; count: number }[] = [];
    const row: StructureNode | undefined = tableNode && { id: `${tableNode.id}/r${rowCount++}`, type: 'TR' };
    const blockHeight = (n: number) => n * CELL_LINE_PT;
    cells.forEach((cell, i) => {
      const before = runs.length;
      const left = lefts[i] ?? 0;
      const w = widths[i] ?? 0;
      const top = y + (h - blockHeight(cell.lines.length)) / 2;
      cell.lines.forEach((line, k) => {
        const a = align(i);
        const inner = w - 2 * TABLE_CELL_PADDING_PT;
        const x0 = left + TABLE_CELL_PADDING_PT + (a === 'left' ? 0 : a === 'center' ? (inner - line.width) / 2 : inner - line.width);
        const baseline = top + k * CELL_LINE_PT + (CELL_LINE_PT - TABLE_SIZE_PT) / 2 + EM_BOX_ASCENT * TABLE_SIZE_PT;
        runs.push(...toRuns(line.glyphs, line.xs, x0, baseline));
      });
      if (tableNode && row) groups.push({ path: [tableNode, row, { id: `${row.id}/c${i}`, type: cellType }], count: runs.length - before });
    });
    const right = TYPE_AREA_LEFT_PT + TYPE_AREA_WIDTH_PT;
    rules.push({ x1: TYPE_AREA_LEFT_PT, y1: y, x2: right, y2: y, widthPt: TABLE_RULE_PT });
    rules.push({ x1: TYPE_AREA_LEFT_PT, y1: y + h, x2: right, y2: y + h, widthPt: TABLE_RULE_PT });
    for (const x of [...lefts, right]) rules.push({ x1: x, y1: y, x2: x, y2: y + h, widthPt: TABLE_RULE_PT });
    cursor.draw(runs, rules, groups);
    y += h;
  };
  const headerAlign = () => 'center' as const;
  const bodyAlign = (i: number) => table.columns[i]?.align ?? 'left';

  if (y + rowHeight(header) + rowHeight(rows[0] ?? header) > bottom) {
    cursor.newPage();
    y = gridLineTop(0);
  }
  drawRow(header, headerAlign, 'TH');
  for (const row of rows) {
    if (y + rowHeight(row) > bottom) {
      cursor.newPage();
      y = gridLineTop(0);
      drawRow(header, headerAlign, 'TH'); // the header row repeats on every page
    }
    drawRow(row, bodyAlign);
  }
  cursor.continueBelow(y);
}
