/**
 * Stage: batch — what the user reads. Input: each report's outcome → one progress line per report as it finishes,
 * and the summary table at the end (报告, 页数, 文件, 用时, 状态), columns aligned by display width (a hanzi is two
 * columns wide).
 */
import { displayWidth } from '../text/display-width.ts';

/** One finished report as the summary shows it. */
export interface SummaryRow {
  report: string;
  pages: number | undefined;
  files: number | undefined;
  ms: number;
  /** 0 = success; else the exit code (README). */
  exitCode: number;
}

/** Chinese names of the exit codes, as the summary's 状态 column shows them. */
const STATUS: Record<number, string> = { 0: '成功', 1: '内部错误', 3: '有警告', 4: '数据无效', 5: '模板错误', 6: '字体/缺字', 7: '无法写入', 8: '附件错误' };

export function statusOf(exitCode: number): string {
  return exitCode === 0 ? STATUS[0] ?? '' : `失败：${STATUS[exitCode] ?? '错误'}（退出码 ${exitCode}）`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} 秒`;
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** `[ 3/20] 成功  data/a.yaml → out/a/  10 页，12 个文件，2.31 秒`. */
export function progressLine(done: number, total: number, row: SummaryRow, where: string): string {
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  const figures = row.exitCode === 0 ? `  ${row.pages ?? 0} 页，${row.files ?? 0} 个文件，${seconds(row.ms)}` : `  ${seconds(row.ms)}`;
  return `${counter} ${statusOf(row.exitCode)}  ${row.report}${where ? ` → ${where}` : ''}${figures}`;
}

/** The summary table. */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const head = ['报告', '页数', '文件', '用时', '状态'];
  const cells = rows.map((r) => [r.report, r.pages === undefined ? '—' : String(r.pages), r.files === undefined ? '—' : String(r.files), seconds(r.ms), statusOf(r.exitCode)]);
  const widths = head.map((h, i) => cells.reduce((w, c) => Math.max(w, displayWidth(c[i] ?? '')), displayWidth(h)));
  const line = (c: string[]) => c.map((s, i) => pad(s, widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
