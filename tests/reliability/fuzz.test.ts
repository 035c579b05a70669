// Property-based fuzz of the data file (issue #13), with fast-check. Three kinds of input: structured reports with
// hostile strings and shapes (serialised as valid YAML), those texts mutated at random places (syntax errors,
// stray characters, cut-off files), and raw bytes. The property: the compilation either succeeds or stops with a
// data, font or attachment error (exit 4, 6, 8) whose every message is located in the data file — never an
// exception (exit 1), never an error blamed on the templates (exit 5). Every 10th input also runs the real command
// line into an output folder, which must be unchanged whenever the build fails. GONGWEN_FUZZ_RUNS (default 1000) and
// GONGWEN_FUZZ_SEED reproduce a run; fast-check prints the seed and the shrunk input of any failure.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.ts';
import { BuildFailure, Compiler, compileRequest } from '../../src/compile/index.ts';
import { DiagnosticSink } from '../../src/diag/diagnostic.ts';
import { nodeWorld, PACKAGE_ROOT } from '../../src/world.ts';

const RUNS = Number(process.env['GONGWEN_FUZZ_RUNS'] ?? 1000);
const SEED = Number(process.env['GONGWEN_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

const root = mkdtempSync(path.join(tmpdir(), 'gongwen-fuzz-'));
const compiler = new Compiler();
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(() => {
  for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
});

// — generators —
/** Characters people and tools put into data: hanzi, full- and half-width punctuation, YAML syntax, controls, bidi. */
const POOL = [
  ...'柞市镇工作总结计划年月日一二三十百千万的是在了和与及、，。；：？！“”‘’（）《》【】〔〕……——·',
  ...'abcXYZ0123456789 .,:;?!()[]{}<>#&*|>-\'"%@`\\/=+~^$_',
  '\t', '\n', '\r', '\u0000', '\u0007', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200e', '\u202e', '\u2066',
  '\u2028', '\u3000', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udfff', '\u{20000}', '\u{1f600}', '\u{e0001}', '&#x1b;', '{{', '}}', '<p>', '</document>', ']]>',
];
const piece = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...POOL) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) });
const text = (max: number) => fc.array(piece, { maxLength: max }).map((parts) => parts.join(''));
const cleanText = fc.array(fc.constantFrom(...'柞市镇工作总结计划年月日一二三的是在了和与，。、'), { minLength: 1, maxLength: 30 }).map((a) => a.join(''));
/** A generator of reports whose strings come from `t` (clean text for reports that get built, hostile for the rest). */
function reportOf(t: fc.Arbitrary<string>, hostile: boolean) {
  const date = hostile
    ? fc.oneof(
        fc.constantFrom('', '2022-01-05', '2000-02-29', '2021-02-29', '2021-13-01', '0000-00-00', '9999-12-31'),
        fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
        text(12),
      )
    : fc.constantFrom('', '2022-01-05', '2018-11-04', '2000-02-29');
  const id = hostile ? fc.oneof(cleanText.map((s) => s.replace(/[，。、]/g, '_').slice(0, 40) || 'a'), text(90)) : cleanText.map((s) => s.replace(/[，。、]/g, '_').slice(0, 40) || 'a');
  const { node } = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: fc.record({ p: t }) },
      { weight: 3, arbitrary: fc.record({ heading: t, runIn: fc.option(t, { nil: undefined }), body: fc.option(fc.array(tie('node'), { maxLength: 4 }), { nil: undefined }) }, { requiredKeys: ['heading'] }) },
      { weight: hostile ? 1 : 0, arbitrary: fc.constantFrom(null, 3, 'p', [], { p: 1 }, { heading: ['x'] }, { p: '正文', extra: true }) },
    ),
  }));
  const figure = fc.record({
    id: hostile ? fc.oneof(fc.constantFrom('a', 'b_2', 'total'), text(6)) : fc.constantFrom('a', 'b_2', 'total', 'x1'),
    category: t,
    item: t,
    value: hostile ? fc.oneof(fc.double(), fc.integer(), fc.constant('12')) : fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
    unit: t,
  });
  const file = hostile ? fc.oneof(fc.constantFrom('attachments/x.pdf', '../../etc/passwd', '/etc/passwd', 'attachments/', 'C:\\a.pdf', 'attachments/CON.pdf'), text(10)) : fc.constant(undefined);
  const attachment = fc.record({ title: t, table: fc.option(hostile ? fc.constantFrom('figures', 'other') : fc.constant('figures'), { nil: undefined }), file: fc.option(file, { nil: undefined }) }, { requiredKeys: ['title'] });
  return fc.record(
    {
      meta: fc.record({ id, title: t, subtitle: fc.option(fc.array(t, { maxLength: 3 }), { nil: undefined }), organ: fc.option(t, { nil: undefined }), date: fc.option(date, { nil: undefined }) }, { requiredKeys: ['id', 'title'] }),
      body: fc.array(node, { minLength: hostile ? 0 : 1, maxLength: 6 }),
      figures: fc.option(fc.array(figure, { maxLength: 3 }), { nil: undefined }),
      attachments: fc.option(fc.array(attachment, { maxLength: 3 }), { nil: undefined }),
    },
    { requiredKeys: ['meta', 'body'] },
  );
}
/** Clean text with, now and then, one odd character (punctuation to normalise, a symbol, an emoji, a rare hanzi). */
const mostlyClean = fc.tuple(cleanText, fc.option(fc.constantFrom(',', ':', '"', '(', ')', '...', '--', ' ', '\t', '&', '<', '{{x}}', '\\'), { freq: 3, nil: undefined })).map(([s, odd]) => (odd === undefined ? s : s.slice(0, 3) + odd + s.slice(3)));
const cleanReport = reportOf(mostlyClean, false);
const hostileReport = reportOf(fc.oneof({ weight: 4, arbitrary: cleanText }, { weight: 2, arbitrary: text(25) }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u3000') }), true);
const yamlOf = (r: unknown) => stringify(JSON.parse(JSON.stringify(r)), { lineWidth: 0 });
/** A text mutation: insert, delete, duplicate or cut at a random place. */
const mutated = fc.tuple(fc.oneof(cleanReport, hostileReport).map(yamlOf), fc.nat(), fc.nat({ max: 40 }), text(6), fc.constantFrom('insert', 'delete', 'duplicate', 'cut')).map(([t, at, len, s, op]) => {
  const i = t.length === 0 ? 0 : at % t.length;
  if (op === 'insert') return t.slice(0, i) + s + t.slice(i);
  if (op === 'delete') return t.slice(0, i) + t.slice(i + len);
  if (op === 'duplicate') return t.slice(0, i + len) + t.slice(i, i + len) + t.slice(i + len);
  return t.slice(0, i);
});
const input = fc.oneof(
  { weight: 4, arbitrary: cleanReport.map((r) => Buffer.from(yamlOf(r))) },
  { weight: 3, arbitrary: hostileReport.map((r) => Buffer.from(yamlOf(r))) },
  { weight: 3, arbitrary: mutated.map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.concat([Buffer.from('meta:\n  id: a\n  title: '), Buffer.from(b)])) },
);

// — the property —
const stats = { runs: 0, built: 0, failed: 0, cli: 0, codes: new Map<string, number>() };
const ALLOWED_EXITS = new Set([4, 6, 8]);

function snapshot(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(`${path.relative(dir, p)}\0`).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

async function viaCli(): Promise<number> {
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await main(['build', 'data/fuzz.yaml', '--edition', 'zh-Hans', '--out', 'out'], nodeWorld(root, { GONGWEN_NO_SYSTEM_FONTS: '1' }), compiler);
  } finally {
    write.mockRestore();
  }
}

async function property(bytes: Buffer): Promise<void> {
  stats.runs++;
  writeFileSync(path.join(root, 'data/fuzz.yaml'), bytes);
  const diag = new DiagnosticSink();
  const request = compileRequest({ dataFile: 'data/fuzz.yaml', fonts: { fontPaths: [], systemFonts: false }, formats: [] });
  try {
    await compiler.compile(request, nodeWorld(root, {}), diag);
    stats.built++;
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e; // a crash: exit 1
    stats.failed++;
    expect(ALLOWED_EXITS.has(e.exitCode), `exit ${e.exitCode}: ${JSON.stringify(diag.items.slice(0, 3))}`).toBe(true);
    for (const d of diag.items.filter((d) => d.severity === 'error')) {
      stats.codes.set(d.code, (stats.codes.get(d.code) ?? 0) + 1);
      expect(d.span?.file, `${d.code} ${d.message} is not located`).toBe('data/fuzz.yaml');
    }
  }
  if (stats.runs % 10 === 0) {
    stats.cli++;
    const before = snapshot(path.join(root, 'out'));
    const code = await viaCli();
    expect(code, 'the command line gave exit 1 or blamed the templates').not.toBe(1);
    expect(code).not.toBe(5);
    if (code !== 0) expect(snapshot(path.join(root, 'out')), 'a failed build changed out/').toBe(before);
  }
}

describe('fuzz: the data file', () => {
  it(`never crashes, never blames the templates, always locates the problem (${RUNS} runs)`, async () => {
    writeFileSync(path.join(root, 'data/fuzz.yaml'), readFileSync(path.join(PACKAGE_ROOT, 'tests/reliability/fixtures/small.yaml')));
    expect(await viaCli()).toBe(0); // out/ holds a good build the failing runs must not touch
    await fc.assert(fc.asyncProperty(input, property), { numRuns: RUNS, seed: SEED });
    const top = [...stats.codes].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c, n]) => `${c} ${n}`).join(', ');
    console.log(`fuzz: ${stats.runs} runs (seed ${SEED}), 0 crashes: ${stats.built} built, ${stats.failed} refused with located errors (${top}); ${stats.cli} also through the CLI with out/ unchanged on failure`);
    expect(stats.runs).toBe(RUNS);
  }, 600_000);
});
