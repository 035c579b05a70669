/**
 * Stage: bench — sanity check of the Typst peer (`npx tsx src/bench/typst-check.ts [--runs N] [--scales 1,10,100]`).
 * Input: the default report → /tmp/typst-peer.pdf (1×) and its figures; with --runs, N cold runs per scale and one
 * warm recompile per scale, printed as median and min–max. Asserts nothing.
 */
import { defaultTypstReport } from './typst-report.ts';
import { typstColdRunMs, typstWarmRecompileMs, type TypstColdRun } from './typst-peer.ts';

const PDF_OUT = '/tmp/typst-peer.pdf';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const runs = Number(argValue('--runs') ?? 0);
const scales = (argValue('--scales') ?? '1,10,100').split(',').map(Number).filter((n) => n > 0);

const report = defaultTypstReport(1);
console.log('fonts', report.input.fonts, report.input.weights);
console.log('files', report.fontFiles);
const once = await typstColdRunMs(report.input, report.fontFiles, { pdfOut: PDF_OUT });
console.log(`1×: ${report.characters} characters → ${once.pages} pages, ${once.pdfBytes} bytes, wall ${once.wallMs} ms, RSS ${once.peakRssMB} MB`, once.phases);
if (once.warnings.length) console.log('warnings', once.warnings);
console.log(`wrote ${PDF_OUT}`);

if (runs > 0) {
  const rows: Record<string, unknown>[] = [];
  for (const scale of scales) rows.push(await measureScale(scale, runs));
  console.table(rows);
}

/** N cold runs and one warm recompile at one scale. */
async function measureScale(scale: number, n: number): Promise<Record<string, unknown>> {
  const { input, fontFiles, characters } = defaultTypstReport(scale);
  const cold: TypstColdRun[] = [];
  for (let i = 0; i < n; i++) cold.push(await typstColdRunMs(input, fontFiles));
  const warm = await typstWarmRecompileMs(input, fontFiles);
  const pick = (f: (r: TypstColdRun) => number) => spread(cold.map(f));
  return {
    scale,
    characters,
    pages: cold[0]?.pages,
    pdfKB: Math.round((cold[0]?.pdfBytes ?? 0) / 1024),
    wallMs: pick((r) => r.wallMs),
    cpuMs: pick((r) => r.cpuMs),
    compileMs: pick((r) => r.phases.compileMs),
    pdfMs: pick((r) => r.phases.pdfMs),
    rssMB: pick((r) => r.peakRssMB),
    warmEditMs: warm.recompile.totalMs,
  };
}

/** "median (min–max)". */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return `${Math.round(median)} (${Math.round(sorted[0] ?? 0)}–${Math.round(sorted.at(-1) ?? 0)})`;
}
