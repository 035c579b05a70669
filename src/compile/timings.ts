/**
 * Stage: compile — stage timings. Input: stage names and the work done under them → milliseconds per stage, summed
 * over editions (`gongwen build --timings`, the benchmark). Reads only the monotonic performance clock, which never
 * reaches an output.
 */

export class StageTimer {
  private readonly ms = new Map<string, number>();

  run<T>(stage: string, fn: () => T): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  async runAsync<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  private add(stage: string, ms: number): void {
    this.ms.set(stage, (this.ms.get(stage) ?? 0) + ms);
  }

  /** Milliseconds per stage, rounded to 0.1 ms, in the order the stages first ran. */
  totals(): Record<string, number> {
    return Object.fromEntries([...this.ms].map(([k, v]) => [k, Math.round(v * 10) / 10]));
  }
}
