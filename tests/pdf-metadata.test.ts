// PDF quality (issue #16): PDF 1.7 with an XMP packet that mirrors the Info dictionary, dates from the pinned clock
// (none without one), an outline entry per heading and per attachment pointing at the top-left of its line, and
// `--pdfa` output (PDF/A-2b) checked for structure with qpdf and MuPDF. veraPDF is not in Debian: full PDF/A validation
// is not run here (README says so).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { compileModel, type ModelResult } from '../src/compile/index.ts';
import { PORTRAIT_FRAME, frameLineTop } from '../src/layout/grid.ts';
import type { DocModel } from '../src/model/types.ts';
import { hermeticFonts, modelOf } from './support/build-pdf.ts';
import { needs } from './support/tools.ts';

const { beforeAll, describe, it } = needs('qpdf', 'mutool', 'pdffonts', 'pdfinfo');

const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-pdfmeta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CLOCK = new Date(Date.UTC(2022, 0, 5));

async function build(model: DocModel, options: { pdfa: boolean; dated: boolean }): Promise<ModelResult & { file: string }> {
  const result = await compileModel(model, hermeticFonts(model.meta.edition), { formats: ['pdf'], embedFonts: false, allowMissingGlyphs: false, clock: CLOCK, ...options });
  const file = path.join(dir, `${options.pdfa ? 'a' : 'p'}${options.dated ? 'd' : 'u'}.pdf`);
  writeFileSync(file, result.pdf!);
  return { ...result, file };
}

/** The XMP packet, read from the file's bytes: PDF/A wants it uncompressed, so it must be there as text. */
function xmp(file: string): string {
  const bytes = execFileSync('cat', [file], { maxBuffer: 64 * 1024 * 1024 });
  const start = bytes.indexOf('<?xpacket begin=');
  const end = bytes.indexOf('<?xpacket end=', start);
  expect(start, 'XMP packet').toBeGreaterThan(0);
  return bytes.subarray(start, end + 20).toString('utf8');
}
/** Every object of the file, decompressed, as text (qpdf's QDF form). */
function qdf(file: string): string {
  const out = `${file}.qdf`;
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, out]);
  return execFileSync('cat', [out], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
}

describe('the default report as PDF', () => {
  let model: DocModel;
  let plain: ModelResult & { file: string };
  let dated: ModelResult & { file: string };
  let pdfa: ModelResult & { file: string };

  beforeAll(async () => {
    model = { ...(await modelOf()), meta: { ...(await modelOf()).meta, organ: '柞市镇人民政府' } };
    plain = await build(model, { pdfa: false, dated: false });
    dated = await build(model, { pdfa: false, dated: true });
    pdfa = await build(model, { pdfa: true, dated: true });
  }, 120_000);

  it('is PDF 1.7 with an XMP packet: title, author (发文机关), language, producer', () => {
    expect(plain.pdf!.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const packet = xmp(plain.file);
    expect(packet).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">柞市镇2021年工作总结和2022年工作计划</rdf:li>');
    expect(packet).toContain('<dc:creator><rdf:Seq><rdf:li>柞市镇人民政府</rdf:li>');
    expect(packet).toContain('<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li>');
    expect(packet).toContain('<pdf:Producer>gongwen');
  });

  it('takes its dates from the pinned clock, in Info and XMP alike, and writes none without one', () => {
    const info = execFileSync('pdfinfo', ['-isodates', dated.file], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+2022-01-05T00:00:00Z/);
    expect(info).toMatch(/ModDate:\s+2022-01-05T00:00:00Z/);
    expect(xmp(dated.file)).toContain('<xmp:CreateDate>2022-01-05T00:00:00Z</xmp:CreateDate><xmp:ModifyDate>2022-01-05T00:00:00Z</xmp:ModifyDate>');
    expect(execFileSync('pdfinfo', [plain.file], { encoding: 'utf8' })).not.toMatch(/CreationDate|ModDate/);
    expect(xmp(plain.file)).not.toMatch(/CreateDate|ModifyDate/);
  });

  it('has an outline entry per heading and per attachment, each at the top-left corner of its line', () => {
    const bookmarks = plain.layout.pages.flatMap((page, p) => page.bookmarks.map((b) => ({ ...b, page: p })));
    expect(bookmarks.filter((b) => b.title.startsWith('附件'))).toHaveLength(model.blocks.filter((b) => b.type === 'attachmentHeading').length);
    const text = qdf(plain.file);
    // Outline items in file order: /Title and /Dest [page /XYZ left top 0].
    const dests = [...text.matchAll(/\/Dest \[\s*(\d+) 0 R\s+\/XYZ\s+([\d.]+)\s+([\d.]+)\s+0\s*\]/g)].map((m) => ({ x: Number(m[2]), y: Number(m[3]) }));
    expect(dests).toHaveLength(bookmarks.length);
    const pageHeight = 841.89;
    for (const b of bookmarks) {
      const line = plain.layout.pages[b.page]!.lines.find((l) => Math.abs(frameLineTop(PORTRAIT_FRAME, l.gridLine) - b.top) < 1e-6)!;
      expect(line, b.title).toBeDefined();
      expect(b.x).toBeCloseTo(line.left, 3);
      // pdfkit writes the destination as (left, page height − top): find this bookmark's.
      expect(dests.some((d) => Math.abs(d.x - b.x) < 1e-3 && Math.abs(d.y - (pageHeight - b.top)) < 1e-2), b.title).toBe(true);
    }
    // MuPDF reads the same outline: every heading title, 附件 at the top level.
    const outline = execFileSync('mutool', ['show', plain.file, 'outline'], { encoding: 'utf8' });
    expect(outline).toMatch(/^\S*\t"一、2021年工作总结"/m);
    expect(outline).toMatch(/^\S*\t"附件 柞市镇2021年主要工作数据一览表"/m);
  });

  it('is tagged: title and attachment titles H1, 一、 headings H2, paragraphs P, the table as Table/TR/TH/TD; page numbers and rules are artifacts', () => {
    expect(execFileSync('pdfinfo', [plain.file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const text = qdf(plain.file);
    const count = (type: string) => (text.match(new RegExp(`/S /${type}\\b`, 'g')) ?? []).length;
    const blocks = plain.composed.blocks;
    expect(count('Document')).toBe(1);
    expect(count('H1')).toBe(blocks.filter((b) => b.kind === 'centred' && b.style !== 'subtitle').length);
    expect(count('H2')).toBe(blocks.filter((b) => b.kind === 'paragraph' && b.style === 'heading' && b.headingLevel === 1).length);
    expect(count('P')).toBe(blocks.filter((b) => (b.kind === 'paragraph' && b.style !== 'heading') || b.kind === 'hangingList' || b.kind === 'placed' || (b.kind === 'centred' && b.style === 'subtitle')).length);
    const table = blocks.find((b) => b.kind === 'table');
    expect(count('Table')).toBe(1);
    const pagesWithTable = plain.layout.pages.filter((p) => p.rules.length > 0).length;
    if (table?.kind === 'table') {
      expect(count('TH')).toBe(table.header.flat().length * pagesWithTable); // the header row repeats on each page
      expect(count('TR')).toBe(table.rows.length + table.header.length * pagesWithTable);
      expect(count('TD')).toBe(table.rows.flat().filter((c) => c.text.text !== '').length);
    }
    expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(text).toMatch(/\/MarkInfo \d+ 0 R|\/Marked true/);
    // Every page number (one run: “— N —”) is an artifact, and each page's content has marked content with MCIDs.
    expect((text.match(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/g) ?? []).length).toBe(plain.layout.pages.reduce((n, p) => n + (p.pageNumber?.length ?? 0), 0));
    expect(plain.layout.pages.every((p) => p.pageNumber?.length === 1)).toBe(true);
    expect(text).toMatch(/\/P <<\s*\/MCID 0\s*>> BDC/);
  });

  describe('--pdfa (PDF/A-2b)', () => {
    it('passes qpdf --check and MuPDF reads every page', () => {
      const check = spawnSync('qpdf', ['--check', pdfa.file], { encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(check.stdout).toContain('No syntax or stream encoding errors found');
      const info = execFileSync('mutool', ['info', pdfa.file], { encoding: 'utf8' });
      expect(info).toMatch(/Pages: 10/);
      const trace = spawnSync('mutool', ['draw', '-o', '/dev/null', pdfa.file], { encoding: 'utf8' });
      expect(trace.status).toBe(0);
      // This MuPDF is built without LittleCMS and says so once; anything else is a problem.
      expect(trace.stderr.replace(/^warning: ICC support is not available\n/m, '')).not.toMatch(/error|warning/i);
    });

    it('identifies itself in the XMP (pdfaid part 2, conformance B) and has an sRGB OutputIntent', () => {
      const packet = xmp(pdfa.file);
      expect(packet).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(packet).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      expect(packet).toMatch(/^<\?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"\?>/m);
      const text = qdf(pdfa.file);
      expect(text).toMatch(/\/OutputIntents \[\s*\d+ 0 R\s*\]/);
      expect(text).toMatch(/\/S \/GTS_PDFA1/);
      expect(text).toMatch(/\/OutputConditionIdentifier \(sRGB IEC61966-2.1\)/);
      expect(text).toMatch(/\/DestOutputProfile \d+ 0 R/);
      expect(text).toMatch(/\/N 3\b/);
    });

    it('embeds every font, with ToUnicode, and has no encryption, transparency or actions', () => {
      const fonts = execFileSync('pdffonts', [pdfa.file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const line of fonts) expect(line, line).toMatch(/CID TrueType\s+Identity-H\s+yes yes yes/);
      const text = qdf(pdfa.file);
      expect(text).not.toMatch(/\/Encrypt\b/);
      // Only opaque graphics states (pdfmake sets opacity 1), no soft masks, no transparency groups, no blend modes.
      for (const m of text.matchAll(/\/(ca|CA) ([\d.]+)/g)) expect(Number(m[2])).toBe(1);
      expect(text).not.toMatch(/\/SMask \d|\/S \/Transparency|\/BM \/(?!Normal)/);
      expect(text).not.toMatch(/\/(JavaScript|OpenAction|AA|Launch)\b/);
      // Each Info entry has its XMP twin.
      const packet = xmp(pdfa.file);
      expect(packet).toContain('<xmp:CreatorTool>gongwen');
      expect(packet).toContain('<dc:description>');
      expect(packet).toContain('<xmp:ModifyDate>2022-01-05T00:00:00Z');
    });
  });
});
