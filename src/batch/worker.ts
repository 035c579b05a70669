/**
 * Stage: batch — one report in a worker thread. Input: a data file and the build's CompileRequest → the compiled
 * outputs (bytes; with the change summary's changes.json and record, as a single build writes them), the report's
 * folder and parts, figures for the summary and the printed diagnostics, or the exit code of the stage that failed. Each worker thread keeps one Compiler, so fonts, converters and templates are loaded
 * once per thread and reused for every report it builds. Nothing is written here: the main thread publishes.
 */
import { DiagnosticSink, EXIT } from '../diag/diagnostic.ts';
import { formatDiagnostics } from '../diag/format.ts';
import path from 'node:path';
import { summarizeBuild } from '../changes/index.ts';
import { BuildFailure, Compiler, type CompileRequest } from '../compile/index.ts';
import { nodeWorld } from '../world.ts';

/** What the main thread sends. */
export interface ReportTask {
  dataFile: string;
  request: CompileRequest;
  root: string;
  env: Record<string, string | undefined>;
  /** Absolute output folder: the previous build's record there gives the change summary (changes.json), as in a single build. */
  outDir: string;
}

/** What a worker sends back (plain data: Buffers arrive as Uint8Arrays). */
export interface ReportOutcome {
  exitCode: number;
  /** Diagnostics as the single build prints them. */
  messages: string;
  /** Lines a single build prints before its summary (font substitutions, normalisation counts). */
  notes?: string[];
  folder?: string;
  parts?: string[];
  outputs?: { path: string; bytes: Uint8Array; part?: string }[];
  /** How many of `outputs` the report's build made (the change summary's two files not counted, as a single build counts). */
  outputCount?: number;
  pages?: number;
  ms: number;
}

let compiler: Compiler | undefined;

/** Compiles one report (the piscina task). */
export async function compileReport(task: ReportTask): Promise<ReportOutcome> {
  const started = performance.now();
  const world = nodeWorld(task.root, task.env);
  const diag = new DiagnosticSink();
  const style = task.env['GONGWEN_DIAGNOSTICS'] === 'short' ? 'short' : 'human';
  const print = (items: DiagnosticSink['items']) => (items.length > 0 ? `${formatDiagnostics(items, (f) => world.source(f), style)}\n` : '');
  compiler ??= new Compiler();
  try {
    const result = await compiler.compile({ ...task.request, dataFile: task.dataFile }, world, diag);
    // changes.json and the record beside the manifest, exactly as `gongwen build` of this one report writes them.
    const summary = summarizeBuild(result, world, path.join(task.outDir, result.folder), task.request.formats.includes('bundle'));
    return {
      exitCode: EXIT.ok,
      messages: print(diag.items.filter((d) => d.severity !== 'info')),
      notes: result.notes,
      folder: result.folder,
      parts: result.parts,
      outputs: [...result.outputs, ...summary.files].map((o) => ({ path: o.path, bytes: o.bytes, ...(o.part ? { part: o.part } : {}) })),
      outputCount: result.outputs.length,
      pages: result.editions[0]?.layout.pages.length ?? 0,
      ms: performance.now() - started,
    };
  } catch (e) {
    if (e instanceof BuildFailure) return { exitCode: e.exitCode, messages: print(diag.items), ms: performance.now() - started };
    return { exitCode: EXIT.internal, messages: `内部错误（这是 gongwen 的缺陷，请报告）：\n${(e as Error).stack ?? String(e)}\n`, ms: performance.now() - started };
  }
}
