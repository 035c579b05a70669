// The 版头 and 版记 of the DOCX (issue #14), rendered: LibreOffice (headless, a profile of its own) converts the DOCX of
// every example, and of the two other 版记 placements (alone after an odd page; after a blank page), to PDF, and
// MuPDF measures it as it measures our PDF (tests/support/masthead-build.ts). LibreOffice resolves the office family
// names through tests/fixtures/docx-fontconfig.conf (the same open faces). Asserts, within 1 mm of our PDF: the 标志's
// red ink top, each red rule (position, length), the 发文字号 line, the title, each 版记 rule and the last one on the
// 版心's bottom edge; the same pages without page numbers; the same page count. The numbers measured are printed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { needs } from './support/tools.ts';
import { TYPE_AREA_BOTTOM, buildData, buildExample, exampleText, measure, mm, withLines, type Built, type Measured } from './support/masthead-build.ts';

const { beforeAll, describe, it } = needs('soffice', 'mutool');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FONTCONFIG = path.join(HERE, 'fixtures/docx-fontconfig.conf');
/** The tolerance between the two renderings. */
const WITHIN_MM = 1;

const CASES = ['file', 'upward', 'joint', 'letter', 'minutes', 'alone', 'blank'] as const;
type Case = (typeof CASES)[number];

/** The 文件 example with a body of `count` one-line paragraphs: the first count whose 版记 placement `want`s. */
async function variant(want: (b: Built) => boolean, from: number, to: number): Promise<Built> {
  for (let count = from; count <= to; count++) {
    const b = await buildData(withLines(exampleText('file'), count));
    if (want(b)) return b;
  }
  throw new Error('no body length gives the case');
}

describe('LibreOffice draws the DOCX 版头 and 版记 where our PDF has them', () => {
  let dir: string;
  const ours = new Map<Case, Measured>();
  const lo = new Map<Case, Measured>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongwen-masthead-lo-'));
    const built = new Map<Case, Built>();
    for (const name of ['file', 'upward', 'joint', 'letter', 'minutes'] as const) built.set(name, await buildExample(name));
    built.set('alone', await variant((b) => b.edition.layout.colophon?.alone === true && !b.edition.layout.colophon.blankBefore, 1, 40));
    built.set('blank', await variant((b) => b.edition.layout.colophon?.blankBefore === true, 25, 70));
    for (const [name, b] of built) writeFileSync(path.join(dir, `${name}.docx`), b.docx);
    const started = performance.now();
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...CASES.map((c) => path.join(dir, `${c}.docx`))], {
      env: { ...process.env, FONTCONFIG_FILE: FONTCONFIG, HOME: dir },
      stdio: 'ignore',
      timeout: 180_000,
    });
    for (const [name, b] of built) {
      ours.set(name, measure(b.pdf));
      lo.set(name, measure(readFileSync(path.join(dir, `${name}.pdf`))));
    }
    console.info(`LibreOffice converted ${CASES.length} DOCX in ${Math.round(performance.now() - started)} ms`);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const delta = (name: Case, what: string, a: number, b: number, report: string[]) => {
    const d = mm(b) - mm(a);
    report.push(`${what} ${mm(a).toFixed(2)}/${mm(b).toFixed(2)} (${d >= 0 ? '+' : ''}${d.toFixed(2)})`);
    expect(Math.abs(d), `${name}: ${what} — ours ${mm(a).toFixed(2)} mm, LibreOffice ${mm(b).toFixed(2)} mm`).toBeLessThanOrEqual(WITHIN_MM);
  };

  for (const name of CASES) {
    it(`${name}: the same pages, the 标志, the red rules, the 发文字号, the title and the 版记 within 1 mm; the same pages unnumbered`, () => {
      const a = ours.get(name) as Measured;
      const b = lo.get(name) as Measured;
      const report: string[] = [];
      expect(b.pages.length, 'page count').toBe(a.pages.length);
      expect(b.pageNumbers.map((n) => n === ''), 'unnumbered pages').toEqual(a.pageNumbers.map((n) => n === ''));
      delta(name, '标志 ink top', a.mark.top, b.mark.top, report);
      expect(b.redRules.length, 'red rules').toBe(a.redRules.length);
      a.redRules.forEach((r, i) => {
        const s = b.redRules[i];
        if (!s) return;
        delta(name, `red rule ${i + 1} top`, r.y - r.width / 2, s.y - s.width / 2, report);
        delta(name, `red rule ${i + 1} left`, r.x1, s.x1, report);
        delta(name, `red rule ${i + 1} right`, r.x2, s.x2, report);
      });
      if (a.docNumber) delta(name, '发文字号 baseline', a.docNumber.line.baseline, b.docNumber?.line.baseline ?? 0, report);
      if (a.title) delta(name, 'title ink top', a.title.inkTop, b.title?.inkTop ?? 0, report);
      expect(b.lastRules.length, '版记 rules').toBe(a.lastRules.length);
      a.lastRules.forEach((r, i) => {
        const s = b.lastRules[i];
        if (!s) return;
        delta(name, `版记 rule ${i + 1} top`, r.y - r.width / 2, s.y - s.width / 2, report);
        delta(name, `版记 rule ${i + 1} left`, r.x1, s.x1, report);
        delta(name, `版记 rule ${i + 1} right`, r.x2, s.x2, report);
      });
      const last = b.lastRules.at(-1);
      if (last) delta(name, '版记 last rule bottom vs 版心 bottom', TYPE_AREA_BOTTOM, last.y + last.width / 2, report);
      console.info(`${name} (ours/LibreOffice, mm): ${report.join('; ')}`);
    });
  }

  it('blank: the blank page has nothing on it in LibreOffice either', () => {
    const b = lo.get('blank') as Measured;
    expect(b.pages.at(-2)?.lines).toEqual([]);
  });
});
