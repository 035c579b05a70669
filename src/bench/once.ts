/**
 * Benchmark worker (one fresh process per measurement). Input: --scale N [--format …] → the default report's body
 * repeated N times, compiled by the same pipeline as `gongwen build` (zh-Hans, the hermetic open fonts) with nothing
 * written; prints one JSON line of figures.
 */
import { parseDocument } from 'yaml';
import { Compiler, compileRequest, type OutputFormat } from '../compile/index.ts';
import { nodeWorld, overlayWorld, PACKAGE_ROOT } from '../world.ts';

const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const scale = Number(arg('--scale') ?? 1) || 1;
const formats = (process.argv.includes('--format') ? (arg('--format') ?? '') : 'pdf,docx').split(',') as OutputFormat[];
const t0 = performance.now();
const base = nodeWorld(PACKAGE_ROOT, {});
const doc = parseDocument(base.readText('data/report.yaml'));
const body = doc.get('body', true) as { items: unknown[] } | undefined;
if (body) body.items = Array.from({ length: scale }, () => body.items).flat();
const world = overlayWorld(base, { 'data/report.yaml': doc.toString({ lineWidth: 0 }) });
const compiler = new Compiler();
const result = await compiler.compile(
  compileRequest({ dataFile: 'data/report.yaml', editions: ['zh-Hans'], fonts: { fontPaths: [], systemFonts: false }, formats }),
  world,
);
const t1 = performance.now();
const edition = result.editions[0];
const pages = edition?.layout.pages.length ?? 0;
process.stdout.write(
  `${JSON.stringify({
    scale,
    characters: edition?.composed.blocks.reduce((n, b) => n + (b.kind === 'paragraph' ? b.runs.reduce((m, r) => m + [...r.text].length, 0) : 0), 0),
    pages,
    totalMs: Math.round(t1 - t0),
    ...result.timings,
    perPageMs: Number(((t1 - t0) / pages).toFixed(2)),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
