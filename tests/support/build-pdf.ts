/**
 * Test support: the real pipeline (src/compile) on a data file or on a model fixture, with the hermetic open fonts
 * (no system fonts), so PDF tests measure exactly what users get. One compiler per test file keeps fonts parsed.
 */
import { DiagnosticSink } from '../../src/diag/diagnostic.ts';
import { Compiler, compileModel, compileRequest, type EditionResult } from '../../src/compile/index.ts';
import { resolveFonts } from '../../src/fonts/index.ts';
import type { FontSet } from '../../src/fonts/types.ts';
import type { DocModel, Edition } from '../../src/model/types.ts';
import type { DocumentLayout } from '../../src/layout/types.ts';
import type { ComposedDocument } from '../../src/model/composed.ts';
import { PACKAGE_ROOT, nodeWorld } from '../../src/world.ts';

/** The compiler the helpers of this test file share. */
export const testCompiler = new Compiler();
const fontCache = new Map<Edition, FontSet>();
const HERMETIC = { fontPaths: [], systemFonts: false };

/** The hermetic font set of an edition (npm defaults only). */
export function hermeticFonts(edition: Edition = 'zh-Hans'): FontSet {
  let fonts = fontCache.get(edition);
  if (!fonts) {
    fonts = resolveFonts(nodeWorld(PACKAGE_ROOT, {}), HERMETIC, edition, new DiagnosticSink(), testCompiler.fonts);
    fontCache.set(edition, fonts);
  }
  return fonts;
}

/** One edition of a data file of the project, compiled by the build's pipeline without writers. */
export async function editionOf(dataFile = 'data/report.yaml', edition: Edition = 'zh-Hans'): Promise<EditionResult> {
  const diag = new DiagnosticSink();
  const request = compileRequest({ dataFile, editions: [edition], fonts: HERMETIC, formats: [] });
  const result = await testCompiler.compile(request, nodeWorld(PACKAGE_ROOT, {}), diag).catch((e: unknown) => {
    throw new Error(`cannot compile ${dataFile}: ${JSON.stringify(diag.items)} ${String(e)}`);
  });
  const found = result.editions[0];
  if (!found) throw new Error(`no edition ${edition}`);
  return found;
}

/** The zh-Hans model of a data file of the project. */
export async function modelOf(dataFile = 'data/report.yaml'): Promise<DocModel> {
  return (await editionOf(dataFile)).model;
}

/** Composes, lays out and writes a model as PDF through the pipeline's back half. */
export async function pdfOf(model: DocModel): Promise<{ composed: ComposedDocument; layout: DocumentLayout; pdf: Buffer }> {
  const fonts = hermeticFonts(model.meta.edition);
  const { composed, layout, pdf } = await compileModel(model, fonts, { formats: ['pdf'], embedFonts: false, allowMissingGlyphs: false, clock: new Date(Date.UTC(2000, 0, 1)) });
  if (!pdf) throw new Error('no pdf');
  return { composed, layout, pdf };
}

/** The composed document of a model (what the DOCX writer and the layout draw). */
export async function composedOf(model: DocModel): Promise<ComposedDocument> {
  return (await compileModel(model, hermeticFonts(model.meta.edition), { formats: [], embedFonts: false, allowMissingGlyphs: true, clock: new Date(0) })).composed;
}
