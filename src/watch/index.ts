/**
 * Stage: watch (`gongwen watch`, and under `gongwen preview`). Input: a build job and the output folder → builds
 * once, then rebuilds whenever something the last build read changes (Typst's watch: the dependencies are exactly
 * what the World recorded — data, templates, partials, terms.yaml, font folders and files, attachments, and the
 * paths it probed and found empty). One build runs at a time, at most one waits (./build-queue.ts); bursts of
 * events are one rebuild (./dependency-watcher.ts). A failed build changes nothing on disk, so out/ keeps the last
 * good outputs; its dependencies are watched together with the last good build's, so fixing either file rebuilds.
 *
 * The job is the caller's: `watch` runs one build (src/build), `preview` first lays the pages out for the browser
 * and then runs the build. The loop only decides when.
 */
import path from 'node:path';
import { emptyDependencies, type Dependencies } from '../world.ts';
import { BuildQueue } from './build-queue.ts';
import { DependencyWatcher } from './dependency-watcher.ts';

/** One run of the job: what it read, whether it succeeded, and what to say once the watch follows it. */
export interface JobResult {
  deps: Dependencies;
  ok: boolean;
  /** Runs after the watch is set on this build's dependencies (a change from then on rebuilds). */
  announce?: () => void;
}

export interface WatchLoopOptions {
  /** Runs one build; `changed` are the paths that triggered it ([] for the first build). Must not reject. */
  job: (changed: string[], build: number) => Promise<JobResult>;
  /** Folders never watched (the output folder). */
  exclude: readonly string[];
  /** Called when a job threw (a bug in gongwen): the loop keeps watching. */
  onInternalError: (e: unknown) => void;
}

/** Everything either build depended on. */
export const unionDependencies = (a: Dependencies, b: Dependencies): Dependencies => ({
  files: new Set([...a.files, ...b.files]),
  dirs: new Set([...a.dirs, ...b.dirs]),
  probes: new Set([...a.probes, ...b.probes]),
});

/** The watch loop: `start` builds and watches; `stop` ends it after the running build. */
export class WatchLoop {
  private builds = 0;
  private lastGood: Dependencies = emptyDependencies();
  private readonly watcher: DependencyWatcher;
  private readonly queue: BuildQueue<string>;

  constructor(private readonly options: WatchLoopOptions) {
    this.watcher = new DependencyWatcher((paths) => this.queue.request(paths), options.exclude.map((d) => path.resolve(d)));
    this.queue = new BuildQueue<string>((changed) => this.run([...new Set(changed)].sort()));
  }

  private firstDone: (() => void) | undefined;

  /** Runs the first build and starts watching. Resolves when the first build is done and the watch is set. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.firstDone = resolve;
      this.queue.request([]);
    });
  }

  private async run(changed: string[]): Promise<void> {
    const build = ++this.builds;
    let result: JobResult | undefined;
    try {
      result = await this.options.job(changed, build);
    } catch (e) {
      this.options.onInternalError(e);
    }
    if (result?.ok) this.lastGood = result.deps;
    await this.watcher.follow(result && !result.ok ? unionDependencies(this.lastGood, result.deps) : (result?.deps ?? this.lastGood));
    result?.announce?.();
    if (build === 1) this.firstDone?.();
  }

  /** Stops watching, drops a queued build and waits for the running one to finish writing. */
  async stop(): Promise<void> {
    await this.watcher.close();
    await this.queue.stop();
    await this.watcher.close(); // a build that was running has re-armed it
  }
}
