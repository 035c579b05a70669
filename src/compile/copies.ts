/**
 * Stage: compile — the files of numbered copies. Input: the copy plan, the report stem/title, an edition and the
 * copies layout → the stamps the PDF writer prints (份号, outline title, watermark), the names and manifest entries of
 * the print file, the per-copy PDFs and the register, the register's .xlsx/.csv, and the lines the build prints
 * (what to tell the print shop). The pipeline in index.ts runs the stages; this module only names and assembles.
 */
import { sanitizeFileName, writeCsv, type BundleFile, type CopyRange } from '../bundle/index.ts';
import { copyRegister, duplexSheets } from '../copies/register.ts';
import type { CopyPlan, PlannedCopy } from '../copies/plan.ts';
import type { ComposedDocument } from '../model/composed.ts';
import type { Edition } from '../model/types.ts';
import type { CopyStamp } from '../pdf/copies.ts';
import { EDITION_LABEL } from '../bundle/index.ts';
import type { SpreadsheetMemo } from './attachments.ts';

/** The 份号 range of some copies. */
export function copyRange(copies: readonly PlannedCopy[]): CopyRange {
  return { first: copies[0]?.number ?? '', last: copies.at(-1)?.number ?? '', count: copies.length };
}

/** A copy's outline entry: its 份号, and who receives it when the data says. */
function outlineTitle(copy: PlannedCopy): string {
  const r = copy.recipient;
  if (!r) return copy.number;
  const unit = r.unit?.trim();
  return `${copy.number} ${r.name.trim()}${unit ? `（${unit}）` : ''}`;
}

/** The stamps of the print file, in order (watermark i belongs to copy i). */
export function copyStamps(plan: CopyPlan): CopyStamp[] {
  return plan.copies.map((copy, i) => ({ number: copy.number, title: outlineTitle(copy), ...(plan.watermark ? { watermark: i } : {}) }));
}

/** Where an edition's copies go in out/ (next to the report's files; the per-copy PDFs in a folder of their own). */
export function copiesPaths(stem: string, edition: Edition, plan: CopyPlan) {
  const label = EDITION_LABEL[edition];
  const { first, last } = copyRange(plan.copies);
  const folder = sanitizeFileName(`${stem}（${label}）各份`);
  return {
    print: sanitizeFileName(`${stem}（${label}）份号${first}-${last}.pdf`),
    register: sanitizeFileName(`${stem}（${label}）份号登记表`),
    single: (copy: PlannedCopy) => `${folder}/${sanitizeFileName(`${stem}（${label}）份号${copy.number}.pdf`)}`,
  };
}

/** The print file as a bundle file (role copies, with its 份号 range). */
export function printFile(path: string, title: string, edition: Edition, plan: CopyPlan, bytes: Buffer, pagesPerCopy: number): BundleFile {
  const range = copyRange(plan.copies);
  return { path, title: `${title}（${EDITION_LABEL[edition]}）会议印制 份号${range.first}–${range.last}`, kind: 'pdf', edition, role: 'copies', bytes, pages: range.count * (pagesPerCopy + (pagesPerCopy % 2)), copies: range };
}

/** One copy's own PDF (--copies-split). */
export function singleCopyFile(path: string, title: string, edition: Edition, copy: PlannedCopy, bytes: Buffer, pages: number): BundleFile {
  return { path, title: `${title}（${EDITION_LABEL[edition]}）份号${copy.number}`, kind: 'pdf', edition, role: 'copies', bytes, pages, copies: copyRange([copy]) };
}

/** The register of an edition's copies as .xlsx and .csv. */
export async function registerFiles(base: string, title: string, edition: Edition, plan: CopyPlan, pagesPerCopy: number, clock: Date, memo: SpreadsheetMemo): Promise<BundleFile[]> {
  const table = copyRegister(plan, `${title}（${EDITION_LABEL[edition]}）`, pagesPerCopy);
  const entry = { title: `${title}（${EDITION_LABEL[edition]}）份号登记表`, edition, role: 'register' as const, copies: copyRange(plan.copies) };
  return [
    { ...entry, path: `${base}.xlsx`, kind: 'xlsx', bytes: await memo.xlsx(table, clock) },
    { ...entry, path: `${base}.csv`, kind: 'csv', bytes: writeCsv(table) },
  ];
}

/** What the build tells the secretary (and the secretary the print shop) about an edition's copies. */
export function printShopNote(edition: Edition, plan: CopyPlan, pagesPerCopy: number): string {
  const { first, last, count } = copyRange(plan.copies);
  const sheets = duplexSheets(pagesPerCopy);
  const blank = pagesPerCopy % 2 === 1 ? '（每份末尾加一页空白，下一份从正面开始）' : '';
  return `会议份号（${EDITION_LABEL[edition]}）：${first}–${last} 共 ${count} 份，每份 ${pagesPerCopy} 页${blank}；双面长边翻页印制，每份 ${sheets} 张，共 ${count * sheets} 张纸`;
}

/** The mark lines a composed document prints above the title, for `gongwen check` (“份号 000001–000120｜秘密★1年”). */
export function marksSummary(composed: ComposedDocument, plan: CopyPlan | undefined): string | undefined {
  // A document with a 版头 carries its mark lines in it (src/compose/masthead.ts).
  const block = composed.blocks.find((b) => b.kind === 'marks' || b.kind === 'masthead');
  const lines = block?.kind === 'marks' ? block.lines : block?.kind === 'masthead' ? block.markLines : [];
  const shown = lines.map((l) => {
    if (l.part !== 'copyNumber') return l.text.text;
    const { first, last, count } = copyRange(plan?.copies ?? []);
    return count === 1 ? `份号 ${first}` : `份号 ${first}–${last}（${count} 份）`;
  });
  return shown.length > 0 ? `版心左上角标注（每行一项）：${shown.join('｜')}` : undefined;
}
