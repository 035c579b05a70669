/**
 * Stage: bench — the Typst peer's worker (one fresh process per measurement). Input: argv[2] = a job file (JSON:
 * workspace, mainFile, fontPaths, creationTimestamp, pdfTags, optional pdfOut, optional editedSource) → one JSON
 * line on stdout: pages, PDF bytes, phase times, compiler warnings, the process's CPU time (user + system, all
 * threads: Typst lays out in parallel) and its peak RSS.
 *
 * Plain JavaScript run by bare `node`, not TypeScript through `--import tsx`: Typst's own cold run is a native
 * binary reading a .typ file, so the tsx loader's start-up (~100+ ms of esbuild and hooks) must not be counted
 * against Typst. It only loads the addon and runs it; src/bench/typst-peer.ts writes the job and the source.
 *
 * With `editedSource` the worker also measures a warm edit: after the first compile and export it replaces the
 * main file in the compiler's in-memory file system (addSource) and compiles and exports again in this process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const { default: typst } = await import('@myriaddreamin/typst-ts-node-compiler');
const t1 = performance.now();

const compiler = typst.NodeCompiler.create({ workspace: job.workspace, fontArgs: [{ fontPaths: job.fontPaths }] });
const t2 = performance.now();
const first = compileAndExport(compiler, job);
const warm = job.editedSource === undefined ? undefined : editAndRecompile(compiler, job);
if (job.pdfOut) writeFileSync(job.pdfOut, first.pdf);

process.stdout.write(
  `${JSON.stringify({
    pages: first.pages,
    pdfBytes: first.pdf.length,
    importMs: round(t1 - t0),
    createMs: round(t2 - t1),
    compileMs: first.compileMs,
    pdfMs: first.pdfMs,
    warnings: first.warnings,
    ...(warm ? { warm: { pages: warm.pages, pdfBytes: warm.pdf.length, compileMs: warm.compileMs, pdfMs: warm.pdfMs } } : {}),
    cpuMs: cpuMs(),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);

/** Compiles the main file and exports the PDF; throws with Typst's diagnostics on an error. */
function compileAndExport(compiler, job) {
  const c0 = performance.now();
  const result = compiler.compile({ mainFilePath: job.mainFile });
  const doc = result.result;
  if (!doc || result.hasError()) {
    const error = result.takeError();
    throw new Error(`typst: ${JSON.stringify(error?.shortDiagnostics ?? 'no document')}`);
  }
  const c1 = performance.now();
  const pdf = compiler.pdf(doc, { creationTimestamp: job.creationTimestamp, pdfTags: job.pdfTags ?? true });
  const c2 = performance.now();
  const warnings = (result.takeWarnings()?.shortDiagnostics ?? []).map((d) => String(d.message));
  return { pages: doc.numOfPages, pdf, warnings, compileMs: round(c1 - c0), pdfMs: round(c2 - c1) };
}

/** The warm edit: same compiler, one paragraph changed, compile + export again. */
function editAndRecompile(compiler, job) {
  compiler.addSource(job.mainFile, job.editedSource);
  return compileAndExport(compiler, job);
}

function cpuMs() {
  const { user, system } = process.cpuUsage();
  return round((user + system) / 1000);
}

function round(ms) {
  return Math.round(ms * 100) / 100;
}
