// Architecture (issue #10): one module knows the order of the stages, the module graph has no cycle, and no export is
// dead. Read from the source files themselves, so a change that breaks a rule fails here with the offending place.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';

const SRC = path.join(PACKAGE_ROOT, 'src');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const f = path.join(dir, n);
    return statSync(f).isDirectory() ? filesUnder(f) : /\.(ts|js|cjs|mjs)$/.test(n) ? [f] : [];
  });
const sources = filesUnder(SRC);
const tests = filesUnder(path.join(PACKAGE_ROOT, 'tests'));
const text = new Map([...sources, ...tests].map((f) => [f, readFileSync(f, 'utf8')]));
const rel = (f: string) => path.relative(PACKAGE_ROOT, f).split(path.sep).join('/');
/** Source without block and line comments (rough: enough for call sites). */
const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** Relative module specifiers a file imports (static, type-only excluded, and dynamic). */
function importsOf(file: string): string[] {
  const src = text.get(file) ?? '';
  const specs = [
    ...[...src.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1] ?? ''),
    ...[...src.matchAll(/^export\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1] ?? ''),
    ...[...src.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => m[1] ?? ''),
  ];
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

describe('module graph', () => {
  it('has no import cycle', () => {
    const graph = new Map(sources.map((f) => [f, importsOf(f).filter((g) => text.has(g))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, stack: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(f)), f].map(rel).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of graph.get(f) ?? []) visit(g, [...stack, f]);
      state.set(f, 'done');
    };
    for (const f of sources) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('has no dead export (every export is used somewhere, in its module or another)', () => {
    const dead: string[] = [];
    for (const f of sources.filter((s) => s.endsWith('.ts'))) {
      const src = text.get(f) ?? '';
      for (const m of src.matchAll(/^export\s+(?:async\s+)?(?:function|const|class|interface|type|let|enum)\s+([A-Za-z0-9_$]+)/gm)) {
        const name = m[1] ?? '';
        const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, 'g');
        const usedHere = (src.match(word) ?? []).length > 1;
        const usedElsewhere = [...text].some(([g, t]) => g !== f && new RegExp(word.source).test(t));
        if (!usedHere && !usedElsewhere) dead.push(`${rel(f)}: ${name}`);
      }
    }
    expect(dead).toEqual([]);
  });
});

describe('one pipeline', () => {
  // The stage entry points: only src/compile/index.ts calls them in order (tests may call one stage on its own).
  const STAGES = ['loadReportText', 'normalizeReport', 'lintReport', 'editionReport', 'resolveFonts', 'renderModel', 'composeDocument', 'checkCoverage', 'layoutDocument', 'writePdf', 'writeDocx', 'packBundle', 'attachmentTables', 'collectContent'];

  it('calls the stages from src/compile/index.ts only', () => {
    const calls: string[] = [];
    for (const f of sources) {
      if (rel(f) === 'src/compile/index.ts') continue;
      const src = withoutComments(text.get(f) ?? '');
      for (const stage of STAGES) {
        const defined = new RegExp(`export (async )?function ${stage}\\b`).test(src);
        if (!defined && new RegExp(`\\b${stage}\\(`).test(src)) calls.push(`${rel(f)} calls ${stage}`);
      }
    }
    expect(calls).toEqual([]);
  });

  it('is what build, check, bench and the test helpers run', () => {
    const users = ['src/cli.ts', 'src/bench/once.ts', 'tests/support/build-pdf.ts', 'tests/support/default-build.ts'];
    for (const u of users) expect(text.get(path.join(PACKAGE_ROOT, u)), u).toMatch(/\.compile\(|compileModel\(/);
  });
});
