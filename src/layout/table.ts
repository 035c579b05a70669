/**
 * Stage: layout — tables (§8; body tables, the generated data table, an external sheet). Input: a ComposedTable +
 * fonts + the cursor → rows drawn with rules across the width of the cursor's 版心; the caption (表题) centred on the
 * grid line above; the header row(s) repeated at the top of every page the table continues on; a row, or a group of
 * rows joined by a merged cell, never split across pages unless it is taller than a page; the cursor continues on
 * the first grid line below the table. Single-line rows are one grid pitch high, so a short table stays on the body
 * grid. A landscape table (§8 横排) is laid out in the turned frame of landscape pages; what follows it starts on a
 * portrait page.
 */
import { EM_BOX_ASCENT, LINE_PITCH_PT, TABLE_CELL_PADDING_PT, TABLE_LINE_HEIGHT_EM, TABLE_RULE_PT } from '../gbt9704/page.ts';
import type { ComposedCell, ComposedTable } from '../model/composed.ts';
import type { FontSet } from '../fonts/types.ts';
import { breakLines } from '../measure/line-breaker.ts';
import { measureText, naturalWidth, type FaceGlyph } from '../measure/measure.ts';
import { placeCentred } from './centred.ts';
import { type GridCursor, frameLineTop } from './grid.ts';
import { toRuns } from './runs.ts';
import type { GlyphRun, Rule, StructureNode } from './types.ts';

interface CellLine {
  glyphs: FaceGlyph[];
  xs: number[];
  width: number;
}

/** A cell placed in the table's grid: where it starts, what it spans, its wrapped lines. */
interface GridCell {
  row: number;
  col: number;
  colSpan: number;
  rowSpan: number;
  align: ComposedCell['align'];
  lines: CellLine[];
}

/** Rows of one part of the table (header or body) with the cell that covers each (row, column). */
interface Part {
  cells: GridCell[];
  cover: (GridCell | undefined)[][];
  heights: number[];
}

/** Lays out a table at the cursor. */
export function layoutTable(table: ComposedTable, fonts: FontSet, cursor: GridCursor): void {
  if (table.landscape) cursor.enterLandscape();
  else cursor.ensurePortraitFlow();
  const frame = cursor.frame;
  const sizePt = table.sizePt;
  const cellLinePt = sizePt * TABLE_LINE_HEIGHT_EM;
  const totalWeight = table.columns.reduce((w, c) => w + c.weight, 0) || 1;
  const widths = table.columns.map((c) => (frame.width * c.weight) / totalWeight);
  const lefts = widths.map((_, i) => frame.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const right = frame.left + frame.width;
  /** Boundary k's x: lefts, then the right edge of the 版心 (exact, so full rules span the 版心). */
  const edges = [...lefts, right];
  const bottom = frameLineTop(frame, frame.lines) - (LINE_PITCH_PT - sizePt);

  const wrap = (cell: ComposedCell, width: number): CellLine[] => {
    const glyphs = measureText(cell.text.text, cell.text.role, cell.text.sizePt, fonts);
    const inner = width - 2 * TABLE_CELL_PADDING_PT;
    if (glyphs.length === 0) return [];
    return cellLines(glyphs, inner, table.cellSpacing);
  };
  const cellHeight = (lines: number) => lines * cellLinePt + 2 * TABLE_CELL_PADDING_PT;

  const part = (rows: readonly ComposedCell[][]): Part => {
    const cover: (GridCell | undefined)[][] = rows.map(() => []);
    const cells: GridCell[] = [];
    rows.forEach((row, r) => {
      let c = 0;
      for (const cell of row) {
        while (cover[r]?.[c]) c++;
        if (c >= widths.length) break;
        const colSpan = Math.max(1, Math.min(cell.colSpan, widths.length - c));
        const rowSpan = Math.max(1, Math.min(cell.rowSpan, rows.length - r));
        const g: GridCell = { row: r, col: c, colSpan, rowSpan, align: cell.align, lines: wrap(cell, (edges[c + colSpan] ?? right) - (edges[c] ?? 0)) };
        cells.push(g);
        for (let rr = r; rr < r + rowSpan; rr++) for (let cc = c; cc < c + colSpan; cc++) (cover[rr] ??= [])[cc] = g;
        c += colSpan;
      }
    });
    const heights = rows.map((_, r) => {
      const own = cells.filter((g) => g.row === r && g.rowSpan === 1).map((g) => g.lines.length);
      return Math.max(LINE_PITCH_PT, cellHeight(Math.max(1, ...own)));
    });
    // A merged cell taller than the rows it spans makes its last row taller.
    for (const g of cells.filter((c) => c.rowSpan > 1)) {
      const have = heights.slice(g.row, g.row + g.rowSpan).reduce((a, b) => a + b, 0);
      const need = cellHeight(Math.max(1, g.lines.length));
      if (need > have) heights[g.row + g.rowSpan - 1] = (heights[g.row + g.rowSpan - 1] ?? 0) + need - have;
    }
    return { cells, cover, heights };
  };
  const header = part(table.header);
  const body = part(table.rows);
  const headerHeight = header.heights.reduce((a, b) => a + b, 0);

  let y = frameLineTop(frame, cursor.line);
  // Tagged PDF: the table, a row per drawn row (a repeated header row is a row of its page), a cell per cell.
  const tableNode = cursor.element;
  let rowCount = 0;
  /** Draws rows [from, to) of a part at y; cells that start in them are drawn over their whole span. */
  const drawRows = (p: Part, from: number, to: number) => {
    const runs: GlyphRun[] = [];
    const rules: Rule[] = [];
    const groups: { path: StructureNode[]; count: number }[] = [];
    const cellType = p === header ? 'TH' : 'TD';
    const rowTops: number[] = [];
    let at = y;
    for (let r = from; r < to; r++) {
      rowTops[r] = at;
      at += p.heights[r] ?? 0;
    }
    for (let r = from; r < to; r++) {
      const top = rowTops[r] ?? y;
      const h = p.heights[r] ?? 0;
      const tr: StructureNode | undefined = tableNode && { id: `${tableNode.id}/r${rowCount++}`, type: 'TR' };
      for (const g of p.cells.filter((c) => c.row === r)) {
        const spanHeight = p.heights.slice(r, r + g.rowSpan).reduce((a, b) => a + b, 0);
        const before = runs.length;
        runs.push(...cellRuns(g, (edges[g.col] ?? 0), (edges[g.col + g.colSpan] ?? right) - (edges[g.col] ?? 0), top, spanHeight));
        if (tableNode && tr) groups.push({ path: [tableNode, tr, { id: `${tr.id}/c${g.col}`, type: cellType }], count: runs.length - before });
      }
      const row = p.cover[r] ?? [];
      rules.push(...segments(edges, row, (g) => g?.row === r, top));
      rules.push(...segments(edges, row, (g) => g !== undefined && g.row + g.rowSpan - 1 === r, top + h));
      edges.forEach((x, k) => {
        if (k === 0 || k === edges.length - 1 || row[k - 1] !== row[k] || row[k] === undefined) rules.push({ x1: x, y1: top, x2: x, y2: top + h, widthPt: TABLE_RULE_PT });
      });
    }
    cursor.draw(runs, rules, [], groups);
    y = at;
  };
  const cellRuns = (g: GridCell, left: number, w: number, top: number, h: number): GlyphRun[] => {
    const runs: GlyphRun[] = [];
    const blockTop = top + (h - g.lines.length * cellLinePt) / 2;
    const inner = w - 2 * TABLE_CELL_PADDING_PT;
    g.lines.forEach((line, k) => {
      const x0 = left + TABLE_CELL_PADDING_PT + (g.align === 'left' ? 0 : g.align === 'center' ? (inner - line.width) / 2 : inner - line.width);
      const baseline = blockTop + k * cellLinePt + (cellLinePt - sizePt) / 2 + EM_BOX_ASCENT * sizePt;
      runs.push(...toRuns(line.glyphs, line.xs, x0, baseline));
    });
    return runs;
  };
  const pageTop = () => frameLineTop(cursor.frame, 0);
  const nextPage = () => {
    cursor.newPage(cursor.frame);
    y = pageTop();
    drawRows(header, 0, header.heights.length); // the header row repeats on every page
  };

  const groups = rowGroups(body);
  const groupHeight = ([from, to]: [number, number]) => body.heights.slice(from, to).reduce((a, b) => a + b, 0);
  const first = groups[0] ? groupHeight(groups[0]) : headerHeight;
  const captionHeight = table.caption ? LINE_PITCH_PT : 0;
  if (y + captionHeight + headerHeight + first > bottom) {
    cursor.newPage(cursor.frame);
    y = pageTop();
  }
  if (table.caption) {
    placeCentred(measureText(table.caption.text, table.caption.role, table.caption.sizePt, fonts), 'caption', cursor);
    y = frameLineTop(cursor.frame, cursor.line);
  }
  drawRows(header, 0, header.heights.length);
  for (const group of groups) {
    const h = groupHeight(group);
    if (y + h <= bottom) {
      drawRows(body, group[0], group[1]);
      continue;
    }
    if (headerHeight + h <= bottom - pageTop()) {
      nextPage();
      drawRows(body, group[0], group[1]);
      continue;
    }
    // Taller than a page: rows of the group one by one, a single row split between its lines.
    for (let r = group[0]; r < group[1]; r++) {
      if (y + (body.heights[r] ?? 0) > bottom && y > pageTop() + headerHeight + 1e-6) nextPage();
      drawSplitRow(body, r, () => bottom - y, nextPage, (p, a, b) => drawRows(p, a, b));
    }
  }
  cursor.continueBelow(y);
  if (table.landscape) cursor.leaveLandscape();

  /** Draws one body row, splitting its cells' lines over as many pages as it needs. */
  function drawSplitRow(p: Part, r: number, room: () => number, newPage: () => void, draw: (p: Part, a: number, b: number) => void): void {
    let rest = p.cells.filter((c) => c.row === r).map((c) => ({ ...c, rowSpan: 1 }));
    for (;;) {
      const fit = Math.max(1, Math.floor((room() - 2 * TABLE_CELL_PADDING_PT) / cellLinePt));
      const now = rest.map((c) => ({ ...c, row: 0, lines: c.lines.slice(0, fit) }));
      const later = rest.map((c) => ({ ...c, lines: c.lines.slice(fit) }));
      const piece: Part = { cells: now, cover: [(p.cover[r] ?? []).map((g) => now.find((c) => c.col === g?.col))], heights: [Math.max(LINE_PITCH_PT, cellHeight(Math.max(1, ...now.map((c) => c.lines.length))))] };
      draw(piece, 0, 1);
      if (later.every((c) => c.lines.length === 0)) return;
      rest = later;
      newPage();
    }
  }
}

/** Consecutive body rows that a merged cell joins: [from, to) groups, kept on one page together. */
function rowGroups(p: Part): [number, number][] {
  const groups: [number, number][] = [];
  let start = 0;
  let end = 0;
  p.heights.forEach((_, r) => {
    for (const g of p.cells) if (g.row === r) end = Math.max(end, r + g.rowSpan);
    end = Math.max(end, r + 1);
    if (end === r + 1) {
      groups.push([start, end]);
      start = end;
    }
  });
  return groups;
}

/** Horizontal rules at `y` over the columns whose covering cell passes `keep`, joined where they touch. */
function segments(edges: readonly number[], row: readonly (GridCell | undefined)[], keep: (g: GridCell | undefined) => boolean, y: number): Rule[] {
  const rules: Rule[] = [];
  let from = -1;
  for (let c = 0; c <= edges.length - 1; c++) {
    const on = c < edges.length - 1 && keep(row[c]);
    if (on && from < 0) from = c;
    if (!on && from >= 0) {
      rules.push({ x1: edges[from] ?? 0, y1: y, x2: edges[c] ?? 0, y2: y, widthPt: TABLE_RULE_PT });
      from = -1;
    }
  }
  return rules;
}

/**
 * A cell's lines: the line breaker's, and a token wider than the cell (a long number in a narrow column) broken
 * between characters, so that no text crosses the cell's rules.
 */
function cellLines(glyphs: FaceGlyph[], inner: number, spacing: ComposedTable['cellSpacing']): CellLine[] {
  const broken = breakLines(glyphs, { firstIndent: 0, restIndent: 0, right: inner, justify: false });
  const out: CellLine[] = [];
  for (const l of broken) {
    const line = glyphs.slice(l.start, l.end);
    if (l.right <= inner + 1e-6 || line.length === 1) {
      const xs = l.xs.map((x) => x - (l.xs[0] ?? 0));
      const natural = naturalWidth(line);
      const drawn = (xs.at(-1) ?? 0) + (line.at(-1)?.advance ?? 0);
      // The breaker's grid spacing can spread a short line wider than its natural width; in a cell, where the line
      // is aligned by that width, it would then cross the padding: set such a line at its natural advances.
      out.push(spacing === 'natural' && drawn > natural + 0.01 ? plainLine(line) : { glyphs: line, xs, width: natural });
      continue;
    }
    let piece: FaceGlyph[] = [];
    for (const g of line) {
      if (piece.length > 0 && naturalWidth(piece) + g.advance > inner) {
        out.push(plainLine(piece));
        piece = [];
      }
      piece.push(g);
    }
    if (piece.length > 0) out.push(plainLine(piece));
  }
  return out;
}

function plainLine(glyphs: FaceGlyph[]): CellLine {
  const xs: number[] = [];
  glyphs.reduce((x, g) => (xs.push(x), x + g.advance), 0);
  return { glyphs, xs, width: naturalWidth(glyphs) };
}
