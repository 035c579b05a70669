// Kill test (issue #13): a publish is SIGKILLed at every step of the publishing window (fault points in src/emit/,
// GONGWEN_FAULT_KILL_AT=N), at random moments after it starts, and again while the next run recovers; after the next
// run the output folder is always exactly the old set or exactly the new set, and nothing is left behind but emit's
// ledger. Scenarios: a first publish, a publish replacing a set (changed, unchanged, added, removed files, a new
// sub-folder), a one-edition build beside the other edition's files, and a second report beside the first.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitOutputs, recoverOutputs } from '../../src/emit.ts';
import { bundleEmitChild, expectedVisible, folderState, killAfterReady, runChild, writeSet, type FolderState, type SetFile } from './support/children.ts';

const root = mkdtempSync(path.join(tmpdir(), 'gongwen-kill-'));
let child = '';
beforeAll(async () => {
  child = await bundleEmitChild(root);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Bytes that differ per `tag`, of a realistic size. */
const bytes = (tag: string, size: number) => Buffer.concat([Buffer.from(`${tag}\n`), randomBytes(size)]);
const F = '柞市镇2021年工作总结';
/** A report's full set: both editions' PDF/DOCX/tables, the bundle files, a debug file in a sub-folder. */
function reportSet(tag: string, name = F): SetFile[] {
  return [
    { path: `${name}（简体）.pdf`, bytes: bytes(`${tag}-pdf-hans`, 150_000), part: 'zh-Hans/pdf' },
    { path: `${name}（繁體）.pdf`, bytes: bytes(`${tag}-pdf-hant`, 150_000), part: 'zh-Hant/pdf' },
    { path: `${name}（简体）.docx`, bytes: bytes(`${tag}-docx-hans`, 30_000), part: 'zh-Hans/docx' },
    { path: `${name}（繁體）.docx`, bytes: bytes(`${tag}-docx-hant`, 30_000), part: 'zh-Hant/docx' },
    { path: `附件 数据一览表（简体）.xlsx`, bytes: bytes(`${tag}-xlsx`, 6_000), part: 'zh-Hans/tables' },
    { path: `附件 数据一览表（简体）.csv`, bytes: Buffer.from('a,b\n1,2\n'), part: 'zh-Hans/tables' },
    { path: 'index.html', bytes: bytes(`${tag}-index`, 5_000), part: 'bundle' },
    { path: 'manifest.json', bytes: bytes(`${tag}-manifest`, 3_000), part: 'bundle' },
    { path: 'SHA256SUMS', bytes: bytes(`${tag}-sums`, 900), part: 'bundle' },
    { path: `${name}-附件下载.zip`, bytes: bytes(`${tag}-zip`, 400_000), part: 'bundle' },
  ];
}

interface Scenario {
  name: string;
  /** Published before (by emit itself), into `before.folder`. */
  before?: { files: SetFile[]; folder: string };
  files: SetFile[];
  folder: string;
  parts?: string[];
}

const old = reportSet('old');
const scenarios: Scenario[] = [
  { name: 'first publish into an empty folder', files: reportSet('new'), folder: F },
  {
    name: 'replace: changed, unchanged, added and removed files, a new sub-folder',
    before: { files: old, folder: F },
    files: [
      ...old.slice(0, 3), // unchanged
      ...reportSet('new').slice(3, 8).filter((f) => f.path !== 'manifest.json'), // changed
      { path: 'manifest.json', bytes: bytes('new-manifest', 3_000), part: 'bundle' },
      { path: `${F}-附件下载（新）.zip`, bytes: bytes('new-zip', 400_000), part: 'bundle' }, // added; old zip and SUMS removed
      { path: 'debug/model.zh-Hans.json', bytes: bytes('new-debug', 20_000), part: 'debug' },
    ],
    folder: F,
  },
  {
    name: 'one edition (zh-Hans) beside the other edition’s files',
    before: { files: old, folder: F },
    files: reportSet('hans').filter((f) => f.part?.startsWith('zh-Hans') || f.part === 'bundle'),
    folder: F,
    parts: ['zh-Hans/pdf', 'zh-Hans/docx', 'zh-Hans/tables', 'tables', 'bundle'],
  },
  { name: 'a second report beside the first', before: { files: old, folder: F }, files: reportSet('b', '第二份报告'), folder: '第二份报告' },
];

const figures = { targeted: 0, random: 0, duringRecovery: 0, mixedBeforeRecovery: 0, mixedAfterRecovery: 0, strayAfterRecovery: 0, old: 0, new: 0 };

/** Prepares the "old" folder of a scenario (published by emit, as a previous build would have). */
function oldFolder(s: Scenario, dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (s.before) emitOutputs(dir, s.before.files, { folder: s.before.folder });
}

const canonical = (o: Record<string, string>) => JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
const same = (a: Record<string, string>, b: Record<string, string>) => canonical(a) === canonical(b);

/** Judges a folder after recovery; returns 'old' | 'new' or throws with what is wrong. */
function judge(state: FolderState, oldVisible: Record<string, string>, newVisible: Record<string, string>): 'old' | 'new' | 'mixed' {
  return same(state.visible, oldVisible) ? 'old' : same(state.visible, newVisible) ? 'new' : 'mixed';
}

describe.each(scenarios)('SIGKILL while publishing: $name', (s) => {
  const base = path.join(root, s.name.replace(/[^a-z]+/gi, '-'));
  const template = path.join(base, 'template');
  let setDir = '';
  let oldVisible: Record<string, string> = {};
  let newVisible: Record<string, string> = {};
  let steps = 0;
  let windowMs = 0;
  let copies = 0;
  const fresh = () => {
    const dir = path.join(base, `run-${copies++}`);
    cpSync(template, dir, { recursive: true });
    return dir;
  };
  /** After a kill: the state right away, then the next run's recovery, then the verdict. */
  const afterKill = (dir: string) => {
    if (judge(folderState(dir), oldVisible, newVisible) === 'mixed') figures.mixedBeforeRecovery++;
    recoverOutputs(dir, { lockWaitMs: 5_000 });
    const state = folderState(dir);
    const verdict = judge(state, oldVisible, newVisible);
    const stray = state.machinery.filter((m) => m !== '.gongwen/ledger.json');
    if (verdict === 'mixed') figures.mixedAfterRecovery++;
    if (stray.length > 0) figures.strayAfterRecovery++;
    expect(verdict, JSON.stringify(state.visible)).not.toBe('mixed');
    expect(stray).toEqual([]);
    if (verdict !== 'mixed') figures[verdict]++;
    rmSync(dir, { recursive: true, force: true });
    return verdict;
  };

  beforeAll(async () => {
    oldFolder(s, template);
    setDir = writeSet(path.join(base, 'set'), s.files, { folder: s.folder, ...(s.parts ? { parts: s.parts } : {}) });
    oldVisible = folderState(template).visible;
    const timing = fresh();
    windowMs = (await killAfterReady(child, ['publish', timing, setDir], Infinity)).afterReadyMs;
    rmSync(timing, { recursive: true, force: true });
    const probe = fresh();
    const trace = runChild(child, ['publish', probe, setDir], { GONGWEN_FAULT_TRACE: '1' });
    expect(trace.status, trace.stderr).toBe(0);
    steps = trace.stderr.split('\n').filter((l) => l.startsWith('fault-point ')).length;
    newVisible = folderState(probe).visible;
    const kept = s.before && s.folder !== s.before.folder ? expectedVisible(s.before.files, s.before.folder) : {};
    if (!s.parts) expect(newVisible).toEqual(expectedVisible(s.files, s.folder, kept));
    rmSync(probe, { recursive: true, force: true });
  }, 60_000);

  it('survives a kill at every step of the publishing window', () => {
    expect(steps).toBeGreaterThan(20);
    const verdicts = { old: 0, new: 0 };
    for (let k = 1; k <= steps; k++) {
      const dir = fresh();
      const r = runChild(child, ['publish', dir, setDir], { GONGWEN_FAULT_KILL_AT: String(k) });
      expect(r.signal, `step ${k}: ${r.stderr}`).toBe('SIGKILL');
      figures.targeted++;
      verdicts[afterKill(dir) as 'old' | 'new']++;
    }
    // Early kills leave the old set, late ones the new: the journal is the dividing line, both sides are seen.
    expect(verdicts.old).toBeGreaterThan(0);
    expect(verdicts.new).toBeGreaterThan(0);
  }, 120_000);

  it('survives kills at random moments after the publish starts', async () => {
    for (let r = 0; r < 14; r++) {
      const dir = fresh();
      const result = await killAfterReady(child, ['publish', dir, setDir], Math.random() * windowMs);
      if (result.killed) figures.random++;
      afterKill(dir);
    }
  }, 120_000);

  it('survives a kill of the next run’s recovery, too', () => {
    for (let r = 0; r < 4; r++) {
      const dir = fresh();
      runChild(child, ['publish', dir, setDir], { GONGWEN_FAULT_KILL_AT: String(Math.ceil(steps * (0.5 + r / 10))) });
      const again = runChild(child, ['recover', dir], { GONGWEN_FAULT_KILL_AT: String(2 + r) });
      if (again.signal === 'SIGKILL') figures.duringRecovery++;
      afterKill(dir);
    }
  }, 60_000);
});

afterAll(() => {
  const kills = figures.targeted + figures.random + figures.duringRecovery;
  console.log(
    `kill test: ${kills} SIGKILLs (${figures.targeted} at every step, ${figures.random} at random moments, ${figures.duringRecovery} during recovery); ` +
      `after the next run: ${figures.old} old sets, ${figures.new} new sets, ${figures.mixedAfterRecovery} mixed, ${figures.strayAfterRecovery} with stray files ` +
      `(visible right after the kill, before the next run: ${figures.mixedBeforeRecovery} mixed)`,
  );
  expect(kills).toBeGreaterThanOrEqual(200);
});
