/**
 * Stage: compile — the one pipeline, and the compiler that keeps what is expensive across compilations. Input: a
 * CompileRequest + World → every output file in memory (PDF and DOCX per edition, attachment files, index page,
 * checksums, manifest, zip), the per-edition intermediates, the diagnostics and every file the compilation read.
 * Nothing is written here: `gongwen build` hands the outputs to emit only after the whole compilation succeeded;
 * `gongwen check` is the same compilation without writing. A stage that reports errors stops the compilation with
 * the exit code of that stage (README). This is the only module that knows the order of the stages:
 *
 *   load → normalise → lint → copies plan → attachments → content (tables, pictures, printed attachments) →
 *     per edition: convert → fonts → render → [compileModel: compose → coverage → layout → PDF, DOCX] → tables
 *                  → copies (compose with the 份号 line → coverage → layout once → print file, per-copy PDFs, register)
 *   → bundle
 *
 * The data checks (normalisation findings and the proofreading lint) run in every mode — build, check, watch and
 * preview see the same findings: errors stop the compilation (exit 4), warnings are the caller's to print, or to
 * treat as fatal under `--strict`.
 *
 * Coverage runs on the composed document, after composition and before layout: it checks exactly the texts, roles
 * and sizes that the writers will draw (the table head in 黑体, the generated numbers and labels).
 *
 * The Compiler owns the font library (each face read, parsed and hashed once per process), the OpenCC tries and the
 * compiled templates; a second compilation in the same process (watch, copies, batch) reuses them and only redoes the
 * stages, with a fresh World recording what this compilation read.
 */
import type { EditionRecord } from '../changes/record.ts';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { DiagnosticSink, EXIT } from '../diag/diagnostic.ts';
import type { OutputFile } from '../emit.ts';
import { BundleError, EDITION_LABEL, packBundle, sanitizeFileName, type BundleFile } from '../bundle/index.ts';
import { composeDocument } from '../compose/index.ts';
import { checkCoverage, fontManifest, requireOfficialFonts, resolveFonts, substitutionLines, warnSharedFaces } from '../fonts/index.ts';
import { FontLibrary } from '../fonts/library.ts';
import type { FontSet } from '../fonts/types.ts';
import { layoutDocument } from '../layout/index.ts';
import type { DocumentLayout } from '../layout/types.ts';
import { lintReport } from '../lint/index.ts';
import { loadReportText, readDataSource } from '../load/index.ts';
import { deepFreeze } from '../load/freeze.ts';
import { receiveReport } from '../load/transfer.ts';
import type { LoadedReport } from '../load/types.ts';
import type { Report } from '../load/schema.ts';
import type { ComposedDocument } from '../model/composed.ts';
import type { DocModel, Edition } from '../model/types.ts';
import { normalizeReport } from '../normalize/index.ts';
import type { TraditionalConverters } from '../normalize/opencc.ts';
import { renderModel } from '../render/index.ts';
import { reportTemplateEngine } from '../render/env.ts';
import type { TemplateEngine } from '../templating/engine.ts';
import { PACKAGE_ROOT, buildClock, clockAsUtc, hasBuildDate, type Dependencies, type World } from '../world.ts';
import { SpreadsheetMemo, attachmentTables, collectAttachments, externalFiles } from './attachments.ts';
import type { CompileRequest, CopyProgress, EmbedFonts, OutputFormat, PreloadedReport } from './request.ts';
import type { EditionJob, EditionReply } from './edition-worker.ts';
import { BUNDLE_PART, DEBUG_PART, partOf, requestParts } from './scope.ts';
import { StageTimer } from './timings.ts';
import { planCopies, watermarkLine, type CopyPlan } from '../copies/plan.ts';
import { copyNumberText } from '../gbt9704/marks.ts';
import { copiesPaths, copyStamps, marksSummary, printFile, printShopNote, registerFiles, singleCopyFile } from './copies.ts';
import { collectContent } from '../media/collect.ts';
import { mapPrintedTexts, type MediaStore } from '../media/types.ts';
import type { RedInk } from '../gbt9704/ink.ts';

export { compileRequest, OUTPUT_FORMATS, DEBUG_OUTPUTS, type CompileRequest, type CopyProgress, type OutputFormat, type DebugOutput } from './request.ts';
export { EDITION_LABEL } from '../bundle/index.ts';

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
  /** Numbered copies: the composition with the 份号 line and the one layout every copy is stamped on. */
  copies?: { plan: CopyPlan; composed: ComposedDocument; layout?: DocumentLayout };
}

export interface Compilation {
  /** The report as the editions were made from it (normalised; the change summary compares its figures). */
  report: Report;
  outputs: OutputFile[];
  /** The documents and attachment files among the outputs, as the download bundle lists them. */
  files: BundleFile[];
  /** The numbered-copies files (print files, per-copy PDFs, registers) kept out of the bundle: for paper. */
  paper: BundleFile[];
  /** The report's own folder inside the output folder (its sanitised meta.id): emit writes the outputs there. */
  folder: string;
  /** The parts of a build this request makes (src/compile/scope.ts): what emit may clean up after it. */
  parts: string[];
  /** What the summary prints: report files with sizes and pages. */
  summary: { path: string; bytes: number; pages?: number }[];
  /** Lines to print before the summary (font substitutions, normalisation counts). */
  notes: string[];
  /** The editions compiled in this thread, with their models and layouts. */
  editions: EditionResult[];
  /**
   * The change-summary records (src/changes/record.ts) of the editions compiled in the edition worker, whose models
   * and layouts stay there: with `editions`, every edition the build made, whichever thread made it.
   */
  remoteEditions: EditionRecord[];
  /** Every file, folder and probe the compilation read (what watch mode observes). */
  deps: Dependencies;
  /** Milliseconds per stage (`--timings`, the benchmark). */
  timings: Record<string, number>;
  /** The edition worker's milliseconds per stage, when an edition was compiled there (`--timings`). */
  workerTimings?: Record<string, number>;
}

/** Loads and validates the data file. */
function loadData(dataFile: string, world: World, diag: DiagnosticSink): LoadedReport | undefined {
  const text = readDataSource(world, dataFile, diag);
  return text === undefined ? undefined : loadReportText(text, world.rel(dataFile), diag);
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
  copies: lazily(() => import('../pdf/copies.ts')),
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
  /** Gives the worker its job, with the data this thread loaded and normalised (the worker does not read it again). */
  post(preloaded: PreloadedReport): void;
}

/**
 * The worker's entry: the compiled code's (src/bin/edition-worker.cjs loads .build/edition-worker.cjs with the code
 * cache); undefined when this module runs as TypeScript (tests, tsx), which then compiles the editions in turn.
 */
const EDITION_WORKER = import.meta.url.endsWith('.cjs') ? path.join(PACKAGE_ROOT, 'src/bin/edition-worker.cjs') : undefined;

/** Where src/bin/gongwen.js leaves the edition worker it started before loading gongwen (see takeStandbyWorker). */
const STANDBY_WORKER = Symbol.for('gongwen.standbyEditionWorker');

/**
 * The edition worker the entry point started at once for a one-shot `gongwen build` of both editions, so that the
 * thread loads its libraries while this one loads gongwen (≈ 0.3 s of the cold build); it waits for its job as a
 * message. Taken once; a build that does not take it leaves it unreferenced, and the process exits without it.
 */
function takeStandbyWorker(): Worker | undefined {
  const holder = globalThis as unknown as Record<symbol, Worker | undefined>;
  const worker = holder[STANDBY_WORKER];
  holder[STANDBY_WORKER] = undefined;
  return worker;
}

/** Loads the lazily loaded stages' libraries (a standby worker does this while it waits for its job). */
export async function preloadStages(): Promise<void> {
  await Promise.all([STAGES.pdf(), STAGES.docx(), STAGES.traditional()]);
}

/**
 * Starts (or takes) the worker for the request's last edition. It loads its libraries at once and gets its job when
 * this thread has loaded and normalised the data (`post`).
 */
function startRemoteEdition(request: CompileRequest, world: World): RemoteEdition | undefined {
  const edition = request.editions[request.editions.length - 1];
  if (!EDITION_WORKER || !edition) return undefined;
  const standby = takeStandbyWorker();
  const worker = standby ?? new Worker(EDITION_WORKER);
  worker.ref(); // the build waits for it now
  // The request crosses to the thread as data: the progress callback stays here and hears the worker's events.
  const { progress, ...data } = request;
  const post = (preloaded: PreloadedReport) => {
    const job: EditionJob = {
      request: { ...data, editions: [edition], formats: request.formats.filter((f) => f !== 'bundle'), parallel: false, skipLint: true, preloaded },
      root: world.root,
      env: { ...world.env },
    };
    worker.postMessage(job);
  };
  const reply = new Promise<EditionReply>((resolve, reject) => {
    worker.on('message', (m: EditionReply | { progress: CopyProgress }) => {
      if ('progress' in m) progress?.(m.progress);
      else resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`edition worker exited (${code}) without a reply`)));
  });
  reply.catch(() => undefined); // observed by the pipeline; never an unhandled rejection when it stops early
  return { edition, worker, reply, post };
}

const stopOnErrors = (diag: DiagnosticSink, code: number) => {
  if (diag.hasErrors()) throw new BuildFailure(code);
};

/** What the back half of the pipeline needs besides the model and its fonts. */
export interface ModelOptions {
  formats: readonly OutputFormat[];
  embedFonts: EmbedFonts;
  allowMissingGlyphs: boolean;
  /** The build clock as a UTC instant (PDF and DOCX metadata, DOCX zip times). */
  clock: Date;
  /** Whether the clock is a real date (SOURCE_DATE_EPOCH or 成文日期); without one the PDF carries no dates. */
  dated?: boolean;
  /** `--pdfa`: the PDF as PDF/A-2b. */
  pdfa?: boolean;
  /** Source texts by project-relative path, so glyph diagnostics point at the character. */
  sourceText?: (file: string) => string | undefined;
  /** The 份号 of the one copy a build numbers: the DOCX carries it on line 1 (the PDF of copies is stamped instead). */
  docxCopyNumber?: string;
  /** Bytes of the pictures and PDF attachments the model names (by media key). */
  media?: MediaStore;
  /** The 版头's red (`--red`). */
  red?: RedInk;
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
    result.pdf = await time.runAsync('pdf', () =>
      writePdf(layout, fonts, { meta: model.meta, clock: options.clock, dated: options.dated ?? true, generator: GENERATOR, pdfa: options.pdfa ?? false, media: options.media ?? new Map(), ...(options.red ? { red: options.red } : {}) }),
    );
  }
  if (options.formats.includes('docx')) {
    const { writeDocx } = await STAGES.docx();
    // The 份号 line's digits are covered by the check above (it reads every digit of a 份号 line).
    const copyNumber = options.docxCopyNumber;
    const forDocx = copyNumber === undefined ? composed : time.run('compose', () => composeDocument(model, fonts, { copyNumber }));
    // The 版头 and the 版记 go where the PDF layout put them; a DOCX with its own 份号 line has a layout of its own.
    const placed = forDocx === composed || !forDocx.blocks.some((b) => b.kind === 'masthead' || b.kind === 'colophon') ? layout : time.run('layout', () => layoutDocument(forDocx, fonts));
    const placement = { ...(placed.masthead ? { masthead: placed.masthead } : {}), ...(placed.colophon ? { colophon: placed.colophon } : {}) };
    result.docx = (
      await time.runAsync('docx', () =>
        writeDocx(forDocx, { clock: options.clock, fonts, embedFonts: options.embedFonts, media: options.media ?? new Map(), placement, ...(options.red ? { red: options.red } : {}) }),
      )
    ).bytes;
  }
  return result;
}

/** The placeholder of the 份号 in the copies layout (every copy stamps its own digits into the same cells). */
const COPY_NUMBER_PLACEHOLDER = copyNumberText(0);

/** What the copies stage of one edition hands back: the files and what the build prints about them. */
interface CopiesResult {
  composed: ComposedDocument;
  layout?: DocumentLayout;
  print?: BundleFile;
  singles: BundleFile[];
  register: BundleFile[];
  note?: string;
}

/**
 * The copies of one edition: the model composed with the 份号 line (and the watermarks), checked, laid out ONCE; the
 * print file stamps every copy on that layout; --copies-split writes each copy on its own; the register lists them.
 * `gongwen check` stops after the glyph check (it writes nothing).
 */
async function compileCopies(
  model: DocModel,
  fonts: FontSet,
  plan: CopyPlan,
  paths: ReturnType<typeof copiesPaths>,
  context: { request: CompileRequest; clock: Date; utc: Date; title: string; sourceText: (f: string) => string | undefined; spreadsheets: SpreadsheetMemo; media: MediaStore },
  diag: DiagnosticSink,
  time: StageTimer,
): Promise<CopiesResult> {
  const { request } = context;
  const watermarks = plan.watermark ? { watermarks: plan.copies.map((c) => ({ text: watermarkLine(c), ...(c.origin ? { origin: c.origin } : {}) })) } : {};
  const composed = time.run('copies', () => composeDocument(model, fonts, { copyNumber: COPY_NUMBER_PLACEHOLDER, ...watermarks }));
  time.run('copies', () => checkCoverage(composed, fonts, diag, { allowMissingGlyphs: request.allowMissingGlyphs, sourceText: context.sourceText }));
  stopOnErrors(diag, EXIT.fonts);
  if (request.mode === 'check' || !request.formats.includes('pdf')) return { composed, singles: [], register: [] };
  const layout = time.run('copies', () => layoutDocument(composed, fonts));
  const { writeCopiesPdf } = await STAGES.copies();
  const edition = model.meta.edition;
  const stamps = copyStamps(plan);
  const pdfOptions = { meta: model.meta, clock: context.utc, generator: GENERATOR, media: context.media, ...(request.red ? { red: request.red } : {}) };
  const progress = (file: 'print' | 'split') => (done: number, total: number) => {
    const copy = plan.copies[done - 1];
    if (copy) request.progress?.({ edition, file, done, total, copy });
  };
  const pages = layout.pages.length;
  const bytes = await time.runAsync('copies', () => writeCopiesPdf(layout, fonts, stamps, { ...pdfOptions, onCopy: progress('print') }));
  const print = printFile(paths.print, context.title, edition, plan, bytes, pages);
  const singles: BundleFile[] = [];
  if (plan.split) {
    const done = progress('split');
    for (const [i, copy] of plan.copies.entries()) {
      const stamp = stamps.slice(i, i + 1);
      const one = await time.runAsync('copies', () => writeCopiesPdf(layout, fonts, stamp, pdfOptions));
      singles.push(singleCopyFile(paths.single(copy), context.title, edition, copy, one, pages + (pages % 2)));
      done(i + 1, stamps.length);
    }
  }
  const register = await time.runAsync('copies', () => registerFiles(paths.register, context.title, edition, plan, pages, context.clock, context.spreadsheets));
  return { composed, layout, print, singles, register, note: printShopNote(edition, plan, pages) };
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

  // The edition worker gets the data the main thread loaded and normalised (whose findings that thread reports).
  const { preloaded } = request;
  const loaded = preloaded ? receiveReport(preloaded.loaded) : time.run('load', () => loadData(request.dataFile, world, diag));
  stopOnErrors(diag, EXIT.dataInvalid);
  if (!loaded) throw new BuildFailure(EXIT.dataInvalid);
  const notes: string[] = [];
  // The same data checks in every mode (issue #12): a finding printed by `check` is printed by `build` too.
  const { report } = preloaded ? { report: deepFreeze(preloaded.report) } : time.run('normalize', () => normalizeReport(loaded, diag, 'warning'));
  if (!request.skipLint) time.run('lint', () => lintReport(loaded, diag));
  stopOnErrors(diag, EXIT.dataInvalid);
  remote?.post({ loaded: loaded.transfer(), report });
  const planned = time.run('copies', () => planCopies(loaded, request.copies, diag));
  if ('failed' in planned) throw new BuildFailure(planned.failed);
  const { plan } = planned;
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
  const remoteEditions: EditionRecord[] = [];
  let workerTimings: Record<string, number> | undefined;
  const paperFiles: BundleFile[] = [];
  const ship = (file: BundleFile, pages?: number) => {
    outputs.push({ path: file.path, bytes: file.bytes, part: partOf(file) });
    bundleFiles.push(file);
    summary.push({ path: file.path, bytes: file.bytes.length, ...(pages !== undefined ? { pages } : {}) });
  };
  // Numbered copies are for paper: in out/ and its manifest, in the download bundle only with --bundle-copies.
  const shipPaper = (file: BundleFile, shown: boolean) => {
    outputs.push({ path: file.path, bytes: file.bytes, part: partOf(file) });
    (plan?.bundle ? bundleFiles : paperFiles).push(file);
    if (shown) summary.push({ path: file.path, bytes: file.bytes.length, ...(file.pages !== undefined ? { pages: file.pages } : {}) });
  };

  for (const edition of localEditions) {
    let convert = (s: string) => s;
    let reportOfEdition = report;
    if (edition === 'zh-Hant') {
      const { editionConverter, editionReport } = await STAGES.traditional();
      const converters = await compiler.converters();
      convert = time.run('convert', () => editionConverter(converters, world, diag, request.variant, request.quotes));
      stopOnErrors(diag, EXIT.dataInvalid);
      reportOfEdition = time.run('convert', () => editionReport(report, edition, convert));
    }
    const fonts = time.run('fonts', () => resolveFonts(world, request.fonts, edition, diag, compiler.fonts));
    if (request.requireOfficialFonts) requireOfficialFonts(fonts, diag);
    warnSharedFaces(fonts, diag);
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
    const only = plan?.copies.length === 1 ? plan.copies[0] : undefined;
    const single = only ? { docxCopyNumber: only.number } : {};
    const dated = hasBuildDate(world.env, report.meta.date ?? '');
    const built = await compileModelTimed(rendered.model, fonts, { ...request, clock: utc, dated, sourceText: (f) => world.source(f), media: content.media, ...single }, diag, time);
    const { composed, layout } = built;
    const result: EditionResult = { edition, fonts, model: rendered.model, composed, layout, markup: rendered.markup };
    editions.push(result);

    // Each edition's files are named and titled in its own script (柞市鎮…（繁體）.pdf).
    const label = EDITION_LABEL[edition];
    const title = `${reportOfEdition.meta.title}（${label}）`;
    const editionStem = edition === 'zh-Hans' ? stem : sanitizeFileName(convert(report.meta.id));
    if (built.pdf) ship({ path: `${editionStem}（${label}）.pdf`, title, kind: 'pdf', edition, role: 'report', bytes: built.pdf, pages: layout.pages.length }, layout.pages.length);
    if (built.docx) ship({ path: `${editionStem}（${label}）.docx`, title, kind: 'docx', edition, role: 'report', bytes: built.docx });
    if (wants('tables')) for (const file of await time.runAsync('tables', () => attachmentTables(rendered.model, edition, clock, compiler.spreadsheets))) ship(file);
    if (plan) {
      const copies = await compileCopies(
        rendered.model,
        fonts,
        plan,
        copiesPaths(stem, edition, plan),
        { request, clock, utc, title: report.meta.title, sourceText: (f) => world.source(f), spreadsheets: compiler.spreadsheets, media: content.media },
        diag,
        time,
      );
      result.copies = { plan, composed: copies.composed, ...(copies.layout ? { layout: copies.layout } : {}) };
      if (copies.print) shipPaper(copies.print, true);
      for (const file of copies.singles) shipPaper(file, false);
      for (const file of copies.register) shipPaper(file, true);
      if (copies.singles.length > 0) notes.push(`每份单独的 PDF（${EDITION_LABEL[edition]}）：${copies.singles.length} 个，在 ${copies.singles[0]?.path.split('/')[0] ?? ''}/`);
      if (copies.note) notes.push(copies.note);
    }
    if (request.mode === 'check' && edition === request.editions[0]) {
      const marks = marksSummary(result.copies?.composed ?? composed, plan);
      if (marks) notes.push(marks);
    }
    if (wants('bundle')) fontEntries[edition] = fontManifest(fonts); // hashes finish on the thread pool meanwhile
    if (request.debug.includes('model')) debug.push({ path: `debug/model.${edition}.json`, bytes: Buffer.from(`${JSON.stringify(rendered.model, null, 2)}\n`) });
    if (request.debug.includes('composed')) debug.push({ path: `debug/composed.${edition}.json`, bytes: Buffer.from(`${JSON.stringify(composed, null, 2)}\n`) });
    if (request.debug.includes('markup')) debug.push({ path: `debug/markup.${edition}.xml`, bytes: Buffer.from(rendered.markup) });
  }
  if (remote) {
    const reply = await time.runAsync('other edition', () => remote.reply);
    const known = new Set(diag.items.map((d) => JSON.stringify(d)));
    for (const d of reply.diagnostics) if (!known.has(JSON.stringify(d))) diag.push(d);
    world.adoptSources(reply.sources);
    if (!reply.ok) {
      if (reply.error) throw new Error(`edition worker: ${reply.error}`);
      throw new BuildFailure(reply.exitCode);
    }
    // The external attachment files (no edition) are shipped once, by this thread, below.
    for (const f of reply.files) if (f.edition !== null) ship({ ...f, bytes: Buffer.from(f.bytes) }, f.pages);
    const shown = new Set(reply.summary.map((line) => line.path));
    for (const f of reply.paper) shipPaper({ ...f, bytes: Buffer.from(f.bytes) }, shown.has(f.path));
    debug.push(...reply.extra.map((o) => ({ path: o.path, bytes: Buffer.from(o.bytes) })));
    notes.push(...reply.notes);
    fontEntries[remote.edition] = Promise.resolve(reply.fonts);
    remoteEditions.push(...reply.records);
    workerTimings = reply.timings;
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
          paperFiles,
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
      outputs.push({ ...o, part: BUNDLE_PART });
      if (o.path.endsWith('.zip')) summary.push({ path: o.path, bytes: o.bytes.length });
    }
  }
  outputs.push(...debug.map((d) => ({ ...d, part: DEBUG_PART })));
  return { report, outputs, files: bundleFiles, paper: paperFiles, folder: stem, parts: requestParts(request), summary, notes, editions, remoteEditions, deps: world.deps, timings: time.totals(), ...(workerTimings ? { workerTimings } : {}) };
}
