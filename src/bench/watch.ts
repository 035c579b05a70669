/**
 * Benchmark: save → preview and save → all outputs, in one persistent process (what `gongwen preview` is). Input: a
 * copy of the project in a temporary folder and a number of rounds → the figures, nothing asserted:
 *
 *   saveToPreviewMs — from writing the data file to a client holding the new state and the SVG of every changed
 *                     page (an EventSource-like client over HTTP: what the page's script fetches);
 *   saveToBrowserMs — the same to the page in headless Chromium showing it (when /usr/bin/chromium is there);
 *   saveToOutputsMs — from writing the data file to every output file written (PDF, DOCX, tables, zip).
 *
 * Each round edits one figure in the text of the default report (page 4), as an editor saves: written in place.
 * `npm run bench` calls benchWatch(); `tsx src/bench/watch.ts [rounds]` prints the figures alone.
 */
// The V8 flags `gongwen watch` and `preview` run with (the bin sets them for itself: src/bin/v8-flags.cjs).
import '../bin/v8-flags.cjs';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildConsole } from '../build/index.ts';
import { Compiler, compileRequest } from '../compile/index.ts';
import { previewCommand } from '../preview/command.ts';
import type { PreviewSnapshot } from '../preview/state.ts';
import { PACKAGE_ROOT, nodeWorld } from '../world.ts';

/** Median, fastest and slowest of a series, ms. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface WatchBenchFigures {
  rounds: number;
  firstBuildMs: number;
  saveToPreviewMs: Spread;
  saveToBrowserMs?: Spread;
  saveToOutputsMs: Spread;
}

const CHROMIUM = '/usr/bin/chromium';

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: Math.round(median), min: Math.round(sorted[0]!), max: Math.round(sorted.at(-1)!) };
}

/** Waits until `test` holds for a fresh /state.json, polling on every server-sent event. */
async function stateWhen(url: string, events: EventStream, test: (s: PreviewSnapshot) => boolean): Promise<PreviewSnapshot> {
  for (;;) {
    const state = (await (await fetch(new URL('state.json', url))).json()) as PreviewSnapshot;
    if (test(state)) return state;
    await events.next();
  }
}

/** A minimal reader of the /events stream: `next()` resolves at the next event. */
class EventStream {
  private waiting: (() => void)[] = [];
  private readonly abort = new AbortController();

  constructor(url: string) {
    void (async () => {
      const res = await fetch(new URL('events', url), { signal: this.abort.signal });
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (Buffer.from(value).toString('utf8').includes('event: update')) for (const w of this.waiting.splice(0)) w();
      }
    })().catch(() => {});
  }

  next(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.abort.abort();
  }
}

/** Runs the benchmark; returns the figures. */
export async function benchWatch(options: { rounds?: number | undefined } = {}): Promise<WatchBenchFigures> {
  const rounds = options.rounds ?? 9;
  const root = mkdtempSync(path.join(tmpdir(), 'gongwen-bench-watch-'));
  for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
  const dataFile = path.join(root, 'data/report.yaml');
  const original = readFileSync(dataFile, 'utf8');
  let stop: () => void = () => {};
  const until = new Promise<void>((resolve) => (stop = resolve));
  const silent: BuildConsole = { message: () => {}, data: () => {} }; 
  let url = '';
  const started = performance.now();
  const listening = new Promise<void>((resolve) => {
    void previewCommand(
      {
        build: { request: compileRequest({ dataFile: 'data/report.yaml', fonts: { fontPaths: [], systemFonts: false } }), outDir: path.join(root, 'out'), strict: false, json: false, timings: false },
        host: '127.0.0.1',
        port: 0,
        open: false,
        json: false,
        until,
        onListening: (u) => {
          url = u;
          resolve();
        },
      },
      new Compiler(),
      () => nodeWorld(root, {}),
      silent,
    );
  });
  await listening;
  const events = new EventStream(url);
  await stateWhen(url, events, (s) => s.status === 'written' && s.build === 1);
  const firstBuildMs = performance.now() - started;

  const browser = existsSync(CHROMIUM) ? await openBrowser(url) : undefined;
  const preview: number[] = [];
  const inBrowser: number[] = [];
  const outputs: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const build = round + 2;
      const before = (await (await fetch(new URL('state.json', url))).json()) as PreviewSnapshot;
      const t0 = performance.now();
      writeFileSync(dataFile, original.replace('五保对象364名', `五保对象${365 + round}名`));
      const shownInBrowser = browser?.waitForBuild(build);
      const laidOut = await stateWhen(url, events, (s) => s.build === build && s.status !== 'building');
      const old = before.editions[0]?.pages ?? [];
      const edition = laidOut.editions[0]!;
      await Promise.all(edition.pages.map((d, i) => (d !== old[i] ? fetch(new URL(`pages/${edition.edition}/${i + 1}.svg`, url)).then((r) => r.text()) : undefined)));
      preview.push(performance.now() - t0);
      if (shownInBrowser) inBrowser.push((await shownInBrowser) - t0);
      await stateWhen(url, events, (s) => s.build === build && (s.status === 'written' || s.status === 'notWritten' || s.status === 'failed'));
      outputs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    events.close();
    await browser?.close();
    stop();
    await new Promise((r) => setTimeout(r, 100));
    rmSync(root, { recursive: true, force: true });
  }
  return {
    rounds,
    firstBuildMs: Math.round(firstBuildMs),
    saveToPreviewMs: spread(preview),
    ...(inBrowser.length > 0 ? { saveToBrowserMs: spread(inBrowser) } : {}),
    saveToOutputsMs: spread(outputs),
  };
}

/** The preview page in headless Chromium; `waitForBuild(n)` resolves (performance.now()) when build n is drawn. */
async function openBrowser(url: string): Promise<{ waitForBuild(build: number): Promise<number>; close(): Promise<void> } | undefined> {
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    return undefined; // a production install has no dev dependencies
  }
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset['status'] === 'written');
  // The page tells the benchmark when a build is on screen: a binding called from the page at each drawn state.
  const drawn = new Map<number, () => void>();
  const times = new Map<number, number>();
  await page.exposeBinding('gongwenBenchDrawn', (_source, build: number) => {
    if (!times.has(build)) times.set(build, performance.now());
    drawn.get(build)?.();
  });
  await page.evaluate(() => {
    new MutationObserver(() => {
      const status = document.getElementById('status')?.textContent ?? '';
      const m = /第 (\d+) 次构建/.exec(status);
      if (m && document.body.dataset['status'] !== 'building') (window as unknown as { gongwenBenchDrawn(n: number): void }).gongwenBenchDrawn(Number(m[1]));
    }).observe(document.body, { attributes: true, attributeFilter: ['data-generation'] });
  });
  return {
    waitForBuild: (build) =>
      new Promise((resolve) => {
        const done = () => resolve(times.get(build)!);
        if (times.has(build)) done();
        else drawn.set(build, done);
      }),
    close: () => browser.close(),
  };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  console.log(JSON.stringify(await benchWatch({ rounds: Number(process.argv[2]) || undefined }), null, 2));
}
