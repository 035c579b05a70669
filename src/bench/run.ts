/**
 * `npm run bench`: time and peak memory of building the default report's PDF (and DOCX) at 1×, 10× and 100× its
 * length, each in a fresh process (cold, like a user's build). Prints a table of figures; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../world.ts';

const scales = (process.argv.slice(2).map(Number).filter((n) => n > 0).length ? process.argv.slice(2).map(Number) : [1, 10, 100]);
const rows: Record<string, unknown>[] = [];
for (const scale of scales) {
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(PACKAGE_ROOT, 'src/bench/once.ts'), '--scale', String(scale)], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const figures = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
  rows.push({ ...figures, processMs: Math.round(performance.now() - started) });
}
console.table(rows);
