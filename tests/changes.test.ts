// The change summary after every build (issue #12): against the previous build in the same output folder — one
// paragraph edited, one figure changed, one section inserted (later sections renumbered) — as printed lines, as
// JSON (--json) and in out/<report>/changes.json; the first build says it has nothing to compare with; a rebuild of the same
// data says nothing changed. Builds run in-process through src/build (what `gongwen build` runs) in a temporary
// project folder.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildConsole, type BuildOutcome } from '../src/build/index.ts';
import type { ChangeSet, TextChange } from '../src/changes/compare.ts';
import { Compiler, compileRequest } from '../src/compile/index.ts';
import { nodeWorld } from '../src/world.ts';
import { DEFAULT_DATA, REPORT_FOLDER, changeFigure, copyProject, editParagraph, insertSection, snapshot } from './support/project.ts';

const compiler = new Compiler();
const root = copyProject('gongwen-changes-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Builds `data` into `out` (a folder under the project); returns the outcome and what was printed. */
async function build(data: string, out: string, json = false): Promise<{ outcome: BuildOutcome; messages: string[]; data: string[] }> {
  writeFileSync(path.join(root, 'data/report.yaml'), data);
  const messages: string[] = [];
  const printed: string[] = [];
  const console: BuildConsole = { message: (l) => messages.push(l), data: (l) => printed.push(l) };
  const request = compileRequest({ dataFile: 'data/report.yaml', fonts: { fontPaths: [], systemFonts: false } });
  const outcome = await runBuild({ request, outDir: path.join(root, out), strict: false, json, timings: false }, compiler, nodeWorld(root, {}), console);
  expect(outcome.code, messages.join('\n')).toBe(0);
  return { outcome, messages, data: printed };
}

/** The base build, copied to a fresh output folder for each scenario. */
const fromBase = (name: string) => {
  cpSync(path.join(root, 'out-base'), path.join(root, name), { recursive: true });
  return name;
};

const summaryOf = (messages: string[]) => messages.filter((l) => l.startsWith('与上次构建相比') || l.startsWith('  ') && !/\d+(\.\d+)? (KB|MB)/.test(l));
const ofType = <T extends TextChange['type']>(c: ChangeSet, type: T) => c.text.filter((t): t is Extract<TextChange, { type: T }> => t.type === type);

let first: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  first = await build(DEFAULT_DATA, 'out-base');
}, 120_000);

describe('the first build in an output folder', () => {
  it('says it has nothing to compare with, and leaves changes.json and the record beside the manifest', () => {
    expect(first.messages).toContain('与上次构建相比：这是此输出目录的第一次构建，没有可比较的记录。');
    const changes = JSON.parse(readFileSync(path.join(root, 'out-base', REPORT_FOLDER, 'changes.json'), 'utf8')) as ChangeSet;
    expect(changes).toEqual({ comparable: false, text: [], figures: [], pages: [], files: { changed: [], added: [], removed: [] } });
    const record = JSON.parse(readFileSync(path.join(root, 'out-base', REPORT_FOLDER, '.gongwen-record.json'), 'utf8')) as { editions: { edition: string; pageDigests: string[] }[]; outputs: Record<string, string> };
    expect(record.editions.map((e) => [e.edition, e.pageDigests.length])).toEqual([
      ['zh-Hans', 10],
      ['zh-Hant', 10],
    ]);
    // The record lists the build's own outputs, not the change files, and holds no document bytes.
    expect(Object.keys(record.outputs)).toContain('manifest.json');
    expect(Object.keys(record.outputs)).not.toContain('changes.json');
    expect(readFileSync(path.join(root, 'out-base', REPORT_FOLDER, '.gongwen-record.json')).length).toBeLessThan(80_000);
    // Not listed in the manifest: the download bundle never ships them.
    expect(readFileSync(path.join(root, 'out-base', REPORT_FOLDER, 'manifest.json'), 'utf8')).not.toContain('changes.json');
  });
});

describe('a rebuild of the same data', () => {
  it('says nothing changed and rewrites no output file (only changes.json, which now has something to compare)', async () => {
    const name = fromBase('out-same');
    const { 'changes.json': _before, ...before } = snapshot(path.join(root, name, REPORT_FOLDER));
    const { messages, outcome } = await build(DEFAULT_DATA, name);
    expect(summaryOf(messages)).toEqual(['与上次构建相比：没有变化。']);
    expect(outcome.written).toEqual([]);
    const { 'changes.json': _after, ...after } = snapshot(path.join(root, name, REPORT_FOLDER));
    expect(after).toEqual(before);
    expect(JSON.parse(readFileSync(path.join(root, name, REPORT_FOLDER, 'changes.json'), 'utf8'))).toMatchObject({ comparable: true, text: [], figures: [], files: { changed: [], added: [], removed: [] } });
  }, 60_000);
});

describe('one paragraph edited', () => {
  let changes: ChangeSet;
  let messages: string[];
  let json: string[];
  beforeAll(async () => {
    const r = await build(editParagraph(DEFAULT_DATA), fromBase('out-paragraph'), true);
    changes = r.outcome.changes!;
    messages = r.messages;
    json = r.data;
  }, 60_000);

  it('names the section by its number and first words, the paragraph, and quotes the changed clause', () => {
    const edited = ofType(changes, 'paragraphEdited').filter((c) => c.part.kind === 'heading');
    expect(edited.map((c) => [c.part.label, c.index, c.excerpts.map((e) => [e.old, e.new])])).toEqual([['（二）突出宜居理念…', 1, [['2021年改厕任务数为775户', '2021年改厕任务数为776户']]]]);
    expect(summaryOf(messages)).toContain('  （二）突出宜居理念… 第1段：文字修改，“2021年改厕任务数为775户” → “2021年改厕任务数为776户”');
    expect(changes.text.filter((c) => c.type !== 'paragraphEdited')).toEqual([]);
    expect(changes.figures).toEqual([]);
  });

  it('reports the first page that reflowed: the page the paragraph is on, same page count', () => {
    const edited = ofType(changes, 'paragraphEdited')[0]!;
    const page = edited.excerpts[0]!.newPage;
    expect(page).toBeGreaterThan(1);
    expect(changes.pages.find((p) => p.edition === 'zh-Hans')).toEqual({ edition: 'zh-Hans', from: 10, to: 10, firstChanged: page });
    expect(messages.join('\n')).toContain(`页面：简体 10 页，从第${page}页起有变化`);
  });

  it('lists the output files that changed, and prints the same as JSON with --json and in changes.json', () => {
    expect(changes.files.changed).toEqual(expect.arrayContaining(['柞市镇2021年工作总结和2022年工作计划（简体）.pdf', '柞市镇2021年工作总结和2022年工作计划（简体）.docx', 'manifest.json']));
    expect(changes.files.added).toEqual([]);
    expect(json).toHaveLength(1);
    expect(JSON.parse(json[0]!)).toEqual(changes);
    expect(JSON.parse(readFileSync(path.join(root, 'out-paragraph', REPORT_FOLDER, 'changes.json'), 'utf8'))).toEqual(changes);
  });
});

describe('one figure changed', () => {
  let changes: ChangeSet;
  let messages: string[];
  beforeAll(async () => {
    const r = await build(changeFigure(DEFAULT_DATA), fromBase('out-figure'));
    changes = r.outcome.changes!;
    messages = r.messages;
  }, 60_000);

  it('says which figure changed value', () => {
    expect(changes.figures).toEqual([{ id: 'wubao_total', item: '五保对象', from: { value: 364, unit: '名' }, to: { value: 365, unit: '名' } }]);
    expect(summaryOf(messages)).toContain('  数据：wubao_total 364 → 365（五保对象，名）');
  });

  it('and where the text and the attachment table changed with it', () => {
    const edited = ofType(changes, 'paragraphEdited');
    expect(edited.map((c) => [c.part.label, c.index, c.excerpts[0]?.old, c.excerpts[0]?.new])).toEqual([
      ['（四）加强民生保障…', 1, '五保对象364名', '五保对象365名'],
      ['附件 柞市镇2021年主要工作…', 19, '19 民生保障 五保对象 364 名 一（四）', '19 民生保障 五保对象 365 名 一（四）'],
    ]);
  });

  it('and that the changed total no longer adds up (a warning; the build went on)', () => {
    expect(messages.join('\n')).toMatch(/data\/report\.yaml:\d+:\d+: 警告\[lint\/total-mismatch\]: 合计不符：五保对象 365名，分项之和为 364/);
  });
});

describe('one section inserted', () => {
  let changes: ChangeSet;
  let messages: string[];
  beforeAll(async () => {
    const r = await build(insertSection(DEFAULT_DATA), fromBase('out-section'));
    changes = r.outcome.changes!;
    messages = r.messages;
  }, 60_000);

  it('is one section added after （二）, and the later sections renumbered — not every later section changed', () => {
    expect(ofType(changes, 'sectionAdded').map((c) => [c.part.number, c.part.heading, c.after?.label])).toEqual([['（三）', '做好防汛抗旱工作，保障群众生命财产安全。', '（二）突出宜居理念…']]);
    expect(ofType(changes, 'renumbered').map((c) => [c.from.number, c.to.number, c.to.heading])).toEqual([
      ['（三）', '（四）', '坚持精准发力，大力实施乡村振兴战略。'],
      ['（四）', '（五）', '加强民生保障，坚决维护社会稳定繁荣。'],
      ['（五）', '（六）', '强化依法治理，持续增强群众安全感。'],
    ]);
    // No body paragraph is reported as edited; the table's 出处 column follows the numbers.
    expect(ofType(changes, 'paragraphEdited').filter((c) => c.part.kind !== 'attachment')).toEqual([]);
    expect(ofType(changes, 'sectionRemoved')).toEqual([]);
  });

  it('prints the addition, one line of renumbering and the table rows in a range', () => {
    const summary = summaryOf(messages);
    expect(summary).toContain(`  新增：（三）做好防汛抗旱…（第${ofType(changes, 'sectionAdded')[0]!.part.page}页）`);
    expect(summary).toContain('  序号改变：（三）→（四）坚持精准发力…；（四）→（五）加强民生保障…；（五）→（六）强化依法治理…');
    expect(summary.some((l) => /^ {2}附件 柞市镇2021年主要工作…：\d+ 行有修改（第\d+至\d+行）$/.test(l))).toBe(true);
  });

  it('reports pages added in both editions from the page of the insertion', () => {
    for (const p of changes.pages) {
      expect(p.to).toBeGreaterThanOrEqual(p.from);
      expect(p.firstChanged).toBe(ofType(changes, 'sectionAdded')[0]!.part.page);
    }
  });

  it('leaves nothing in the output folder but the outputs, the manifest’s files and the two change files', () => {
    const names = Object.keys(snapshot(path.join(root, 'out-section', REPORT_FOLDER)));
    const manifest = JSON.parse(readFileSync(path.join(root, 'out-section', REPORT_FOLDER, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    const expected = new Set([...manifest.files.map((f) => f.path), 'manifest.json', 'SHA256SUMS', 'changes.json', '.gongwen-record.json']);
    expect(names.filter((n) => !expected.has(n))).toEqual([]);
    expect(readdirSync(path.join(root, 'out-section', '.gongwen'))).toEqual(['ledger.json']); // no lock, journal or staging left
  });
});
