// Stage: batch — the worker thread's entry when gongwen runs from its TypeScript sources (tests, `tsx`): registers
// tsx in the thread, then exposes src/batch/worker.ts's task. The compiled CLI uses .build/batch-worker.cjs instead.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');
export const compileReport = worker.compileReport;
