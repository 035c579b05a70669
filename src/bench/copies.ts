/**
 * Benchmark: numbered copies. `benchCopies()` runs `gongwen build` on the default report in fresh processes — plain,
 * with `--copies 100` and with `--copies 1000` (both editions, hermetic fonts, every output written to a temporary
 * folder) — several times each, and returns per configuration the median and range of wall time and peak RSS, the
 * pages of the print files, and the ratio of `--copies 100` to the plain build (target ≤ 2.0, peak RSS ≤ 500 MB).
 * `npm run bench` (src/bench/run.ts) calls it; `tsx src/bench/copies.ts [runs]` prints it alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../world.ts';

/** One configuration measured `runs` times. */
export interface CopiesBenchRow {
  build: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** CPU time (user + system) of the process: what the build costs whatever else the machine runs. */
  medianCpuMs: number;
  medianPeakRssMB: number;
  maxPeakRssMB: number;
  /** Pages of the print files (all editions), 0 for the plain build. */
  printPages: number;
  printMB: number;
}

export interface CopiesBenchFigures {
  rows: CopiesBenchRow[];
  /** Median wall time of `build --copies 100` / median of `build`. */
  ratio100: number;
  /** The same ratio of CPU time. */
  cpuRatio100: number;
}

/** What one worker process reports (src/bench/copies-worker.ts). */
interface WorkerFigures {
  ms: number;
  cpuMs: number;
  peakRssMB: number;
  printPages: number;
  printBytes: number;
}

/** The compiled worker (src/bin/compile.js, the code users run); the TypeScript through tsx when it is missing. */
const COMPILED_WORKER = path.join(PACKAGE_ROOT, '.build/bench-copies.cjs');
/** With the V8 flags the bin sets for itself (src/bin/v8-flags.cjs). */
const WORKER = ['-r', path.join(PACKAGE_ROOT, 'src/bin/v8-flags.cjs'), ...(existsSync(COMPILED_WORKER) ? [COMPILED_WORKER] : ['--import', 'tsx', path.join(PACKAGE_ROOT, 'src/bench/copies-worker.ts')])];
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

function once(args: readonly string[]): WorkerFigures {
  const out = execFileSync(process.execPath, [...WORKER, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as WorkerFigures;
}

/** Measures the builds; `copies` lists the copy counts besides the plain build. */
export async function benchCopies(options: { runs?: number; copies?: readonly number[] } = {}): Promise<CopiesBenchFigures> {
  const runs = options.runs ?? 3;
  const configs: [string, string[]][] = [['build', []], ...(options.copies ?? [100, 1000]).map((n): [string, string[]] => [`build --copies ${n}`, ['--copies', String(n)]])];
  // Rounds interleave the configurations, so a machine busy with something else slows all of them alike.
  const measuredBy = configs.map((): WorkerFigures[] => []);
  for (let i = 0; i < runs; i++) configs.forEach(([, args], c) => measuredBy[c]?.push(once(args)));
  const rows: CopiesBenchRow[] = [];
  for (const [c, [name]] of configs.entries()) {
    const measured = measuredBy[c] ?? [];
    const ms = measured.map((m) => m.ms);
    const rss = measured.map((m) => m.peakRssMB);
    rows.push({
      build: name,
      runs,
      medianMs: median(ms),
      minMs: Math.min(...ms),
      maxMs: Math.max(...ms),
      medianCpuMs: median(measured.map((m) => m.cpuMs)),
      medianPeakRssMB: median(rss),
      maxPeakRssMB: Math.max(...rss),
      printPages: measured[0]?.printPages ?? 0,
      printMB: Math.round(((measured[0]?.printBytes ?? 0) / 1024 / 1024) * 100) / 100,
    });
  }
  const hundred = rows.find((r) => r.build === 'build --copies 100');
  const ratio = (a: number | undefined, b: number | undefined) => Math.round(((a ?? 0) / (b || 1)) * 100) / 100;
  return { rows, ratio100: ratio(hundred?.medianMs, rows[0]?.medianMs), cpuRatio100: ratio(hundred?.medianCpuMs, rows[0]?.medianCpuMs) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const figures = await benchCopies({ runs: Number(process.argv[2]) || 3 });
  console.table(figures.rows);
  console.log(`build --copies 100 / build = ${figures.ratio100}（CPU 时间 ${figures.cpuRatio100}；目标 ≤ 2.0；峰值内存目标 ≤ 500 MB）`);
}
