/**
 * Stage: command — one build, as `build`, `watch` and `preview` run it. Input: a CompileRequest, the output folder
 * and a World → the compilation, its verdict on the data checks, the change summary against the previous build in
 * that folder, the files written by emit, and what the user reads on stderr (and the change summary as JSON on
 * stdout with `--json`):
 *
 *   diagnostics (at most 20, sorted by place) → notes → files with sizes → the change summary → one status line.
 *
 * The verdict: an error in any stage stops the build with that stage's exit code (data checks: 4); warnings are
 * printed and the build goes on, unless `strict`, which makes them fatal (exit 3). A build that stops writes
 * nothing, so out/ keeps the last good outputs.
 */
import path from 'node:path';
import { changeSummaryLines, summarizeBuild, type ChangeSet } from '../changes/index.ts';
import { BuildFailure, type Compilation, type CompileRequest, type Compiler } from '../compile/index.ts';
import { DiagnosticSink, EXIT, type Diagnostic } from '../diag/diagnostic.ts';
import { formatDiagnostics, printableLines } from '../diag/format.ts';
import { EmitError, emitOutputs } from '../emit.ts';
import { elapsedMs, type World } from '../world.ts';

/** Where a build's messages go (stderr for people, stdout for `--json` data). */
export interface BuildConsole {
  message(line: string): void;
  data(line: string): void;
}

/** The process's own streams; messages with control characters escaped (a file name must not drive the terminal). */
export const processConsole: BuildConsole = {
  message: (line) => process.stderr.write(`${printableLines(line)}\n`),
  data: (line) => process.stdout.write(`${line}\n`),
};

export interface BuildOptions {
  request: CompileRequest;
  /** Absolute output folder. */
  outDir: string;
  /** Warnings are fatal (exit 3). */
  strict: boolean;
  /** Print the change summary also as one JSON line on stdout. */
  json: boolean;
  /** Print milliseconds per stage. */
  timings: boolean;
}

/** What one build did. */
export interface BuildOutcome {
  /** The exit code of the build (README). */
  code: number;
  diagnostics: Diagnostic[];
  /** Set when the compilation succeeded (even if --strict then refused to write it). */
  compilation?: Compilation;
  /** Set when outputs were written. */
  changes?: ChangeSet;
  /** Output files whose bytes changed (the change summary's own files excluded). */
  written: string[];
}

/** Runs one build: compile, judge, summarise, emit, print. Never throws for a user error. */
export async function runBuild(options: BuildOptions, compiler: Compiler, world: World, out: BuildConsole = processConsole): Promise<BuildOutcome> {
  const started = performance.now();
  const diag = new DiagnosticSink();
  const print = (items: readonly Diagnostic[]) => {
    if (items.length > 0) out.message(formatDiagnostics(items, (f) => world.source(f), world.env['GONGWEN_DIAGNOSTICS'] === 'short' ? 'short' : 'human'));
  };
  let compilation: Compilation;
  try {
    compilation = await compiler.compile(options.request, world, diag);
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e;
    print(diag.items);
    out.message(`构建失败：${diag.errorCount} 个错误；输出目录未改动。`);
    return { code: e.exitCode, diagnostics: diag.items, written: [] };
  }
  const shown = diag.items.filter((d) => d.severity !== 'info');
  print(shown);
  if (options.strict && diag.warningCount > 0) {
    out.message(`构建未完成：${diag.warningCount} 个警告（--strict 把警告视为错误）；输出目录未改动。`);
    return { code: EXIT.warningsStrict, diagnostics: diag.items, compilation, written: [] };
  }
  for (const line of compilation.notes) out.message(line);
  const replacesAll = options.request.formats.includes('bundle');
  const summary = summarizeBuild(compilation, world, path.join(options.outDir, compilation.folder), replacesAll);
  let written: string[];
  let removed: string[];
  try {
    const emitted = emitOutputs(options.outDir, [...compilation.outputs, ...summary.files], { folder: compilation.folder, parts: compilation.parts });
    ({ changed: written, removed } = emitted);
    if (emitted.recovered) out.message(`上次发布被中断，已${emitted.recovered === 'completed' ? '完成' : '撤回'}（${path.relative(process.cwd(), options.outDir) || '.'}）`);
  } catch (e) {
    if (!(e instanceof EmitError)) throw e;
    out.message(`错误[${e.code}]: ${e.message}\n  提示: ${e.hint}\n输出目录未改动。`);
    return { code: EXIT.output, diagnostics: diag.items, compilation, written: [] };
  }
  const own = new Set(summary.files.map((f) => f.path));
  written = written.filter((p) => !own.has(p));
  for (const f of compilation.summary) out.message(`  ${f.path}  ${formatBytes(f.bytes)}${f.pages ? `  ${f.pages} 页` : ''}`);
  if (removed.length > 0) out.message(`已删除上次生成、本次不再生成的文件：${removed.join('、')}`);
  if (options.timings) {
    const line = (t: Record<string, number>) => Object.entries(t).map(([k, v]) => `${k} ${v}`).join('，');
    out.message(`用时（毫秒）：${line(compilation.timings)}`);
    if (compilation.workerTimings) out.message(`用时（毫秒，另一线程）：${line(compilation.workerTimings)}`);
  }
  for (const line of changeSummaryLines(summary.changes)) out.message(line);
  if (options.json) out.data(JSON.stringify(summary.changes));
  const warnings = diag.warningCount > 0 ? `，${diag.warningCount} 个警告` : '';
  out.message(`完成：${compilation.outputs.length} 个文件（${written.length} 个有变化${warnings}）→ ${path.relative(process.cwd(), path.join(options.outDir, compilation.folder)) || '.'}，用时 ${(elapsedMs(started) / 1000).toFixed(2)} 秒`);
  return { code: EXIT.ok, diagnostics: diag.items, compilation, changes: summary.changes, written };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
