/**
 * Benchmark worker, run as a fresh process by src/bench/run.ts (compiled to .build/bench-once.cjs, the code users
 * run). Input: flags → one JSON line of figures on stdout; the default report compiled by the same pipeline as
 * `gongwen build`, with the hermetic open fonts:
 *   --scale N [--format pdf,docx,…] [--editions zh-Hans,zh-Hant]   the body repeated N times, compiled once (cold);
 *   --warm K                                                      all outputs of both editions compiled once, then
 *                                                                 K recompiles each after a one-paragraph edit,
 *                                                                 written to a temporary folder like a build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { Compiler, compileRequest, type OutputFormat } from '../compile/index.ts';
import { emitOutputs } from '../emit.ts';
import type { Edition } from '../model/types.ts';
import { nodeWorld, overlayWorld, PACKAGE_ROOT, type World } from '../world.ts';

const arg = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const HERMETIC = { fontPaths: [], systemFonts: false };

/** The default report with its body repeated `scale` times, as a World serving it in place of data/report.yaml. */
function scaledWorld(scale: number, edit = 0): World {
  const base = nodeWorld(PACKAGE_ROOT, {});
  const doc = parseDocument(base.readText('data/report.yaml'));
  const body = doc.get('body', true) as { items: unknown[] } | undefined;
  if (body) body.items = Array.from({ length: scale }, () => body.items).flat();
  let text = doc.toString({ lineWidth: 0 });
  // A one-paragraph edit that alternates, so every recompile sees a real change of one paragraph's text.
  if (edit > 0) text = text.replace('全面完成', edit % 2 === 1 ? '全面地完成' : '全部完成');
  return overlayWorld(base, { 'data/report.yaml': text });
}

const rssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function cold(scale: number): Promise<object> {
  const formats = (arg('--format') ?? 'pdf').split(',') as OutputFormat[];
  const editions = (arg('--editions') ?? 'zh-Hans').split(',') as Edition[];
  const started = performance.now();
  const result = await new Compiler().compile(compileRequest({ dataFile: 'data/report.yaml', editions, fonts: HERMETIC, formats }), scaledWorld(scale));
  const totalMs = performance.now() - started;
  const pages = result.editions.reduce((n, e) => n + e.layout.pages.length, 0);
  const t = result.timings;
  // Per page: the stages that grow with the document (render → PDF); load and font discovery are fixed costs.
  const typesetMs = ['render', 'compose', 'coverage', 'layout', 'pdf'].reduce((n, k) => n + (t[k] ?? 0), 0);
  return { scale, pages, totalMs: Math.round(totalMs), typesetMs: Math.round(typesetMs), perPageMs: Number((typesetMs / pages).toFixed(2)), timings: t, peakRssMB: rssMB() };
}

async function warm(times: number): Promise<object> {
  const compiler = new Compiler();
  const out = mkdtempSync(path.join(tmpdir(), 'gongwen-bench-warm-'));
  try {
    const request = compileRequest({ dataFile: 'data/report.yaml', fonts: HERMETIC });
    const build = async (edit: number) => {
      const started = performance.now();
      const result = await compiler.compile(request, scaledWorld(1, edit));
      emitOutputs(out, result.outputs);
      return { ms: performance.now() - started, files: result.outputs.length };
    };
    const first = await build(0);
    const recompiles: number[] = [];
    for (let i = 1; i <= times; i++) recompiles.push(Math.round((await build(i)).ms));
    return { firstMs: Math.round(first.ms), files: first.files, recompileMs: recompiles, fontStats: compiler.fonts.stats, peakRssMB: rssMB() };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const figures = arg('--warm') !== undefined ? await warm(Number(arg('--warm')) || 5) : await cold(Number(arg('--scale') ?? 1) || 1);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
