// Determinism guards: the clock enters only through src/world.ts (SOURCE_DATE_EPOCH, else the 成文日期, else a fixed
// date), and the build clock never becomes the document's date.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, buildClock, clockAsUtc } from '../src/world.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('one clock', () => {
  it('reads the time only in src/world.ts', () => {
    const offenders = sources(path.join(PACKAGE_ROOT, 'src'))
      .filter((f) => !f.endsWith(`${path.sep}world.ts`))
      .filter((f) => /new Date\(\s*\)|Date\.now\(\)/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
      .map((f) => path.relative(PACKAGE_ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('takes SOURCE_DATE_EPOCH first, then the report date, then 2000-01-01, as a UTC instant', () => {
    const epoch = buildClock({ SOURCE_DATE_EPOCH: '1641340800' }, '2021-12-31'); // 2022-01-05T00:00:00Z
    expect(epoch.toISOString()).toBe('2022-01-05T00:00:00.000Z');
    expect(buildClock({}, '2021-12-31').toISOString()).toBe('2021-12-31T00:00:00.000Z');
    expect(clockAsUtc(buildClock({}, '')).toISOString()).toBe('2000-01-01T00:00:00.000Z');
    // An unusable epoch (the command line refuses it first) falls back rather than making an invalid date.
    expect(buildClock({ SOURCE_DATE_EPOCH: '1e99' }, '2021-12-31').toISOString()).toBe('2021-12-31T00:00:00.000Z');
    expect(buildClock({ SOURCE_DATE_EPOCH: '999999999999999' }, '').toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });
});
