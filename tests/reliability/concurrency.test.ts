// Concurrency (issue #13): 8 builds publishing into one output folder at the same moment. Emit's lock serialises
// them (the others wait), so every build succeeds and the folder ends as exactly one build's complete set — never a
// mix, never a crash, nothing left behind. First with the emit child (many rounds, distinct sets), then with 8 real
// `gongwen build` processes of a small report, each with its own clock, checked through the manifest's hashes.
import { spawn } from 'node:child_process';
import { cpSync, createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/world.ts';
import { bundleEmitChild, expectedVisible, folderState, runConcurrently, writeSet, type SetFile } from './support/children.ts';

const root = mkdtempSync(path.join(tmpdir(), 'gongwen-concurrency-'));
let child = '';
beforeAll(async () => {
  child = await bundleEmitChild(root);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BUILDS = 8;
const ROUNDS = 6;

/** Build i's set: the same names in every build (they compete), plus one name only build i makes. */
function setOf(i: number): SetFile[] {
  const tag = (name: string, size: number) => Buffer.concat([Buffer.from(`build ${i} ${name}\n`), randomBytes(size)]);
  return [
    ...['报告（简体）.pdf', '报告（繁體）.pdf', '报告（简体）.docx', 'index.html', 'manifest.json', 'SHA256SUMS'].map((p) => ({ path: p, bytes: tag(p, 40_000), part: 'bundle' })),
    { path: `报告-附件下载-${i}.zip`, bytes: tag('zip', 200_000), part: 'bundle' },
  ];
}

describe('8 builds publishing into one folder at once', () => {
  it('serialises them: all succeed, the folder is exactly one build’s set, nothing stray', async () => {
    const out = path.join(root, 'out');
    const sets = Array.from({ length: BUILDS }, (_, i) => setOf(i));
    const dirs = sets.map((files, i) => writeSet(path.join(root, `set-${i}`), files, { folder: '报告' }));
    const canonical = (o: Record<string, string>) => JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
    const expected = sets.map((files) => canonical(expectedVisible(files, '报告')));
    let winners = new Set<number>();
    for (let round = 0; round < ROUNDS; round++) {
      const results = await runConcurrently(child, dirs.map((d) => ['publish', out, d]));
      for (const r of results) expect(r.status, r.stderr).toBe(0);
      const state = folderState(out);
      const which = expected.indexOf(canonical(state.visible));
      const tags = Object.keys(state.visible).map((f) => `${f}: ${readFileSync(path.join(out, f), 'utf8').split('\n')[0] ?? ''}`);
      expect(which, `round ${round}: ${tags.join('; ')}`).toBeGreaterThanOrEqual(0);
      expect(state.machinery).toEqual(['.gongwen/ledger.json']);
      winners = new Set([...winners, which]);
    }
    console.log(`concurrency: ${ROUNDS} rounds × ${BUILDS} simultaneous publishes into one folder: ${ROUNDS * BUILDS} succeeded, 0 crashed, 0 mixed sets, 0 stray files (last writer per round: builds ${[...winners].sort().join(', ')})`);
  }, 180_000);
});

const sha = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

describe('8 real gongwen builds into one output folder at once', () => {
  it('every build succeeds and the report folder is one build’s whole set (its manifest’s hashes match)', async () => {
    const project = path.join(root, 'project');
    for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(project, dir), { recursive: true });
    mkdirSync(path.join(project, 'data'), { recursive: true });
    cpSync(path.join(PACKAGE_ROOT, 'tests/reliability/fixtures/small.yaml'), path.join(project, 'data/small.yaml'));
    const cli = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');
    const runs = await Promise.all(
      Array.from(
        { length: BUILDS },
        (_, i) =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            // Each build its own clock, so each makes different bytes (zip times, PDF dates).
            const env = { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1', SOURCE_DATE_EPOCH: String(1_650_000_000 + i * 86_400) };
            const p = spawn(process.execPath, [cli, 'build', 'data/small.yaml', '--edition', 'zh-Hans'], { cwd: project, env, stdio: ['ignore', 'ignore', 'pipe'] });
            let stderr = '';
            p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
            p.on('exit', (code) => resolve({ code, stderr }));
          }),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const folder = path.join(project, 'out', '小型测试报告');
    const state = folderState(path.join(project, 'out'));
    const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    // Besides the manifest's files: the change summary of the last build (changes.json; its record is a dot-file).
    const listed = new Set([...manifest.files.map((f) => `小型测试报告/${f.path}`), '小型测试报告/manifest.json', '小型测试报告/SHA256SUMS', '小型测试报告/changes.json']);
    expect(Object.keys(state.visible).sort()).toEqual([...listed].sort());
    for (const f of manifest.files) expect(await sha(path.join(folder, f.path)), f.path).toBe(f.sha256);
    expect(state.machinery).toEqual(['.gongwen/ledger.json', '小型测试报告/.gongwen-record.json']);
    console.log(`concurrency: ${BUILDS} real builds into one folder: ${runs.filter((r) => r.code === 0).length} succeeded, 0 crashed; the folder matches one build's manifest`);
  }, 240_000);
});
