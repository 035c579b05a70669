/**
 * `npm run bench`: gongwen side by side with its peer, Typst 0.14 (the npm node compiler), on the same text, fonts,
 * A4 page and margins, as paired runs in one invocation (the machine is shared and noisy: compare pairs, not runs
 * against yesterday's figures). Prints medians and min–max; asserts nothing.
 *
 *   cold    pairs of fresh processes: Typst compile + PDF | `gongwen build --edition zh-Hans --format pdf` |
 *           `gongwen build` (both editions, every output); ratios per pair
 *   warm    one gongwen process: every output of both editions recompiled after a one-paragraph edit, ÷ Typst cold
 *   scale   1×, 10×, 100× the report's body: per-page typesetting time (render → PDF) and peak RSS, with Typst's
 *   watch   save → preview page updated / every output written, in one watching process (src/bench/watch.ts)
 *   copies  `build --copies 100` and `--copies 1000` against a plain build (src/bench/copies.ts)
 *   batch   N reports as one `gongwen build <folder>` against N single builds (src/bench/batch.ts, --reports N)
 *
 * Flags: --pairs N (default 7), --only cold,warm,scale (default; add watch,copies,batch or name them alone). gongwen runs its compiled code (.build/, made by `npm ci`
 * and remade here when a source is newer), with the hermetic open fonts (--no-system-fonts), as Typst does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error — plain JavaScript build tooling without type declarations
import { compiledEntry } from '../bin/compile.js';
import { PACKAGE_ROOT } from '../world.ts';
import { typstColdRunMs } from './typst-peer.ts';
import { defaultTypstReport } from './typst-report.ts';

const arg = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const PAIRS = Number(arg('--pairs') ?? 7) || 7;
const ONLY = new Set((arg('--only') ?? 'cold,warm,scale').split(','));
const BIN = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');
const CLI_PROCESS = path.join(PACKAGE_ROOT, 'src/bench/cli-process.mjs');
const ONCE = path.join(PACKAGE_ROOT, '.build/bench-once.cjs');
/** The V8 flags the bin sets for itself (src/bin/v8-flags.cjs), preloaded into the in-process benchmark workers. */
const V8_FLAGS = ['-r', path.join(PACKAGE_ROOT, 'src/bin/v8-flags.cjs')];

interface ProcessRun {
  wallMs: number;
  peakRssMB: number;
  stdout: string;
}

/** Spawns `args`, timing spawn → exit; the child reports its own peak RSS into a file (cli-process.mjs). */
function runProcess(args: string[], cwd = PACKAGE_ROOT): Promise<ProcessRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-bench-'));
  const usage = path.join(dir, 'usage.json');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, GONGWEN_BENCH_USAGE: usage, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      try {
        if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
        let peakRssMB = 0;
        try {
          peakRssMB = (JSON.parse(readFileSync(usage, 'utf8')) as { peakRssMB: number }).peakRssMB;
        } catch {
          peakRssMB = Number((JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { peakRssMB?: number }).peakRssMB ?? 0);
        }
        resolve({ wallMs, peakRssMB, stdout });
      } catch (e) {
        reject(e);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** One `gongwen build …` as a user runs it, into a fresh output folder. */
async function gongwenBuild(extra: string[]): Promise<ProcessRun> {
  const out = mkdtempSync(path.join(tmpdir(), 'gongwen-bench-out-'));
  try {
    return await runProcess([CLI_PROCESS, BIN, 'build', '--no-system-fonts', '--out', out, ...extra]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const fmt = (xs: readonly number[], digits = 0): string =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

interface Row {
  [column: string]: string;
}

async function coldPairs(typstMs: number[]): Promise<Row[]> {
  const peer = defaultTypstReport(1);
  const pdfOut = path.join(mkdtempSync(path.join(tmpdir(), 'gongwen-bench-typst-')), 'typst.pdf');
  const typst = () => typstColdRunMs(peer.input, peer.fontFiles, { pdfOut });
  const pdfOnly = () => gongwenBuild(['--edition', 'zh-Hans', '--format', 'pdf']);
  const full = () => gongwenBuild([]);
  // One warm-up of each: disk caches and the V8 code cache exist after a first run, as on a user's machine.
  await typst();
  await pdfOnly();
  await full();
  const t: number[] = [];
  const p: number[] = [];
  const f: number[] = [];
  const rss: number[] = [];
  const typstRss: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    // Alternate the order inside a pair so a slow moment of the machine does not always hit the same one.
    const order = i % 2 === 0 ? (['t', 'p', 'f'] as const) : (['f', 'p', 't'] as const);
    for (const which of order) {
      if (which === 't') {
        const r = await typst();
        t.push(r.wallMs);
        typstRss.push(r.peakRssMB);
      } else if (which === 'p') p.push((await pdfOnly()).wallMs);
      else {
        const r = await full();
        f.push(r.wallMs);
        rss.push(r.peakRssMB);
      }
    }
  }
  typstMs.push(...t);
  const ratios = (xs: number[]) => xs.map((x, i) => x / (t[i] ?? 1));
  return [
    { measure: 'Typst 0.14 cold: compile + PDF (7 body pages)', ms: fmt(t), ratio: '1', 'peak RSS MB': fmt(typstRss) },
    { measure: 'gongwen cold: PDF only, zh-Hans (10 pages)', ms: fmt(p), ratio: `${fmt(ratios(p), 2)}  (target ≤ 2.5)`, 'peak RSS MB': '' },
    { measure: 'gongwen cold: full build (12 files, both editions)', ms: fmt(f), ratio: `${fmt(ratios(f), 2)}  (target ≤ 4)`, 'peak RSS MB': `${fmt(rss)}  (target ≤ 300)` },
  ];
}

async function warmRecompile(typstMs: number[]): Promise<Row[]> {
  const r = await runProcess([...V8_FLAGS, ONCE, '--warm', String(Math.max(5, PAIRS))]);
  const figures = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { firstMs: number; recompileMs: number[]; peakRssMB: number; files: number };
  const typst = typstMs.length > 0 ? median(typstMs) : (await typstColdRunMs(defaultTypstReport(1).input, defaultTypstReport(1).fontFiles)).wallMs;
  return [
    {
      measure: `gongwen warm recompile after a one-paragraph edit (${figures.files} files, both editions, written)`,
      ms: fmt(figures.recompileMs),
      ratio: `${fmt(figures.recompileMs.map((x) => x / typst), 2)}  (÷ Typst cold median; target ≤ 2)`,
      'peak RSS MB': String(figures.peakRssMB),
    },
  ];
}

async function scaling(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const scale of [1, 10, 100]) {
    const runs = scale === 100 ? 3 : 5;
    const perPage: number[] = [];
    const rss: number[] = [];
    let pages = 0;
    for (let i = 0; i < runs; i++) {
      const r = await runProcess([...V8_FLAGS, ONCE, '--scale', String(scale)]);
      const f = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { perPageMs: number; pages: number; peakRssMB: number };
      perPage.push(f.perPageMs);
      rss.push(f.peakRssMB);
      pages = f.pages;
    }
    const peer = defaultTypstReport(scale);
    const typst = await typstColdRunMs(peer.input, peer.fontFiles);
    const typstPerPage = (typst.phases.compileMs + typst.phases.pdfMs) / typst.pages;
    rows.push({
      measure: `${scale}× length: gongwen ${pages} pages (PDF, zh-Hans) | Typst ${typst.pages} pages`,
      'gongwen ms/page': `${fmt(perPage, 2)}${scale === 100 ? '  (target ≤ 3)' : ''}`,
      'Typst ms/page': typstPerPage.toFixed(2),
      'peak RSS MB': `${fmt(rss)} | Typst ${typst.peakRssMB}`,
    });
  }
  return rows;
}

async function main(): Promise<void> {
  await compiledEntry(); // remake .build/ when a source is newer, so the figures are of this checkout
  process.stdout.write(`gongwen benchmark: ${PAIRS} pairs, Node ${process.versions.node} — medians (min–max)\n\n`);
  const typstMs: number[] = [];
  if (ONLY.has('cold')) console.table(await coldPairs(typstMs));
  if (ONLY.has('warm')) console.table(await warmRecompile(typstMs));
  if (ONLY.has('scale')) console.table(await scaling());
  if (ONLY.has('watch')) {
    const { benchWatch } = await import('./watch.ts');
    const w = await benchWatch({ rounds: PAIRS * 2 });
    const row = (name: string, s: { median: number; min: number; max: number } | undefined) => (s ? { measure: name, ms: `${s.median} (${s.min}–${s.max})` } : undefined);
    console.table([row('watch/preview: save → page updated (HTTP)', w.saveToPreviewMs), row('save → page updated (headless Chromium)', w.saveToBrowserMs), row('save → every output written', w.saveToOutputsMs)].filter(Boolean));
  }
  if (ONLY.has('copies')) {
    const { benchCopies } = await import('./copies.ts');
    const c = await benchCopies({ runs: Math.max(3, Math.ceil(PAIRS / 2)) });
    console.table(c.rows);
    process.stdout.write(`--copies 100 ÷ build: ${c.ratio100.toFixed(2)} wall, ${c.cpuRatio100.toFixed(2)} CPU\n\n`);
  }
  if (ONLY.has('batch')) {
    const { batchBench } = await import('./batch.ts');
    console.table([await batchBench(Number(arg('--reports') ?? 20) || 20)]);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
