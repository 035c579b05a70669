// The revision note (issue #12): `gongwen changes --since <old manifest | old data file>` lists each change as
// 第N页 …：原为“…”，现为“…” with the page, section number and paragraph of the OLD copies (what the people holding
// them see), as Markdown, and as a PDF/DOCX set in the official format by the pipeline's back half. The old build
// is a real build in the temporary project; the PDF is read back with pdftotext/pdffonts, the DOCX as XML.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildConsole } from '../src/build/index.ts';
import { changesCommand, type ChangesCommandOptions } from '../src/changes/command.ts';
import { Compiler, compileRequest } from '../src/compile/index.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { docxText } from './support/default-build.ts';
import { DEFAULT_DATA, REPORT_FOLDER, changeFigure, copyProject, editParagraph, insertSection } from './support/project.ts';
import { needs } from './support/tools.ts';

const compiler = new Compiler();
const root = copyProject('gongwen-note-');
afterAll(() => rmSync(root, { recursive: true, force: true }));
const request = compileRequest({ dataFile: 'data/report.yaml', fonts: { fontPaths: [], systemFonts: false } });
const CLI = path.join(PACKAGE_ROOT, 'src/bin/gongwen.js');

function capture(): BuildConsole & { messages: string[]; printed: string[] } {
  const messages: string[] = [];
  const printed: string[] = [];
  return { messages, printed, message: (l) => messages.push(l), data: (l) => printed.push(l) };
}

async function note(options: Partial<ChangesCommandOptions>) {
  const out = capture();
  const code = await changesCommand({ request, outDir: path.join(root, 'out'), format: 'md', json: false, edition: 'zh-Hans', ...options }, compiler, nodeWorld(root, {}), out);
  return { code, ...out, markdown: out.printed.join('\n') };
}

/** The numbered items of a Markdown note. */
const items = (markdown: string) => markdown.split('\n').filter((l) => /^\d+\. /.test(l));

/** Poppler reads the PDFs back: the pages of the old copy, the note's text, fonts and page size. */
const withPdftotext = needs('pdftotext');
const withPoppler = needs('pdftotext', 'pdffonts', 'pdfinfo');

/** Page of a text in the old PDF, as pdftotext reads it (page by page). */
function pageOf(pdf: string, text: string): number {
  const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\f');
  const found = pages.findIndex((p) => p.replace(/\s+/g, '').includes(text));
  if (found === -1) throw new Error(`${text} not in ${pdf}`);
  return found + 1;
}

const OLD_PDF = () => path.join(root, 'out-old', REPORT_FOLDER, '柞市镇2021年工作总结和2022年工作计划（简体）.pdf');

beforeAll(async () => {
  const out = capture();
  writeFileSync(path.join(root, 'data/report.yaml'), DEFAULT_DATA);
  writeFileSync(path.join(root, 'data/old.yaml'), DEFAULT_DATA);
  const built = await runBuild({ request, outDir: path.join(root, 'out-old'), strict: false, json: false, timings: false }, compiler, nodeWorld(root, {}), out);
  expect(built.code, out.messages.join('\n')).toBe(0);
  writeFileSync(path.join(root, 'data/report.yaml'), insertSection(changeFigure(editParagraph(DEFAULT_DATA))));
}, 120_000);

describe('gongwen changes --since an old build', () => {
  let markdown: string;
  beforeAll(async () => {
    const r = await note({ since: `out-old/${REPORT_FOLDER}/manifest.json` });
    expect(r.code, r.messages.join('\n')).toBe(0);
    markdown = r.markdown;
  }, 60_000);

  it('is a 修改说明 with a title, an opening sentence and numbered items', () => {
    expect(markdown.split('\n')[0]).toBe('# 关于《柞市镇2021年工作总结和2022年工作计划》的修改说明');
    expect(markdown).toContain('《柞市镇2021年工作总结和2022年工作计划》印发后作了以下修改，页码为原印发文本的页码');
    expect(items(markdown).map((l) => Number(l.split('.')[0]))).toEqual(items(markdown).map((_, i) => i + 1));
  });

  withPdftotext.it('quotes an edited paragraph as 原为…现为… on the page of the old copy', () => {
    const page = pageOf(OLD_PDF(), '2021年改厕任务数为775户');
    expect(items(markdown)).toContain(`1. 第${page}页“（二）突出宜居理念，营造良好生态文明环境。”第1段：原为“2021年改厕任务数为775户”，现为“2021年改厕任务数为776户”。`);
  });

  withPdftotext.it('names a section by its OLD number (the copies say （四）, the new text （五）)', () => {
    const page = pageOf(OLD_PDF(), '五保对象364名');
    expect(items(markdown).some((l) => l.endsWith(`第${page}页“（四）加强民生保障，坚决维护社会稳定繁荣。”第1段：原为“五保对象364名”，现为“五保对象365名”。`))).toBe(true);
  });

  withPdftotext.it('says where the new section goes, with its text, and how the later ones are renumbered', () => {
    const page = pageOf(OLD_PDF(), '（三）坚持精准发力');
    expect(items(markdown).some((l) => l.endsWith(`第${page}页“（二）突出宜居理念，营造良好生态文明环境。”一节之后：增加一节“（三）做好防汛抗旱工作，保障群众生命财产安全。”，内容为“一是完善应急预案。二是加强物资储备。”`))).toBe(true);
    expect(items(markdown).some((l) => l.endsWith(`第${page}页起：原“（三）”至“（五）”依次改为“（四）”至“（六）”。`))).toBe(true);
  });

  it('lists the items in the order of the old copy’s pages', () => {
    const pages = items(markdown).map((l) => Number(/第(\d+)页/.exec(l)?.[1]));
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
  });

  it('gives the same items from the old data file as from the old build’s record', async () => {
    const fromData = await note({ since: 'data/old.yaml' });
    expect(fromData.code).toBe(0);
    expect(items(fromData.markdown)).toEqual(items(markdown));
  }, 60_000);
});

describe('the note as PDF and DOCX (official format, through compileModel)', () => {
  withPoppler.it('writes a PDF with the title, the items, embedded fonts and the page number', () => {
    const r = spawnSync(process.execPath, [CLI, 'changes', '--since', `out-old/${REPORT_FOLDER}/manifest.json`, '--format', 'pdf', '-o', 'note/修改说明.pdf'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1' },
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const pdf = path.join(root, 'note/修改说明.pdf');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('关于《柞市镇2021年工作总结和2022年工作计划》的修改说明');
    expect(text).toContain('原为“2021年改厕任务数为775户”，现为“2021年改厕任务数为776户”');
    expect(text).toContain('—1—');
    expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.2\d+ x 841\.8\d+ pts \(A4\)/);
  }, 120_000);

  it('writes a DOCX with the same items', async () => {
    const r = await note({ since: `out-old/${REPORT_FOLDER}/manifest.json`, format: 'docx', output: 'note/修改说明.docx' });
    expect(r.code, r.messages.join('\n')).toBe(0);
    const text = docxText(readFileSync(path.join(root, 'note/修改说明.docx')));
    expect(text).toContain('关于《柞市镇2021年工作总结和2022年工作计划》的修改说明');
    expect(text).toContain('原为“五保对象364名”，现为“五保对象365名”');
  }, 60_000);
});

describe('gongwen changes, other cases', () => {
  it('without --since prints the last build’s change summary from changes.json', async () => {
    const r = await note({ outDir: path.join(root, 'out-old') });
    expect(r.code).toBe(0);
    expect(r.messages).toEqual(['与上次构建相比：这是此输出目录的第一次构建，没有可比较的记录。']);
  });

  it('with nothing changed says so and writes nothing', async () => {
    const r = await note({ since: 'data/report.yaml', format: 'pdf', output: 'note/none.pdf' });
    expect(r.code).toBe(0);
    expect(r.messages).toContain('与旧版本相比没有文字变化，不需要修改说明。');
    expect(existsSync(path.join(root, 'note/none.pdf'))).toBe(false);
  }, 60_000);

  it('an old folder without a record is a usage error with a hint', async () => {
    mkdirSync(path.join(root, 'old-site'), { recursive: true });
    writeFileSync(path.join(root, 'old-site/manifest.json'), readFileSync(path.join(root, 'out-old', REPORT_FOLDER, 'manifest.json')));
    const r = await note({ since: 'old-site/manifest.json' });
    expect(r.code).toBe(2);
    expect(r.messages.join('\n')).toContain('错误[changes/since]: old-site 中没有旧构建的记录');
    expect(r.messages.join('\n')).toContain('--since 旧数据.yaml');
  });
});
