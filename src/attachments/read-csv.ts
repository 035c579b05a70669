/**
 * Stage: content — .csv attachments. Input: the file's bytes → one printed table: UTF-8 (with or without BOM), or
 * GB18030 when the bytes are not UTF-8 (Chinese Excel saves CSV in the ANSI code page); parsed by csv-parse; the
 * first row is the header; numbers are right-aligned (the printing view aligns numeric columns).
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { PrintedTable } from '../media/types.ts';
import { sheetTable } from './sheet-layout.ts';

/** The file's text: UTF-8 if it decodes as UTF-8, else GB18030. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

/** Reads a CSV file. */
export function readCsv(bytes: Buffer): PrintedTable | undefined {
  const records = parse(decodeText(bytes), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return sheetTable(records.map((r) => r.map((text) => ({ text }))), undefined);
}
