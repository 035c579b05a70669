/**
 * Stage: command — `gongwen watch`. Input: the build's options, the compiler (one per process: fonts, converters and
 * templates stay loaded across rebuilds) and a World per build → a build now and after every change, each printed
 * like `gongwen build` prints (with `--json`, one JSON line per build on stdout: build number, exit code, the
 * changed paths, the change summary), until `until` resolves (Ctrl-C), after which the running build finishes
 * writing and the command ends with 0.
 */
import path from 'node:path';
import { runBuild, type BuildConsole, type BuildOptions } from '../build/index.ts';
import type { Compiler } from '../compile/index.ts';
import type { World } from '../world.ts';
import { WatchLoop } from './index.ts';

export interface WatchCommandOptions {
  build: BuildOptions;
  /** One JSON line per build on stdout. */
  json: boolean;
  /** Resolves when the user ends the watch (SIGINT/SIGTERM). */
  until: Promise<unknown>;
}

/** The paths as the user knows them: relative to the project root when inside it. */
export function shownPaths(paths: readonly string[], root: string): string {
  return paths.map((p) => {
    const r = path.relative(root, p);
    return (r.startsWith('..') || path.isAbsolute(r) ? p : r).split(path.sep).join('/');
  }).join('、');
}

/** Prints the message of an unexpected error (a bug in gongwen) without ending the watch. */
export function internalErrorLine(e: unknown): string {
  return `内部错误（这是 gongwen 的缺陷，请报告）：\n${(e as Error)?.stack ?? String(e)}\n继续监视；上次成功的输出保持不变。`;
}

/** Runs `gongwen watch`; returns the exit code. */
export async function watchCommand(options: WatchCommandOptions, compiler: Compiler, makeWorld: () => World, out: BuildConsole): Promise<number> {
  const { build } = options;
  const loop = new WatchLoop({
    exclude: [build.outDir],
    onInternalError: (e) => out.message(internalErrorLine(e)),
    job: async (changed, n) => {
      const world = makeWorld();
      if (n > 1) out.message(`\n第 ${n} 次构建：${shownPaths(changed, world.root)} 有变化`);
      const outcome = await runBuild({ ...build, json: false }, compiler, world, out);
      const line = { build: n, code: outcome.code, changed: changed.map((p) => path.relative(world.root, p).split(path.sep).join('/')), changes: outcome.changes ?? null };
      return { deps: world.deps, ok: outcome.code === 0, announce: () => options.json && out.data(JSON.stringify(line)) };
    },
  });
  await loop.start();
  out.message(`正在监视数据、模板和字体的变化（按 Ctrl-C 结束）……`);
  await options.until;
  out.message('正在结束……');
  await loop.stop();
  return 0;
}
