/**
 * Stage: preview — one page as the browser draws it. Input: a PageLayout (the very positions the PDF writer draws)
 * and the faces by key → an SVG document of the A4 page in PDF points: every line one <text>, every glyph run in it
 * a <tspan> whose characters are placed one by one at the layout's x positions (advance + the run's spacing, what
 * PDF's Tc does), in the face the layout chose, served by the preview as a web font; table rules as lines; the page
 * number; the 版头's red on its runs and rules. Real text, one element per line, so the browser can select, copy and
 * search it (“2021年” is found although its digits and 年 are separate runs in separate faces).
 */
import { PAPER_HEIGHT_MM, PAPER_WIDTH_MM } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontFace } from '../fonts/types.ts';
import type { GlyphRun, PageLayout } from '../layout/types.ts';
import { DEFAULT_RED, redHex, type Ink } from '../gbt9704/ink.ts';

/** The 版头's red on screen (the preview shows the default red whatever `--red` a print file uses). */
const inkColor = (ink: Ink | undefined): string | undefined => (ink === 'red' ? `#${redHex(DEFAULT_RED)}` : undefined);

const PAGE_WIDTH_PT = mmToPt(PAPER_WIDTH_MM);
const PAGE_HEIGHT_PT = mmToPt(PAPER_HEIGHT_MM);

const num = (x: number) => Number(x.toFixed(3)).toString();
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The x of every UTF-16 unit of a run (SVG positions per unit; both halves of a pair get the pair's x). */
function glyphXs(run: GlyphRun, face: FontFace | undefined): number[] {
  const xs: number[] = [];
  let x = run.x;
  for (const ch of run.text) {
    const cp = ch.codePointAt(0) ?? 0;
    for (let u = 0; u < ch.length; u++) xs.push(x);
    x += (face ? face.advancePt(cp, run.sizePt) : run.sizePt) + run.charSpacing;
  }
  return xs;
}

function runSpan(run: GlyphRun, face: FontFace | undefined, family: string): string {
  const fill = inkColor(run.ink);
  return `<tspan font-family="${family}, serif" font-size="${num(run.sizePt)}"${fill ? ` fill="${fill}"` : ''} x="${glyphXs(run, face).map(num).join(' ')}" y="${num(run.baseline)}">${escapeXml(run.text)}</tspan>`;
}

/** Consecutive runs on one baseline: one line of text. */
function lines(runs: readonly GlyphRun[]): GlyphRun[][] {
  const out: GlyphRun[][] = [];
  for (const run of runs) {
    const line = out.at(-1);
    if (line && Math.abs((line[0]?.baseline ?? 0) - run.baseline) < 0.01) line.push(run);
    else out.push([run]);
  }
  return out;
}

/** The SVG of one page. `family` names the CSS font family the preview serves for a face key. */
export function pageSvg(page: PageLayout, faces: ReadonlyMap<string, FontFace>, family: (faceKey: string) => string): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${num(PAGE_WIDTH_PT)} ${num(PAGE_HEIGHT_PT)}" data-page="${page.index}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  for (const line of [...lines(page.runs), ...lines(page.pageNumber ?? [])])
    parts.push(`<text>${line.map((run) => runSpan(run, faces.get(run.faceKey), family(run.faceKey))).join('')}</text>`);
  for (const r of page.rules)
    parts.push(`<line x1="${num(r.x1)}" y1="${num(r.y1)}" x2="${num(r.x2)}" y2="${num(r.y2)}" stroke="${inkColor(r.ink) ?? '#000'}" stroke-width="${num(r.widthPt)}" stroke-linecap="${r.cap ?? 'square'}"/>`);
  parts.push('</svg>');
  return parts.join('\n');
}
