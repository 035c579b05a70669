/**
 * Stage: copies — the copy register (份号登记表). Input: the copy plan, the report's title and edition and the pages of
 * one copy → the table the secretary prints for signatures: one row per copy (份号, 领取人, 单位, an empty 签收
 * column), then the totals: copies, pages per copy, sheets per copy when printed duplex. The bundle's table writers
 * turn it into .xlsx and .csv.
 */
import type { TableFileInput } from '../bundle/index.ts';
import type { CopyPlan } from './plan.ts';

/** Sheets of paper one copy takes printed on both sides (a copy with an odd page count ends on a blank back). */
export const duplexSheets = (pages: number): number => Math.ceil(pages / 2);

/** The register of one edition's copies. */
export function copyRegister(plan: CopyPlan, title: string, pagesPerCopy: number): TableFileInput {
  const first = plan.copies[0]?.number ?? '';
  const last = plan.copies.at(-1)?.number ?? '';
  const count = plan.copies.length;
  const sheets = duplexSheets(pagesPerCopy);
  return {
    title: `${title}份号登记表`,
    sheetName: '份号登记表',
    columns: [
      { title: '份号', align: 'center', weight: 2 },
      { title: '领取人', align: 'left', weight: 3 },
      { title: '单位', align: 'left', weight: 4 },
      { title: '签收', align: 'left', weight: 4 },
    ],
    rows: [
      ...plan.copies.map((c) => [c.number, c.recipient?.name.trim() ?? '', c.recipient?.unit?.trim() ?? '', '']),
      ['合计', `${count} 份`, `份号 ${first}–${last}`, ''],
      ['每份页数', `${pagesPerCopy} 页`, '', ''],
      ['每份用纸', `${sheets} 张（双面）`, `共 ${count * sheets} 张`, ''],
    ],
  };
}
