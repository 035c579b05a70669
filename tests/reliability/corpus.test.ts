// The corpus (tests/reliability/corpus.ts): every malformed, hostile or careless input gives its documented exit
// code — never 1 — with the message at the right file:line:col, and a failed build leaves the previous out/ exactly
// as it was. Runs the real command line in-process (src/cli.ts main) with one compiler, in a project folder of its own.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.ts';
import { Compiler } from '../../src/compile/index.ts';
import { nodeWorld, PACKAGE_ROOT } from '../../src/world.ts';
import { CORPUS, GOOD, type CorpusCase } from './corpus.ts';

const root = mkdtempSync(path.join(tmpdir(), 'gongwen-corpus-'));
const outside = mkdtempSync(path.join(tmpdir(), 'gongwen-corpus-outside-'));
const compiler = new Compiler();
afterAll(() => [root, outside].forEach((d) => rmSync(d, { recursive: true, force: true })));

/** sha256 of every entry under a folder (symlinks by target), by relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = st.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : `link ${st.isSymbolicLink()}`;
    }
  };
  walk(dir);
  return out;
}

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(argv, nodeWorld(root, { GONGWEN_NO_SYSTEM_FONTS: '1', ...env }), compiler);
    return { code, stderr };
  } catch (e) {
    return { code: 1, stderr: `${stderr}\n${(e as Error).stack ?? String(e)}` };
  } finally {
    write.mockRestore();
    stdout.mockRestore();
  }
}

let before: Record<string, string> = {};
beforeAll(async () => {
  for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
  mkdirSync(path.join(root, 'data/attachments/子文件夹'), { recursive: true });
  writeFileSync(path.join(root, 'data/attachments/空.pdf'), '');
  writeFileSync(path.join(outside, 'secret.pdf'), 'outside the project');
  symlinkSync(path.join(outside, 'secret.pdf'), path.join(root, 'data/attachments/外链.pdf'));
  writeFileSync(path.join(root, 'a-file'), 'a file, not a folder');
  mkdirSync(path.join(root, 'out-taken/语料报告/语料报告（简体）.pdf'), { recursive: true });
  mkdirSync(path.join(root, 'out-link'));
  symlinkSync(outside, path.join(root, 'out-link/语料报告'));
  mkdirSync(path.join(root, 'out-state'));
  writeFileSync(path.join(root, 'out-state/.gongwen'), 'a file where emit keeps its state');
  const text = '某镇工作报告\n一、主要工作\n今年以来，各项工作有序推进。\n';
  writeFileSync(path.join(root, 'gbk.txt'), iconv.encode(text, 'gbk'));
  writeFileSync(path.join(root, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  writeFileSync(path.join(root, 'binary.txt'), Buffer.from(Array.from({ length: 64 }, (_, i) => (i % 2 ? 0x80 : 0xff))));
  // A previous good build in out/: every failing case must leave it exactly as it is.
  writeFileSync(path.join(root, 'data/case.yaml'), GOOD);
  const first = await run(['build', 'data/case.yaml', '--edition', 'zh-Hans', '--format', 'pdf']);
  expect(first.code, first.stderr).toBe(0);
  before = snapshot(path.join(root, 'out'));
}, 120_000);

const tally = { cases: 0, located: 0, byExit: {} as Record<number, number> };

describe('the corpus of malformed and hostile inputs', () => {
  it.each(CORPUS.map((c) => [c.name, c] as [string, CorpusCase]))('%s', async (_name, c) => {
    if (c.data !== undefined) writeFileSync(path.join(root, 'data/case.yaml'), c.data);
    c.setup?.(root);
    const argv = c.argv ?? ['build', 'data/case.yaml', '--edition', 'zh-Hans', '--format', 'pdf', ...(c.exit === 0 ? ['--out', 'out-ok'] : [])];
    const r = await run(argv, c.env);
    expect(r.code, r.stderr).not.toBe(1);
    expect(r.code, r.stderr).toBe(c.exit);
    expect(r.stderr).not.toMatch(/\u001b/); // no raw ESC reaches the terminal
    if (c.code) expect(r.stderr, r.stderr).toContain(c.at ? `data/case.yaml:${c.at}: 错误[${c.code}` : c.code);
    if (c.says) expect(r.stderr + '', r.stderr).toContain(c.says);
    if (c.exit !== 0) expect(snapshot(path.join(root, 'out'))).toEqual(before);
    if (c.exit !== 0 && /\.yaml:\d+:\d+: 错误/.test(r.stderr)) tally.located++;
    tally.cases++;
    tally.byExit[r.code] = (tally.byExit[r.code] ?? 0) + 1;
  }, 120_000);
});

afterAll(() => {
  const codes = Object.entries(tally.byExit).map(([code, n]) => `exit ${code}: ${n}`).join(', ');
  console.log(`corpus: ${tally.cases} cases, 0 with exit 1 (${codes}); ${tally.located} failures located at file:line:col; out/ unchanged after every failure`);
  void statSync;
});
