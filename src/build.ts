/**
 * Stage: build — the only module that knows the order of the stages.
 * Input: options + World → every output file in memory (PDF, DOCX per edition, attachment files, index page,
 * checksums, manifest, zip). Nothing is written here: the CLI hands the outputs to emit only after the whole build
 * succeeded. A stage that reports errors stops the build with the exit code of that stage.
 *
 *   load → normalise → (per edition: convert → fonts → render → coverage → layout → PDF, DOCX) → attachments → bundle
 */
import { createRequire } from 'node:module';
import { type DiagnosticSink, EXIT } from './diag/diagnostic.ts';
import type { FontOptions, FontSet } from './fonts/types.ts';
import { loadReportText } from './load/index.ts';
import type { LoadedReport } from './load/types.ts';
import type { Report } from './load/schema.ts';
import type { DocModel, Edition, TableBlock } from './model/types.ts';
import type { World } from './world.ts';
import { buildClock, clockAsUtc } from './world.ts';
import type { OutputFile } from './emit.ts';
import { normalizeReport } from './normalize/index.ts';
import { editionConverter, editionReport } from './normalize/edition.ts';
import { renderModel } from './render/index.ts';
import { layoutDocument } from './layout/index.ts';
import { writePdf } from './pdf/index.ts';
import { writeDocx } from './docx/index.ts';
import { resolveFonts, checkCoverage, substitutionLines, fontManifest } from './fonts/index.ts';
import { BundleError, packBundle, resolveExternalAttachment, sanitizeFileName, writeCsv, writeXlsx, type BundleFile } from './bundle/index.ts';

export interface BuildOptions {
  /** The data file, absolute or relative to the project root. */
  dataFile: string;
  editions: Edition[];
  /** Traditional variant: OpenCC cn→tw or cn→hk. */
  variant: 'tw' | 'hk';
  fonts: FontOptions;
  embedFonts: boolean;
  allowMissingGlyphs: boolean;
  /** Intermediates to write under out/debug/ (`--emit`). */
  debug: ('model' | 'markup')[];
}

/** A failed build: the diagnostics are in the sink; `exitCode` names the stage (README exit codes). */
export class BuildFailure extends Error {
  constructor(readonly exitCode: number) {
    super(`build failed (${exitCode})`);
  }
}

export interface BuildResult {
  outputs: OutputFile[];
  /** What the summary prints: report files with sizes and pages. */
  summary: { path: string; bytes: number; pages?: number }[];
  /** Lines to print before the summary (font substitutions, normalisation counts). */
  notes: string[];
  /** Every file the build read (for watch mode). */
  deps: string[];
}

const GENERATOR_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
const GENERATOR = `gongwen ${GENERATOR_VERSION}`;

/** Edition suffix in file names: users see which file is which. */
export const EDITION_LABEL: Record<Edition, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體' };

const stop = (diag: DiagnosticSink, code: number) => {
  if (diag.hasErrors()) throw new BuildFailure(code);
};

/** Loads and validates the data file (shared by build and check). */
export function loadData(dataFile: string, world: World, diag: DiagnosticSink): LoadedReport | undefined {
  if (!world.exists(dataFile)) {
    diag.error('load/missing-file', `找不到数据文件：${dataFile}`, undefined, ['默认数据在 data/report.yaml；也可用 gongwen import 从文本生成。']);
    return undefined;
  }
  return loadReportText(world.readText(dataFile), world.rel(dataFile), diag);
}

/** Runs every stage and returns the outputs (nothing is written). */
export async function build(opts: BuildOptions, world: World, diag: DiagnosticSink): Promise<BuildResult> {
  const loaded = loadData(opts.dataFile, world, diag);
  stop(diag, EXIT.dataInvalid);
  if (!loaded) throw new BuildFailure(EXIT.dataInvalid);
  const notes: string[] = [];
  const { report, changes } = normalizeReport(loaded, diag);
  if (changes > 0) notes.push(`已规范标点 ${changes} 处（gongwen check 列出每一处）`);
  const clock = buildClock(world.env, report.meta.date ?? '');
  const stem = sanitizeFileName(report.meta.id);

  const externals = collectAttachments(loaded, report, world, diag);
  stop(diag, EXIT.attachment);

  const outputs: OutputFile[] = [];
  const bundleFiles: BundleFile[] = [];
  const summary: BuildResult['summary'] = [];
  const fontEntries: Partial<Record<Edition, unknown>> = {};
  const debug: OutputFile[] = [];

  for (const edition of opts.editions) {
    const convert = edition === 'zh-Hans' ? (s: string) => s : editionConverter(world, diag, opts.variant);
    stop(diag, EXIT.dataInvalid);
    const reportOfEdition: Report = editionReport(report, edition, convert);
    const fonts = resolveFonts(world, opts.fonts, edition, diag);
    stop(diag, EXIT.fonts);
    if (edition === opts.editions[0]) notes.push(...substitutionLines(fonts));
    fontEntries[edition] = fontManifest(fonts);

    const rendered = renderModel(
      { report: reportOfEdition, edition, spanOf: loaded.spanOf, dataFile: loaded.file, literal: convert, variant: opts.variant },
      world,
      diag,
    );
    stop(diag, EXIT.template);
    if (!rendered) throw new BuildFailure(EXIT.template);
    const model = rendered.model;
    checkCoverage(model, fonts, diag, { allowMissingGlyphs: opts.allowMissingGlyphs, sourceText: (f: string) => world.source(f) });
    stop(diag, EXIT.fonts);

    const label = EDITION_LABEL[edition];
    const docTitle = `${report.meta.title}（${label}）`;
    const pdfName = `${stem}（${label}）.pdf`;
    const docxName = `${stem}（${label}）.docx`;
    const layout = layoutDocument(model, fonts);
    const pdf = await writePdf(layout, fonts, { meta: model.meta, clock: clockAsUtc(clock), generator: GENERATOR });
    const docx = await writeDocx(model, { clock: clockAsUtc(clock), fonts, embedFonts: opts.embedFonts });
    const pages = layout.pages.length;
    outputs.push({ path: pdfName, bytes: pdf }, { path: docxName, bytes: docx.bytes });
    bundleFiles.push(
      { path: pdfName, title: docTitle, kind: 'pdf', edition, role: 'report', bytes: pdf, pages },
      { path: docxName, title: docTitle, kind: 'docx', edition, role: 'report', bytes: docx.bytes },
    );
    summary.push({ path: pdfName, bytes: pdf.length, pages }, { path: docxName, bytes: docx.bytes.length });
    if (opts.debug.includes('model')) debug.push({ path: `debug/model.${edition}.json`, bytes: Buffer.from(`${JSON.stringify(model, null, 2)}\n`) });
    if (opts.debug.includes('markup')) debug.push({ path: `debug/markup.${edition}.xml`, bytes: Buffer.from(rendered.markup) });

    for (const file of await attachmentTables(model, edition, clock)) {
      outputs.push({ path: file.path, bytes: file.bytes });
      bundleFiles.push(file);
      summary.push({ path: file.path, bytes: file.bytes.length });
    }
  }
  for (const ext of externals) {
    const name = sanitizeFileName(`${attachmentLabel(ext.index, report)} ${ext.title}${extensionOf(ext.file)}`);
    outputs.push({ path: name, bytes: ext.bytes });
    bundleFiles.push({ path: name, title: ext.title, kind: extensionOf(ext.file).slice(1) || 'bin', edition: null, role: 'attachment', bytes: ext.bytes });
    summary.push({ path: name, bytes: ext.bytes.length });
  }

  let bundle;
  try {
    bundle = await packBundle({
      title: `${report.meta.title}（全部文件）`,
      zipName: `${stem}-附件下载.zip`,
      files: bundleFiles,
      report: { id: report.meta.id, title: report.meta.title, organ: report.meta.organ ?? '', date: report.meta.date ?? '' },
      fonts: fontEntries,
      version: GENERATOR_VERSION,
      clock,
      world,
    });
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    for (const d of e.diagnostics) diag.push(d);
    throw new BuildFailure(EXIT.attachment);
  }
  stop(diag, EXIT.attachment);
  for (const o of bundle.outputs) {
    outputs.push(o);
    if (o.path.endsWith('.zip')) summary.push({ path: o.path, bytes: o.bytes.length });
  }
  outputs.push(...debug);
  return { outputs, summary, notes, deps: [...world.deps].sort() };
}

/** “附件N”, or “附件” when there is only one (§7.3.7; the templates label attachment pages the same way). */
function attachmentLabel(index: number, report: Report): string {
  return (report.attachments?.length ?? 0) > 1 ? `附件${index + 1}` : '附件';
}

/**
 * External attachment files, read and checked (inside data/attachments/, no escapes, reserved names refused); an
 * attachment that is neither generated nor has a file is listed in 附件说明 only, with a warning.
 */
export function collectAttachments(loaded: LoadedReport, report: Report, world: World, diag: DiagnosticSink) {
  return (report.attachments ?? []).flatMap((a, i) => {
    if (a.file === undefined) {
      if (a.table === undefined)
        diag.warning('attachment/no-file', `附件“${a.title}”没有文件，只列入附件说明`, loaded.spanOf(['attachments', i, 'title']), [
          '把文件放在 data/attachments/ 下并写 file: attachments/文件名，或写 table: figures 生成数据表。',
        ]);
      return [];
    }
    const found = resolveExternalAttachment(world, loaded.file, a.file, loaded.spanOf(['attachments', i, 'file']), diag);
    return found ? [{ index: i, title: a.title, file: a.file, bytes: found.bytes }] : [];
  });
}

function extensionOf(file: string): string {
  const m = /\.[A-Za-z0-9]+$/.exec(file);
  return m ? m[0].toLowerCase() : '';
}

/** Standalone .xlsx and .csv files of each generated attachment table, per edition (their text differs). */
async function attachmentTables(model: DocModel, edition: Edition, clock: Date) {
  const files: BundleFile[] = [];
  let heading: { label: string; title: string } | undefined;
  for (const block of model.blocks) {
    if (block.type === 'attachmentHeading') heading = block;
    if (block.type !== 'table' || !heading) continue;
    const table = tableData(block, heading.title);
    const base = sanitizeFileName(`${heading.label} ${heading.title}（${EDITION_LABEL[edition]}）`);
    const xlsx = await writeXlsx(table, clock);
    const csv = writeCsv(table);
    files.push(
      { path: `${base}.xlsx`, title: heading.title, kind: 'xlsx', edition, role: 'attachment', bytes: xlsx },
      { path: `${base}.csv`, title: heading.title, kind: 'csv', edition, role: 'attachment', bytes: csv },
    );
  }
  return files;
}

/** The printed table as spreadsheet data: right-aligned columns hold numbers. */
function tableData(block: TableBlock, title: string) {
  const numeric = block.columns.map((c) => c.align === 'right');
  return {
    title,
    columns: block.columns.map((c, i) => ({ ...c, numeric: numeric[i] ?? false })),
    rows: block.rows.map((r) => r.map((cell, i) => (numeric[i] && /^-?[\d,]+(\.\d+)?$/.test(cell) ? Number(cell.replace(/,/g, '')) : cell))),
  };
}

export type { FontSet };
