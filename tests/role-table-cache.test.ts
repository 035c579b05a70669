// Validated role tables remembered across runs (src/fonts/role-table.ts): the cached table is the parsed one, a
// cached entry is what a later run reads, and a table with problems is reported on every run and never cached.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { parseRoleTable } from '../src/fonts/role-table.ts';
import { EDITIONS, FONT_ROLES } from '../src/model/types.ts';
import { PACKAGE_ROOT } from '../src/world.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-role-tables-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const own = path.join(PACKAGE_ROOT, 'fonts/fonts.yaml');
const text = readFileSync(own, 'utf8');

/** What a table says, as plain data. */
const describe = (t: NonNullable<ReturnType<typeof parseRoleTable>>) =>
  FONT_ROLES.map((r) => ({ r, w: t.roles[r].weight, d: t.roles[r].defaults, e: EDITIONS.map((e) => [t.roles[r].official(e), t.roles[r].candidates(e)]) }));

it('caches a valid table once and reads the same table back', () => {
  const diag = new DiagnosticSink();
  const first = parseRoleTable(text, own, 'fonts/fonts.yaml', diag, dir);
  expect(diag.items).toEqual([]);
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  const second = parseRoleTable(text, own, 'fonts/fonts.yaml', diag, dir);
  if (!first || !second) throw new Error('the table does not parse');
  expect(describe(second)).toEqual(describe(first));
  // The second run read the cache: an entry changed there is what it gets.
  const file = path.join(dir, files[0] ?? '');
  const cached = JSON.parse(readFileSync(file, 'utf8')) as { roles: { body: { weight: number } } };
  cached.roles.body.weight = 777;
  writeFileSync(file, JSON.stringify(cached));
  expect(parseRoleTable(text, own, 'fonts/fonts.yaml', diag, dir)?.roles.body.weight).toBe(777);
  writeFileSync(file, '{ broken');
  expect(parseRoleTable(text, own, 'fonts/fonts.yaml', diag, dir)?.roles.body.weight).toBe(first.roles.body.weight);
});

it('reports a broken table on every run and caches nothing for it', () => {
  const broken = text.replace('weight: 400', 'weight: heavy');
  expect(broken).not.toBe(text);
  const before = readdirSync(dir).length;
  for (let run = 0; run < 2; run++) {
    const diag = new DiagnosticSink();
    expect(parseRoleTable(broken, own, 'fonts/fonts.yaml', diag, dir)).toBeUndefined();
    expect(diag.items.map((d) => d.code)).toContain('fonts/role-table-invalid');
    expect(diag.items[0]?.span?.file).toBe('fonts/fonts.yaml');
  }
  expect(readdirSync(dir).length).toBe(before);
});
