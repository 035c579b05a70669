/**
 * Stage: compose — tables (§8). Input: a table block of the model + fonts → a ComposedTable: the caption (表题) in
 * its element style, header cells in the table head style, body cells in the table text style at the table's size
 * (4号 unless the data asks for 3号), each cell's alignment (head centred; body by column or by the cell's own), and
 * the column weights: as given, or from the content — each column between its narrowest sensible width (its widest
 * unbreakable word, at least TABLE_MIN_COLUMN_CHARS characters when its text is longer) and the width of its longest
 * text, filling the 版心 exactly. A table whose narrowest widths do not fit the portrait 版心 goes landscape (§8 横排),
 * where the 版心 is 225 mm wide.
 */
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { LANDSCAPE_TYPE_AREA_WIDTH_MM, TABLE_CELL_PADDING_PT, TABLE_MIN_COLUMN_CHARS, TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import { TABLE_SIZE_PT } from '../gbt9704/type-sizes.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import { tokenize } from '../measure/line-breaker.ts';
import { measureText, naturalWidth } from '../measure/measure.ts';
import type { ComposedCell, ComposedTable, ComposedText } from '../model/composed.ts';
import type { TableBlock, TableCell } from '../model/types.ts';
import { composedText } from './text.ts';

const LANDSCAPE_WIDTH_PT = mmToPt(LANDSCAPE_TYPE_AREA_WIDTH_MM);

/** Composes a table. */
export function composeTable(b: TableBlock, fonts: FontSet): ComposedTable {
  const sizePt = b.sizePt ?? TABLE_SIZE_PT;
  const headStyle = { role: ELEMENT_STYLE.tableHeader.role, sizePt };
  const bodyStyle = { role: ELEMENT_STYLE.tableBody.role, sizePt };
  const headRows: TableCell[][] = b.header ?? [b.columns.map((c) => ({ text: c.title }))];
  const cell = (c: TableCell, style: { role: ComposedText['role']; sizePt: number }, align: ComposedCell['align']): ComposedCell => ({
    text: composedText(c.text, style, c.origin ?? b.origin),
    align,
    colSpan: c.colSpan ?? 1,
    rowSpan: c.rowSpan ?? 1,
  });
  const header = headRows.map((row) => row.map((c) => cell(c, headStyle, c.align ?? 'center')));
  const rows = b.rows.map((row) => {
    let col = 0;
    return row.map((c) => {
      const composed = cell(c, bodyStyle, c.align ?? b.columns[col]?.align ?? 'left');
      col += c.colSpan ?? 1;
      return composed;
    });
  });
  const given = b.columns.every((c) => c.weight !== undefined && c.weight > 0);
  const fromContent = given ? undefined : contentWidths([...header, ...rows], b.columns.length, fonts, b.landscape === true);
  return {
    kind: 'table',
    columns: b.columns.map((c, i) => ({ align: c.align, weight: given ? (c.weight ?? 1) : (fromContent?.widths[i] ?? 1) })),
    header,
    rows,
    ...(b.caption ? { caption: composedText(b.caption.text, ELEMENT_STYLE.tableCaption, b.caption.origin ?? b.origin) } : {}),
    landscape: b.landscape === true || fromContent?.landscape === true,
    sizePt,
    cellSpacing: b.cellSpacing ?? 'natural',
  };
}

/** Column widths (pt) from the cells' texts, and whether the table needs the landscape 版心. */
function contentWidths(rows: readonly ComposedCell[][], columns: number, fonts: FontSet, landscape: boolean): { widths: number[]; landscape: boolean } {
  const least = new Array<number>(columns).fill(2 * TABLE_CELL_PADDING_PT);
  const most = new Array<number>(columns).fill(2 * TABLE_CELL_PADDING_PT);
  for (const row of rows) {
    let col = 0;
    for (const c of row) {
      if (c.colSpan === 1 && col < columns) {
        const glyphs = measureText(c.text.text, c.text.role, c.text.sizePt, fonts);
        const full = naturalWidth(glyphs);
        const word = Math.max(0, ...tokenize(glyphs).map((t) => naturalWidth(glyphs.slice(t.start, t.end))));
        const narrow = Math.max(word, Math.min(full, TABLE_MIN_COLUMN_CHARS * c.text.sizePt));
        least[col] = Math.max(least[col] ?? 0, narrow + 2 * TABLE_CELL_PADDING_PT);
        most[col] = Math.max(most[col] ?? 0, full + 2 * TABLE_CELL_PADDING_PT);
      }
      col += c.colSpan;
    }
  }
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const turned = landscape || sum(least) > TYPE_AREA_WIDTH_PT;
  const width = turned ? LANDSCAPE_WIDTH_PT : TYPE_AREA_WIDTH_PT;
  const lo = sum(least);
  const hi = sum(most);
  let widths: number[];
  if (hi <= width) widths = most.map((m) => (m * width) / hi);
  else if (lo <= width) widths = least.map((l, i) => l + (((most[i] ?? l) - l) * (width - lo)) / (hi - lo));
  else widths = least.map((l) => (l * width) / lo);
  return { widths, landscape: turned };
}
