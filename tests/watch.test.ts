// `gongwen watch` (issue #12) as a child process in a temporary project, edited the ways editors save: in place,
// to a temporary file renamed over the data file, in several writes, two quick saves. Each save is exactly one
// rebuild (one JSON line per build with --json) whose change summary says what the save changed; a broken save
// prints its diagnostics and leaves out/ as the last good build made it; a file appearing where the last build
// looked (a missing attachment) rebuilds; a template edit rebuilds; Ctrl-C ends it with 0 and no temporary file.
import { closeSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../src/changes/compare.ts';
import { CliProcess } from './support/cli-process.ts';
import { DEFAULT_DATA, changeFigure, copyProject, edit, editParagraph, snapshot } from './support/project.ts';

interface BuildLine {
  build: number;
  code: number;
  changed: string[];
  changes: ChangeSet | null;
}

const root = copyProject('gongwen-watch-');
const dataFile = path.join(root, 'data/report.yaml');
let watch: CliProcess;
afterAll(() => {
  watch?.child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** Milliseconds after a build line in which a second build would have shown up. */
const SETTLE_MS = 1500;
const edited = (line: BuildLine) => (line.changes?.text ?? []).filter((c) => c.type === 'paragraphEdited' && c.part.kind === 'heading').map((c) => (c.type === 'paragraphEdited' ? c.excerpts.map((e) => e.new).join('|') : ''));

/** Files a build must never leave behind. */
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp') || n === '.gongwen.lock');

beforeAll(async () => {
  watch = new CliProcess(root, ['watch', '--edition', 'zh-Hans', '--json']);
  const first = await watch.nextLine<BuildLine>(120_000);
  expect(first).toMatchObject({ build: 1, code: 0, changed: [] });
  expect(first.changes?.comparable).toBe(false);
  await watch.until(() => watch.stderr.includes('正在监视'), 10_000, 'the watch to start');
}, 180_000);

describe('gongwen watch', () => {
  let lastGood: Record<string, string>;

  it('rebuilds once after a save in place, and says what changed', async () => {
    writeFileSync(dataFile, editParagraph(DEFAULT_DATA));
    const line = await watch.nextLine<BuildLine>();
    expect(line).toMatchObject({ build: 2, code: 0, changed: ['data/report.yaml'] });
    expect(edited(line)).toEqual(['2021年改厕任务数为776户']);
    expect(watch.stderr).toContain('第 2 次构建：data/report.yaml 有变化');
    expect(watch.stderr).toContain('  （二）突出宜居理念… 第1段：文字修改，“2021年改厕任务数为775户” → “2021年改厕任务数为776户”');
    expect(await watch.quiet(SETTLE_MS)).toEqual([]);
  }, 60_000);

  it('rebuilds once after a save to a temporary file renamed over the data file', async () => {
    writeFileSync(`${dataFile}.swp`, changeFigure(editParagraph(DEFAULT_DATA)));
    renameSync(`${dataFile}.swp`, dataFile);
    const line = await watch.nextLine<BuildLine>();
    expect(line).toMatchObject({ build: 3, code: 0, changed: ['data/report.yaml'] });
    expect(line.changes?.figures).toEqual([{ id: 'wubao_total', item: '五保对象', from: { value: 364, unit: '名' }, to: { value: 365, unit: '名' } }]);
    expect(await watch.quiet(SETTLE_MS)).toEqual([]);
  }, 60_000);

  it('rebuilds once after a save in several writes (truncate, then the text in chunks)', async () => {
    const text = Buffer.from(edit(changeFigure(editParagraph(DEFAULT_DATA)), '776户', '777户'));
    const fd = openSync(dataFile, 'w');
    for (let at = 0; at < text.length; at += 4096) writeSync(fd, text, at, Math.min(4096, text.length - at));
    closeSync(fd);
    const line = await watch.nextLine<BuildLine>();
    expect(line).toMatchObject({ build: 4, code: 0 });
    expect(edited(line)).toEqual(['2021年改厕任务数为777户']);
    expect(await watch.quiet(SETTLE_MS)).toEqual([]);
  }, 60_000);

  it('rebuilds once after two quick saves, with the second one’s text', async () => {
    writeFileSync(dataFile, edit(changeFigure(editParagraph(DEFAULT_DATA)), '776户', '778户'));
    // 40 ms: inside chokidar's 50 ms throttle, which drops the second event; the build must still read this save.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40);
    writeFileSync(dataFile, edit(changeFigure(editParagraph(DEFAULT_DATA)), '776户', '779户'));
    const line = await watch.nextLine<BuildLine>();
    expect(line).toMatchObject({ build: 5, code: 0 });
    expect(edited(line)).toEqual(['2021年改厕任务数为779户']);
    expect(await watch.quiet(SETTLE_MS)).toEqual([]);
    lastGood = snapshot(path.join(root, 'out'));
  }, 60_000);

  it('a broken save prints its diagnostics and keeps the last good outputs', async () => {
    const good = readFileSync(dataFile, 'utf8');
    writeFileSync(dataFile, good.replace('\n  title: ', '\n  title: "'));
    const line = await watch.nextLine<BuildLine>();
    expect(line).toMatchObject({ build: 6, code: 4, changes: null });
    expect(watch.stderr).toMatch(/data\/report\.yaml:\d+:\d+: 错误\[load\/yaml-/);
    expect(watch.stderr).toContain('构建失败');
    expect(snapshot(path.join(root, 'out'))).toEqual(lastGood);
    // Fixing it rebuilds; the summary compares with the last good build.
    writeFileSync(dataFile, good.replace('779户', '780户'));
    const fixed = await watch.nextLine<BuildLine>();
    expect(fixed).toMatchObject({ build: 7, code: 0 });
    expect(fixed.changes?.text.find((c) => c.type === 'paragraphEdited' && c.part.kind === 'heading')).toMatchObject({ excerpts: [{ old: '2021年改厕任务数为779户', new: '2021年改厕任务数为780户' }] });
  }, 60_000);

  it('rebuilds when a file appears where the last build looked for one (an attachment not there yet)', async () => {
    const good = readFileSync(dataFile, 'utf8');
    writeFileSync(dataFile, good.replace(/\nattachments:\n/, '\nattachments:\n  - title: 柞市镇2021年村级集体经济收入统计表\n    file: attachments/村级/统计表.xlsx\n    print: false\n'));
    const missing = await watch.nextLine<BuildLine>();
    expect(missing).toMatchObject({ build: 8, code: 8 });
    mkdirSync(path.join(root, 'data/attachments/村级'));
    writeFileSync(path.join(root, 'data/attachments/村级/统计表.xlsx'), 'spreadsheet bytes');
    const found = await watch.nextLine<BuildLine>();
    expect(found.code).toBe(0);
    expect(found.changed[0]).toMatch(/^data\/attachments/); // the folder, or the file when both came in one burst
    expect(found.changes?.files.added).toContain('附件1 柞市镇2021年村级集体经济收入统计表.xlsx');
    expect(await watch.quiet(SETTLE_MS)).toEqual([]);
    // The file goes and comes back, in a folder that exists: the probe of the file itself.
    rmSync(path.join(root, 'data/attachments/村级/统计表.xlsx'));
    expect(await watch.nextLine<BuildLine>()).toMatchObject({ code: 8, changed: ['data/attachments/村级/统计表.xlsx'] });
    writeFileSync(path.join(root, 'data/attachments/村级/统计表.xlsx'), 'spreadsheet bytes, again');
    expect(await watch.nextLine<BuildLine>()).toMatchObject({ code: 0, changed: ['data/attachments/村级/统计表.xlsx'] });
  }, 60_000);

  it('rebuilds when a template partial changes', async () => {
    const partial = path.join(root, 'templates/partials/node.hbs');
    writeFileSync(partial, `${readFileSync(partial, 'utf8')}{{!-- edited --}}\n`);
    const line = await watch.nextLine<BuildLine>();
    expect(line.code).toBe(0);
    expect(line.changed).toEqual(['templates/partials/node.hbs']);
  }, 60_000);

  it('does not rebuild for its own outputs or unrelated files', async () => {
    writeFileSync(path.join(root, 'data/notes.txt'), 'not read by the build');
    writeFileSync(path.join(root, 'out/README.txt'), 'written by someone else');
    expect(await watch.quiet(SETTLE_MS)).toEqual([]);
  }, 60_000);

  it('ends on Ctrl-C with exit 0, leaving no temporary or lock file', async () => {
    expect(await watch.interrupt()).toBe(0);
    expect(watch.stderr).toContain('正在结束');
    expect(leftovers(path.join(root, 'out'))).toEqual([]);
    expect(leftovers(path.join(root, 'data'))).toEqual([]);
  }, 30_000);
});
