// What the compiled bundle changes (src/bin/compile.js): xmldom's HTML entity table is built on first use and is the
// same table; yazl's CRC-32 (src/archive/native-crc32.cjs) is buffer-crc32's, bit for bit; every import() of a
// package goes through src/bin/code-cache.cjs, so the attachments loaded on first use still load when the bundle
// comes from the V8 code cache (the second run of the compiled command).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';
import { snapshot } from './support/project.ts';

const require = createRequire(import.meta.url);
const { lazyHtmlEntities, rewriteDynamicImports } = (await import('../src/bin/compile.js' as string)) as {
  lazyHtmlEntities(source: string): string | undefined;
  rewriteDynamicImports(code: string): string;
};

/** buffer-crc32 0.2's API (the package ships no types). */
interface Crc32 {
  (data: Buffer | string, previous?: number | Buffer): Buffer;
  signed(data: Buffer | string, previous?: number | Buffer): number;
  unsigned(data: Buffer | string, previous?: number | Buffer): number;
}

type Entities = { XML_ENTITIES: Record<string, string>; HTML_ENTITIES: Record<string, string>; entityMap: Record<string, string> };

it('xmldom: the HTML entity table is built on first use, and is the table xmldom builds', () => {
  const file = require.resolve('@xmldom/xmldom/lib/entities.js');
  const original = require(file) as Entities;
  const lazy = lazyHtmlEntities(readFileSync(file, 'utf8'));
  if (lazy === undefined) throw new Error('entities.js does not have the expected shape');
  const realFreeze = (require(path.join(path.dirname(file), 'conventions.js')) as { freeze<T>(o: T): T }).freeze;
  let freezes = 0;
  const module = { exports: {} as Entities };
  const load = new Function('exports', 'require', 'module', lazy) as (e: object, r: (id: string) => unknown, m: object) => void;
  load(module.exports, (id) => (id === './conventions' ? { freeze: <T>(o: T) => (freezes++, realFreeze(o)) } : require(id)), module);
  expect(freezes).toBe(1); // XML_ENTITIES only
  expect(module.exports.XML_ENTITIES).toEqual(original.XML_ENTITIES);
  expect(Object.keys(module.exports)).toEqual(Object.keys(original));
  expect(freezes).toBe(1); // listing the exports builds nothing
  expect(module.exports.HTML_ENTITIES).toEqual(original.HTML_ENTITIES);
  expect(Object.keys(module.exports.HTML_ENTITIES).length).toBeGreaterThan(2000);
  expect(Object.isFrozen(module.exports.HTML_ENTITIES)).toBe(true);
  expect(module.exports.entityMap).toBe(module.exports.HTML_ENTITIES);
  expect(freezes).toBe(2);
});

it('an entities.js of another shape is left as it is', () => {
  expect(lazyHtmlEntities("exports.XML_ENTITIES = freeze({ amp: '&' });")).toBeUndefined();
});

it('native-crc32 computes buffer-crc32 exactly: unsigned, signed, as a Buffer, with a running CRC as number or Buffer', () => {
  const native = require('../src/archive/native-crc32.cjs') as Crc32;
  const table = createRequire(require.resolve('yazl'))('buffer-crc32') as Crc32; // the one yazl loads
  for (let i = 0; i < 300; i++) {
    const bytes = randomBytes(i * 53);
    const previous = i % 3 === 0 ? undefined : (i * 2654435761) >>> 0;
    expect(native.unsigned(bytes, previous)).toBe(table.unsigned(bytes, previous));
    expect(native.signed(bytes, previous)).toBe(table.signed(bytes, previous));
    expect(native(bytes, previous).equals(table(bytes, previous))).toBe(true);
    const running = table(bytes.subarray(0, 5));
    expect(native.unsigned(bytes, running)).toBe(table.unsigned(bytes, running));
  }
  expect(native.unsigned('柞市镇')).toBe(table.unsigned('柞市镇'));
});

it('rewrites import() of a package to the code cache\'s import, and nothing else', () => {
  const code = [
    'const a = await import("pdf-lib");',
    "const [b, c] = await Promise.all([import('exceljs'), import(\"numfmt\")]);",
    'const d = (specifier) => import(specifier);',
    '// an inline `import()` in a comment',
    'x.import("y"); my_import("z");',
  ].join('\n');
  expect(rewriteDynamicImports(code)).toBe(
    [
      'const a = await __gongwenImport("pdf-lib");',
      "const [b, c] = await Promise.all([__gongwenImport('exceljs'), __gongwenImport(\"numfmt\")]);",
      'const d = (specifier) => import(specifier);',
      '// an inline `import()` in a comment',
      'x.import("y"); my_import("z");',
    ].join('\n'),
  );
});

it('the compiled command reads xlsx, PDF and SVG attachments on every run, the code-cached ones too', () => {
  const bin = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');
  const out = mkdtempSync(path.join(tmpdir(), 'gongwen-dynamic-import-'));
  try {
    const runs = [1, 2].map(() => {
      const r = spawnSync(process.execPath, [bin, 'build', 'data/examples/表格与图片示例.yaml', '--no-system-fonts', '--out', out], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
      expect(r.stderr + r.stdout, "the command's output").not.toContain('A dynamic import callback');
      expect(r.status).toBe(0);
      // The documents and attachment files (the change record and summary differ: the second run compares with the first).
      return Object.fromEntries(Object.entries(snapshot(out)).filter(([f]) => !/(^|\/)(\.gongwen|changes\.json)/.test(f)));
    });
    const files = Object.keys(runs[0] ?? {});
    expect(files.some((f) => f.endsWith('（简体）.pdf'))).toBe(true);
    expect(files.some((f) => f.endsWith('.xlsx'))).toBe(true);
    expect(runs[1]).toEqual(runs[0]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const bundle = readFileSync(path.join(PACKAGE_ROOT, '.build/gongwen.cjs'), 'utf8');
  expect(bundle).not.toMatch(/(?<![\w$.])import\((["'])[^"'\n]+\1\)/);
}, 120_000);
