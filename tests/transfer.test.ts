// A loaded report crossing to the edition worker (src/load/transfer.ts): after a structured clone, as a worker
// receives it, every span and character position is the parsed document's, the data is the same and frozen, and a
// compilation from it gives the same bytes as one that loads the file itself.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Compiler, compileRequest, type Compilation } from '../src/compile/index.ts';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { loadReportText } from '../src/load/index.ts';
import { receiveReport } from '../src/load/transfer.ts';
import type { DataPath } from '../src/load/types.ts';
import { normalizeReport } from '../src/normalize/index.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';

const FILES = ['data/report.yaml', ...readdirSync(path.join(PACKAGE_ROOT, 'data/examples')).map((f) => `data/examples/${f}`)];

describe.each(FILES)('%s', (file) => {
  const text = readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
  const loaded = loadReportText(text, file, new DiagnosticSink());
  if (!loaded) throw new Error(`${file} does not load`);
  const received = receiveReport(structuredClone(loaded.transfer()));

  it('answers spanOf for every node, and for missing keys and indexes below them, as the document does', () => {
    // The table's paths, and every path of the data itself (a node the table missed would show here).
    const dataPaths: DataPath[] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      dataPaths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(loaded.report, []);
    const paths = [...loaded.transfer().nodes.map(([key]) => JSON.parse(key) as DataPath), ...dataPaths];
    expect(paths.length).toBeGreaterThan(30);
    for (const p of paths) {
      for (const q of [p, [...p, 'missing'], [...p, 999], [...p, 0, 'x']]) expect(received.spanOf(q), JSON.stringify(q)).toEqual(loaded.spanOf(q));
    }
    expect(received.spanOf(['meta', 'nope', 3])).toEqual(loaded.spanOf(['meta', 'nope', 3]));
  });

  it('answers spanOfChar for every string value, at its first, middle and last character', () => {
    let strings = 0;
    for (const [key, [, , value]] of loaded.transfer().nodes) {
      if (value === null) continue;
      strings++;
      const p = JSON.parse(key) as DataPath;
      for (const i of [0, value.length >> 1, Math.max(0, value.length - 1)]) expect(received.spanOfChar(p, i), `${key} ${i}`).toEqual(loaded.spanOfChar(p, i));
    }
    expect(strings).toBeGreaterThan(10);
  });

  it('carries the same data, frozen', () => {
    expect(received.report).toEqual(loaded.report);
    expect(Object.isFrozen(received.report.meta)).toBe(true);
    expect(received.source).toBe(loaded.source);
  });
});

it('a compilation from the transferred report writes the same bytes as one that loads the data', async () => {
  const request = compileRequest({ dataFile: 'data/report.yaml', editions: ['zh-Hant'], fonts: { fontPaths: [], systemFonts: false } });
  const text = readFileSync(path.join(PACKAGE_ROOT, 'data/report.yaml'), 'utf8');
  const loaded = loadReportText(text, 'data/report.yaml', new DiagnosticSink());
  if (!loaded) throw new Error('the report does not load');
  const { report } = normalizeReport(loaded, new DiagnosticSink(), 'warning');
  const preloaded = structuredClone({ loaded: loaded.transfer(), report });
  const compiler = new Compiler();
  const bytes = (c: Compilation) => new Map(c.outputs.map((o) => [o.path, o.bytes]));
  const own = bytes(await compiler.compile(request, nodeWorld(PACKAGE_ROOT, {})));
  const fromTransfer = bytes(await compiler.compile({ ...request, preloaded, skipLint: true }, nodeWorld(PACKAGE_ROOT, {})));
  expect([...fromTransfer.keys()]).toEqual([...own.keys()]);
  for (const [p, b] of own) expect(Buffer.compare(fromTransfer.get(p) ?? Buffer.alloc(0), b), p).toBe(0);
}, 120_000);
