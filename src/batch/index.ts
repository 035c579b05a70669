/**
 * Stage: batch — `gongwen build data/` or `gongwen build a.yaml b.yaml …`. Input: the paths, the CompileRequest every
 * report shares and the output folder → every report compiled in parallel on all cores (worker threads running the
 * same Compiler.compile as a single build), each published into its own folder out/<meta.id>/ as soon as it is done,
 * one progress line per report, a summary table, the folder index page out/index.html, and the exit code: 0 when
 * every report succeeded, else the code of the first failed report in the order given (README exit codes). One
 * failing report never stops the others; its folder keeps the previous build's files.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { EXIT } from '../diag/diagnostic.ts';
import type { CompileRequest } from '../compile/index.ts';
import { EmitError, emitOutputs } from '../emit.ts';
import { PACKAGE_ROOT, elapsedMs, type World } from '../world.ts';
import { findReports, type BatchReport } from './discover.ts';
import { folderIndexPage } from './folder-index.ts';
import { reportPool, workerCount } from './pool.ts';
import { progressLine, statusOf, summaryTable, type SummaryRow } from './summary.ts';
import type { ReportOutcome, ReportTask } from './worker.ts';

/** The part of out/index.html in emit's ledger. */
const FOLDER_INDEX_PART = 'folder-index';

export interface BatchOptions {
  paths: readonly string[];
  request: CompileRequest;
  outDir: string;
  world: World;
  /** `--jobs N`: worker threads (default: all cores). */
  jobs?: number;
  /** Where messages go (stderr in the CLI). */
  say: (text: string) => void;
}

/** What the batch did, for the caller's exit code and for tests. */
export interface BatchResult {
  exitCode: number;
  rows: SummaryRow[];
  /** A usage problem (a path that does not exist, no report found): exit 2. */
  usage?: string;
}

const GENERATOR = `gongwen ${(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version}`;

/** Builds every report; never throws for a report's failure. */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const { world, outDir, say } = options;
  const found = findReports(world, options.paths);
  if ('usage' in found) return { exitCode: EXIT.usage, rows: [], usage: found.usage };
  for (const s of found.skipped) say(`跳过 ${s.rel}：${s.why}\n`);
  if (found.reports.length === 0) return { exitCode: EXIT.usage, rows: [], usage: `${options.paths.join('、')} 中没有报告数据文件（.yaml）` };

  const started = performance.now();
  const threads = workerCount(found.reports.length, options.jobs);
  say(`构建 ${found.reports.length} 份报告（${threads} 个并行）→ ${path.relative(process.cwd(), outDir) || '.'}\n`);
  const pool = reportPool(threads);
  const rows: SummaryRow[] = new Array(found.reports.length);
  const printedNotes = new Set<string>(); // the same font substitutions for every report: said once
  let done = 0;
  try {
    await Promise.all(
      found.reports.map(async (report, i) => {
        const row = await buildOne(pool.run.bind(pool), report, options);
        rows[i] = row.row;
        done++;
        const notes = row.notes.filter((n) => !printedNotes.has(n));
        notes.forEach((n) => printedNotes.add(n));
        say(`${progressLine(done, found.reports.length, row.row, row.where)}\n${row.messages}${notes.map((n) => `  ${n}\n`).join('')}`);
      }),
    );
  } finally {
    await pool.destroy();
  }

  publishFolderIndex(found.reports, rows, options);
  say(`\n${summaryTable(rows)}\n`);
  const failed = rows.filter((r) => r.exitCode !== 0).length;
  say(`${failed === 0 ? '完成' : `有 ${failed} 份报告失败`}：共 ${rows.length} 份，用时 ${(elapsedMs(started) / 1000).toFixed(2)} 秒\n`);
  return { exitCode: rows.find((r) => r.exitCode !== 0)?.exitCode ?? EXIT.ok, rows };
}

/** Compiles one report in the pool and publishes it. */
async function buildOne(run: (task: ReportTask) => Promise<ReportOutcome>, report: BatchReport, options: BatchOptions): Promise<{ row: SummaryRow; where: string; messages: string; notes: string[] }> {
  const base = { report: report.rel, pages: undefined, files: undefined };
  if (report.duplicateOf !== undefined)
    return {
      row: { ...base, ms: 0, exitCode: EXIT.dataInvalid },
      where: '',
      notes: [],
      messages: `${report.idPlace ?? report.rel}: 错误[batch/duplicate-id]: 与 ${report.duplicateOf} 的 meta.id 相同，两份报告会写进同一个文件夹 ${report.folder ?? ''}/\n  提示: 每份报告用自己的 meta.id。\n`,
    };
  let outcome: ReportOutcome;
  try {
    outcome = await run({ dataFile: report.dataFile, request: options.request, root: options.world.root, env: { ...options.world.env }, outDir: path.resolve(options.outDir) });
  } catch (e) {
    outcome = { exitCode: EXIT.internal, messages: `内部错误（这是 gongwen 的缺陷，请报告）：\n${(e as Error).stack ?? String(e)}\n`, ms: 0 };
  }
  if (outcome.exitCode !== EXIT.ok || !outcome.outputs || outcome.folder === undefined)
    return { row: { ...base, ms: outcome.ms, exitCode: outcome.exitCode }, where: '', messages: outcome.messages, notes: [] };
  const files = outcome.outputs.map((o) => ({ path: o.path, bytes: Buffer.from(o.bytes.buffer, o.bytes.byteOffset, o.bytes.byteLength), ...(o.part ? { part: o.part } : {}) }));
  try {
    emitOutputs(options.outDir, files, { folder: outcome.folder, ...(outcome.parts ? { parts: outcome.parts } : {}) });
  } catch (e) {
    if (!(e instanceof EmitError)) throw e;
    return { row: { ...base, ms: outcome.ms, exitCode: EXIT.output }, where: '', messages: `${outcome.messages}错误[${e.code}]: ${e.message}\n  提示: ${e.hint}\n`, notes: [] };
  }
  const where = path.relative(process.cwd(), path.join(options.outDir, outcome.folder)) || '.';
  return { row: { ...base, pages: outcome.pages, files: outcome.outputCount ?? files.length, ms: outcome.ms, exitCode: EXIT.ok }, where: `${where}/`, messages: outcome.messages, notes: outcome.notes ?? [] };
}

/** Writes out/index.html listing every report of the batch; a failure to write it is reported, not fatal. */
function publishFolderIndex(reports: readonly BatchReport[], rows: readonly SummaryRow[], options: BatchOptions): void {
  try {
    const page = folderIndexPage(
      options.world,
      options.outDir,
      reports.map((r, i) => ({ fallbackTitle: r.rel, folder: r.duplicateOf === undefined ? r.folder : undefined, status: statusOf(rows[i]?.exitCode ?? EXIT.internal), failed: (rows[i]?.exitCode ?? 1) !== 0 })),
      GENERATOR,
    );
    emitOutputs(options.outDir, [{ path: 'index.html', bytes: Buffer.from(page, 'utf8'), part: FOLDER_INDEX_PART }], { folder: '', parts: [FOLDER_INDEX_PART] });
  } catch (e) {
    options.say(`未能写入报告列表 index.html：${(e as Error).message}\n`);
  }
}
