/**
 * Stage: DOCX writer — data tables. Input: a ComposedTable → a `docx` Table across the 版心 width with a repeated header
 * row. Word takes column widths from `w:tblW`/`w:tcW`, WPS from `w:tblGrid/w:gridCol` (users.md §9, docx#272), so
 * both are written from the same integer twips, summing exactly to the 版心 width.
 */
import { BorderStyle, HeightRule, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType } from 'docx';
import { TABLE_RULE_PT } from '../gbt9704/page.ts';
import type { ComposedColumn, ComposedTable, ComposedText } from '../model/composed.ts';
import { LINE_TWIP, TYPE_AREA_WIDTH_TWIP } from './metrics.ts';
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

/** Builds the table. Single-line rows are one grid line high, like the PDF layout. */
export function buildTable(table: ComposedTable, used: RoleUse): Table {
  const widths = columnWidthsTwip(table.columns);
  const cell = (text: ComposedText | undefined, i: number, style: string) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [new Paragraph({ style, children: text?.text ? [textRun(text, STYLE_ROLE[style] ?? 'body', used)] : [] })],
    });
  const row = (cells: TableCell[], header: boolean) =>
    new TableRow({
      children: cells,
      cantSplit: true,
      height: { value: LINE_TWIP, rule: HeightRule.ATLEAST },
      ...(header ? { tableHeader: true } : {}),
    });
  const header = row(
    table.columns.map((_c, i) => cell(table.header[i], i, STYLE.tableHeader)),
    true,
  );
  const body = table.rows.map((r) =>
    row(
      table.columns.map((c, i) => cell(r[i], i, STYLE.tableText[c.align])),
      false,
    ),
  );
  return new Table({
    rows: [header, ...body],
    width: { size: TYPE_AREA_WIDTH_TWIP, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: TABLE_PADDING_TWIP, bottom: TABLE_PADDING_TWIP, left: TABLE_PADDING_TWIP, right: TABLE_PADDING_TWIP },
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
  });
}
