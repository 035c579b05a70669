/**
 * Test support for the reliability suite: the bundled emit child, prepared output sets, and snapshots of an output
 * folder that tell the visible files (what a user or a web server sees) from emit's own state folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, lstatSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../../../src/world.ts';

/** Bundles support/emit-child.ts into `dir`/emit-child.mjs; returns its path. */
export async function bundleEmitChild(dir: string): Promise<string> {
  const outfile = path.join(dir, 'emit-child.mjs');
  await build({ entryPoints: [path.join(PACKAGE_ROOT, 'tests/reliability/support/emit-child.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  return outfile;
}

/** One output file of a prepared set. */
export interface SetFile {
  path: string;
  bytes: Buffer;
  part?: string;
}

/** Writes a set for the child: setDir/files.json, options.json and the bytes. */
export function writeSet(setDir: string, files: readonly SetFile[], options: { folder: string; parts?: string[] }): string {
  mkdirSync(setDir, { recursive: true });
  files.forEach((f, i) => writeFileSync(path.join(setDir, String(i)), f.bytes));
  writeFileSync(path.join(setDir, 'files.json'), JSON.stringify(files.map((f) => ({ path: f.path, ...(f.part ? { part: f.part } : {}) }))));
  writeFileSync(path.join(setDir, 'options.json'), JSON.stringify(options));
  return setDir;
}

/** Folder contents: visible files (path → sha256) and every entry of emit's state folder (and other dot-entries). */
export interface FolderState {
  visible: Record<string, string>;
  machinery: string[];
}

/** Reads a folder's state (no symlinks are followed). */
export function folderState(root: string): FolderState {
  const visible: Record<string, string> = {};
  const machinery: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (r === '.gongwen' || r.startsWith('.gongwen/') || name.startsWith('.')) {
        if (st.isDirectory()) walk(p, r);
        else machinery.push(r);
      } else if (st.isDirectory()) walk(p, r);
      else visible[r] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(root, '');
  return { visible, machinery };
}

/** The visible files a set makes in its folder (path → sha256). */
export function expectedVisible(files: readonly SetFile[], folder: string, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { ...extra };
  for (const f of files) out[folder ? `${folder}/${f.path}` : f.path] = createHash('sha256').update(f.bytes).digest('hex');
  return out;
}

/** Runs the child to the end (synchronously); returns its exit status, signal and stderr. */
export function runChild(child: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

/**
 * Starts the child and SIGKILLs it `delayMs` after it printed "ready" (unless it ends first; Infinity: never).
 * `afterReadyMs`: how long it ran after "ready".
 */
export function killAfterReady(child: string, args: string[], delayMs: number): Promise<{ status: number | null; signal: NodeJS.Signals | null; killed: boolean; afterReadyMs: number }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let killed = false;
    let ready = 0;
    p.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('ready')) return;
      ready = performance.now();
      if (Number.isFinite(delayMs))
        setTimeout(() => {
          killed = p.kill('SIGKILL');
        }, delayMs);
    });
    p.on('exit', (status, signal) => resolve({ status, signal, killed: killed && signal === 'SIGKILL', afterReadyMs: ready ? performance.now() - ready : 0 }));
  });
}

/** Runs many child processes at once; resolves with their exit statuses and stderr. */
export function runConcurrently(child: string, argsList: string[][]): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }[]> {
  return Promise.all(
    argsList.map(
      (args) =>
        new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
          const p = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          p.on('exit', (status, signal) => resolve({ status, signal, stderr }));
        }),
    ),
  );
}
