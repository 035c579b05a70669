/**
 * Stage: compile — the one pipeline, and the compiler that keeps what is expensive across compilations. Input: a
 * CompileRequest + World → every output file in memory (PDF and DOCX per edition, attachment files, index page,
 * checksums, manifest, zip), the per-edition intermediates, the diagnostics and every file the compilation read.
 * Nothing is written here: `gongwen build` hands the outputs to emit only after the whole compilation succeeded;
 * `gongwen check` is the same compilation without writing. A stage that reports errors stops the compilation with
 * the exit code of that stage (README). This is the only module that knows the order of the stages:
 *
 *   load → normalise (→ lint, check mode) → attachments → content (tables, pictures, printed attachments) →
 *     per edition: convert → fonts → render → [compileModel: compose → coverage → layout → PDF, DOCX] → tables
 *   → bundle
 *
 * Coverage runs on the composed document, after composition and before layout: it checks exactly the texts, roles
 * and sizes that the writers will draw (the table head in 黑体, the generated numbers and labels).
 *
 * The Compiler owns the font library (each face read, parsed and hashed once per process), the OpenCC tries and the
 * compiled templates; a second compilation in the same process (watch, copies, batch) reuses them and only redoes the
 * stages, with a fresh World recording what this compilation read.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { DiagnosticSink, EXIT } from '../diag/diagnostic.ts';
import type { OutputFile } from '../emit.ts';
import { BundleError, packBundle, sanitizeFileName, type BundleFile } from '../bundle/index.ts';
import { composeDocument } from '../compose/index.ts';
import { checkCoverage, fontManifest, resolveFonts, substitutionLines } from '../fonts/index.ts';
import { FontLibrary } from '../fonts/library.ts';
import type { FontSet } from '../fonts/types.ts';
import { layoutDocument } from '../layout/index.ts';
import type { DocumentLayout } from '../layout/types.ts';
import { lintReport } from '../lint/index.ts';
import { loadReportText } from '../load/index.ts';
import type { LoadedReport } from '../load/types.ts';
import type { ComposedDocument } from '../model/composed.ts';
import type { DocModel, Edition } from '../model/types.ts';
import { normalizeReport } from '../normalize/index.ts';
import type { TraditionalConverters } from '../normalize/opencc.ts';
import { renderModel } from '../render/index.ts';
import { reportTemplateEngine } from '../render/env.ts';
import type { TemplateEngine } from '../templating/engine.ts';
import { PACKAGE_ROOT, buildClock, clockAsUtc, type Dependencies, type World } from '../world.ts';
import { EDITION_LABEL, SpreadsheetMemo, attachmentTables, collectAttachments, externalFiles } from './attachments.ts';
import type { CompileRequest, OutputFormat } from './request.ts';
import type { EditionJob, EditionReply } from './edition-worker.ts';
import { StageTimer } from './timings.ts';
import { collectContent } from '../media/collect.ts';
import { mapPrintedTexts, type MediaStore } from '../media/types.ts';

export { compileRequest, OUTPUT_FORMATS, DEBUG_OUTPUTS, type CompileRequest, type OutputFormat, type DebugOutput } from './request.ts';
export { EDITION_LABEL } from './attachments.ts';

/** gongwen's own version (package.json of the package, wherever this module was bundled to). */
const GENERATOR_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const GENERATOR = `gongwen ${GENERATOR_VERSION}`;

/** A failed compilation: the diagnostics are in the sink; `exitCode` names the stage (README exit codes). */
export class BuildFailure extends Error {
  constructor(readonly exitCode: number) {
    super(`build failed (${exitCode})`);
  }
}

/** One edition as the pipeline made it (what preview, copies and tests look at). */
export interface EditionResult {
  edition: Edition;
  fonts: FontSet;
  model: DocModel;
  composed: ComposedDocument;
  layout: DocumentLayout;
  markup: string;
}

export interface Compilation {
  outputs: OutputFile[];
  /** The documents and attachment files among the outputs, as the download bundle lists them. */
  files: BundleFile[];
  /** What the summary prints: report files with sizes and pages. */
  summary: { path: string; bytes: number; pages?: number }[];
  /** Lines to print before the summary (font substitutions, normalisation counts). */
  notes: string[];
  editions: EditionResult[];
  /** Every file, folder and probe the compilation read (what watch mode observes). */
  deps: Dependencies;
  /** Milliseconds per stage (`--timings`, the benchmark). */
  timings: Record<string, number>;
}

/** Loads and validates the data file. */
function loadData(dataFile: string, world: World, diag: DiagnosticSink): LoadedReport | undefined {
  if (!world.exists(dataFile)) {
    diag.error('load/missing-file', `找不到数据文件：${dataFile}`, undefined, ['默认数据在 data/report.yaml；也可用 gongwen import 从文本生成。']);
    return undefined;
  }
  return loadReportText(world.readText(dataFile), world.rel(dataFile), diag);
}

/** Loads a module once, on first use. */
const lazily = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
};

/**
 * Stages whose libraries only some compilations need, loaded on first use: a PDF-only build never loads `docx`, a
 * Simplified-only build never loads OpenCC's dictionaries.
 */
const STAGES = {
  pdf: lazily(() => import('../pdf/index.ts')),
  docx: lazily(() => import('../docx/index.ts')),
  traditional: lazily(async () => ({ ...(await import('../normalize/edition.ts')), ...(await import('../normalize/opencc.ts')) })),
};

/** The compiler: one per process (or per test file); compile() may be called any number of times. */
export class Compiler {
  readonly fonts = new FontLibrary();
  readonly templates: TemplateEngine = reportTemplateEngine();
  readonly spreadsheets = new SpreadsheetMemo();
  private traditional: TraditionalConverters | undefined;

  /** The OpenCC converters (built on first use, kept across compilations). */
  async converters(): Promise<TraditionalConverters> {
    const { TraditionalConverters: Converters } = await STAGES.traditional();
    return (this.traditional ??= new Converters());
  }

  /** Runs the pipeline. Throws BuildFailure (diagnostics in `diag`) when a stage reported errors. */
  compile(request: CompileRequest, world: World, diag: DiagnosticSink = new DiagnosticSink()): Promise<Compilation> {
    return runPipeline(this, request, world, diag);
  }
}

/** An edition compiled by a worker thread, started before this thread begins its own. */
interface RemoteEdition {
  edition: Edition;
  worker: Worker;
  reply: Promise<EditionReply>;
}

/**
 * The worker's entry: the compiled code's (src/bin/edition-worker.cjs loads .build/edition-worker.cjs with the code
 * cache); undefined when this module runs as TypeScript (tests, tsx), which then compiles the editions in turn.
 */
const EDITION_WORKER = import.meta.url.endsWith('.cjs') ? path.join(PACKAGE_ROOT, 'src/bin/edition-worker.cjs') : undefined;

function startRemoteEdition(request: CompileRequest, world: World): RemoteEdition | undefined {
  const edition = request.editions[request.editions.length - 1];
  if (!EDITION_WORKER || !edition) return undefined;
  const job: EditionJob = {
    request: { ...request, editions: [edition], formats: request.formats.filter((f) => f !== 'bundle'), parallel: false },
    root: world.root,
    env: { ...world.env },
  };
  const worker = new Worker(EDITION_WORKER, { workerData: job });
  const reply = new Promise<EditionReply>((resolve, reject) => {
    worker.once('message', (m: EditionReply) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`edition worker exited (${code}) without a reply`)));
  });
  reply.catch(() => undefined); // observed by the pipeline; never an unhandled rejection when it stops early
  return { edition, worker, reply };
}

const stopOnErrors = (diag: DiagnosticSink, code: number) => {
  if (diag.hasErrors()) throw new BuildFailure(code);
};

/** What the back half of the pipeline needs besides the model and its fonts. */
export interface ModelOptions {
  formats: readonly OutputFormat[];
  embedFonts: boolean;
  allowMissingGlyphs: boolean;
  /** The build clock as a UTC instant (PDF and DOCX metadata, DOCX zip times). */
  clock: Date;
  /** Source texts by project-relative path, so glyph diagnostics point at the character. */
  sourceText?: (file: string) => string | undefined;
  /** Bytes of the pictures and PDF attachments the model names (by media key). */
  media?: MediaStore;
}

/** One edition's composed document, layout and document bytes. */
export interface ModelResult {
  composed: ComposedDocument;
  layout: DocumentLayout;
  pdf?: Buffer;
  docx?: Buffer;
}

/**
 * The back half of the pipeline for one edition's model: compose → coverage → layout → PDF, DOCX. The whole pipeline
 * runs it for every edition; tests that start from a model fixture (Pandoc's writer tests) run just this.
 */
export function compileModel(model: DocModel, fonts: FontSet, options: ModelOptions, diag: DiagnosticSink = new DiagnosticSink()): Promise<ModelResult> {
  return compileModelTimed(model, fonts, options, diag, new StageTimer());
}

async function compileModelTimed(model: DocModel, fonts: FontSet, options: ModelOptions, diag: DiagnosticSink, time: StageTimer): Promise<ModelResult> {
  const composed = time.run('compose', () => composeDocument(model, fonts));
  time.run('coverage', () => checkCoverage(composed, fonts, diag, { allowMissingGlyphs: options.allowMissingGlyphs, ...(options.sourceText ? { sourceText: options.sourceText } : {}) }));
  stopOnErrors(diag, EXIT.fonts);
  const layout = time.run('layout', () => layoutDocument(composed, fonts));
  const result: ModelResult = { composed, layout };
  if (options.formats.includes('pdf')) {
    const { writePdf } = await STAGES.pdf();
    result.pdf = await time.runAsync('pdf', () => writePdf(layout, fonts, { meta: model.meta, clock: options.clock, generator: GENERATOR, media: options.media ?? new Map() }));
  }
  if (options.formats.includes('docx')) {
    const { writeDocx } = await STAGES.docx();
    result.docx = (await time.runAsync('docx', () => writeDocx(composed, { clock: options.clock, fonts, embedFonts: options.embedFonts, media: options.media ?? new Map() }))).bytes;
  }
  return result;
}

async function runPipeline(compiler: Compiler, request: CompileRequest, world: World, diag: DiagnosticSink): Promise<Compilation> {
  const remote = request.parallel && request.editions.length > 1 ? startRemoteEdition(request, world) : undefined;
  try {
    return await runStages(compiler, request, world, diag, remote);
  } finally {
    void remote?.worker.terminate();
  }
}

async function runStages(compiler: Compiler, request: CompileRequest, world: World, diag: DiagnosticSink, remote: RemoteEdition | undefined): Promise<Compilation> {
  const time = new StageTimer();
  const wants = (f: OutputFormat) => request.formats.includes(f);
  const localEditions = remote ? request.editions.filter((e) => e !== remote.edition) : request.editions;

  const loaded = time.run('load', () => loadData(request.dataFile, world, diag));
  stopOnErrors(diag, EXIT.dataInvalid);
  if (!loaded) throw new BuildFailure(EXIT.dataInvalid);
  const notes: string[] = [];
  const { report, changes } = time.run('normalize', () => normalizeReport(loaded, diag, request.mode === 'check' ? 'warning' : 'info'));
  if (request.mode === 'check') time.run('lint', () => lintReport(loaded, diag));
  stopOnErrors(diag, EXIT.dataInvalid);
  if (changes > 0 && request.mode === 'build') notes.push(`已规范标点 ${changes} 处（gongwen check 列出每一处）`);
  const clock = buildClock(world.env, report.meta.date ?? '');
  const utc = clockAsUtc(clock);
  const stem = sanitizeFileName(report.meta.id);

  const externals = time.run('attachments', () => collectAttachments(loaded, report, world, diag));
  stopOnErrors(diag, EXIT.attachment);
  const content = await time.runAsync('content', () => collectContent(loaded, report, externals, world, diag));
  stopOnErrors(diag, diag.items.some((d) => d.severity === 'error' && d.code.startsWith('data/')) ? EXIT.dataInvalid : EXIT.attachment);

  const outputs: OutputFile[] = [];
  const bundleFiles: BundleFile[] = [];
  const summary: Compilation['summary'] = [];
  const fontEntries: Partial<Record<Edition, Promise<unknown>>> = {};
  const debug: OutputFile[] = [];
  const editions: EditionResult[] = [];
  const ship = (file: BundleFile, pages?: number) => {
    outputs.push({ path: file.path, bytes: file.bytes });
    bundleFiles.push(file);
    summary.push({ path: file.path, bytes: file.bytes.length, ...(pages !== undefined ? { pages } : {}) });
  };

  for (const edition of localEditions) {
    let convert = (s: string) => s;
    let reportOfEdition = report;
    if (edition === 'zh-Hant') {
      const { editionConverter, editionReport } = await STAGES.traditional();
      const converters = await compiler.converters();
      convert = time.run('convert', () => editionConverter(converters, world, diag, request.variant));
      stopOnErrors(diag, EXIT.dataInvalid);
      reportOfEdition = time.run('convert', () => editionReport(report, edition, convert));
    }
    const fonts = time.run('fonts', () => resolveFonts(world, request.fonts, edition, diag, compiler.fonts));
    stopOnErrors(diag, EXIT.fonts);
    if (edition === request.editions[0]) notes.push(...substitutionLines(fonts));

    const rendered = time.run('render', () =>
      renderModel(
        // A printed attachment's text is part of the edition (its file ships once, as it is).
        { report: reportOfEdition, edition, spanOf: loaded.spanOf, dataFile: loaded.file, literal: convert, variant: request.variant, content: edition === 'zh-Hans' ? content : mapPrintedTexts(content, convert) },
        compiler.templates,
        world,
        diag,
      ),
    );
    stopOnErrors(diag, EXIT.template);
    if (!rendered) throw new BuildFailure(EXIT.template);
    const built = await compileModelTimed(rendered.model, fonts, { ...request, clock: utc, sourceText: (f) => world.source(f), media: content.media }, diag, time);
    const { composed, layout } = built;
    editions.push({ edition, fonts, model: rendered.model, composed, layout, markup: rendered.markup });

    const label = EDITION_LABEL[edition];
    const title = `${report.meta.title}（${label}）`;
    if (built.pdf) ship({ path: `${stem}（${label}）.pdf`, title, kind: 'pdf', edition, role: 'report', bytes: built.pdf, pages: layout.pages.length }, layout.pages.length);
    if (built.docx) ship({ path: `${stem}（${label}）.docx`, title, kind: 'docx', edition, role: 'report', bytes: built.docx });
    if (wants('tables')) for (const file of await time.runAsync('tables', () => attachmentTables(rendered.model, edition, clock, compiler.spreadsheets))) ship(file);
    if (wants('bundle')) fontEntries[edition] = fontManifest(fonts); // hashes finish on the thread pool meanwhile
    if (request.debug.includes('model')) debug.push({ path: `debug/model.${edition}.json`, bytes: Buffer.from(`${JSON.stringify(rendered.model, null, 2)}\n`) });
    if (request.debug.includes('composed')) debug.push({ path: `debug/composed.${edition}.json`, bytes: Buffer.from(`${JSON.stringify(composed, null, 2)}\n`) });
    if (request.debug.includes('markup')) debug.push({ path: `debug/markup.${edition}.xml`, bytes: Buffer.from(rendered.markup) });
  }
  if (remote) {
    const reply = await time.runAsync('other edition', () => remote.reply);
    const known = new Set(diag.items.map((d) => JSON.stringify(d)));
    for (const d of reply.diagnostics) if (!known.has(JSON.stringify(d))) diag.push(d);
    if (!reply.ok) {
      if (reply.error) throw new Error(`edition worker: ${reply.error}`);
      throw new BuildFailure(reply.exitCode);
    }
    // The external attachment files (no edition) are shipped once, by this thread, below.
    for (const f of reply.files) if (f.edition !== null) ship({ ...f, bytes: Buffer.from(f.bytes) }, f.pages);
    debug.push(...reply.extra.map((o) => ({ path: o.path, bytes: Buffer.from(o.bytes) })));
    fontEntries[remote.edition] = Promise.resolve(reply.fonts);
    for (const kind of ['files', 'dirs', 'probes'] as const) for (const p of reply.deps[kind]) world.deps[kind].add(p);
  }
  if (wants('tables')) for (const file of externalFiles(externals, report)) ship(file);

  if (wants('bundle')) {
    const bundle = await time.runAsync('bundle', async () => {
      try {
        return await packBundle({
          title: `${report.meta.title}（全部文件）`,
          zipName: `${stem}-附件下载.zip`,
          files: bundleFiles,
          report: { id: report.meta.id, title: report.meta.title, organ: report.meta.organ ?? '', date: report.meta.date ?? '' },
          fonts: Object.fromEntries(await Promise.all(Object.entries(fontEntries).map(async ([k, v]) => [k, await v]))),
          version: GENERATOR_VERSION,
          clock,
          world,
          templates: compiler.templates,
        });
      } catch (e) {
        if (!(e instanceof BundleError)) throw e;
        for (const d of e.diagnostics) diag.push(d);
        throw new BuildFailure(EXIT.attachment);
      }
    });
    stopOnErrors(diag, EXIT.attachment);
    for (const o of bundle.outputs) {
      outputs.push(o);
      if (o.path.endsWith('.zip')) summary.push({ path: o.path, bytes: o.bytes.length });
    }
  }
  outputs.push(...debug);
  return { outputs, files: bundleFiles, summary, notes, editions, deps: world.deps, timings: time.totals() };
}
