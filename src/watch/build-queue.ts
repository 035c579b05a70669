/**
 * Stage: watch — one build at a time. Input: requests to rebuild, at any moment → runs of the build job, never two
 * at once, at most one waiting (tsup's queue): changes that arrive while a build runs are collected into the one
 * queued run, which starts when the running one ends and sees every file as it is then.
 */

/** Runs `job` on request, serially; requests while it runs coalesce into one more run. */
export class BuildQueue<T> {
  private running: Promise<void> | undefined;
  private queued: T[] | undefined;
  private stopped = false;

  constructor(private readonly job: (triggers: T[]) => Promise<void>) {}

  /** Asks for a run with these triggers (the changed paths); ignored once stopped. */
  request(triggers: T[]): void {
    if (this.stopped) return;
    if (this.running) {
      this.queued = [...(this.queued ?? []), ...triggers];
      return;
    }
    this.start(triggers);
  }

  private start(triggers: T[]): void {
    this.running = this.job(triggers).finally(() => {
      this.running = undefined;
      const next = this.queued;
      this.queued = undefined;
      if (next && !this.stopped) this.start(next);
    });
  }

  /** Drops the queued run and waits for the running one (Ctrl-C: let it finish writing, then stop). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queued = undefined;
    while (this.running) await this.running.catch(() => {});
  }
}
