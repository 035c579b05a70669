/**
 * Stage: copies — the plan of numbered copies. Input: the loaded data's `copies` (a count, a range, a recipient list
 * or { first, count, recipients }) + the command line's `--copies 120` / `--copies 31-60` and copy flags → the
 * 份号 to print, in order, with their recipients; or located errors: a count below 1, a reversed range, a 份号 past
 * 999999, duplicate recipients, a count that disagrees with the recipient list (data errors, exit 4), and a
 * command-line count that disagrees with the data's recipients or a copy flag without copies (usage errors, exit 2).
 * A 份号 is six digits (§7.2.1) and a string from here on (src/gbt9704/marks.ts copyNumberText).
 */
import { EXIT, type DiagnosticSink } from '../diag/diagnostic.ts';
import { MAX_COPY_NUMBER, copyNumberText } from '../gbt9704/marks.ts';
import type { CopiesData, Recipient } from '../load/marks-schema.ts';
import type { DataPath, LoadedReport } from '../load/types.ts';
import type { Span } from '../model/types.ts';

/** 份号 numbers asked for on the command line: `--copies 120` (first 1) or `--copies 31-60`. */
export interface CopyNumbers {
  first: number;
  count: number;
}

/** What the command line asks of numbered copies (each flag has an environment twin, README). */
export interface CopiesRequest {
  /** `--copies`: overrides the data's count or range. */
  numbers?: CopyNumbers;
  /** `--copies-split`: one PDF per copy as well. */
  split: boolean;
  /** `--bundle-copies`: the copies' files go into the download bundle too. */
  bundle: boolean;
  /** `--watermark`: each copy's pages carry its 份号 and recipient. */
  watermark: boolean;
}

/** One copy: its 份号 and, when the data lists recipients, who receives it. */
export interface PlannedCopy {
  number: string;
  recipient?: Recipient;
  /** The recipient's place in the data (glyph diagnostics of the watermark). */
  origin?: Span;
}

/** The copies a build prints, in order, and what it does with them. */
export interface CopyPlan {
  copies: PlannedCopy[];
  split: boolean;
  bundle: boolean;
  watermark: boolean;
}

/** The plan, or undefined with the exit code of the errors reported (no copies asked for: no plan, no error). */
export type PlanResult = { plan: CopyPlan | undefined } | { failed: number };

/** `--copies` text → numbers, or a Chinese reason (a usage error). */
export function parseCopiesArg(value: string): CopyNumbers | string {
  const v = value.trim();
  const count = /^\d+$/.exec(v);
  if (count) {
    const n = Number(v);
    if (n < 1) return `--copies 应至少为 1（实为 ${value}）`;
    if (n > MAX_COPY_NUMBER) return `--copies 最多 ${MAX_COPY_NUMBER} 份（份号为 6 位数字）（实为 ${value}）`;
    return { first: 1, count: n };
  }
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(v);
  if (!range) return `--copies 应为份数（如 120）或份号范围（如 31-60）（实为 ${value}）`;
  const first = Number(range[1]);
  const last = Number(range[2]);
  if (first < 1) return `份号从 000001 起（--copies ${value}）`;
  if (last < first) return `份号范围倒置：${value}（应为小号在前，如 ${range[2]}-${range[1]}）`;
  if (last > MAX_COPY_NUMBER) return `份号不能超过 ${MAX_COPY_NUMBER}（--copies ${value}）`;
  return { first, count: last - first + 1 };
}

interface DataCopies {
  first: number;
  count: number;
  recipients?: readonly Recipient[];
  /** Where the recipient list is (path in the data). */
  recipientsPath?: DataPath;
}

/** Resolves the copies to print; reports every problem at its place. */
export function planCopies(loaded: LoadedReport, request: CopiesRequest, diag: DiagnosticSink): PlanResult {
  const errorsBefore = diag.errorCount;
  const data = loaded.report.copies === undefined ? undefined : dataCopies(loaded.report.copies, loaded, diag);
  if (diag.errorCount > errorsBefore) return { failed: EXIT.dataInvalid };
  if (!data && !request.numbers) {
    const flags = [request.split && '--copies-split', request.bundle && '--bundle-copies', request.watermark && '--watermark'].filter(Boolean);
    if (flags.length === 0) return { plan: undefined };
    diag.error('copies/no-copies', `${flags.join('、')} 需要会议份号，但没有要印的份数`, undefined, ['加上 --copies 120（或 --copies 31-60），或在数据中写 copies: 120。']);
    return { failed: EXIT.usage };
  }
  let first = data?.first ?? 1;
  let count = data?.count ?? 0;
  if (request.numbers) {
    ({ first, count } = request.numbers);
    const listed = data?.recipients;
    if (listed && listed.length !== count) {
      diag.error('copies/count-mismatch', `--copies 要印 ${count} 份，但数据中的领取人有 ${listed.length} 人`, loaded.spanOf(data.recipientsPath ?? ['copies']), [
        `去掉 --copies，按领取人编号（${copyNumberText(first)} 起 ${listed.length} 份）；或改用份数相同的范围。`,
      ]);
      return { failed: EXIT.usage };
    }
  }
  if (first + count - 1 > MAX_COPY_NUMBER) {
    diag.error('copies/number-too-large', `份号将超过 ${MAX_COPY_NUMBER}（${copyNumberText(first)} 起 ${count} 份）`, loaded.spanOf(['copies']), ['份号为 6 位数字（§7.2.1）；减少份数或从更小的份号开始。']);
    return { failed: request.numbers ? EXIT.usage : EXIT.dataInvalid };
  }
  const recipients = data?.recipients;
  const copies = Array.from({ length: count }, (_, i): PlannedCopy => {
    const recipient = recipients?.[i];
    const origin = recipient && data?.recipientsPath ? loaded.spanOf([...data.recipientsPath, i, 'name']) : undefined;
    return { number: copyNumberText(first + i), ...(recipient ? { recipient } : {}), ...(origin ? { origin } : {}) };
  });
  return { plan: { copies, split: request.split, bundle: request.bundle, watermark: request.watermark } };
}

/** The data's copies in one shape, with errors for what the schema cannot see. */
function dataCopies(copies: CopiesData, loaded: LoadedReport, diag: DiagnosticSink): DataCopies | undefined {
  if (typeof copies === 'number') return { first: 1, count: copies };
  if (typeof copies === 'string') {
    const parsed = parseCopiesArg(copies);
    if (typeof parsed === 'string') {
      diag.error('copies/bad-range', parsed.replace(/--copies /g, 'copies: '), loaded.spanOf(['copies']), ['例如 copies: "31-60"，印 000031 至 000060。']);
      return undefined;
    }
    return parsed;
  }
  const list = Array.isArray(copies) ? copies : copies.recipients;
  const listPath: DataPath = Array.isArray(copies) ? ['copies'] : ['copies', 'recipients'];
  if (list) checkDuplicates(list, listPath, loaded, diag);
  if (Array.isArray(copies)) return { first: 1, count: copies.length, recipients: copies, recipientsPath: listPath };
  const first = copies.first === undefined ? 1 : Number(copies.first);
  if (first < 1) diag.error('copies/zero-number', '份号从 000001 起（000000 不是份号）', loaded.spanOf(['copies', 'first']), ['例如 first: "000001"。']);
  const count = copies.count ?? list?.length;
  if (count === undefined) {
    diag.error('copies/no-count', '会议份号缺少份数', loaded.spanOf(['copies']), ['写 count: 120，或列出 recipients（领取人）。']);
    return undefined;
  }
  if (list && copies.count !== undefined && copies.count !== list.length)
    diag.error('copies/count-mismatch', `份数 ${copies.count} 与领取人人数 ${list.length} 不一致`, loaded.spanOf(['copies', 'count']), ['删去 count（按领取人人数编号），或补齐、删减领取人。']);
  return { first, count, ...(list ? { recipients: list, recipientsPath: listPath } : {}) };
}

/** Two recipients with the same name and unit would get two 份号 nobody can tell apart in the register. */
function checkDuplicates(list: readonly Recipient[], path: DataPath, loaded: LoadedReport, diag: DiagnosticSink): void {
  const seen = new Map<string, number>();
  list.forEach((r, i) => {
    const key = `${r.name.trim()}\u0000${(r.unit ?? '').trim()}`;
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, i);
      return;
    }
    const who = r.unit?.trim() ? `${r.name.trim()}（${r.unit.trim()}）` : r.name.trim();
    diag.error('copies/duplicate-recipient', `领取人重复：${who} 已在第 ${earlier + 1} 项`, loaded.spanOf([...path, i]), ['删去重复的一项；同名的两人请用 unit 区分。']);
  });
}

/** A copy's watermark line: 份号, recipient, unit (“000031 张三 某单位”). */
export function watermarkLine(copy: PlannedCopy): string {
  return [copy.number, copy.recipient?.name.trim(), copy.recipient?.unit?.trim()].filter((s) => s).join(' ');
}
