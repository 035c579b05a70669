// Determinism across time zones and locales (issue #13): the same report and clock give byte-identical outputs in
// every TZ — including clocks that fall into a daylight-saving gap or overlap when read as local time (America/
// New_York 2021-03-14 02:30 does not exist; America/Sao_Paulo had no midnight on 2018-11-04; Lord Howe shifts by 30
// minutes) — and under every LANG. TZ varies in-process (Node applies process.env.TZ at once); LANG needs new
// processes, so three real `gongwen build` runs compare their files as well.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Compiler, compileRequest } from '../../src/compile/index.ts';
import { PACKAGE_ROOT, buildClock, nodeWorld, overlayWorld } from '../../src/world.ts';

const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Dublin', 'America/St_Johns'];
/** Build clocks at daylight-saving edges, as [SOURCE_DATE_EPOCH, 成文日期] (the epoch wins when set). */
const CLOCKS: [string | undefined, string][] = [
  [undefined, '2018-11-04'], // Sao Paulo: midnight skipped
  [String(Date.UTC(2021, 2, 14, 2, 30) / 1000), '2022-04-06'], // New York: 02:30 skipped
  [String(Date.UTC(2021, 10, 7, 1, 30) / 1000), '2022-04-06'], // New York: 01:30 happens twice
  [String(Date.UTC(2021, 9, 3, 2, 15) / 1000), '2022-04-06'], // Lord Howe: 02:00–02:30 skipped
];

const small = readFileSync(path.join(PACKAGE_ROOT, 'tests/reliability/fixtures/small.yaml'), 'utf8');
const compiler = new Compiler();
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

async function hashes(date: string, epoch: string | undefined, lineBreaks: (s: string) => string = (s) => s): Promise<Record<string, string>> {
  const env = epoch === undefined ? {} : { SOURCE_DATE_EPOCH: epoch };
  const world = overlayWorld(nodeWorld(PACKAGE_ROOT, env), { 'data/small.yaml': lineBreaks(small.replace('date: "2022-04-06"', `date: "${date}"`)) });
  const request = compileRequest({ dataFile: 'data/small.yaml', editions: ['zh-Hans'], fonts: { fontPaths: [], systemFonts: false } });
  const result = await compiler.compile(request, world);
  return Object.fromEntries(result.outputs.map((o) => [o.path, createHash('sha256').update(o.bytes).digest('hex')]));
}

describe('byte-identical in every time zone, at daylight-saving edges', () => {
  it('gives the same bytes for each clock in 10 zones', async () => {
    const tz = process.env['TZ'];
    let compared = 0;
    let shiftedLocally = 0;
    try {
      for (const [epoch, date] of CLOCKS) {
        process.env['TZ'] = 'UTC';
        const reference = await hashes(date, epoch);
        for (const zone of ZONES) {
          process.env['TZ'] = zone;
          // The clock read as local wall-clock fields (what gongwen did before): does this zone move it?
          const c = buildClock(epoch === undefined ? {} : { SOURCE_DATE_EPOCH: epoch }, date);
          const asLocal = new Date(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate(), c.getUTCHours(), c.getUTCMinutes(), c.getUTCSeconds());
          if (asLocal.getHours() !== c.getUTCHours() || asLocal.getMinutes() !== c.getUTCMinutes() || asLocal.getDate() !== c.getUTCDate()) shiftedLocally++;
          expect(await hashes(date, epoch), `${zone} ${epoch ?? date}`).toEqual(reference);
          compared++;
        }
      }
    } finally {
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    }
    // The edges are real: a local-time clock would have moved in some of these zones.
    expect(shiftedLocally).toBeGreaterThan(0);
    console.log(`determinism: ${compared} builds (${CLOCKS.length} clocks at DST edges × ${ZONES.length} zones) byte-identical; a local-time clock would have moved in ${shiftedLocally} of them`);
  }, 180_000);
});

describe('byte-identical whatever the line breaks', () => {
  it('builds the same bytes from LF, CRLF with a BOM, and CR-only (old Mac) data files', async () => {
    const lf = await hashes('2022-04-06', undefined);
    expect(await hashes('2022-04-06', undefined, (s) => `\uFEFF${s.replace(/\n/g, '\r\n')}`)).toEqual(lf);
    expect(await hashes('2022-04-06', undefined, (s) => s.replace(/\n/g, '\r'))).toEqual(lf);
  }, 60_000);
});

describe('byte-identical under every LANG (real builds)', () => {
  it('writes the same files with LANG=C, zh_CN.GB18030 and en_US.UTF-8 (and TZ with them)', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'gongwen-lang-'));
    temps.push(project);
    for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(project, dir), { recursive: true });
    cpSync(path.join(PACKAGE_ROOT, 'tests/reliability/fixtures/small.yaml'), path.join(project, 'data/small.yaml'));
    const snapshots = [
      ['C', 'UTC'],
      ['zh_CN.GB18030', 'Asia/Shanghai'],
      ['en_US.UTF-8', 'America/Sao_Paulo'],
    ].map(([LANG, TZ]) => {
      const out = `out-${LANG}`;
      const r = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'src/bin/gongwen.js'), 'build', 'data/small.yaml', '--out', out], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, LANG, LC_ALL: LANG, TZ, GONGWEN_NO_SYSTEM_FONTS: '1' },
      });
      expect(r.status, r.stderr).toBe(0);
      const dir = path.join(project, out, '小型测试报告');
      return Object.fromEntries(readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isFile()).map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]));
    });
    // 12 outputs, the change summary (changes.json) and its record (.gongwen-record.json).
    expect(Object.keys(snapshots[0] ?? {}).length).toBe(14);
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);
    console.log(`determinism: 3 real builds under LANG=C/zh_CN.GB18030/en_US.UTF-8: ${Object.keys(snapshots[0] ?? {}).length} files byte-identical`);
  }, 120_000);
});
