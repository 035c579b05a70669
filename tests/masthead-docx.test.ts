// The DOCX 版头 and 版记 as Word structures (issue #14), read from the written package of every example: the 标志 a
// paragraph of the 发文机关标志 style coloured red (its text the composed mark), the red rule the bottom border of a
// paragraph as wide as the 版心 (a 信函: the double-line borders), the 版记 rules bottom borders of paragraphs at the end
// of the body (sz 8 / 6 / 8 for 0.35 / 0.25 / 0.35 mm), --red cmyk converted to RGB; and 0 errors from the Open XML SDK
// validator (Microsoft 365 schemas) for every example's DOCX. Where they land when rendered: masthead-libreoffice.test.ts.
import validate from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Compiler } from '../src/compile/index.ts';
import { PACKAGE_ROOT } from '../src/world.ts';
import { EXAMPLES, buildData, buildExample, type Built, type Example } from './support/masthead-build.ts';
import { all, child, docxParts, one, part, style, wText, type XmlElement } from './fixtures/docx-xml.ts';

const NAMES = Object.keys(EXAMPLES) as Example[];
const built = new Map<Example, Built>();
const compiler = new Compiler();
beforeAll(async () => {
  for (const name of NAMES) built.set(name, await buildExample(name, {}, compiler));
}, 180_000);

const documentOf = (b: Built): XmlElement => part(docxParts(b.docx), 'word/document.xml');
const paragraphs = (doc: XmlElement): XmlElement[] => all(one(doc, 'w:body'), 'w:p').filter((p) => p.parent?.name === 'w:body');
const styleOf = (p: XmlElement): string | undefined => child(child(p, 'w:pPr') ?? p, 'w:pStyle')?.attrs['w:val'];
const bottomBorder = (p: XmlElement): XmlElement | undefined => {
  const pBdr = child(child(p, 'w:pPr') ?? p, 'w:pBdr');
  return pBdr ? child(pBdr, 'w:bottom') : undefined;
};

describe('the DOCX 版头 and 版记 of the examples', () => {
  for (const name of NAMES) {
    describe(name, () => {
      it('has the 标志 as the first paragraph of its style, red (FF0000) by the style, with the composed mark text', () => {
        const b = built.get(name) as Built;
        const parts = docxParts(b.docx);
        const mark = b.edition.composed.blocks.find((x) => x.kind === 'masthead');
        if (mark?.kind !== 'masthead') throw new Error('no masthead');
        const styles = part(parts, 'word/styles.xml');
        const issuerStyle = style(styles, 'IssuerMark');
        expect(one(issuerStyle, 'w:color').attrs['w:val']).toBe('FF0000');
        const text = [...mark.mark.map((t) => t.text), ...(mark.suffix ? [mark.suffix.text] : [])].join('');
        // The stacked names of a 联合行文 are table cells, the others one paragraph.
        const marked = all(one(documentOf(b), 'w:body'), 'w:p').filter((p) => styleOf(p) === 'IssuerMark');
        expect(marked.map(wText).join('')).toBe(text);
      });

      it('draws the red rule(s) as paragraph bottom borders in red, before the title', () => {
        const b = built.get(name) as Built;
        const ps = paragraphs(documentOf(b));
        const title = ps.findIndex((p) => styleOf(p) === 'Title');
        const red = ps.slice(0, title).map(bottomBorder).filter((x): x is XmlElement => x?.attrs['w:color'] === 'FF0000');
        if (name === 'letter') expect(red.map((r) => r.attrs['w:val'])).toEqual(['thickThinSmallGap']);
        else expect(red.map((r) => [r.attrs['w:val'], r.attrs['w:sz']])).toEqual([['single', '8']]);
      });

      it('ends the body with the 版记: black bottom-border rules (first and last sz 8, a middle one sz 6), 抄送 with its 。', () => {
        const b = built.get(name) as Built;
        const ps = paragraphs(documentOf(b));
        const copyTo = ps.findIndex((p) => styleOf(p) === 'CopyTo');
        const colophon = b.edition.composed.blocks.find((x) => x.kind === 'colophon');
        const hasCopyTo = colophon?.kind === 'colophon' && colophon.copyTo !== undefined;
        expect(copyTo >= 0).toBe(hasCopyTo);
        if (hasCopyTo) expect(wText(ps[copyTo] as XmlElement)).toMatch(/^抄送：.+。$/);
        // The 版记 starts after the last paragraph of the body that is not its own (the 成文日期, 附注 or 出席名单).
        const start = ps.findIndex((p, i) => i > ps.findIndex((q) => styleOf(q) === 'Title') && styleOf(p) === 'MastheadSpacer');
        const rules = ps.slice(start).map(bottomBorder).filter((x): x is XmlElement => x !== undefined);
        if (name === 'letter') {
          // §10.1: a 信函's 版记 has neither 印发 line nor rules.
          expect(rules).toEqual([]);
          expect(ps.some((p) => styleOf(p) === 'Imprint')).toBe(false);
          return;
        }
        expect(rules.every((r) => r.attrs['w:color'] === '000000' && r.attrs['w:val'] === 'single')).toBe(true);
        expect(rules.map((r) => r.attrs['w:sz'])).toEqual(hasCopyTo ? ['8', '6', '8'] : ['8', '8']);
        expect(wText(ps.find((p) => styleOf(p) === 'Imprint') as XmlElement)).toMatch(/^\t.+\t\d{4}年\d{1,2}月\d{1,2}日印发$/);
      });

      it('reports 0 errors from the OOXML validator (Microsoft 365)', async () => {
        expect(await validate(new Uint8Array((built.get(name) as Built).docx), 'docx', 'Microsoft365')).toEqual([]);
      }, 60_000);
    });
  }

  it('--red cmyk:0,90,80,10 reaches the DOCX as RGB (1 − C)(1 − K) …: E6172E on the 标志 style and the rule', async () => {
    const dark = await buildExample('file', { red: { space: 'cmyk', cmyk: [0, 90, 80, 10] } }, compiler);
    const styles = part(docxParts(dark.docx), 'word/styles.xml');
    expect(one(style(styles, 'IssuerMark'), 'w:color').attrs['w:val']).toBe('E6172E');
    const rule = paragraphs(documentOf(dark)).map(bottomBorder).find((x) => x?.attrs['w:color'] !== undefined && x.attrs['w:color'] !== '000000');
    expect(rule?.attrs['w:color']).toBe('E6172E');
  }, 120_000);
});

describe('the default report is a meeting material (kind: material): no 版头, no 版记, outputs as before', () => {
  it('compiles to the same PDF and DOCX bytes with and without an explicit kind: material, with no 版头/版记 block or red ink', async () => {
    const text = readFileSync(path.join(PACKAGE_ROOT, 'data/report.yaml'), 'utf8');
    expect(text).not.toMatch(/^\s+kind:/m);
    const implicit = await buildData(text, 'data/report.yaml', {}, compiler);
    const withKind = text.replace(/^meta:\n/m, 'meta:\n  kind: material\n');
    expect(withKind).not.toBe(text);
    const explicit = await buildData(withKind, 'data/report.yaml', {}, compiler);
    expect(explicit.pdf.equals(implicit.pdf)).toBe(true);
    expect(explicit.docx.equals(implicit.docx)).toBe(true);
    expect(implicit.edition.composed.blocks.filter((b) => b.kind === 'masthead' || b.kind === 'colophon')).toEqual([]);
    expect(implicit.edition.layout.pages.flatMap((p) => [...p.runs, ...p.rules]).filter((x) => x.ink !== undefined)).toEqual([]);
    expect(all(part(docxParts(implicit.docx), 'word/styles.xml'), 'w:style').some((x) => x.attrs['w:styleId'] === 'IssuerMark')).toBe(false);
  }, 180_000);
});
