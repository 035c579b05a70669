/**
 * Stage: watch — observing what the last build read. Input: the build's Dependencies (files read, folders listed,
 * paths probed, present or not) → one callback per burst of changes, with the paths that changed.
 *
 * Folders are watched, not files: an editor that saves by writing a temporary file and renaming it over the data
 * file replaces the file's inode, and a watch on the file itself goes silent after the first such save (measured
 * with chokidar 5 on Linux). So chokidar watches the folder of every file and probe (depth 0) and reports only the
 * paths the build depends on: those files and probes, and any entry of a folder the build listed (a font or partial
 * appearing). A probe whose folder does not exist yet (~/.fonts) is watched from its nearest existing ancestor,
 * through each missing level. Everything under an excluded folder (the output folder) is ignored: the build's own
 * writes must not trigger it again.
 *
 * A burst — a save in several writes, rename-on-save (unlink + add), a template and the data saved together — ends
 * after QUIET_MS without events, and then the callback runs once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Dependencies } from '../world.ts';

/**
 * Quiet time that ends a burst of events. Editors' multi-write saves take a few milliseconds, but it must also be
 * longer than chokidar's own throttle: chokidar reports the first `change` of a path and drops every further one
 * for 50 ms (leading edge only, chokidar 5 `_throttle`). Building no sooner than 60 ms after the reported event
 * means the build reads the file after any write whose event was dropped.
 */
export const QUIET_MS = 60;

/** What to watch for one set of dependencies. */
interface WatchPlan {
  /** Folders given to chokidar (depth 0). */
  folders: Set<string>;
  /** Paths whose change, appearance or removal matters. */
  targets: Set<string>;
  /** Folders any of whose entries matters (the build listed them). */
  listed: Set<string>;
  /** The targets that existed when the plan was made. */
  present: Set<string>;
}

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** The plan for a build's dependencies, leaving out everything under `exclude`. */
function planFor(deps: Dependencies, exclude: readonly string[]): WatchPlan {
  const kept = (p: string) => !exclude.some((dir) => inside(p, dir));
  const plan: WatchPlan = { folders: new Set(), targets: new Set(), listed: new Set(), present: new Set() };
  const watchTarget = (p: string) => {
    plan.targets.add(p);
    // Up to the nearest existing folder; each missing level on the way is a target (its appearance matters).
    let dir = path.dirname(p);
    while (!existsSync(dir) && path.dirname(dir) !== dir) {
      plan.targets.add(dir);
      dir = path.dirname(dir);
    }
    plan.folders.add(dir);
  };
  for (const p of [...deps.files, ...deps.probes].filter(kept)) watchTarget(p);
  for (const dir of [...deps.dirs].filter(kept)) {
    plan.listed.add(dir);
    if (existsSync(dir)) plan.folders.add(dir);
    else watchTarget(dir);
  }
  for (const t of plan.targets) if (existsSync(t)) plan.present.add(t);
  return plan;
}

/** Longest wait for chokidar to start watching a folder added to a running watcher. */
const ADD_WAIT_MS = 2000;

/**
 * Resolves once chokidar watches every folder in `folders` (add() returns before it does, and a change made in
 * between — an attachment folder created right after the build that first asked for it — would be missed), or after
 * ADD_WAIT_MS.
 */
async function watching(watcher: FSWatcher, folders: readonly string[]): Promise<void> {
  // chokidar 5 (pinned) keeps the closers of the fs watchers it has attached by path; getWatched() lists a folder
  // as soon as its parent's scan saw it, before it is watched itself.
  const closers = (watcher as unknown as { _closers?: Map<string, unknown> })._closers;
  if (!closers) return;
  for (let waited = 0; waited < ADD_WAIT_MS && folders.some((f) => existsSync(f) && !closers.has(f)); waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
}

const samePlan = (a: WatchPlan, b: WatchPlan): boolean =>
  (['folders', 'targets', 'listed'] as const).every((k) => a[k].size === b[k].size && [...a[k]].every((p) => b[k].has(p)));

/**
 * Watches the dependencies of the latest build; `follow` retargets it after each build. One chokidar watcher for the
 * whole session: its filter reads the current plan, and a new plan only adds and removes folders, so no event is
 * lost while a watcher would be recreated.
 */
export class DependencyWatcher {
  private watcher: FSWatcher | undefined;
  private plan: WatchPlan | undefined;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: (paths: string[]) => void,
    private readonly exclude: readonly string[] = [],
    private readonly quietMs = QUIET_MS,
  ) {}

  private matters(p: string): boolean {
    const plan = this.plan;
    return plan !== undefined && (plan.folders.has(p) || plan.targets.has(p) || plan.listed.has(path.dirname(p)));
  }

  /** Watches these dependencies from now on; resolves when the first plan is being watched. */
  async follow(deps: Dependencies): Promise<void> {
    const plan = planFor(deps, this.exclude);
    const previous = this.plan;
    this.plan = plan; // from here on the filter and `record` judge by the new plan
    if (!this.watcher) {
      const watcher = watch([...plan.folders].sort(), {
        ignoreInitial: true,
        depth: 0,
        // chokidar's own handling of rename-on-save: an unlink followed by an add within 100 ms is one change.
        atomic: true,
        ignored: (p: string) => !this.matters(path.resolve(p)),
      });
      watcher.on('all', (_event, p) => this.record(path.resolve(p)));
      watcher.on('error', () => {}); // a folder that vanished: the next build's plan no longer has it
      this.watcher = watcher;
      await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
      return;
    }
    if (!previous || samePlan(plan, previous)) return;
    const removed = [...previous.folders].filter((f) => !plan.folders.has(f));
    // New folders, and new targets in folders already watched (entries the first scan skipped as uninteresting).
    const added = [...plan.folders].filter((f) => !previous.folders.has(f));
    const newTargets = [...plan.targets].filter((t) => !previous.targets.has(t) && previous.folders.has(path.dirname(t)) && existsSync(t));
    if (removed.length > 0) this.watcher.unwatch(removed);
    if (added.length + newTargets.length > 0) {
      this.watcher.add([...added, ...newTargets]);
      await watching(this.watcher, added);
      // A target that appeared or went while the new folders were being set up: no event will say so.
      for (const t of plan.targets) if (existsSync(t) !== plan.present.has(t)) this.record(t);
    }
  }

  private record(p: string): void {
    const plan = this.plan;
    if (!plan || !(plan.targets.has(p) || plan.listed.has(path.dirname(p)) || plan.listed.has(p))) return;
    this.pending.add(p);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const paths = [...this.pending].sort();
      this.pending.clear();
      this.onChange(paths);
    }, this.quietMs);
  }

  /** Stops watching; no callback runs afterwards. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.pending.clear();
    this.plan = undefined;
    const watcher = this.watcher;
    this.watcher = undefined;
    await watcher?.close();
  }
}
