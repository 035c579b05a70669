/**
 * Benchmark worker (one fresh process per measurement). Input: --scale N → the default report's body repeated N
 * times, laid out and written as PDF and DOCX with the hermetic open fonts; prints one JSON line of figures.
 */
import { DiagnosticSink } from '../diag/diagnostic.ts';
import { loadData } from '../build.ts';
import { normalizeReport } from '../normalize/index.ts';
import { renderModel } from '../render/index.ts';
import { bodyTexts } from '../render/view.ts';
import { layoutDocument } from '../layout/index.ts';
import { writePdf } from '../pdf/index.ts';
import { writeDocx } from '../docx/index.ts';
import { resolveFonts } from '../fonts/index.ts';
import { buildClock, clockAsUtc, nodeWorld, PACKAGE_ROOT } from '../world.ts';

const scale = Number(process.argv[process.argv.indexOf('--scale') + 1] ?? 1) || 1;
const t0 = performance.now();
const world = nodeWorld(PACKAGE_ROOT, {});
const diag = new DiagnosticSink();
const loaded = loadData('data/report.yaml', world, diag);
if (!loaded) throw new Error('data/report.yaml does not load');
const { report } = normalizeReport(loaded, diag);
const big = { ...report, body: Array.from({ length: scale }, () => report.body).flat() };
const fonts = resolveFonts(world, { fontPaths: [], systemFonts: false }, 'zh-Hans', diag);
const t1 = performance.now();
const rendered = renderModel({ report: big, edition: 'zh-Hans', spanOf: loaded.spanOf, dataFile: loaded.file, literal: (s) => s }, world, diag);
if (!rendered) throw new Error('render failed');
const layout = layoutDocument(rendered.model, fonts);
const t2 = performance.now();
const clock = clockAsUtc(buildClock({}, ''));
const pdf = await writePdf(layout, fonts, { meta: rendered.model.meta, clock, generator: 'gongwen bench' });
const t3 = performance.now();
const docx = await writeDocx(rendered.model, { clock, fonts, embedFonts: false });
const t4 = performance.now();
const pages = layout.pages.length;
process.stdout.write(
  `${JSON.stringify({
    scale,
    characters: bodyTexts(big).reduce((n, t) => n + [...t.text].length, 0),
    pages,
    loadMs: Math.round(t1 - t0),
    layoutMs: Math.round(t2 - t1),
    pdfMs: Math.round(t3 - t2),
    docxMs: Math.round(t4 - t3),
    pdfPerPageMs: Number(((t3 - t1) / pages).toFixed(2)),
    pdfBytes: pdf.length,
    docxBytes: docx.bytes.length,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
