/**
 * Stage: batch — the worker pool. Input: the number of reports and `--jobs` → a piscina pool of worker threads, each
 * running src/batch/worker.ts's compileReport. As many threads as cores (os.availableParallelism), fewer when there
 * are fewer reports or too little memory (a build of the default report peaks near 400 MB).
 */
import { availableParallelism, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

/** Memory one worker may need at its peak (both editions, the default fonts). */
const WORKER_MEMORY_BYTES = 768 * 1024 * 1024;

/** How many worker threads to run. */
export function workerCount(reports: number, jobs: number | undefined): number {
  const byMemory = Math.max(1, Math.floor(totalmem() / WORKER_MEMORY_BYTES));
  return Math.max(1, Math.min(reports, jobs ?? availableParallelism(), jobs === undefined ? byMemory : Infinity));
}

/**
 * The worker script: the compiled CLI (.build/gongwen.cjs) has .build/batch-worker.cjs beside it (src/bin/compile.js
 * makes both); from the TypeScript sources, worker-entry.mjs registers tsx in the thread first.
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.cjs') ? path.join(path.dirname(here), 'batch-worker.cjs') : path.join(path.dirname(here), 'worker-entry.mjs');
}

/** A pool of `threads` workers. Close it with `destroy()`. */
export function reportPool(threads: number): Piscina {
  return new Piscina({ filename: workerFile(), name: 'compileReport', minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
}
