#!/usr/bin/env node
// Stage: entry point. Runs the compiled gongwen (.build/gongwen.cjs, made by src/bin/compile.js at `npm ci`, remade
// when a source file is newer) with a V8 code cache for the libraries it loads (code-cache.cjs), zlib decoding
// their Unicode tables (native-inflate.cjs) and the parts of pdfkit and fontkit gongwen never calls loaded only if asked for (lazy-modules.cjs);
// without esbuild (never the case after `npm ci`) it runs src/main.ts through tsx. For a one-shot build of both
// editions it starts the edition worker thread first (see buildsBothEditions).
import { createRequire } from 'node:module';
import path from 'node:path';
import { compiledEntry } from './compile.js';

const require = createRequire(import.meta.url);
require('./v8-flags.cjs'); // before the bundle loads: V8's tier-up for a short run (v8-flags.cjs)
const entry = await compiledEntry();

/**
 * Whether this looks like a one-shot build of both editions, whose second edition gongwen compiles in a worker
 * thread (src/compile/index.ts): then the thread is started now, so that it loads its libraries while this thread
 * loads gongwen. A wrong guess costs only that loading on the other core: a build that does not need the thread
 * leaves it unreferenced and exits without waiting for it.
 */
function buildsBothEditions(args, env) {
  if (args[0] !== 'build' || env.GONGWEN_EDITION) return false;
  if (args.some((a) => a === '--edition' || a.startsWith('--edition=') || a === '--help' || a === '-h')) return false;
  return args.filter((a) => /\.ya?ml$/i.test(a)).length <= 1 && !args.slice(1).some((a) => a === 'data' || a.endsWith('/'));
}

if (entry && buildsBothEditions(process.argv.slice(2), process.env)) {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(path.join(path.dirname(new URL(import.meta.url).pathname), 'edition-worker.cjs'));
  worker.unref();
  globalThis[Symbol.for('gongwen.standbyEditionWorker')] = worker;
}
if (entry) {
  require('./code-cache.cjs').installCodeCache(path.join(path.dirname(entry), 'code-cache'));
  require('./native-inflate.cjs').installNativeInflate(path.dirname(entry));
  require('./lazy-modules.cjs').installLazyModules(path.dirname(entry));
  require(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main.ts');
}
