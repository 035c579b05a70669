// The compiler that lives across builds (issue #10): a second compilation in one process reads and parses no font
// again and gives the same bytes; an edit changes only what it touches; `check` checks the variant it is given; the
// World records every file, folder and probe a compilation read.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildFailure, Compiler, compileRequest, type Compilation } from '../src/compile/index.ts';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import type { FontLibraryStats } from '../src/fonts/index.ts';
import { PACKAGE_ROOT, nodeWorld, overlayWorld } from '../src/world.ts';

const REQUEST = compileRequest({ dataFile: 'data/report.yaml', fonts: { fontPaths: [], systemFonts: false } });
const bytesByPath = (c: Compilation) => new Map(c.outputs.map((o) => [o.path, o.bytes]));

describe('a second compilation in the same process', () => {
  const compiler = new Compiler();
  let first: Compilation;
  let afterFirst: FontLibraryStats;
  let second: Compilation;
  let secondWorld: ReturnType<typeof nodeWorld>;

  beforeAll(async () => {
    first = await compiler.compile(REQUEST, nodeWorld(PACKAGE_ROOT, {}));
    afterFirst = { ...compiler.fonts.stats };
    secondWorld = nodeWorld(PACKAGE_ROOT, {});
    second = await compiler.compile(REQUEST, secondWorld);
  }, 120_000);

  it('reads, parses and hashes no font file again', () => {
    expect(afterFirst.fileReads).toBeGreaterThan(0);
    expect(afterFirst.parses).toBeGreaterThan(0);
    expect(compiler.fonts.stats).toEqual(afterFirst);
  });

  it('still records the fonts, templates and data it depends on in the new World', () => {
    const files = [...secondWorld.deps.files].map((f) => path.relative(PACKAGE_ROOT, f));
    expect(files).toContain('data/report.yaml');
    expect(files).toContain('data/terms.yaml');
    expect(files).toContain('templates/report.hbs');
    expect(files).toContain('templates/partials/node.hbs');
    expect(files).toContain('fonts/fonts.yaml');
    expect(files.some((f) => f.endsWith('NotoSerifSC_400Regular.ttf'))).toBe(true);
    const dirs = [...secondWorld.deps.dirs].map((f) => path.relative(PACKAGE_ROOT, f));
    expect(dirs).toContain('templates/partials');
    expect(dirs).toContain('fonts');
  });

  it('gives byte-identical outputs', () => {
    const a = bytesByPath(first);
    const b = bytesByPath(second);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [p, bytes] of a) expect(b.get(p)?.equals(bytes), p).toBe(true);
  });

  it('after a one-paragraph edit, changes the documents and the bundle but not the attachment tables', async () => {
    const base = nodeWorld(PACKAGE_ROOT, {});
    const data = base.readText('data/report.yaml').replace('全面完成', '全面地完成');
    expect(data).not.toBe(base.readText('data/report.yaml'));
    const edited = await compiler.compile(REQUEST, overlayWorld(base, { 'data/report.yaml': data }));
    expect(compiler.fonts.stats).toEqual(afterFirst);
    const before = bytesByPath(first);
    const changed = edited.outputs.filter((o) => !before.get(o.path)?.equals(o.bytes)).map((o) => o.path);
    for (const suffix of ['（简体）.pdf', '（繁體）.pdf', '（简体）.docx', '（繁體）.docx', '-附件下载.zip', 'manifest.json']) {
      expect(changed.some((p) => p.endsWith(suffix)), suffix).toBe(true);
    }
    expect(changed.filter((p) => p.endsWith('.xlsx') || p.endsWith('.csv'))).toEqual([]);
  }, 60_000);
});

describe('gongwen check --variant', () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

  /** A project whose Hong Kong form of one word holds a character no font has (U+E000, private use). */
  function project(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-variant-'));
    temps.push(root);
    for (const dir of ['data', 'templates']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
    const terms = readFileSync(path.join(root, 'data/terms.yaml'), 'utf8');
    const entry = "  - zh-Hans: 出台\n    zh-Hant: 出臺\n    zh-Hant-hk: 出\uE000\n    why: 测试用：只有香港用字含一个没有字体的字符。\n";
    writeFileSync(path.join(root, 'data/terms.yaml'), terms.replace(/^terms:\n/m, `terms:\n${entry}`));
    return root;
  }

  const check = async (root: string, variant: 'tw' | 'hk') => {
    const diag = new DiagnosticSink();
    const request = compileRequest({ dataFile: 'data/report.yaml', variant, mode: 'check', fonts: { fontPaths: [], systemFonts: false } });
    const outcome = await new Compiler().compile(request, nodeWorld(root, {}), diag).then(
      () => 0,
      (e: unknown) => (e instanceof BuildFailure ? e.exitCode : -1),
    );
    return { outcome, missing: diag.items.filter((d) => d.code === 'fonts/missing-glyph').map((d) => d.message) };
  };

  it('checks the Hong Kong text with --variant hk and the Taiwan text by default', async () => {
    const root = project();
    expect(readFileSync(path.join(root, 'data/report.yaml'), 'utf8')).toContain('出台');
    const tw = await check(root, 'tw');
    expect(tw).toEqual({ outcome: 0, missing: [] });
    const hk = await check(root, 'hk');
    expect(hk.outcome).toBe(6);
    expect(hk.missing.join('\n')).toContain('U+E000');
  }, 60_000);
});

describe('a one-shot build with the second edition in a worker thread', () => {
  it('writes the same bytes as the same build compiled edition after edition in one thread', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'gongwen-parallel-'));
    try {
      const r = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'src/bin/gongwen.js'), 'build', '--no-system-fonts', '--out', out, '--timings'], {
        cwd: PACKAGE_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('other edition'); // the compiled command did use the worker
      const serial = await new Compiler().compile(REQUEST, nodeWorld(PACKAGE_ROOT, {}));
      for (const o of serial.outputs) expect(readFileSync(path.join(out, serial.folder, o.path)).equals(o.bytes), o.path).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
