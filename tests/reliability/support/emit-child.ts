// A child process that only publishes: it reads a prepared set of output files and runs emit on them (or only the
// recovery a next run does). The kill and concurrency tests start it hundreds of times, so it is bundled once with
// esbuild (support/children.ts) and starts in tens of milliseconds. Usage:
//   node emit-child.mjs publish <outDir> <setDir>      (setDir/files.json: [{ path, part? }], bytes in setDir/<i>)
//   node emit-child.mjs recover <outDir>
// Prints "ready" just before publishing (random-time kills aim after it); exits 0, or 7 with the EmitError code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EmitError, emitOutputs, recoverOutputs } from '../../../src/emit.ts';

const [mode, outDir, setDir] = process.argv.slice(2);
try {
  if (mode === 'recover') recoverOutputs(outDir ?? '');
  else {
    const list = JSON.parse(readFileSync(path.join(setDir ?? '', 'files.json'), 'utf8')) as { path: string; part?: string }[];
    const files = list.map((f, i) => ({ path: f.path, bytes: readFileSync(path.join(setDir ?? '', String(i))), ...(f.part ? { part: f.part } : {}) }));
    const { folder, parts } = JSON.parse(readFileSync(path.join(setDir ?? '', 'options.json'), 'utf8')) as { folder: string; parts?: string[] };
    process.stdout.write('ready\n');
    emitOutputs(outDir ?? '', files, { folder, ...(parts ? { parts } : {}) });
  }
  process.exitCode = 0;
} catch (e) {
  if (!(e instanceof EmitError)) throw e;
  process.stderr.write(`${e.code} ${e.message}\n`);
  process.exitCode = 7;
}
