// The mark lines in the DOCX (issue #11): 密级★期限, 紧急程度 and 会后收回 as 顶格 黑体 paragraphs above the title, the
// 份号 line only when the build numbers a single copy; valid by the Open XML SDK schemas (and the register workbook);
// rendered by LibreOffice (fresh profile, the test fontconfig
// that maps the office families to the open faces) and measured by MuPDF: the lines sit where the PDF has them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import validate from '@ooxml-tools/validate';
import { LINE_PITCH_PT, MARGIN_LEFT_MM, MARGIN_TOP_MM } from '../src/gbt9704/page.ts';
import { mmToPt } from '../src/gbt9704/units.ts';
import type { Compilation } from '../src/compile/index.ts';
import { compileData, reportWith } from './support/copies-build.ts';
import { docxXml, output } from './support/default-build.ts';
import { measurePdf, ptToMm, type PdfLine } from './support/pdf-geometry.ts';
import { needs } from './support/tools.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FONTCONFIG = path.join(HERE, 'fixtures/docx-fontconfig.conf');
const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-copies-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The paragraphs of document.xml in the mark style, as text. */
const markParagraphs = (docx: Buffer) =>
  docxXml(docx)
    .split('</w:p>')
    .filter((p) => p.includes('<w:pStyle w:val="MarkLine"/>'))
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

function renderDocx(docx: Buffer, name: string): Buffer {
  const file = path.join(dir, `${name}.docx`);
  writeFileSync(file, docx);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/${name}-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
    env: { ...process.env, FONTCONFIG_FILE: FONTCONFIG, HOME: dir },
    stdio: 'ignore',
    timeout: 120_000,
  });
  return readFileSync(path.join(dir, `${name}.pdf`));
}

describe('DOCX mark lines', () => {
  let single: Compilation;
  beforeAll(async () => {
    ({ result: single } = await compileData(reportWith('copies:\n  first: "000031"\n  count: 1\n'), { formats: ['pdf', 'docx'] }));
  }, 60_000);

  it('has the marks but no 份号 when several copies are numbered, and none of them without marks', async () => {
    const { result: several } = await compileData(reportWith('copies: 5'), { formats: ['docx'] });
    expect(markParagraphs(output(several, '（简体）.docx'))).toEqual(['秘密★1年', '特急', '会后收回']);
    const { result: plain } = await compileData(reportWith('', false), { formats: ['docx'] });
    expect(markParagraphs(output(plain, '（简体）.docx'))).toEqual([]);
  }, 60_000);

  it('puts the 份号 first when a single copy is built', () => {
    expect(markParagraphs(output(single, '（简体）.docx'))).toEqual(['000031', '秘密★1年', '特急', '会后收回']);
  });

  it('passes the Open XML SDK validator (DOCX with marks and 份号, the register workbook)', async () => {
    expect(await validate(new Uint8Array(output(single, '（简体）.docx')), 'docx', 'Microsoft365')).toEqual([]);
    expect(await validate(new Uint8Array(output(single, '份号登记表.xlsx')), 'xlsx', 'Microsoft365')).toEqual([]);
  }, 120_000);

  needs('soffice', 'mutool').it('renders in LibreOffice the mark lines 顶格 in 黑体, one grid line apart, the title on the line the PDF has it', () => {
    const rendered = measurePdf(renderDocx(output(single, '（简体）.docx'), 'single'))[0]?.lines ?? [];
    const printed = measurePdf(output(single, '份号000031-000031.pdf'))[0]?.lines ?? [];
    const wanted = ['000031', '秘密★1年', '特急', '会后收回'];
    const at = (lines: PdfLine[], text: string) => lines.find((l) => l.text === text);
    const first = at(rendered, '000031');
    expect(first).toBeDefined();
    if (!first) return;
    // Line 1 of the 版心: its em box starts at 37 mm or within the first grid line (LibreOffice's own placement).
    expect(first.baseline - 0.88 * first.size).toBeGreaterThanOrEqual(mmToPt(MARGIN_TOP_MM) - 0.5);
    expect(first.baseline).toBeLessThanOrEqual(mmToPt(MARGIN_TOP_MM) + LINE_PITCH_PT);
    for (const text of [...wanted, single.editions[0]?.model.meta.title ?? '']) {
      const docxLine = at(rendered, text);
      const pdfLine = at(printed, text);
      expect(docxLine, `${text} in the DOCX`).toBeDefined();
      expect(pdfLine, `${text} in the PDF`).toBeDefined();
      if (!docxLine || !pdfLine) continue;
      const docxDrop = docxLine.baseline - first.baseline;
      const pdfDrop = pdfLine.baseline - (printed[0]?.baseline ?? 0);
      // The title (2号) sits in its grid line where each renderer puts a larger size; it is on the same grid line.
      expect(Math.round(docxDrop / LINE_PITCH_PT), `${text}: grid line`).toBe(Math.round(pdfDrop / LINE_PITCH_PT));
      if (wanted.includes(text)) {
        expect(Math.abs(docxDrop - pdfDrop), `${text}: baseline`).toBeLessThan(0.5);
        expect(Math.abs(ptToMm(docxLine.left) - MARGIN_LEFT_MM), `${text}: 顶格`).toBeLessThan(0.5);
        // 黑体 is drawn by its stand-in (Noto Sans SC), which the DOCX embeds under the office name (GW-<UTF-16 hex>).
        const heiti = `GW-${[...'黑体'].map((c) => (c.codePointAt(0) ?? 0).toString(16).toUpperCase()).join('')}`;
        expect(docxLine.chars.every((c) => c.font.includes(heiti)), `${text}: 黑体 → the embedded stand-in, got ${docxLine.chars[0]?.font}`).toBe(true);
      }
    }
  }, 120_000);
});
