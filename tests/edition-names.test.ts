// The Traditional edition as its readers expect it (issue #16): files and titles in Traditional characters, one label
// (繁體) everywhere, and corner-bracket quotation marks 「」『』 by default (`--quotes curly` keeps “”‘’).
import { describe, expect, it } from 'vitest';
import { Compiler, compileRequest } from '../src/compile/index.ts';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { cornerQuotes } from '../src/normalize/quotes.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';

const compiler = new Compiler();
const HERMETIC = { fontPaths: [], systemFonts: false };

async function hant(quotes: 'corner' | 'curly') {
  const request = compileRequest({ dataFile: 'data/report.yaml', editions: ['zh-Hant'], fonts: HERMETIC, formats: ['docx', 'tables', 'bundle'], quotes });
  return compiler.compile(request, nodeWorld(PACKAGE_ROOT, {}), new DiagnosticSink());
}

/** Every text the model of an edition shows (blocks' texts and inlines). */
function modelText(model: unknown): string {
  return JSON.stringify(model);
}

describe('cornerQuotes', () => {
  it.each([
    ['他说“好”。', '他说「好」。'],
    ['“他说‘好’，走了。”', '「他说『好』，走了。」'],
    ['“一层‘二层“三层”二层’一层”', '「一层『二层「三层」二层』一层」'],
    // A drafter who typed ‘’ at the outer level still gets 「」: nesting is by depth, not by the typed mark.
    ['‘外’与“外”', '「外」与「外」'],
    // An apostrophe between Latin letters is not a quotation mark.
    ['Xi’an 的“西安”', 'Xi’an 的「西安」'],
    ['没有引号', '没有引号'],
  ])('%s → %s', (from, to) => {
    expect(cornerQuotes(from)).toBe(to);
  });
});

describe('the zh-Hant edition of the default report', () => {
  it('names its documents and attachment files in Traditional characters, labelled 繁體, and titles them so', async () => {
    const result = await hant('corner');
    const paths = result.outputs.map((o) => o.path);
    expect(paths).toContain('柞市鎮2021年工作總結和2022年工作計劃（繁體）.docx');
    expect(paths).toContain('附件 柞市鎮2021年主要工作數據一覽表（繁體）.xlsx');
    expect(paths.filter((p) => p.includes('（繁體）')).every((p) => !p.includes('总结') && !p.includes('数据'))).toBe(true);
    const manifest = JSON.parse(result.outputs.find((o) => o.path === 'manifest.json')!.bytes.toString('utf8')) as { files: { path: string; title: string }[] };
    expect(manifest.files.find((f) => f.path.endsWith('（繁體）.docx'))?.title).toBe('柞市鎮2021年工作總結和2022年工作計劃（繁體）');
    const page = result.outputs.find((o) => o.path === 'index.html')!.bytes.toString('utf8');
    expect(page).toContain('繁體');
    expect(page).not.toContain('繁体');
  }, 120_000);

  it('uses 「」 (and 『』 inside) by default, and keeps “” with --quotes curly', async () => {
    const corner = modelText((await hant('corner')).editions[0]?.model);
    expect(corner).toContain('「十四五」');
    expect(corner).not.toMatch(/[“”]/);
    const curly = modelText((await hant('curly')).editions[0]?.model);
    expect(curly).toContain('“十四五”');
    expect(curly).not.toMatch(/[「」]/);
  }, 120_000);
});
