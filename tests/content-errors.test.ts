// Bad tables, pictures and attachments (issue #15): every problem is a located error (or warning) with a Chinese
// message and the documented exit code, in a project folder like a user's; the same inputs with a PDF attachment
// give byte-identical PDFs; `print: false` keeps an attachment off the printed pages.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildFailure, Compiler, compileRequest, type Compilation } from '../src/compile/index.ts';
import { DiagnosticSink, EXIT } from '../src/diag/diagnostic.ts';
import { LineIndex } from '../src/diag/span.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { docxXml, output, pdfText } from './support/default-build.ts';
import { measurePdf } from './support/pdf-geometry.ts';
import { pdfDirectedLines } from './support/pdf-trace.ts';
import { needs } from './support/tools.ts';

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

/** Poppler extracts the printed text, MuPDF measures the pages, LibreOffice renders the DOCX. */
const withPdftotext = needs('pdftotext');
const withMutool = needs('mutool');
const withLibreOffice = needs('soffice', 'mutool');

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

  withPdftotext.it('keeps a print: false attachment off the pages (it stays in 附件说明)', async () => {
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
    expect(output(a, '.pdf').subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });
});

describe('other printed attachments', () => {
  withPdftotext.it('prints a .docx attachment’s paragraphs and tables on its pages', async () => {
    const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
    const word = await Packer.toBuffer(
      new Document({
        sections: [{ children: [new Paragraph({ alignment: AlignmentType.CENTER, text: '第一段文字。' }), new Table({ rows: [new TableRow({ children: [cell('项目'), cell('金额')] }), new TableRow({ children: [cell('修路'), cell('320.5')] })] })] }],
      }),
    );
    const root = project(`${meta}body:\n  - p: 正文。\nattachments:\n  - { title: 说明材料, file: attachments/说明.docx }\n`, { 'data/attachments/说明.docx': word });
    const { result, diag } = await build(root);
    expect(diag.items.filter((d) => d.severity === 'error')).toEqual([]);
    const page = pdfText(output(result!, '.pdf')).split('\f')[1] ?? '';
    expect(page).toMatch(/附件\s*说明材料\s*第一段文字。/);
    for (const t of ['项目', '金额', '修路', '320.5']) expect(page).toContain(t);
  });

  withLibreOffice.it('turns the first page of an attachment whose sheet is too wide: 附件N and title on the landscape page, DOCX in a landscape section', { timeout: 120_000 }, async () => {
    const columns = Array.from({ length: 16 }, (_, i) => `指标${i + 1}`);
    const csv = `${columns.join(',')}\n${columns.map((_, i) => String(1000 + i)).join(',')}\n`;
    const root = project(`${meta}body:\n  - p: 正文。\nattachments:\n  - { title: 宽表, file: attachments/宽表.csv }\n`, { 'data/attachments/宽表.csv': csv });
    const { result } = await build(root, ['pdf', 'docx']);
    const lines = pdfDirectedLines(output(result!, '.pdf'));
    expect(lines).toHaveLength(2);
    const turned = lines[1]!.filter((l) => l.dir[1] === -1).map((l) => l.text);
    expect(turned).toEqual(expect.arrayContaining(['附件', '宽表']));
    expect(turned.filter((t) => t === '指标')).toHaveLength(16);
    expect(lines[1]!.find((l) => l.text === '—2—')?.dir).toEqual([1, 0]);
    const xml = docxXml(output(result!, '.docx'));
    const landscape = xml.split('<w:sectPr').findIndex((part) => part.includes('w:orient="landscape"'));
    expect(landscape).toBeGreaterThan(0);
    expect(xml.match(/<w:sectPr/g)).toHaveLength(2);
    // LibreOffice renders the body page and the turned attachment page, no empty page between them.
    const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-lo-wide-'));
    temps.push(dir);
    writeFileSync(path.join(dir, 'w.docx'), output(result!, '.docx'));
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'w.docx')], {
      env: { ...process.env, FONTCONFIG_FILE: path.join(PACKAGE_ROOT, 'tests/fixtures/docx-fontconfig.conf'), HOME: dir },
      stdio: 'ignore',
      timeout: 120_000,
    });
    expect(measurePdf(readFileSync(path.join(dir, 'w.pdf'))).map((p) => (p.width > p.height ? 'landscape' : 'portrait'))).toEqual(['portrait', 'landscape']);
  });

  withMutool.it('places a PDF page that has /Rotate 90 as a viewer shows it', async () => {
    const source = await PDFDocument.create();
    const font = await source.embedFont(StandardFonts.Helvetica);
    const page = source.addPage([595.28, 841.89]);
    page.drawText('Turned page', { x: 100, y: 700, size: 24, font });
    page.setRotation(degrees(90));
    const bytes = Buffer.from(await source.save({ useObjectStreams: false }));
    const shown = pdfDirectedLines(bytes)[0]!.find((l) => l.text === 'Turnedpage')!;
    const root = project(`${meta}body:\n  - p: 正文。\nattachments:\n  - { title: 转过的页, file: attachments/转.pdf }\n`, { 'data/attachments/转.pdf': bytes });
    const { result } = await build(root);
    const placed = pdfDirectedLines(output(result!, '.pdf'))[1]!.find((l) => l.text === 'Turnedpage')!;
    expect(placed.dir.map(Math.round)).toEqual(shown.dir.map(Math.round));
    expect(shown.dir.map(Math.round)).not.toEqual([1, 0]);
    // Shown landscape (842 × 595), it is scaled to the 版心's width under the title.
    expect(measurePdf(output(result!, '.pdf'))).toHaveLength(2);
  });
});
