/**
 * Test support: a long-running gongwen command (watch, preview) as a child process, as a user starts it. Its stdout
 * (`--json`: one line per build) and stderr are collected; `nextLine` waits for the next JSON line, `quiet` asserts
 * that none comes for a while; `interrupt` sends Ctrl-C (SIGINT) and resolves with the exit code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/world.ts';

const CLI = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');

export class CliProcess {
  readonly child: ChildProcess;
  stderr = '';
  private lines: string[] = [];
  private read = 0;
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(cwd: string, args: string[]) {
    this.child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      this.lines.push(...parts.filter(Boolean));
      this.wake();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.wake();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `test` holds (checked on every output), or rejects after `ms`. */
  async until(test: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- stderr ---\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** The next JSON line on stdout. */
  async nextLine<T = Record<string, unknown>>(ms = 40_000): Promise<T> {
    await this.until(() => this.lines.length > this.read, ms, 'a line on stdout');
    return JSON.parse(this.lines[this.read++]!) as T;
  }

  /** Waits `ms` and returns the lines that came meanwhile (none, when one save was one build). */
  async quiet(ms: number): Promise<string[]> {
    await new Promise((r) => setTimeout(r, ms));
    const extra = this.lines.slice(this.read);
    this.read = this.lines.length;
    return extra;
  }

  /** Ctrl-C; resolves with the exit code. */
  async interrupt(): Promise<number | null> {
    this.child.kill('SIGINT');
    return this.exited;
  }
}
