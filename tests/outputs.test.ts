// The default report's written files, read back: every paragraph in order in the PDF text, correct Simplified and
// Traditional editions (no seed conversion errors, no residue, project terms applied), the attachment note and
// attachment pages in PDF and DOCX with the table's numbers matching the text, and no glyph drawn from a font
// that lacks it.
import { expect } from 'vitest';
import { needs } from './support/tools.ts';
import * as OpenCC from 'opencc-js';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { defaultBuild, docxPart, docxText, flat, output, pdfText } from './support/default-build.ts';
import { measurePdf } from './support/pdf-geometry.ts';
import { findSimplifiedResidue } from '../src/normalize/script-check.ts';
import { PACKAGE_ROOT } from '../src/world.ts';
import type { Compilation } from '../src/compile/index.ts';
import type { BodyNode, Report } from '../src/load/schema.ts';
import type { DocModel } from '../src/model/types.ts';
import { hermeticFonts } from './support/build-pdf.ts';
import { FONT_ROLES } from '../src/model/types.ts';

const { beforeAll, describe, it } = needs('mutool', 'pdftotext');

const SEED_ERRORS = ['全麵', '製定', '同誌', '曆程', '係列', '複綠', '機製', '局麵', '遏製', '負麵', '對錶', '鬥山'];
const report = parse(readFileSync(path.join(PACKAGE_ROOT, 'data/report.yaml'), 'utf8')) as Report;

let result: Compilation;
let hans: { pdf: string; docx: string };
let hant: { pdf: string; docx: string };
const model = (edition: string): DocModel => JSON.parse(output(result, `debug/model.${edition}.json`).toString('utf8')) as DocModel;

beforeAll(async () => {
  ({ result } = await defaultBuild());
  // Page numbers (“— N —”) stand between the lines of a paragraph that runs over a page: drop them.
  const text = (pdf: Buffer) => pdfText(pdf).replace(/^\s*—\s*\d+\s*—\s*$/gm, '');
  hans = { pdf: text(output(result, '（简体）.pdf')), docx: docxText(output(result, '（简体）.docx')) };
  hant = { pdf: text(output(result, '（繁體）.pdf')), docx: docxText(output(result, '（繁體）.docx')) };
}, 120_000);

/** The report's paragraphs and headings in reading order (numbers excluded). */
function bodyTexts(nodes: readonly BodyNode[]): string[] {
  return nodes.flatMap((n) => ('p' in n ? [n.p] : 'heading' in n ? [n.heading + (n.runIn ?? ''), ...bodyTexts(n.body ?? [])] : []));
}

describe('zh-Hans edition', () => {
  it('contains every paragraph of the report once, in order, in the PDF and the DOCX', () => {
    for (const text of [flat(hans.pdf), flat(hans.docx)]) {
      let at = 0;
      for (const p of bodyTexts(report.body)) {
        const found = text.indexOf(flat(p), at);
        expect(found, p.slice(0, 20)).toBeGreaterThanOrEqual(at);
        expect(text.indexOf(flat(p), found + 1), `twice: ${p.slice(0, 20)}`).toBe(-1);
        at = found + flat(p).length;
      }
    }
  });

  it('carries generated heading numbers and full-width punctuation', () => {
    expect(flat(hans.pdf)).toContain('一、2021年工作总结');
    expect(flat(hans.pdf)).toContain('（一）筑牢强党根基');
    expect(flat(hans.pdf)).toContain('二、2022年工作计划');
    expect(flat(hans.pdf)).toContain('（一）全力推进政策执行');
    expect(hans.pdf).not.toMatch(/[\u4e00-\u9fff][,:;()?!]|[,:;()?!][\u4e00-\u9fff]/u);
    expect(hans.pdf).not.toContain('"');
  });
});

describe('zh-Hant edition', () => {
  it('has none of the seed’s conversion errors and no Simplified residue, in the PDF and the DOCX', () => {
    for (const text of [hant.pdf, hant.docx]) {
      for (const bad of SEED_ERRORS) expect(text, bad).not.toContain(bad);
      expect(findSimplifiedResidue(text).map((h) => h.char)).toEqual([]);
    }
  });

  it('applies the project dictionary and protects place names', () => {
    for (const text of [flat(hant.pdf), flat(hant.docx)]) {
      expect(text).toContain('對標對表');
      expect(text).toContain('3000隻');
      expect(text).toContain('柞市鎮');
      expect(text).toContain('斗山');
      expect(text).toContain('全面貫徹');
      expect(text).toContain('百年歷程');
    }
  });

  it('converts back to the zh-Hans text with OpenCC tw→cn (no exceptions; 「」『』 read back as “”‘’)', () => {
    const tw2cn = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const curly: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' };
    const back = (t: string) => tw2cn(t).replace(/[「」『』]/g, (q: string) => curly[q] ?? q);
    const texts = (m: DocModel) => m.blocks.flatMap((b) => ('text' in b ? [b.text] : b.type === 'paragraph' ? b.inlines.map((i) => i.text) : []));
    const hansTexts = texts(model('zh-Hans'));
    const hantTexts = texts(model('zh-Hant'));
    expect(hantTexts.length).toBe(hansTexts.length);
    hantTexts.forEach((t, i) => expect(back(t)).toBe(hansTexts[i]));
  });

  it('tags the documents with the Traditional language', () => {
    expect(model('zh-Hant').meta.language).toBe('zh-TW');
    expect(docxPart(output(result, '（繁體）.docx'), 'word/styles.xml')).toContain('w:eastAsia="zh-TW"');
  });

  it('names fonts with Traditional glyphs in the Traditional DOCX (仿宋, not 仿宋_GB2312)', () => {
    const hantStyles = docxPart(output(result, '（繁體）.docx'), 'word/styles.xml');
    const hansStyles = docxPart(output(result, '（简体）.docx'), 'word/styles.xml');
    expect(hansStyles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(hantStyles).toContain('w:eastAsia="仿宋"');
    expect(hantStyles).toContain('w:eastAsia="楷体"');
    expect(hantStyles).not.toContain('_GB2312');
  });
});

describe('attachments', () => {
  it('lists the attachment after the body and lays out its page in PDF and DOCX', () => {
    const title = report.attachments![0]!.title;
    for (const text of [flat(hans.pdf), flat(hans.docx)]) {
      const note = text.indexOf(`附件：${title}`);
      expect(note).toBeGreaterThan(0);
      // Label, title, then the table's first header cells (Poppler reads a table's columns in its own order).
      expect(text.indexOf(`附件${title}序号类别项目`, note)).toBeGreaterThan(note);
    }
    expect(flat(hans.docx)).toContain(`附件${title}序号类别项目数值单位正文位置1党的建设`);
  });

  it('states only numbers that are in the text, at the section the table names', () => {
    const table = model('zh-Hans').blocks.find((b) => b.type === 'table');
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    expect(table.rows.length).toBe(report.figures!.length);
    const sections = new Map<string, string>();
    const walk = (nodes: readonly BodyNode[], trail: string, level: number) => {
      let ordinal = 0;
      for (const n of nodes) {
        if ('p' in n) sections.set(trail, (sections.get(trail) ?? '') + n.p);
        else if ('heading' in n) {
          ordinal++;
          const cn = '一二三四五六七八九十'[ordinal - 1]!;
          const here = trail + (level === 1 ? cn : level === 2 ? `（${cn}）` : `${ordinal}.`);
          sections.set(here, (sections.get(here) ?? '') + n.heading + (n.runIn ?? ''));
          walk(n.body ?? [], here, level + 1);
        }
      }
    };
    walk(report.body, '', 1);
    for (const [index, category, item, value, unit, where] of table.rows.map((r) => r.map((c) => c.text))) {
      const f = report.figures![Number(index) - 1]!;
      expect([category, item, unit]).toEqual([f.category, f.item, f.unit]);
      expect(Number(value!.replace(/,/g, '').replace('余', ''))).toBe(f.value);
      const stated = f.text ?? `${f.value}${f.unit}`;
      expect(sections.get(where!) ?? '', `${item} in ${where}`).toMatch(new RegExp(`(^|[^\\d.,])${stated.replace(/[.]/g, '\\.')}`));
    }
  });
});

describe('glyphs', () => {
  it('draws every character with a font that has it (no empty boxes), in both editions', () => {
    for (const edition of ['zh-Hans', 'zh-Hant'] as const) {
      const fonts = hermeticFonts(edition);
      // The faces as the build parsed them (a face npm ships in WOFF2 pieces is one joined face, split-face.ts).
      const byName = new Map<string, fontkit.Font>();
      for (const role of FONT_ROLES) for (const face of fonts.roles[role].chain) byName.set(face.postscriptName, face.fontkitFont());
      const pages = measurePdf(output(result, edition === 'zh-Hans' ? '（简体）.pdf' : '（繁體）.pdf'));
      let checked = 0;
      for (const page of pages)
        for (const line of page.lines)
          for (const ch of line.chars) {
            const name = ch.font.replace(/^[A-Z]{6}\+/, '');
            const font = byName.get(name);
            expect(font, `embedded font ${name}`).toBeDefined();
            // A real glyph in the face's cmap (not .notdef).
            expect(font!.glyphForCodePoint(ch.c.codePointAt(0)!).id, `${ch.c} in ${name}`).not.toBe(0);
            checked++;
          }
      expect(checked).toBeGreaterThan(4000);
    }
  });
});
