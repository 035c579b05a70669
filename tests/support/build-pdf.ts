/**
 * Test support: runs the real stages (load → normalise → render → fonts → layout → PDF) on a data file or a model,
 * with the hermetic open fonts (no system fonts), so PDF tests measure exactly what users get.
 */
import { DiagnosticSink } from '../../src/diag/diagnostic.ts';
import { loadData } from '../../src/build.ts';
import { normalizeReport } from '../../src/normalize/index.ts';
import { renderModel } from '../../src/render/index.ts';
import { layoutDocument } from '../../src/layout/index.ts';
import { writePdf } from '../../src/pdf/index.ts';
import { resolveFonts } from '../../src/fonts/index.ts';
import type { FontSet } from '../../src/fonts/types.ts';
import type { DocModel, Edition } from '../../src/model/types.ts';
import type { DocumentLayout } from '../../src/layout/types.ts';
import { PACKAGE_ROOT, nodeWorld } from '../../src/world.ts';

const fontCache = new Map<Edition, FontSet>();

/** The hermetic font set of an edition (npm defaults only). */
export function hermeticFonts(edition: Edition = 'zh-Hans'): FontSet {
  let fonts = fontCache.get(edition);
  if (!fonts) {
    fonts = resolveFonts(nodeWorld(PACKAGE_ROOT, {}), { fontPaths: [], systemFonts: false }, edition, new DiagnosticSink());
    fontCache.set(edition, fonts);
  }
  return fonts;
}

/** The zh-Hans model of a data file of the project. */
export function modelOf(dataFile = 'data/report.yaml'): DocModel {
  const world = nodeWorld(PACKAGE_ROOT, {});
  const diag = new DiagnosticSink();
  const loaded = loadData(dataFile, world, diag);
  if (!loaded) throw new Error(`cannot load ${dataFile}: ${JSON.stringify(diag.items)}`);
  const { report } = normalizeReport(loaded, diag);
  const rendered = renderModel({ report, edition: 'zh-Hans', spanOf: loaded.spanOf, dataFile: loaded.file, literal: (s) => s }, world, diag);
  if (!rendered) throw new Error(`cannot render: ${JSON.stringify(diag.items)}`);
  return rendered.model;
}

/** Lays out and writes a model as PDF. */
export async function pdfOf(model: DocModel): Promise<{ layout: DocumentLayout; pdf: Buffer }> {
  const fonts = hermeticFonts(model.meta.edition);
  const layout = layoutDocument(model, fonts);
  const pdf = await writePdf(layout, fonts, { meta: model.meta, clock: new Date(Date.UTC(2000, 0, 1)), generator: 'gongwen test' });
  return { layout, pdf };
}
