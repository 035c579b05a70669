/**
 * Stage: command — `gongwen preview`. Input: the build's options, a host and port, the compiler and a World per
 * build → `gongwen watch` plus a local page showing the pages as they will print (src/preview/server.ts), until
 * `until` resolves (Ctrl-C).
 *
 * Each rebuild runs in two steps so that the page does not wait for the DOCX, the spreadsheets and the zip:
 *   1. the same compilation asked for no output formats — load, checks, editions, composition, layout — whose
 *      layouts (the ones the PDF is drawn from) and diagnostics go to the page at once;
 *   2. the full build (src/build), which writes every output and the change summary, shown when done.
 * A failure in step 1 ends the rebuild there: the page keeps the last good pages and shows the diagnostics.
 */
import { spawn } from 'node:child_process';
import { runBuild, type BuildConsole, type BuildOptions } from '../build/index.ts';
import { changeSummaryLines } from '../changes/index.ts';
import { BuildFailure, type Compiler } from '../compile/index.ts';
import { DiagnosticSink, EXIT } from '../diag/diagnostic.ts';
import { formatDiagnostics } from '../diag/format.ts';
import { WatchLoop, unionDependencies } from '../watch/index.ts';
import { internalErrorLine, shownPaths } from '../watch/command.ts';
import type { World } from '../world.ts';
import { startPreviewServer } from './server.ts';
import { PreviewState } from './state.ts';

export interface PreviewCommandOptions {
  build: BuildOptions;
  host: string;
  /** 0 = any free port. */
  port: number;
  /** Open the page in the default browser. */
  open: boolean;
  json: boolean;
  until: Promise<unknown>;
  /** Told the page's URL once the server listens (tests, the benchmark). */
  onListening?: (url: string) => void;
}

/** Opens a URL in the system's browser (best effort; the URL is printed anyway). */
function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    spawn(cmd, args as string[], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  } catch {
    // no browser opener on this system
  }
}

/** Runs `gongwen preview`; returns the exit code. */
export async function previewCommand(options: PreviewCommandOptions, compiler: Compiler, makeWorld: () => World, out: BuildConsole): Promise<number> {
  const state = new PreviewState();
  const { build } = options;
  let server;
  try {
    server = await startPreviewServer(state, { host: options.host, port: options.port });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    out.message(`错误[preview/listen]: 无法在 ${options.host}:${options.port} 启动预览（${code ?? (e as Error).message}）\n  提示: ${code === 'EADDRINUSE' ? '端口已被占用，用 --port 换一个端口（--port 0 由系统选择）。' : '检查 --host 和 --port。'}`);
    return EXIT.usage;
  }
  const loop = new WatchLoop({
    exclude: [build.outDir],
    onInternalError: (e) => out.message(internalErrorLine(e)),
    job: async (changed, n) => {
      state.building(n);
      const layoutWorld = makeWorld();
      if (n > 1) out.message(`\n第 ${n} 次构建：${shownPaths(changed, layoutWorld.root)} 有变化`);
      const diag = new DiagnosticSink();
      const sources = (w: World) => (f: string) => w.source(f);
      // The editions on screen first (the Simplified one when no page is open); the full build lays out the rest.
      const viewed = server.viewedEditions();
      const onScreen = build.request.editions.filter((e) => viewed.has(e));
      try {
        const laidOut = await compiler.compile({ ...build.request, editions: onScreen.length > 0 ? onScreen : build.request.editions.slice(0, 1), formats: [], debug: [] }, layoutWorld, diag);
        state.laidOut(laidOut.report.meta.title, laidOut.editions, build.request.editions, diag.items, sources(layoutWorld));
        await server.delivered(state.current);
      } catch (e) {
        if (!(e instanceof BuildFailure)) throw e;
        state.failed(diag.items, sources(layoutWorld));
        out.message(formatDiagnostics(diag.items, sources(layoutWorld), layoutWorld.env['GONGWEN_DIAGNOSTICS'] === 'short' ? 'short' : 'human'));
        out.message(`构建失败：${diag.errorCount} 个错误；输出目录未改动，预览保留上次成功的版面。`);
        const line = { build: n, code: e.exitCode, changes: null };
        return { deps: layoutWorld.deps, ok: false, announce: () => options.json && out.data(JSON.stringify(line)) };
      }
      const world = makeWorld();
      const outcome = await runBuild({ ...build, json: false }, compiler, world, out);
      const written = outcome.changes !== undefined;
      if (outcome.compilation) state.laidOut(outcome.compilation.report.meta.title, outcome.compilation.editions, build.request.editions, outcome.diagnostics, sources(world));
      state.finished(written, outcome.compilation?.outputs ?? [], outcome.changes ? changeSummaryLines(outcome.changes) : [], outcome.diagnostics, sources(world));
      const line = { build: n, code: outcome.code, changes: outcome.changes ?? null };
      return { deps: unionDependencies(layoutWorld.deps, world.deps), ok: outcome.code === 0, announce: () => options.json && out.data(JSON.stringify(line)) };
    },
  });
  out.message(`预览：${server.url}（按 Ctrl-C 结束）`);
  options.onListening?.(server.url);
  if (options.open) openInBrowser(server.url);
  await loop.start();
  out.message('正在监视数据、模板和字体的变化……');
  await options.until;
  out.message('正在结束……');
  await loop.stop();
  await server.close();
  return 0;
}
