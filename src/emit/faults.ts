/**
 * Stage: emit — fault injection for the reliability suite. Input: the environment of the process → at each named
 * step of publishing, nothing (normal runs) or, when GONGWEN_FAULT_KILL_AT=N, a real SIGKILL of this process at the
 * N-th step; GONGWEN_FAULT_TRACE=1 prints each step to stderr so the kill test can count the steps of a scenario.
 * The kill test (tests/reliability/kill.test.ts) uses it to kill at every instant of the publishing window exactly,
 * on top of kills at random times.
 */

const KILL_AT = Number(process.env['GONGWEN_FAULT_KILL_AT'] ?? 0) || 0;
const TRACE = process.env['GONGWEN_FAULT_TRACE'] === '1';
let reached = 0;

/** Marks one step of publishing (a write, an fsync, a rename, an unlink). */
export function faultPoint(label: string): void {
  if (KILL_AT === 0 && !TRACE) return;
  reached++;
  if (TRACE) process.stderr.write(`fault-point ${reached} ${label}\n`);
  if (reached === KILL_AT) process.kill(process.pid, 'SIGKILL');
}
