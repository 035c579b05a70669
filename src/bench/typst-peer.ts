/**
 * Stage: bench — the Typst peer. Input: a TypstReportInput and the font files to use → figures of one Typst
 * (typst.ts node compiler, Typst 0.14) compile + PDF export in a fresh process, or of a warm one-paragraph
 * recompile, for `npm run bench` to set beside gongwen's.
 *
 * Each run writes main.typ and a job file into a temporary folder and spawns bare `node` on
 * src/bench/typst-worker.mjs (plain JavaScript, so no tsx start-up is counted for Typst; see the worker's header).
 * The wall time runs from spawn to the child's exit; the peak RSS is the child's own `resourceUsage().maxRSS`.
 *
 * Fonts: the files go to Typst as `fontArgs: [{ fontPaths }]`. The addon has no "ignore system fonts" switch and
 * always scans the system folders through fontdb, which reads FONTCONFIG_FILE; so unless `systemFonts` is set the
 * child gets a fontconfig file naming one empty folder, and Typst sees only the given files (plus the few fonts
 * embedded in the addon, which no role names). That is `typst compile --ignore-system-fonts`, and what gongwen's
 * benchmark does (`systemFonts: false`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { typstSource, type TypstReportInput } from './typst-source.ts';

/** The worker script (run by bare node). */
export const TYPST_WORKER = fileURLToPath(new URL('./typst-worker.mjs', import.meta.url));

/** Pinned PDF creation date (2022-01-01T00:00:00Z, in seconds) so two runs give the same bytes. */
export const TYPST_CREATION_TIMESTAMP = 1640995200;

export interface TypstRunOptions {
  /** Let Typst also scan the system font folders (default false: only the given files). */
  systemFonts?: boolean;
  /** Also write the first PDF here (after the timed work, still inside the child). */
  pdfOut?: string;
  /**
   * Write a tagged PDF (structure tree for accessibility). Default true, what `typst compile` does; gongwen's PDF
   * is untagged. Measured: no visible time difference; the untagged PDF is 3 % (1×) to 18 % (10×) smaller.
   */
  pdfTags?: boolean;
}

export interface TypstColdRun {
  /** Spawn to exit of the fresh process, ms. */
  wallMs: number;
  /** The child's peak resident set, MB. */
  peakRssMB: number;
  /** The child's CPU time, user + system over all its threads, ms (more than wallMs when Typst runs in parallel). */
  cpuMs: number;
  pages: number;
  pdfBytes: number;
  /** Inside the child: loading the addon, creating the compiler, compiling, exporting the PDF, ms. */
  phases: { importMs: number; createMs: number; compileMs: number; pdfMs: number };
  /** Typst's warnings (e.g. "unknown font family: …"); [] when the fonts resolved. */
  warnings: string[];
}

/** wallMs, cpuMs and peakRssMB cover the whole process, the edit included; `phases` are the first compile's. */
export interface TypstWarmRun extends TypstColdRun {
  /** After the first compile + export in the same process: one paragraph edited, compiled and exported again. */
  recompile: { pages: number; pdfBytes: number; compileMs: number; pdfMs: number; totalMs: number };
}

/** One cold Typst compile + PDF export of `input` in a fresh process. */
export async function typstColdRunMs(input: TypstReportInput, fontFiles: string[], options: TypstRunOptions = {}): Promise<TypstColdRun> {
  const { figures, wallMs } = await runWorker(typstSource(input), fontFiles, options);
  return coldRun(figures, wallMs);
}

/**
 * One process: compile + export once, then edit one paragraph (see `editOneParagraph`) and compile + export again;
 * `recompile.totalMs` is the warm edit-to-PDF time.
 */
export async function typstWarmRecompileMs(input: TypstReportInput, fontFiles: string[], options: TypstRunOptions = {}): Promise<TypstWarmRun> {
  const edited = typstSource(editOneParagraph(input));
  const { figures, wallMs } = await runWorker(typstSource(input), fontFiles, options, edited);
  const warm = figures.warm;
  if (!warm) throw new Error('typst worker: no warm figures');
  return { ...coldRun(figures, wallMs), recompile: { ...warm, totalMs: round(warm.compileMs + warm.pdfMs) } };
}

/** The input with its middle paragraph lengthened by one sentence (a typical small edit). */
export function editOneParagraph(input: TypstReportInput): TypstReportInput {
  const paragraphs = input.blocks.flatMap((b, i) => (b.kind === 'paragraph' || b.runIn !== undefined ? [i] : []));
  const target = paragraphs[Math.floor(paragraphs.length / 2)];
  if (target === undefined) throw new Error('editOneParagraph: the input has no paragraph');
  const blocks = input.blocks.map((b, i) => {
    if (i !== target) return b;
    return b.kind === 'paragraph' ? { ...b, text: b.text + EDIT } : { ...b, runIn: (b.runIn ?? '') + EDIT };
  });
  return { ...input, blocks };
}

const EDIT = '此句为基准测试所加。';

/** What the worker prints (see typst-worker.mjs). */
interface WorkerFigures {
  pages: number;
  pdfBytes: number;
  importMs: number;
  createMs: number;
  compileMs: number;
  pdfMs: number;
  warnings: string[];
  cpuMs: number;
  peakRssMB: number;
  warm?: { pages: number; pdfBytes: number; compileMs: number; pdfMs: number };
}

function coldRun(f: WorkerFigures, wallMs: number): TypstColdRun {
  return {
    wallMs,
    peakRssMB: f.peakRssMB,
    cpuMs: f.cpuMs,
    pages: f.pages,
    pdfBytes: f.pdfBytes,
    phases: { importMs: f.importMs, createMs: f.createMs, compileMs: f.compileMs, pdfMs: f.pdfMs },
    warnings: f.warnings,
  };
}

/** Writes the job into a temporary folder, runs the worker on it and removes the folder again. */
async function runWorker(source: string, fontFiles: string[], options: TypstRunOptions, editedSource?: string): Promise<{ figures: WorkerFigures; wallMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongwen-typst-'));
  try {
    const mainFile = path.join(dir, 'main.typ');
    writeFileSync(mainFile, source);
    const job = {
      workspace: dir,
      mainFile,
      fontPaths: fontFiles,
      creationTimestamp: TYPST_CREATION_TIMESTAMP,
      pdfTags: options.pdfTags ?? true,
      ...(options.pdfOut ? { pdfOut: options.pdfOut } : {}),
      ...(editedSource !== undefined ? { editedSource } : {}),
    };
    const jobFile = path.join(dir, 'job.json');
    writeFileSync(jobFile, JSON.stringify(job));
    const env = childEnv(dir, options.systemFonts ?? false);
    const { stdout, wallMs } = await spawnTimed(process.execPath, [TYPST_WORKER, jobFile], env);
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return { figures: JSON.parse(last) as WorkerFigures, wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The child's environment: no NODE_OPTIONS (a tsx parent must not load its hooks into the worker) and, without
 * system fonts, a fontconfig file whose only font folder is empty (fontdb falls back to the well-known system
 * folders when the file names no folder at all, hence the empty one).
 */
function childEnv(dir: string, systemFonts: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_OPTIONS'];
  if (systemFonts) return env;
  const empty = path.join(dir, 'no-system-fonts');
  mkdirSync(empty);
  const conf = path.join(dir, 'fonts.conf');
  writeFileSync(conf, `<?xml version="1.0"?>\n<fontconfig><dir>${empty}</dir></fontconfig>\n`);
  return { ...env, FONTCONFIG_FILE: conf };
}

/** Runs a command; resolves with its stdout and the spawn-to-exit time, rejects on a non-zero exit. */
function spawnTimed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let exitedAt = started;
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('exit', () => {
      exitedAt = performance.now();
    });
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`typst worker exited with ${code}: ${Buffer.concat(err).toString('utf8')}`));
      return resolve({ stdout: Buffer.concat(out).toString('utf8'), wallMs: round(exitedAt - started) });
    });
  });
}

const round = (ms: number): number => Math.round(ms * 100) / 100;
