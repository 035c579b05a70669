/**
 * Stage: content — .csv attachments. Input: the file's bytes → one printed table: UTF-8 (with or without BOM), or
 * GB18030 when the bytes are not UTF-8 (Chinese Excel saves CSV in the ANSI code page); parsed by csv-parse; the
 * first row is the header; numbers are right-aligned (the printing view aligns numeric columns).
 */
import { parse } from 'csv-parse/sync';
import type { PrintedTable } from '../media/types.ts';
import { decodeText, describeEncoding } from '../text/encoding.ts';
import { sheetTable } from './sheet-layout.ts';

/** The file's text: UTF-8 (or UTF-16 with a BOM) as it says, else GB18030. */
function csvText(bytes: Buffer): string {
  const encoding = describeEncoding(bytes);
  return decodeText(bytes, encoding === 'unknown' ? 'gb18030' : encoding);
}

/** Reads a CSV file. */
export function readCsv(bytes: Buffer): PrintedTable | undefined {
  const records = parse(csvText(bytes), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return sheetTable(records.map((r) => r.map((text) => ({ text }))), undefined);
}
