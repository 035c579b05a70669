/**
 * DOCX writer (issue #4): the XML of the written package — page setup and grid, styles with outline levels and East
 * Asian fonts, odd/even footers with PAGE fields, the content of every block type, tables for Word and WPS, theme
 * fonts, font embedding — and byte-identical output. Starts from a model (tests/fixtures/docx-model.ts), not templates.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import { writeDocx } from '../src/docx/index.ts';
import { columnWidthsTwip } from '../src/docx/table.ts';
import { extractFace, familyNameTable, familyNames } from '../src/docx/sfnt.ts';
import { trueTypeSubset } from '../src/fonts/truetype-subset.ts';
import * as realFontkit from 'fontkit';
import { composeDocument } from '../src/compose/index.ts';
import { titleLines } from '../src/compose/title.ts';
import { gridCells, measureText } from '../src/measure/measure.ts';
import { CELL_PT, LINE_PITCH_TWIP, PAGE_NUMBER_GAP_MM, TYPE_AREA_WIDTH_PT } from '../src/gbt9704/page.ts';
import { PAGE_NUMBER_SIZE_PT } from '../src/gbt9704/type-sizes.ts';
import { mmToTwip } from '../src/gbt9704/units.ts';
import type { DocModel } from '../src/model/types.ts';
import { FIXTURE_FACES, FIXTURE_ROLES, fixtureFontSet } from './fixtures/docx-fontset.ts';
import { docxFixtureModel } from './fixtures/docx-model.ts';
import { all, child, docxParts, one, part, partText, style, wText, type XmlElement } from './fixtures/docx-xml.ts';
import { readFileSync } from 'node:fs';

const CLOCK = new Date(Date.UTC(2022, 0, 5, 8, 30, 0));
const fonts = fixtureFontSet();
const model = docxFixtureModel();
let bytes: Buffer;
let parts: Map<string, Uint8Array>;
let doc: XmlElement;
let styles: XmlElement;

beforeAll(async () => {
  bytes = (await writeDocx(composeDocument(model, fonts), { clock: CLOCK, fonts, embedFonts: false })).bytes;
  parts = docxParts(bytes);
  doc = part(parts, 'word/document.xml');
  styles = part(parts, 'word/styles.xml');
});

afterEach(() => {
  vi.useRealTimers();
});

const attr = (el: XmlElement | undefined, name: string) => el?.attrs[name];
const pPrOf = (s: XmlElement) => child(s, 'w:pPr');
const rPrOf = (s: XmlElement) => child(s, 'w:rPr');
const paragraphs = () => all(one(doc, 'w:body'), 'w:p').filter((p) => p.parent?.name === 'w:body');
const styleOfP = (p: XmlElement) => attr(pPrOf(p) && child(pPrOf(p) as XmlElement, 'w:pStyle'), 'w:val');

describe('page setup (GB/T 9704 §5)', () => {
  it('sets A4, margins 37/28/26/35 mm with a 156 mm 版心, and a 22-line grid of 579 twips', () => {
    const sect = one(doc, 'w:sectPr');
    const size = one(sect, 'w:pgSz');
    expect([attr(size, 'w:w'), attr(size, 'w:h')]).toEqual(['11906', '16838']);
    const mar = one(sect, 'w:pgMar');
    const [top, left, right, bottom] = ['w:top', 'w:left', 'w:right', 'w:bottom'].map((k) => Number(attr(mar, k)));
    expect([top, left, bottom]).toEqual([mmToTwip(37), mmToTwip(28), mmToTwip(35)]);
    expect(11906 - (left ?? 0) - (right ?? 0)).toBe(8844); // 156 mm
    expect(16838 - (top ?? 0) - (bottom ?? 0)).toBe(mmToTwip(225));
    expect(22 * LINE_PITCH_TWIP).toBeLessThanOrEqual(16838 - (top ?? 0) - (bottom ?? 0));
    expect(23 * LINE_PITCH_TWIP).toBeGreaterThan(16838 - (top ?? 0) - (bottom ?? 0));
    const grid = one(sect, 'w:docGrid');
    expect(grid.attrs).toMatchObject({ 'w:type': 'lines', 'w:linePitch': '579' });
  });

  it('puts the footer line so the top of the dash’s ink is 7 mm below the 版心 (269 mm), from the page-number face', () => {
    const footer = Number(attr(one(doc, 'w:pgMar'), 'w:footer'));
    const line = Number(attr(one(style(styles, 'PageNumberOdd'), 'w:spacing'), 'w:line'));
    // The footer line is exactly as tall as the face (ascent + descent at 4号), so the baseline is one ascent down.
    const face = fonts.roles.pagenumber.chain[0]!;
    const em = (units: number) => (units / face.unitsPerEm) * PAGE_NUMBER_SIZE_PT * 20;
    expect(Math.abs(line - em(face.ascent - face.descent))).toBeLessThanOrEqual(0.5);
    const baseline = 16838 - footer - line + em(face.ascent);
    const dashTop = baseline - face.inkTopPt(0x2014, PAGE_NUMBER_SIZE_PT) * 20;
    expect(Math.abs(dashTop - mmToTwip(262 + PAGE_NUMBER_GAP_MM))).toBeLessThanOrEqual(2);
  });
});

describe('styles', () => {
  it('document defaults: body font by official name in every slot, 3号, zh-CN, exact 579 line, kinsoku, no autospace', () => {
    const defaults = one(styles, 'w:docDefaults');
    const rFonts = one(one(defaults, 'w:rPrDefault'), 'w:rFonts');
    expect(rFonts.attrs).toMatchObject({ 'w:eastAsia': '仿宋_GB2312', 'w:ascii': '仿宋_GB2312', 'w:hAnsi': '仿宋_GB2312', 'w:hint': 'eastAsia' });
    expect(attr(one(defaults, 'w:sz'), 'w:val')).toBe('32');
    expect(one(defaults, 'w:lang').attrs).toMatchObject({ 'w:val': 'zh-CN', 'w:eastAsia': 'zh-CN' });
    const pPr = one(one(defaults, 'w:pPrDefault'), 'w:pPr');
    expect(one(pPr, 'w:spacing').attrs).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    expect(child(pPr, 'w:kinsoku')).toBeDefined();
    expect(attr(child(pPr, 'w:widowControl'), 'w:val')).toMatch(/^(0|false)$/);
    expect(attr(child(pPr, 'w:autoSpaceDE'), 'w:val')).toBe('0');
    expect(attr(child(pPr, 'w:autoSpaceDN'), 'w:val')).toMatch(/^(0|false)$/);
    // Schema order of CT_PPrBase: widowControl < kinsoku < overflowPunct < autoSpaceDE < autoSpaceDN < spacing.
    expect(pPr.children.map((c) => c.name)).toEqual(['w:widowControl', 'w:kinsoku', 'w:overflowPunct', 'w:autoSpaceDE', 'w:autoSpaceDN', 'w:spacing']);
  });

  it('正文: first line indented 2 characters, justified, −5 twip letter spacing (28 per line)', () => {
    const normal = style(styles, 'Normal');
    expect(attr(normal, 'w:default')).toBe('1');
    expect(one(normal, 'w:ind').attrs).toMatchObject({ 'w:firstLineChars': '200', 'w:firstLine': String(Math.round(2 * CELL_PT * 20)) });
    expect(attr(one(normal, 'w:jc'), 'w:val')).toBe('both');
    const spacing = Number(attr(child(rPrOf(normal) as XmlElement, 'w:spacing'), 'w:val'));
    expect(spacing).toBe(-5);
    // 28 glyphs of 16 pt with this spacing fit the 版心, 29 do not.
    expect(28 * (16 + spacing / 20)).toBeLessThanOrEqual(TYPE_AREA_WIDTH_PT);
    expect(29 * (16 + spacing / 20)).toBeGreaterThan(TYPE_AREA_WIDTH_PT);
  });

  it('headings 1–4 have outline levels 0–3, 3号, not bold, and the §7.3.3 fonts 黑/楷/仿/仿', () => {
    const expected = ['黑体', '楷体_GB2312', '仿宋_GB2312', '仿宋_GB2312'];
    [1, 2, 3, 4].forEach((level, i) => {
      const s = style(styles, `Heading${level}`);
      expect(attr(one(s, 'w:name'), 'w:val')).toBe(`heading ${level}`);
      expect(attr(one(s, 'w:outlineLvl'), 'w:val')).toBe(String(i));
      expect(attr(one(s, 'w:basedOn'), 'w:val')).toBe('Normal');
      expect(attr(one(s, 'w:rFonts'), 'w:eastAsia')).toBe(expected[i]);
      expect(attr(one(s, 'w:sz'), 'w:val')).toBe('32');
      expect(attr(one(s, 'w:b'), 'w:val')).toBe('false');
      expect(child(pPrOf(s) as XmlElement, 'w:keepNext')).toBeDefined();
    });
  });

  it('title 2号 小标宋 centred, attachment label 黑体 on a new page, title lines off the grid', () => {
    const title = style(styles, 'Title');
    expect(attr(one(title, 'w:rFonts'), 'w:eastAsia')).toBe('方正小标宋简体');
    expect(attr(one(title, 'w:sz'), 'w:val')).toBe('44');
    expect(attr(one(title, 'w:jc'), 'w:val')).toBe('center');
    expect(child(title, 'w:basedOn')).toBeUndefined(); // no 正文 letter spacing or indent to undo
    for (const id of ['Title', 'AttachmentTitle', 'TableText', 'TableHeader', 'PageNumberOdd']) {
      expect(attr(one(style(styles, id), 'w:snapToGrid'), 'w:val'), id).toBe('0');
    }
    const label = style(styles, 'AttachmentLabel');
    expect(attr(one(label, 'w:outlineLvl'), 'w:val')).toBe('0'); // a bookmark per attachment, as in the PDF
    expect(child(pPrOf(label) as XmlElement, 'w:pageBreakBefore')).toBeDefined();
    expect(attr(one(label, 'w:rFonts'), 'w:eastAsia')).toBe('黑体');
    expect(attr(one(style(styles, 'Subtitle'), 'w:rFonts'), 'w:eastAsia')).toBe('楷体_GB2312');
  });

  it('附件说明 hangs wrapped lines under the name; the second item starts under the first number', () => {
    const first = one(style(styles, 'AttachmentNote'), 'w:ind');
    const item = one(style(styles, 'AttachmentNoteItem'), 'w:ind');
    const left = Number(attr(first, 'w:left'));
    const indent2 = Math.round(2 * CELL_PT * 20);
    expect(left - Number(attr(first, 'w:hanging'))).toBe(indent2); // “附件：” starts 左空二字
    expect(Number(attr(item, 'w:left'))).toBe(left);
    // Later items start after “附件：” (three cells from 左空二字: cell 5); the number column holds “1. ” at half-width.
    expect(Number(attr(item, 'w:left')) - Number(attr(item, 'w:hanging'))).toBe(Math.round(5 * CELL_PT * 20));
    expect(Number(attr(item, 'w:hanging'))).toBeGreaterThanOrEqual(3 * 160);
    expect(attr(one(style(styles, 'AttachmentNote'), 'w:name'), 'w:val')).toBe('附件说明');
  });

  it('署名 right-inset 2 characters, a longer date right-aligned 右空二字, the 署名 two characters left of the date', () => {
    const organ = style(styles, 'OrganSignature');
    const date = style(styles, 'SignatureDate');
    const cell = Math.round(CELL_PT * 20);
    expect(attr(one(date, 'w:jc'), 'w:val')).toBe('right');
    expect(Number(attr(one(date, 'w:ind'), 'w:right'))).toBe(2 * cell);
    expect(attr(one(organ, 'w:jc'), 'w:val')).toBe('right');
    // In grid cells (一字): the date ends 2 cells before the right edge, the 署名 starts 2 cells left of the date.
    const organCells = gridCells(measureText('柞市镇人民政府', 'body', 16, fonts));
    const dateCells = gridCells(measureText('2022年1月5日', 'body', 16, fonts));
    const organStart = 28 - Number(attr(one(organ, 'w:ind'), 'w:right')) / (CELL_PT * 20) - organCells;
    const dateStart = 28 - 2 - dateCells;
    expect(dateStart - organStart).toBeCloseTo(2, 2);
  });

  it('a date that fits under the 署名 starts two characters right of the 署名 (left-aligned)', async () => {
    const long: DocModel = { ...model, blocks: [{ type: 'signature', organ: '中共某某县委员会办公室', date: '2022年1月5日' }] };
    const s = part(docxParts((await writeDocx(composeDocument(long, fonts), { clock: CLOCK, fonts, embedFonts: false })).bytes), 'word/styles.xml');
    const cell = Math.round(CELL_PT * 20);
    const organRight = Number(attr(one(style(s, 'OrganSignature'), 'w:ind'), 'w:right'));
    expect(organRight).toBe(2 * cell);
    const date = style(s, 'SignatureDate');
    expect(attr(one(date, 'w:jc'), 'w:val')).toBe('left');
    // The 署名 (all CJK) starts at cell 28 − 2 − 11 = 15; the date two cells right of it, at cell 17.
    expect(Number(attr(one(date, 'w:ind'), 'w:left'))).toBe(Math.round(17 * CELL_PT * 20));
  });

  it('page-number styles: 4号 宋体, odd right and even left with a one-character inset', () => {
    const odd = style(styles, 'PageNumberOdd');
    const even = style(styles, 'PageNumberEven');
    for (const s of [odd, even]) {
      expect(attr(one(s, 'w:rFonts'), 'w:eastAsia')).toBe('宋体');
      expect(attr(one(s, 'w:rFonts'), 'w:ascii')).toBe('宋体');
      expect(attr(one(s, 'w:sz'), 'w:val')).toBe('28');
    }
    expect(attr(one(odd, 'w:jc'), 'w:val')).toBe('right');
    expect(attr(one(odd, 'w:ind'), 'w:right')).toBe(String(Math.round(CELL_PT * 20)));
    expect(attr(one(even, 'w:jc'), 'w:val')).toBe('left');
    expect(attr(one(even, 'w:ind'), 'w:left')).toBe(String(Math.round(CELL_PT * 20)));
  });

  it('names whatever official family the font resolver returns', async () => {
    const other = fixtureFontSet('zh-Hans', { body: '仿宋', heading1: 'SimHei' });
    const out = docxParts((await writeDocx(composeDocument(model, other), { clock: CLOCK, fonts: other, embedFonts: false })).bytes);
    const s = part(out, 'word/styles.xml');
    expect(attr(one(style(s, 'Normal'), 'w:rFonts'), 'w:eastAsia')).toBe('仿宋');
    expect(attr(one(style(s, 'Heading1'), 'w:rFonts'), 'w:eastAsia')).toBe('SimHei');
    expect(partText(out, 'word/theme/theme1.xml')).toContain('<a:ea typeface="仿宋"/>');
  });
});

describe('theme, settings, footers', () => {
  it('no Calibri or 等线 in any part; the theme names the official families for Latin, East Asian, Hans and Hant', () => {
    for (const [name, data] of parts) {
      const text = Buffer.from(data).toString('utf8');
      expect(text, name).not.toMatch(/Calibri|等线|DengXian|Cambria/);
    }
    const theme = part(parts, 'word/theme/theme1.xml');
    const major = one(theme, 'a:majorFont');
    const minor = one(theme, 'a:minorFont');
    expect(attr(one(major, 'a:latin'), 'typeface')).toBe('黑体');
    expect(attr(one(minor, 'a:ea'), 'typeface')).toBe('仿宋_GB2312');
    for (const script of ['Hans', 'Hant']) {
      expect(all(minor, 'a:font').find((f) => f.attrs['script'] === script)?.attrs['typeface']).toBe('仿宋_GB2312');
      expect(all(major, 'a:font').find((f) => f.attrs['script'] === script)?.attrs['typeface']).toBe('黑体');
    }
  });

  it('settings: odd/even headers, no punctuation compression, East Asian theme language; schema order kept', () => {
    const settings = one(part(parts, 'word/settings.xml'), 'w:settings');
    const names = settings.children.map((c) => c.name);
    expect(names).toContain('w:evenAndOddHeaders');
    expect(attr(child(settings, 'w:characterSpacingControl'), 'w:val')).toBe('doNotCompress');
    expect(attr(child(settings, 'w:themeFontLang'), 'w:eastAsia')).toBe('zh-CN');
    const order = ['w:evenAndOddHeaders', 'w:characterSpacingControl', 'w:compat', 'w:themeFontLang'];
    expect(order.map((n) => names.indexOf(n))).toEqual([...order.map((n) => names.indexOf(n))].sort((a, b) => a - b));
  });

  it('odd (default) and even footers carry a PAGE field as “— N —”', () => {
    const sect = one(doc, 'w:sectPr');
    const refs = all(sect, 'w:footerReference').map((r) => r.attrs['w:type']);
    expect(refs.sort()).toEqual(['default', 'even']);
    const rels = partText(parts, 'word/_rels/document.xml.rels');
    for (const ref of all(sect, 'w:footerReference')) {
      const target = new RegExp(`Id="${ref.attrs['r:id']}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${ref.attrs['r:id']}"`).exec(rels)?.[1];
      const footer = part(parts, `word/${target}`);
      const p = one(footer, 'w:p');
      expect(styleOfP(p)).toBe(ref.attrs['w:type'] === 'even' ? 'PageNumberEven' : 'PageNumberOdd');
      expect(all(p, 'w:instrText').map((t) => t.text.trim())).toEqual(['PAGE']);
      expect(all(p, 'w:fldChar').map((f) => f.attrs['w:fldCharType'])).toEqual(['begin', 'separate', 'end']);
      expect(wText(p)).toBe('—  —'); // the field result is filled in by the editor
    }
  });
});

describe('content', () => {
  it('title split into a trapezoid of lines, never inside a number', () => {
    const title = paragraphs().find((p) => styleOfP(p) === 'Title') as XmlElement;
    const runs = all(title, 'w:r');
    expect(all(title, 'w:br')).toHaveLength(1);
    const lines = wText(title);
    expect(lines).toBe(model.meta.title);
    const split = titleLines(measureText(model.meta.title, 'title', 22, fonts));
    expect(split).toHaveLength(2);
    expect((split[0] ?? '').length).toBeLessThanOrEqual((split[1] ?? '').length);
    expect(split.join('')).toBe(model.meta.title);
    split.slice(1).forEach((line, i) => expect(/\d$/.test(split[i] ?? '') && /^\d/.test(line)).toBe(false));
    expect(runs.length).toBe(2);
    expect(wText(runs[0] as XmlElement)).toBe(split[0]);
  });

  it('headings keep their numbers; run-in text is in the body font by a character style', () => {
    const headings = paragraphs().filter((p) => /^Heading[1-4]$/.test(styleOfP(p) ?? ''));
    const modelHeadings = model.blocks.filter((b) => b.type === 'heading');
    expect(headings).toHaveLength(modelHeadings.length);
    headings.forEach((p, i) => {
      const h = modelHeadings[i];
      if (h?.type !== 'heading') throw new Error('heading expected');
      expect(styleOfP(p)).toBe(`Heading${h.level}`);
      expect(wText(p)).toBe(h.number + h.text + (h.runIn ?? []).map((r) => r.text).join(''));
      const runs = all(p, 'w:r');
      // Levels 1–2 are 黑体/楷体: run-in body text needs the 仿宋 character style; levels 3–4 are 仿宋 already.
      if (h.runIn?.length && h.level <= 2) expect(attr(one(runs[1] as XmlElement, 'w:rStyle'), 'w:val')).toBe('RoleBody');
      else expect(all(p, 'w:rStyle')).toHaveLength(0);
      if (h.runIn?.length) expect(attr(child(pPrOf(p) as XmlElement, 'w:keepNext'), 'w:val')).toBe('false');
    });
    expect(attr(one(style(styles, 'RoleBody'), 'w:rFonts'), 'w:eastAsia')).toBe('仿宋_GB2312');
  });

  it('every paragraph of the model is present in order, with styles instead of direct formatting', () => {
    const text = paragraphs().map(wText).join('\n');
    let from = 0;
    for (const b of model.blocks) {
      if (b.type !== 'paragraph') continue;
      const t = b.inlines.map((i) => i.text).join('');
      const at = text.indexOf(t, from);
      expect(at, t.slice(0, 20)).toBeGreaterThanOrEqual(from);
      from = at + t.length;
    }
    // No run carries its own font, size or spacing: formatting is in the styles.
    for (const r of all(one(doc, 'w:body'), 'w:rPr')) {
      for (const c of r.children) expect(['w:rStyle', 'w:rFonts'], c.name).toContain(c.name);
      const fonts = child(r, 'w:rFonts');
      if (fonts) expect(Object.keys(fonts.attrs)).toEqual(['w:hint']);
    }
  });

  it('附件说明 as “附件：1.⇥名称” then “2.⇥名称”; signature; attachments on new pages with label, title on line 3', () => {
    const ps = paragraphs();
    const notes = ps.filter((p) => /^AttachmentNote/.test(styleOfP(p) ?? ''));
    expect(notes.map(wText)).toEqual([
      '附件：1.\t柞市镇2021年各村（社区）重点项目完成情况统计表',
      '2.\t柞市镇2022年重点工作任务分解清单（含乡村振兴、生态文明建设和基层治理创新三个方面的工作安排）',
    ]);
    expect(notes.map(styleOfP)).toEqual(['AttachmentNote', 'AttachmentNoteItem']);
    expect(ps.filter((p) => styleOfP(p) === 'OrganSignature').map(wText)).toEqual(['柞市镇人民政府']);
    expect(ps.filter((p) => styleOfP(p) === 'SignatureDate').map(wText)).toEqual(['2022年1月5日']);
    const labelAt = ps.findIndex((p) => styleOfP(p) === 'AttachmentLabel');
    expect(wText(ps[labelAt] as XmlElement)).toBe('附件1');
    expect(wText(ps[labelAt + 1] as XmlElement)).toBe(''); // line 2 empty
    expect(styleOfP(ps[labelAt + 2] as XmlElement)).toBe('AttachmentTitle'); // line 3
    expect(ps.filter((p) => styleOfP(p) === 'AttachmentLabel').map(wText)).toEqual(['附件1', '附件2']);
  });

  it('a pageBreak block starts the next paragraph on a new page without an empty line', () => {
    const ps = paragraphs();
    const broken = ps.filter((p) => pPrOf(p) && child(pPrOf(p) as XmlElement, 'w:pageBreakBefore'));
    const last = model.blocks.at(-1);
    if (last?.type !== 'paragraph') throw new Error('the fixture ends with a paragraph after a page break');
    expect(broken.map(wText)).toEqual([last.inlines[0]?.text]);
    expect(all(doc, 'w:br').filter((b) => b.attrs['w:type'] === 'page')).toHaveLength(0);
  });

  it('tables: tblW, tcW and gridCol agree and sum to the 版心 width; header row repeats', () => {
    const tbl = one(doc, 'w:tbl');
    expect(one(tbl, 'w:tblW').attrs).toMatchObject({ 'w:type': 'dxa', 'w:w': '8844' });
    const grid = all(one(tbl, 'w:tblGrid'), 'w:gridCol').map((g) => Number(g.attrs['w:w']));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(8844);
    expect(attr(one(tbl, 'w:tblLayout'), 'w:type')).toBe('fixed');
    const rows = all(tbl, 'w:tr');
    const table = model.blocks.find((b) => b.type === 'table');
    if (table?.type !== 'table') throw new Error('table expected');
    expect(rows).toHaveLength(table.rows.length + 1);
    expect(child(one(rows[0] as XmlElement, 'w:trPr'), 'w:tblHeader')).toBeDefined();
    expect(child(one(rows[1] as XmlElement, 'w:trPr'), 'w:tblHeader')).toBeUndefined();
    for (const row of rows) {
      const widths = all(row, 'w:tcW').map((w) => Number(w.attrs['w:w']));
      expect(widths).toEqual(grid);
    }
    expect(rows.slice(1).map((r) => all(r, 'w:tc').map(wText))).toEqual(table.rows.map((r) => r.map((c) => c.text)));
    // Column alignment through styles: right for numbers, centre for rates.
    expect(all(rows[1] as XmlElement, 'w:pStyle').map((s) => s.attrs['w:val'])).toEqual(['TableText', 'TableText', 'TableTextRight', 'TableTextCenter']);
    expect(one(one(tbl, 'w:tblBorders'), 'w:top').attrs).toMatchObject({ 'w:val': 'single', 'w:sz': '4' }); // 0.5 pt
  });

  it('one attachment: “附件：名称” without a number, wrapped lines under the name', async () => {
    const single: DocModel = { ...model, blocks: [{ type: 'attachmentNote', items: [{ number: '', title: '柞市镇2021年各村（社区）重点项目完成情况统计表' }] }] };
    const out = docxParts((await writeDocx(composeDocument(single, fonts), { clock: CLOCK, fonts, embedFonts: false })).bytes);
    const p = all(part(out, 'word/document.xml'), 'w:p')[0] as XmlElement;
    expect(wText(p)).toBe('附件：柞市镇2021年各村（社区）重点项目完成情况统计表');
    const ind = one(style(part(out, 'word/styles.xml'), 'AttachmentNote'), 'w:ind');
    // The name hangs at cell 5: after 左空二字 and the three cells of “附件：”.
    expect(Number(attr(ind, 'w:left'))).toBe(Math.round(5 * CELL_PT * 20));
    expect(Number(attr(ind, 'w:left')) - Number(attr(ind, 'w:hanging'))).toBe(Math.round(2 * CELL_PT * 20));
  });

  it('column widths are integers that always sum exactly to the total', () => {
    const widths = columnWidthsTwip([1, 1, 1].map((weight) => ({ align: 'left' as const, weight })));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8844);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1);
    expect(columnWidthsTwip([{ align: 'left', weight: 0 }], 100)).toEqual([100]);
  });
});

describe('metadata and reproducibility', () => {
  it('core properties: title, creator and dates from the model and the clock', () => {
    const core = part(parts, 'docProps/core.xml');
    expect(one(core, 'dc:title').text).toBe(model.meta.title);
    expect(one(core, 'dc:creator').text).toBe(model.meta.organ);
    expect(one(core, 'dcterms:created').text).toBe('2022-01-05T08:30:00Z');
    expect(one(core, 'dcterms:modified').text).toBe('2022-01-05T08:30:00Z');
  });

  it('is byte-identical across builds at different times and in different time zones', async () => {
    const tz = process.env['TZ'];
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(Date.UTC(2031, 5, 1, 12)));
      process.env['TZ'] = 'Asia/Shanghai';
      const a = (await writeDocx(composeDocument(model, fonts), { clock: CLOCK, fonts, embedFonts: false })).bytes;
      vi.setSystemTime(new Date(Date.UTC(2040, 0, 2, 3)));
      process.env['TZ'] = 'America/New_York';
      const b = (await writeDocx(composeDocument(model, fonts), { clock: CLOCK, fonts, embedFonts: false })).bytes;
      expect(a.equals(b)).toBe(true);
      expect(a.equals(bytes)).toBe(true);
    } finally {
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    }
  });

  it('zip entries carry the clock as their time, in every time zone', () => {
    // Local file headers: DOS time at offset 10, date at 12.
    const dos = (date: Date) => ({
      time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
      date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    });
    const expected = dos(CLOCK);
    let at = 0;
    let count = 0;
    while (bytes.readUInt32LE(at) === 0x04034b50) {
      expect({ time: bytes.readUInt16LE(at + 10), date: bytes.readUInt16LE(at + 12) }).toEqual(expected);
      const size = bytes.readUInt32LE(at + 18);
      at += 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28) + size;
      count++;
    }
    expect(count).toBe(parts.size);
    expect([...parts.keys()].slice(0, 2)).toEqual(['[Content_Types].xml', '_rels/.rels']);
  });

  it('writes zh-TW for the Traditional edition', async () => {
    const tw: DocModel = { ...model, meta: { ...model.meta, edition: 'zh-Hant', language: 'zh-TW' } };
    const out = docxParts((await writeDocx(composeDocument(tw, fixtureFontSet('zh-Hant')), { clock: CLOCK, fonts: fixtureFontSet('zh-Hant'), embedFonts: false })).bytes);
    expect(one(part(out, 'word/styles.xml'), 'w:lang').attrs).toMatchObject({ 'w:eastAsia': 'zh-TW' });
    expect(attr(one(part(out, 'word/settings.xml'), 'w:themeFontLang'), 'w:eastAsia')).toBe('zh-TW');
  });
});

/** A TrueType collection of whole fonts (test input for extractFace): shared header, one directory per face. */
function buildCollection(fonts: Buffer[]): Buffer {
  const tablesOf = (f: Buffer) =>
    Array.from({ length: f.readUInt16BE(4) }, (_, i) => {
      const r = 12 + i * 16;
      return { rec: f.subarray(r, r + 16), data: f.subarray(f.readUInt32BE(r + 8), f.readUInt32BE(r + 8) + f.readUInt32BE(r + 12)) };
    });
  const header = 12 + 4 * fonts.length;
  const dirs = fonts.map((f) => 12 + 16 * f.readUInt16BE(4));
  let at = header + dirs.reduce((x, y) => x + y, 0);
  const chunks: Buffer[] = [];
  const head = Buffer.alloc(header);
  head.write('ttcf', 0, 'latin1');
  head.writeUInt32BE(0x00010000, 4);
  head.writeUInt32BE(fonts.length, 8);
  const data: Buffer[] = [];
  let dirAt = header;
  fonts.forEach((f, i) => {
    head.writeUInt32BE(dirAt, 12 + 4 * i);
    const dir = Buffer.from(f.subarray(0, 12 + 16 * f.readUInt16BE(4)));
    tablesOf(f).forEach((t, k) => {
      dir.writeUInt32BE(at, 12 + 16 * k + 8);
      const padded = Buffer.alloc((t.data.length + 3) & ~3);
      t.data.copy(padded);
      data.push(padded);
      at += padded.length;
    });
    chunks.push(dir);
    dirAt += dir.length;
  });
  return Buffer.concat([head, ...chunks, ...data]);
}

/** ECMA-376 Part 2 font obfuscation: XOR of the first 32 bytes with the reversed GUID bytes (self-inverse). */
function deobfuscate(data: Uint8Array, fontKey: string): Buffer {
  const key = (fontKey.replace(/[{}-]/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16)).reverse();
  const out = Buffer.from(data);
  for (let i = 0; i < 32; i++) out[i] = (out[i] ?? 0) ^ (key[i % 16] ?? 0);
  return out;
}

describe('font table (substitution without the office fonts)', () => {
  const entries = (p: Map<string, Uint8Array>): Record<string, Record<string, unknown>> =>
    Object.fromEntries(
      all(part(p, 'word/fontTable.xml'), 'w:font').map((f) => [
        f.attrs['w:name'],
        Object.fromEntries(f.children.map((c) => [c.name, c.name === 'w:sig' ? c.attrs : c.attrs['w:val']])),
      ]),
    );

  it('describes every office family: alternative name, PANOSE, GB2312 charset, family, pitch, signature', () => {
    const table = entries(parts);
    expect(Object.keys(table).sort()).toEqual(['仿宋_GB2312', '宋体', '方正小标宋简体', '楷体_GB2312', '黑体'].sort());
    expect(table['仿宋_GB2312']).toMatchObject({ 'w:altName': '仿宋', 'w:panose1': '02010609030101010101', 'w:charset': '86', 'w:family': 'modern', 'w:pitch': 'fixed' });
    expect(table['楷体_GB2312']).toMatchObject({ 'w:altName': '楷体', 'w:charset': '86' });
    expect(table['黑体']).toMatchObject({ 'w:altName': 'SimHei', 'w:panose1': '02010609060101010101', 'w:charset': '86' });
    expect(table['宋体']).toMatchObject({ 'w:altName': 'SimSun', 'w:panose1': '02010600030101010101', 'w:family': 'auto', 'w:pitch': 'variable' });
    // 小标宋: a bold 宋体-class face (PANOSE weight 8, serif family), 华文中宋 as the alternative.
    expect(table['方正小标宋简体']).toMatchObject({ 'w:altName': '华文中宋', 'w:panose1': '02010800030101010101', 'w:family': 'roman' });
    for (const entry of Object.values(table)) {
      expect(Object.keys(entry)).toEqual(['w:altName', 'w:panose1', 'w:charset', 'w:family', 'w:pitch', 'w:sig']); // schema order
      expect(entry['w:sig']).toMatchObject({ 'w:usb0': expect.stringMatching(/^[0-9A-F]{8}$/), 'w:csb0': expect.stringMatching(/^[0-9A-F]{8}$/) });
    }
  });

  it('declares Big5 (136 = hex 88) in the Traditional edition, with the faces Traditional Windows has as alternatives', async () => {
    const hant = fixtureFontSet('zh-Hant', { body: '仿宋', subtitle: '楷体', heading2: '楷体', title: '方正小标宋_GBK' });
    const hantModel = { ...model, meta: { ...model.meta, edition: 'zh-Hant' as const, language: 'zh-TW' as const } };
    const out = docxParts((await writeDocx(composeDocument(hantModel, hant), { clock: CLOCK, fonts: hant, embedFonts: false })).bytes);
    const table = entries(out);
    for (const entry of Object.values(table)) expect(entry['w:charset']).toBe('88');
    expect(table['楷体']).toMatchObject({ 'w:altName': '標楷體' });
    expect(table['宋体']).toMatchObject({ 'w:altName': '新細明體' });
    expect(table['仿宋']).toMatchObject({ 'w:altName': 'FangSong' });
  });
});

describe('--embed-fonts', () => {
  const require = createRequire(import.meta.url);
  const fontkit = require('fontkit') as { create(b: Buffer): { hasGlyphForCodePoint(cp: number): boolean; familyName: string } };
  let embedded: { bytes: Buffer; embeddedBytes?: number };

  beforeAll(async () => {
    embedded = await writeDocx(composeDocument(model, fonts), { clock: CLOCK, fonts, embedFonts: true });
  }, 30_000);

  it('embeds one subset per official family, renamed to that family, covering exactly the characters used', () => {
    const out = docxParts(embedded.bytes);
    expect(one(part(out, 'word/settings.xml'), 'w:embedTrueTypeFonts')).toBeDefined();
    const table = part(out, 'word/fontTable.xml');
    const rels = partText(out, 'word/_rels/fontTable.xml.rels');
    const families = new Set(Object.values(FIXTURE_ROLES).map(([name]) => name));
    const fontsInTable = all(table, 'w:font');
    expect(fontsInTable.map((f) => f.attrs['w:name']).sort()).toEqual([...families].sort());
    const bodyText = model.blocks.flatMap((b) => (b.type === 'paragraph' ? b.inlines.map((i) => i.text) : [])).join('');
    for (const f of fontsInTable) {
      const embed = one(f, 'w:embedRegular');
      expect(embed.attrs['w:subsetted']).toBe('1');
      const target = new RegExp(`Id="${embed.attrs['r:id']}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${embed.attrs['r:id']}"`).exec(rels)?.[1];
      const data = out.get(`word/${target}`);
      expect(data, String(target)).toBeDefined();
      const ttf = deobfuscate(data as Uint8Array, embed.attrs['w:fontKey'] ?? '');
      expect(familyNames(ttf)).toEqual([f.attrs['w:name']]);
      const font = fontkit.create(ttf);
      expect(font.familyName).toBe(f.attrs['w:name']);
      expect(font.hasGlyphForCodePoint('龘'.codePointAt(0) ?? 0)).toBe(false); // a subset, not the whole face
      if (f.attrs['w:name'] === '仿宋_GB2312') for (const ch of new Set(bodyText)) expect(font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0), ch).toBe(true);
      if (f.attrs['w:name'] === '宋体') for (const ch of '— 0123456789') expect(font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0), ch).toBe(true);
    }
  });

  it('reports the embedded size, stays byte-identical, and is off by default', async () => {
    const again = await writeDocx(composeDocument(model, fonts), { clock: CLOCK, fonts, embedFonts: true });
    expect(again.bytes.equals(embedded.bytes)).toBe(true);
    // The font programs embedded (uncompressed subsets); the package grows by about their deflated size.
    expect(embedded.embeddedBytes ?? 0).toBeGreaterThan(10_000);
    expect(embedded.bytes.length - bytes.length).toBeGreaterThan((embedded.embeddedBytes ?? 0) / 4);
    // Subsets, not whole faces: the 15 MB body face alone would dwarf this.
    expect(embedded.bytes.length).toBeLessThan(2_000_000);
    expect([...parts.keys()].some((k) => k.startsWith('word/fonts/'))).toBe(false);
  });

  it('takes the right face out of a font collection (TTC) before subsetting', () => {
    const a = readFileSync(FIXTURE_FACES.serifLight);
    const b = readFileSync(FIXTURE_FACES.sans);
    const ttc = buildCollection([a, b]);
    const face = extractFace(ttc, 'NotoSansSC-Regular');
    const font = fontkit.create(face) as unknown as { postscriptName: string; numGlyphs: number };
    expect(font.postscriptName).toBe('NotoSansSC-Regular');
    expect(font.numGlyphs).toBe((fontkit.create(b) as unknown as { numGlyphs: number }).numGlyphs);
    expect(extractFace(a, 'anything').equals(a)).toBe(true); // a plain font is returned as is
  });

  it('writes an embedded face under the office family name, with its outlines', () => {
    const source = realFontkit.create(readFileSync(FIXTURE_FACES.sans));
    if ('fonts' in source) throw new Error('a collection');
    const renamed = trueTypeSubset(source, '黑体', undefined, familyNameTable('黑体', 'zh-CN'));
    expect(familyNames(renamed)).toEqual(['黑体']);
    const font = fontkit.create(renamed);
    expect(font.hasGlyphForCodePoint('黑'.codePointAt(0) ?? 0)).toBe(true);
    // Table checksum adjustment: the whole font sums to 0xB1B0AFBA.
    let sum = 0;
    const padded = Buffer.concat([renamed, Buffer.alloc((4 - (renamed.length % 4)) % 4)]);
    for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});
