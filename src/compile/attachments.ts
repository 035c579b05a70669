/**
 * Stage: compile — attachment files. Input: the loaded report and the model of an edition → the external attachment
 * files (read and checked), and the generated attachment tables as .xlsx and .csv of that edition. A table's
 * spreadsheet is a pure function of its content and the clock, so the compiler keeps the last ones it wrote: a
 * rebuild after an edit elsewhere does not write them again.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { LoadedReport } from '../load/types.ts';
import type { Report } from '../load/schema.ts';
import type { DocModel, Edition, TableBlock } from '../model/types.ts';
import type { World } from '../world.ts';
import { EDITION_LABEL, fitFileName, resolveExternalAttachment, writeCsv, writeXlsx, type BundleFile, type TableFileInput } from '../bundle/index.ts';

/** An external attachment that passed every check. */
export interface ExternalFile {
  index: number;
  title: string;
  file: string;
  bytes: Buffer;
}

/**
 * External attachment files, read and checked (inside data/attachments/, no escapes, reserved names refused); an
 * attachment that is neither generated nor has a file is listed in 附件说明 only, with a warning.
 */
export function collectAttachments(loaded: LoadedReport, report: Report, world: World, diag: DiagnosticSink): ExternalFile[] {
  return (report.attachments ?? []).flatMap((a, i) => {
    if (a.file === undefined) {
      if (a.table === undefined)
        diag.warning('attachment/no-file', `附件“${a.title}”没有文件，只列入附件说明`, loaded.spanOf(['attachments', i, 'title']), [
          '把文件放在 data/attachments/ 下并写 file: attachments/文件名，或写 table: figures 生成数据表。',
        ]);
      return [];
    }
    const found = resolveExternalAttachment(world, loaded.file, a.file, loaded.spanOf(['attachments', i, 'file']), diag);
    return found ? [{ index: i, title: a.title, file: a.file, bytes: found.bytes }] : [];
  });
}

/** “附件N”, or “附件” when there is only one (§7.3.7; the templates label attachment pages the same way). */
function attachmentLabel(index: number, report: Report): string {
  return (report.attachments?.length ?? 0) > 1 ? `附件${index + 1}` : '附件';
}

function extensionOf(file: string): string {
  const m = /\.[A-Za-z0-9]+$/.exec(file);
  return m ? m[0].toLowerCase() : '';
}

/** The bundle files of the external attachments (one copy each, no edition). */
export function externalFiles(externals: readonly ExternalFile[], report: Report): BundleFile[] {
  return externals.map((ext) => ({
    path: fitFileName(`${attachmentLabel(ext.index, report)} `, ext.title, extensionOf(ext.file)),
    title: ext.title,
    kind: extensionOf(ext.file).slice(1) || 'bin',
    edition: null,
    role: 'attachment' as const,
    bytes: ext.bytes,
  }));
}

/** Spreadsheets already written, by content (table, clock); a few entries: two editions and a recent edit. */
export class SpreadsheetMemo {
  private readonly entries = new Map<string, Buffer>();

  async xlsx(table: TableFileInput, clock: Date): Promise<Buffer> {
    const key = JSON.stringify([table, clock.getTime()]);
    let bytes = this.entries.get(key);
    if (!bytes) {
      bytes = await writeXlsx(table, clock);
      if (this.entries.size >= 4) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, bytes);
    }
    return bytes;
  }
}

/** Standalone .xlsx and .csv files of each generated attachment table, per edition (their text differs). */
export async function attachmentTables(model: DocModel, edition: Edition, clock: Date, memo: SpreadsheetMemo): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  let heading: { label: string; title: string } | undefined;
  for (const block of model.blocks) {
    // Only generated tables become files of their own; an external attachment's sheet is its file already.
    if (block.type === 'attachmentHeading') heading = block.file === undefined ? block : undefined;
    if (block.type !== 'table' || !heading) continue;
    const table = tableData(block, heading.title);
    // The same shortened stem for both files: cut for the longer extension.
    const base = fitFileName(`${heading.label} `, heading.title, `（${EDITION_LABEL[edition]}）.xlsx`).replace(/\.xlsx$/, '');
    files.push(
      { path: `${base}.xlsx`, title: heading.title, kind: 'xlsx', edition, role: 'attachment', bytes: await memo.xlsx(table, clock) },
      { path: `${base}.csv`, title: heading.title, kind: 'csv', edition, role: 'attachment', bytes: writeCsv(table) },
    );
  }
  return files;
}

/** The printed table as spreadsheet data: right-aligned columns hold numbers. */
function tableData(block: TableBlock, title: string): TableFileInput {
  const numeric = block.columns.map((c) => c.align === 'right');
  return {
    title,
    columns: block.columns.map((c, i) => ({ ...c, weight: c.weight ?? 1, numeric: numeric[i] ?? false })),
    rows: block.rows.map((r) => r.map(({ text: cell }, i) => (numeric[i] && /^-?[\d,]+(\.\d+)?$/.test(cell) ? Number(cell.replace(/,/g, '')) : cell))),
  };
}
