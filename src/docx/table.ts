/**
 * Stage: DOCX writer — tables. Input: a ComposedTable → its 表题 paragraph (when it has one) and a `docx` Table across
 * the 版心 width (portrait, or the landscape section's 225 mm) whose header rows are marked to repeat on every page
 * (`w:tblHeader`), rows that never split across pages (`w:cantSplit`), merged cells as `w:gridSpan`/`w:vMerge`.
 * Word takes column widths from `w:tblW`/`w:tcW`, WPS from `w:tblGrid/w:gridCol` (users.md §9, docx#272), so both are
 * written from the same integer twips, summing exactly to the 版心 width.
 */
import { BorderStyle, HeightRule, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType } from 'docx';
import { LineRuleType } from 'docx';
import { TABLE_LINE_HEIGHT_EM, TABLE_RULE_PT } from '../gbt9704/page.ts';
import { TABLE_SIZE_PT } from '../gbt9704/type-sizes.ts';
import { ptToHalfPoints, ptToTwip } from '../gbt9704/units.ts';
import type { ComposedCell, ComposedColumn, ComposedTable } from '../model/composed.ts';
import { LANDSCAPE_TYPE_AREA_WIDTH_TWIP, LINE_TWIP, TYPE_AREA_WIDTH_TWIP } from './metrics.ts';
import { textRun, type RoleUse } from './runs.ts';
import { STYLE, STYLE_ROLE, TABLE_PADDING_TWIP } from './styles.ts';

/** Border widths are in eighths of a point. */
const RULE = { style: BorderStyle.SINGLE, size: Math.round(TABLE_RULE_PT * 8), color: '000000' } as const;

/** Integer column widths from the weights; rounding the running sum keeps the total exact. */
export function columnWidthsTwip(columns: readonly ComposedColumn[], total: number = TYPE_AREA_WIDTH_TWIP): number[] {
  const weights = columns.map((c) => (c.weight > 0 ? c.weight : 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? weights : columns.map(() => 1);
  const shareSum = sum > 0 ? sum : columns.length;
  let acc = 0;
  let previous = 0;
  return shares.map((w) => {
    acc += w;
    const edge = Math.round((total * acc) / shareSum);
    const width = edge - previous;
    previous = edge;
    return width;
  });
}

/** The paragraph style of a cell's text: the head style, or the table text style of the cell's alignment. */
const cellStyle = (c: ComposedCell, header: boolean): string => (header ? STYLE.tableHeader : STYLE.tableText[c.align]);

/** Builds the table (and its caption). Single-line rows are one grid line high, like the PDF layout. */
export function buildTable(table: ComposedTable, used: RoleUse): (Paragraph | Table)[] {
  const widths = columnWidthsTwip(table.columns, table.landscape ? LANDSCAPE_TYPE_AREA_WIDTH_TWIP : TYPE_AREA_WIDTH_TWIP);
  // The table styles are 4号; a 3号 table sets its size and cell line pitch on its paragraphs.
  const other = table.sizePt !== TABLE_SIZE_PT;
  const size = other ? ptToHalfPoints(table.sizePt) : undefined;
  const spacing = other ? { spacing: { line: ptToTwip(TABLE_LINE_HEIGHT_EM * table.sizePt), lineRule: LineRuleType.EXACT } } : {};
  const cover: boolean[][] = [];
  const rowsOf = (rows: readonly ComposedCell[][], header: boolean, offset: number) =>
    rows.map((r, ri) => {
      let col = 0;
      const cells = r.map((c) => {
        while (cover[offset + ri]?.[col]) col++;
        const span = Math.min(c.colSpan, Math.max(1, widths.length - col));
        for (let rr = 0; rr < c.rowSpan; rr++) for (let cc = 0; cc < span; cc++) (cover[offset + ri + rr] ??= [])[col + cc] = true;
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        const style = cellStyle(c, header);
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          ...(span > 1 ? { columnSpan: span } : {}),
          ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
          children: [new Paragraph({ style, ...spacing, children: c.text.text ? [textRun(c.text, STYLE_ROLE[style] ?? 'body', used, size)] : [] })],
        });
      });
      return new TableRow({
        children: cells,
        cantSplit: true,
        height: { value: LINE_TWIP, rule: HeightRule.ATLEAST },
        ...(header ? { tableHeader: true } : {}),
      });
    });
  const caption = table.caption ? [new Paragraph({ style: STYLE.tableCaption, children: [textRun(table.caption, STYLE_ROLE[STYLE.tableCaption] ?? 'heading1', used)] })] : [];
  return [
    ...caption,
    new Table({
      rows: [...rowsOf(table.header, true, 0), ...rowsOf(table.rows, false, table.header.length)],
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: { top: TABLE_PADDING_TWIP, bottom: TABLE_PADDING_TWIP, left: TABLE_PADDING_TWIP, right: TABLE_PADDING_TWIP },
      borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    }),
  ];
}
