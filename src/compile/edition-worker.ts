/**
 * Stage: compile — one edition in a worker thread (one-shot builds of both editions use both cores). Input: the
 * job { request (one edition, no bundle, the data the main thread loaded), root, env } as the first message (the
 * thread loads its libraries until it comes) → posts back that edition's output files, summary
 * lines, font manifest entries, diagnostics, dependencies and timings, or the failure's exit code and diagnostics.
 * It runs the very same pipeline (src/compile/index.ts) with a Compiler of its own.
 */
import { parentPort } from 'node:worker_threads';
import { editionRecord, type EditionRecord } from '../changes/record.ts';
import type { Diagnostic } from '../diag/diagnostic.ts';
import { DiagnosticSink } from '../diag/diagnostic.ts';
import { fontManifest, substitutionLines } from '../fonts/index.ts';
import { nodeWorld, type World } from '../world.ts';
import type { BundleFile } from '../bundle/index.ts';
import type { OutputFile } from '../emit.ts';
import { BuildFailure, Compiler, preloadStages, type Compilation, type CompileRequest, type CopyProgress } from './index.ts';

/** What the worker gets. */
export interface EditionJob {
  request: CompileRequest;
  root: string;
  env: Record<string, string | undefined>;
}

/** What it posts back. */
export type EditionReply =
  | {
      ok: true;
      /** The edition's documents and attachment tables, as the bundle lists them. */
      files: BundleFile[];
      /** The edition's numbered-copies files (for paper; kept out of the bundle). */
      paper: BundleFile[];
      /** Other outputs (out/debug/ intermediates). */
      extra: OutputFile[];
      summary: Compilation['summary'];
      /** Notes to print, without the font-substitution lines (the first edition's are printed). */
      notes: string[];
      fonts: unknown;
      /** The edition's change-summary record (its model and layout stay in this thread). */
      records: EditionRecord[];
      diagnostics: Diagnostic[];
      /** The texts the diagnostics point into (read by this thread), for printing them at file:line:col. */
      sources: Record<string, string>;
      deps: { files: string[]; dirs: string[]; probes: string[] };
      timings: Record<string, number>;
    }
  | { ok: false; exitCode: number; diagnostics: Diagnostic[]; sources: Record<string, string>; error?: string };

/** The source texts of the files the diagnostics point at, as this thread's World read them. */
function sourcesOf(diagnostics: readonly Diagnostic[], world: World): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of diagnostics) {
    const file = d.span?.file;
    const text = file === undefined ? undefined : world.source(file);
    if (file !== undefined && text !== undefined) out[file] = text;
  }
  return out;
}

async function run(job: EditionJob): Promise<EditionReply> {
  const diag = new DiagnosticSink();
  const world = nodeWorld(job.root, job.env);
  try {
    const progress = (event: CopyProgress) => parentPort?.postMessage({ progress: event });
    const result = await new Compiler().compile({ ...job.request, progress }, world, diag);
    const edition = result.editions[0];
    const shipped = new Set([...result.files, ...result.paper].map((f) => f.path));
    const substitutions = new Set(edition ? substitutionLines(edition.fonts) : []);
    return {
      ok: true,
      files: result.files,
      paper: result.paper,
      extra: result.outputs.filter((o) => !shipped.has(o.path)),
      summary: result.summary,
      notes: result.notes.filter((n) => !substitutions.has(n)),
      fonts: edition ? await fontManifest(edition.fonts) : [],
      records: result.editions.map(editionRecord),
      diagnostics: diag.items,
      sources: sourcesOf(diag.items, world),
      deps: { files: [...world.deps.files], dirs: [...world.deps.dirs], probes: [...world.deps.probes] },
      timings: result.timings,
    };
  } catch (e) {
    if (e instanceof BuildFailure) return { ok: false, exitCode: e.exitCode, diagnostics: diag.items, sources: sourcesOf(diag.items, world) };
    return { ok: false, exitCode: 1, diagnostics: diag.items, sources: sourcesOf(diag.items, world), error: (e as Error).stack ?? String(e) };
  }
}

if (parentPort) {
  const port = parentPort;
  // Started before the build has its job (by the entry point, src/bin/gongwen.js, or by the pipeline before it loads
  // the data): load the libraries meanwhile; the job comes as the first message.
  port.once('message', (job: EditionJob) => void run(job).then((reply) => port.postMessage(reply)));
  void preloadStages();
}
