/**
 * Stage: content — a sheet's grid as a printed table. Input: the cells of a sheet or a CSV file (rows of shown
 * texts, merged ranges) → a PrintedTable: empty edge rows and columns dropped, a title row (one cell merged across
 * the whole width, as sheets often begin) taken as the 表题, the header rows (the first row, with the rows its merged
 * cells reach down to, and the row of sub-heads under a merged group head), and the body rows, merged cells as spans.
 */
import type { PrintedCell, PrintedTable } from '../media/types.ts';

/** One cell of the grid: what it shows and how it is aligned; `merge` on the top-left cell of a merged range. */
export interface GridCell {
  text: string;
  align?: PrintedCell['align'];
  merge?: { rows: number; cols: number };
  /** Covered by a merged range (not its top-left cell). */
  covered?: boolean;
}

/** At most this many header rows are repeated on every page. */
const MAX_HEADER_ROWS = 3;

/** Builds the printed table of a grid (rows × columns, row-major). */
export function sheetTable(grid: GridCell[][], name: string | undefined): PrintedTable | undefined {
  const rows = trimGrid(grid);
  const columns = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length === 0 || columns === 0) return undefined;
  let caption = name;
  const first = rows[0] ?? [];
  const filled = first.filter((c) => c.text.trim() !== '' && !c.covered);
  if (rows.length > 1 && filled.length === 1 && (first[0]?.merge?.cols ?? 1) >= columns && columns > 1) {
    caption = first[0]?.text.trim();
    rows.shift();
  }
  let head = 1;
  for (;;) {
    let want = head;
    rows.slice(0, head).forEach((row, r) => row.forEach((c) => c.merge && (want = Math.max(want, r + c.merge.rows))));
    if ((rows[head - 1] ?? []).some((c) => (c.merge?.cols ?? 1) > 1)) want = Math.max(want, head + 1);
    want = Math.min(want, MAX_HEADER_ROWS, rows.length - 1);
    if (want <= head) break;
    head = want;
  }
  const toCells = (row: GridCell[]): PrintedCell[] =>
    row
      .filter((c) => !c.covered)
      .map((c) => ({ text: c.text, ...(c.merge && c.merge.cols > 1 ? { colSpan: c.merge.cols } : {}), ...(c.merge && c.merge.rows > 1 ? { rowSpan: c.merge.rows } : {}), ...(c.align ? { align: c.align } : {}) }));
  // A merged range that starts in the header and reaches into the body stops at the header's end.
  const header = rows.slice(0, head).map((row, r) => toCells(row).map((c) => (c.rowSpan && r + c.rowSpan > head ? { ...c, rowSpan: head - r } : c)));
  return { ...(caption ? { caption } : {}), columns, header, rows: rows.slice(head).map(toCells) };
}

/** Drops empty rows at the end and empty columns at the right (a sheet's used range often runs past its data). */
function trimGrid(grid: GridCell[][]): GridCell[][] {
  const used = (c: GridCell | undefined) => c !== undefined && (c.text.trim() !== '' || c.merge !== undefined || c.covered === true);
  const rows = grid.map((r) => [...r]);
  while (rows.length > 0 && !(rows.at(-1) ?? []).some(used)) rows.pop();
  while (rows.length > 0 && !(rows[0] ?? []).some(used)) rows.shift();
  const width = Math.max(0, ...rows.map((r) => r.reduce((w, c, k) => (used(c) ? k + 1 : w), 0)));
  return rows.map((r) => {
    const row = r.slice(0, width);
    while (row.length < width) row.push({ text: '' });
    return row;
  });
}
