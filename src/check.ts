/**
 * Stage: check (`gongwen check`). Input: the data file → diagnostics only, nothing written: schema and YAML
 * errors, heading depth, the punctuation normalisation report, the proofreading lint, and font coverage of both
 * editions (the same render and coverage stages the build runs). Returns the exit code.
 */
import { EXIT, type DiagnosticSink } from './diag/diagnostic.ts';
import type { FontOptions } from './fonts/types.ts';
import { checkCoverage, resolveFonts } from './fonts/index.ts';
import { lintReport } from './lint/index.ts';
import { EDITIONS } from './model/types.ts';
import { normalizeReport } from './normalize/index.ts';
import { editionConverter, editionReport } from './normalize/edition.ts';
import { renderModel } from './render/index.ts';
import { collectAttachments, loadData } from './build.ts';
import type { World } from './world.ts';

export interface CheckOptions {
  dataFile: string;
  fonts: FontOptions;
  /** Warnings fail the check (exit 3). */
  strict: boolean;
}

/** Runs every check; returns the exit code (0, 3 under --strict with warnings, 4 data, 5 template, 6 fonts). */
export async function checkData(opts: CheckOptions, world: World, diag: DiagnosticSink): Promise<number> {
  const loaded = loadData(opts.dataFile, world, diag);
  if (!loaded) return EXIT.dataInvalid;
  const { report } = normalizeReport(loaded, diag, 'warning');
  // The normaliser already reported each half-width mark and stray space at its place; the lint adds the rest.
  lintReport(loaded, diag, { skip: ['half-width-punctuation', 'stray-space'] });
  if (diag.hasErrors()) return EXIT.dataInvalid;
  collectAttachments(loaded, report, world, diag);
  if (diag.hasErrors()) return EXIT.attachment;
  for (const edition of EDITIONS) {
    const convert = edition === 'zh-Hans' ? (s: string) => s : editionConverter(world, diag, 'tw');
    if (diag.hasErrors()) return EXIT.dataInvalid;
    const reportOfEdition = editionReport(report, edition, convert);
    const rendered = renderModel({ report: reportOfEdition, edition, spanOf: loaded.spanOf, dataFile: loaded.file, literal: convert }, world, diag);
    if (!rendered) return EXIT.template;
    const fonts = resolveFonts(world, opts.fonts, edition, diag);
    checkCoverage(rendered.model, fonts, diag, { allowMissingGlyphs: false, sourceText: (f: string) => world.source(f) });
    if (diag.hasErrors()) return EXIT.fonts;
  }
  return opts.strict && diag.warningCount > 0 ? EXIT.warningsStrict : EXIT.ok;
}
