/**
 * Benchmark: batch builds (issue #13). Input: a number of reports (default 20, copies of the default report under
 * their own ids) → wall time of `gongwen build <folder>` (one process, worker threads on all cores) against the same
 * reports built one `gongwen build` process after another, as a user without batch builds would; both through the
 * real command line (the compiled bundle), both editions, every output, hermetic fonts. Checks that both ways wrote
 * byte-identical files. `npm run bench` calls batchBench(); `tsx src/bench/batch.ts [N]` prints the figures alone.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../world.ts';

/** What batchBench measured. */
export interface BatchFigures {
  reports: number;
  cores: number;
  /** One `gongwen build` per report, in sequence: total wall time and the median of one. */
  singleTotalMs: number;
  singleMedianMs: number;
  /** `gongwen build <folder>` of all reports. */
  batchMs: number;
  /** batchMs / singleTotalMs (the target: ≤ 0.7 on 2 cores). */
  ratio: number;
  /** Both ways wrote the same bytes. */
  identical: boolean;
}

const CLI = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');

function gongwen(cwd: string, args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return performance.now() - started;
}

/** sha256 of every file under a folder (emit's state folder excluded), by relative path. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Builds `reports` copies of the default report both ways and returns the figures. */
export async function batchBench(reports = 20): Promise<BatchFigures> {
  const project = mkdtempSync(path.join(tmpdir(), 'gongwen-bench-batch-'));
  try {
    for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(project, dir), { recursive: true });
    mkdirSync(path.join(project, 'data/batch'));
    const source = readFileSync(path.join(PACKAGE_ROOT, 'data/report.yaml'), 'utf8');
    const files = Array.from({ length: reports }, (_, i) => {
      const name = `报告${String(i + 1).padStart(2, '0')}`;
      writeFileSync(path.join(project, `data/batch/${name}.yaml`), source.replace(/^ {2}id: .*$/m, `  id: ${name}`));
      return `data/batch/${name}.yaml`;
    });
    gongwen(project, ['fonts']); // compiles the bundle if a source is newer, outside the timings
    const singles = files.map((f) => gongwen(project, ['build', f, '--out', 'out-single']));
    const batchMs = gongwen(project, ['build', 'data/batch', '--out', 'out-batch']);
    const single = hashes(path.join(project, 'out-single'));
    const batch = hashes(path.join(project, 'out-batch'));
    delete batch['index.html']; // the folder index page only a batch writes
    const sorted = [...singles].sort((a, b) => a - b);
    const singleTotalMs = singles.reduce((a, b) => a + b, 0);
    return {
      reports,
      cores: availableParallelism(),
      singleTotalMs: Math.round(singleTotalMs),
      singleMedianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      batchMs: Math.round(batchMs),
      ratio: Number((batchMs / singleTotalMs).toFixed(3)),
      identical: JSON.stringify(single) === JSON.stringify(batch),
    };
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) console.table([await batchBench(Number(process.argv[2] ?? 20) || 20)]);
