/**
 * Benchmark worker for src/bench/copies.ts (one fresh process per measurement). Input: extra `gongwen build` flags
 * (e.g. `--copies 100`) → runs the real command line on the default report (both editions, hermetic fonts, every
 * output, written to a temporary folder that is removed afterwards) and prints one JSON line: wall time from process
 * start, CPU time (user + system, less sensitive to other processes on the machine), peak RSS, pages and bytes of the print
 * files (from the report folder's manifest.json).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../cli.ts';
import { nodeWorld, PACKAGE_ROOT } from '../world.ts';

async function measure(): Promise<void> {
  const out = mkdtempSync(path.join(tmpdir(), 'gongwen-bench-copies-'));
  try {
    const world = nodeWorld(PACKAGE_ROOT, { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1' });
    // The build's own summary goes to stderr; the figures are the one line on stdout.
    const code = await main(['build', '--out', out, ...process.argv.slice(2)], world);
    if (code !== 0) throw new Error(`gongwen build exited ${code}`);
    // The report's folder out/<meta.id>/ holds the manifest (README: out/ 的布局).
    const folder = readdirSync(out).map((name) => path.join(out, name)).find((dir) => existsSync(path.join(dir, 'manifest.json')));
    if (!folder) throw new Error(`no manifest.json in a report folder of ${out}`);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { files: { role: string; pages?: number; bytes: number; copies?: { count: number } }[] };
    const prints = manifest.files.filter((f) => f.role === 'copies' && (f.copies?.count ?? 0) > 1);
    process.stdout.write(
      `${JSON.stringify({
        ms: Math.round(performance.now()),
        cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        printPages: prints.reduce((n, f) => n + (f.pages ?? 0), 0),
        printBytes: prints.reduce((n, f) => n + f.bytes, 0),
      })}\n`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

void measure().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
