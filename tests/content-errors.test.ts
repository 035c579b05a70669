// Bad tables, pictures and attachments (issue #15): every problem is a located error (or warning) with a Chinese
// message and the documented exit code, in a project folder like a user's; the same inputs with a PDF attachment
// give byte-identical PDFs; `print: false` keeps an attachment off the printed pages.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildFailure, Compiler, compileRequest, type Compilation } from '../src/compile/index.ts';
import { DiagnosticSink, EXIT } from '../src/diag/diagnostic.ts';
import { LineIndex } from '../src/diag/span.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { output, pdfText } from './support/default-build.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const compiler = new Compiler();

/** A project with templates, fonts, the example pictures and attachments, and `yaml` as data/r.yaml. */
function project(yaml: string, files: Record<string, Buffer | string> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gongwen-content-'));
  temps.push(root);
  for (const dir of ['templates', 'fonts', 'data/images', 'data/attachments']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), bytes);
  }
  writeFileSync(path.join(root, 'data/r.yaml'), yaml);
  return root;
}

async function build(root: string, formats: ('pdf' | 'docx')[] = ['pdf']): Promise<{ result?: Compilation; code: number; diag: DiagnosticSink }> {
  const diag = new DiagnosticSink();
  try {
    const result = await compiler.compile(compileRequest({ dataFile: 'data/r.yaml', editions: ['zh-Hans'], fonts: { fontPaths: [], systemFonts: false }, formats }), nodeWorld(root, {}), diag);
    return { result, code: EXIT.ok, diag };
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e;
    return { code: e.exitCode, diag };
  }
}

/** "line:col code" of each diagnostic at or above `severity`. */
function located(root: string, diag: DiagnosticSink, severity: 'error' | 'warning' = 'error'): string[] {
  const text = readFileSync(path.join(root, 'data/r.yaml'), 'utf8');
  const index = new LineIndex(text);
  return diag.items
    .filter((d) => d.severity === 'error' || (severity === 'warning' && d.severity === 'warning'))
    .map((d) => {
      const at = d.span ? index.at(d.span.start) : undefined;
      return `${at ? `${at.line}:${at.col}` : "-"} ${d.code}`;
    });
}

const meta = 'meta: { id: r, title: 测试报告 }\n';

describe('located errors for tables and pictures', () => {
  it('reports a figure id no figure has, and a row of the wrong length, at the cell and the row (exit 4)', async () => {
    const root = project(`${meta}body:
  - table:
      columns: [项目, 数值]
      rows:
        - [五保对象, { figure: wubao }]
        - [多一列, 1, 2]
figures:
  - { id: wubao_total, category: 民生, item: 五保对象, value: 364, unit: 名 }
`);
    const { code, diag } = await build(root);
    expect(code).toBe(EXIT.dataInvalid);
    expect(located(root, diag)).toEqual(['6:28 data/unknown-figure', '7:11 data/table-row-length']);
    expect(diag.items.find((d) => d.code === 'data/unknown-figure')?.hints.join('')).toContain('wubao_total');
  });

  it('refuses pictures outside data/, missing, not a picture, or oversized, each at its file (exit 8)', async () => {
    const big = Buffer.alloc(31 * 1024 * 1024);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const root = project(
      `${meta}body:
  - image: { file: ../templates/report.hbs }
  - image: { file: images/没有.png }
  - image: { file: images/假图.png }
  - image: { file: images/大图.png }
`,
      { 'data/images/假图.png': '这不是图片', 'data/images/大图.png': big },
    );
    const { code, diag } = await build(root);
    expect(code).toBe(EXIT.attachment);
    expect(located(root, diag)).toEqual(['3:20 image/outside-project', '4:20 image/missing-file', '5:20 image/unsupported-format', '6:20 image/too-large']);
    expect(diag.items.find((d) => d.code === 'image/missing-file')?.hints.join('')).toContain('示例-柱状图.png');
  });

  it('warns about a picture below 300 dpi at its print size, and builds', async () => {
    const root = project(`${meta}body:
  - p: 正文。
  - image: { file: images/示例-柱状图.png, width: 150 }
`);
    const { code, diag } = await build(root);
    expect(code).toBe(EXIT.ok);
    expect(located(root, diag, 'warning')).toEqual(['4:20 image/low-resolution']);
    expect(diag.items[0]?.message).toMatch(/约 254 dpi/);
  });

  it('reports an unreadable PDF attachment at its file, and ships a file it cannot print with a warning', async () => {
    const root = project(
      `${meta}body:
  - p: 正文。
attachments:
  - { title: 坏文件, file: attachments/坏.pdf }
`,
      { 'data/attachments/坏.pdf': '%PDF-1.4 broken' },
    );
    const { code, diag } = await build(root);
    expect(code).toBe(EXIT.attachment);
    expect(located(root, diag)).toEqual(['5:25 attachment/unreadable']);

    const zip = project(
      `${meta}body:
  - p: 正文。
attachments:
  - { title: 压缩包, file: attachments/a.zip }
`,
      { 'data/attachments/a.zip': 'PK' },
    );
    const shipped = await build(zip);
    expect(shipped.code).toBe(EXIT.ok);
    expect(located(zip, shipped.diag, 'warning')).toEqual(['5:25 attachment/not-printed']);
  });
});

describe('printed attachments', () => {
  const yaml = `${meta}body:
  - p: 正文。
attachments:
  - { title: 会议纪要, file: attachments/示例/会议纪要.pdf }
  - { title: 照片, file: attachments/示例/现场照片.png, print: false }
`;

  it('keeps a print: false attachment off the pages (it stays in 附件说明)', async () => {
    const { result } = await build(project(yaml));
    const text = pdfText(output(result!, '.pdf'));
    expect(text).toMatch(/附件：1\. 会议纪要/);
    expect(text).toMatch(/2\. 照片/);
    expect(text).toContain('附件1');
    expect(text).not.toContain('附件2\n');
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(1 + 2);
  });

  it('writes byte-identical PDFs and DOCX from the same inputs (placed PDF pages, an SVG and its PNG fallback)', async () => {
    const withSvg = yaml.replace('  - p: 正文。\n', '  - p: 正文。\n  - image: { file: images/示例-流程图.svg, caption: 图1　流程 }\n');
    const [a, b] = [(await build(project(withSvg), ['pdf', 'docx'])).result!, (await build(project(withSvg), ['pdf', 'docx'])).result!];
    expect(output(a, '.pdf').equals(output(b, '.pdf'))).toBe(true);
    expect(output(a, '.docx').equals(output(b, '.docx'))).toBe(true);
    // pdf-lib's rewrite keeps the version our writer chose.
    expect(output(a, '.pdf').subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
  });
});
