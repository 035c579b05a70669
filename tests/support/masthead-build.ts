/**
 * Test support: the 版头/版记 examples (data/examples/*格式示例.yaml …) and variants of them compiled by the build's
 * pipeline in memory (hermetic fonts, zh-Hans, PDF and DOCX), plus the GB/T 9704 positions the tests compare with and
 * readers of what MuPDF measures on a page (the 标志's red ink, the rules, a text line's ink).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Compiler, compileRequest, type CompileRequest, type Compilation, type EditionResult } from '../../src/compile/index.ts';
import { DiagnosticSink } from '../../src/diag/diagnostic.ts';
import { EM_BOX_ASCENT, LINE_PITCH_PT, MARGIN_TOP_MM, TYPE_AREA_HEIGHT_MM } from '../../src/gbt9704/page.ts';
import { mmToPt } from '../../src/gbt9704/units.ts';
import { PACKAGE_ROOT, nodeWorld, overlayWorld } from '../../src/world.ts';
import { output } from './default-build.ts';
import { measurePdf, ptToMm, type PdfLine, type PdfPage } from './pdf-geometry.ts';
import { inkRows, renderRgb, tracePage, type Stroke } from './pdf-ink.ts';

const BASE = nodeWorld(PACKAGE_ROOT, {});

/** The examples, by kind. */
export const EXAMPLES = {
  file: 'data/examples/文件格式示例.yaml',
  upward: 'data/examples/上行文示例.yaml',
  joint: 'data/examples/联合行文示例.yaml',
  letter: 'data/examples/信函格式示例.yaml',
  minutes: 'data/examples/纪要格式示例.yaml',
} as const;
export type Example = keyof typeof EXAMPLES;

/** An example's text. */
export const exampleText = (name: Example): string => readFileSync(path.join(PACKAGE_ROOT, EXAMPLES[name]), 'utf8');

/** One compiled document: its edition (layout, composition) and its PDF and DOCX bytes. */
export interface Built {
  result: Compilation;
  edition: EditionResult;
  pdf: Buffer;
  docx: Buffer;
  diag: DiagnosticSink;
}

/** Compiles `data` as the file `file` (served from memory) into the zh-Hans PDF and DOCX. */
export async function buildData(data: string, file = 'data/examples/测试.yaml', fields: Partial<CompileRequest> = {}, compiler = new Compiler()): Promise<Built> {
  const diag = new DiagnosticSink();
  const world = overlayWorld(BASE, { [file]: data });
  const request = compileRequest({ dataFile: file, editions: ['zh-Hans'], fonts: { fontPaths: [], systemFonts: false }, formats: ['pdf', 'docx'], ...fields });
  const result = await compiler.compile(request, world, diag).catch((e: unknown) => {
    throw new Error(`compile failed: ${JSON.stringify(diag.items.filter((d) => d.severity === 'error'))} ${String(e)}`);
  });
  const edition = result.editions[0];
  if (!edition) throw new Error('no edition');
  return { result, edition, pdf: output(result, '（简体）.pdf'), docx: output(result, '（简体）.docx'), diag };
}

/** Compiles an example as it is in data/examples/. */
export const buildExample = (name: Example, fields: Partial<CompileRequest> = {}, compiler?: Compiler): Promise<Built> => buildData(exampleText(name), EXAMPLES[name], fields, compiler);

/** The examples' text with `count` one-line body paragraphs instead of its body (to reach a page break where wanted). */
export function withLines(text: string, count: number): string {
  const lines = Array.from({ length: count }, (_, i) => `  - p: 第${i + 1}项工作已经按照计划全部完成，群众满意。`);
  return text.replace(/^body:\n[\s\S]*$/m, `body:\n${lines.join('\n')}\n`);
}

/** pt ↔ mm and the grid. */
export const mm = ptToMm;
export const pt = mmToPt;
export const TYPE_AREA_TOP = mmToPt(MARGIN_TOP_MM);
export const TYPE_AREA_BOTTOM = mmToPt(MARGIN_TOP_MM + TYPE_AREA_HEIGHT_MM);
export const gridTop = (line: number): number => TYPE_AREA_TOP + line * LINE_PITCH_PT;
/** The first grid line whose top is at or below `y`. */
export const gridLineAtOrBelow = (y: number): number => Math.ceil((y - TYPE_AREA_TOP) / LINE_PITCH_PT - 1e-6);
/** The em box top of a measured line (what the layout puts on a grid line's top). */
export const emTop = (l: PdfLine): number => l.baseline - EM_BOX_ASCENT * l.size;

/** What the tests read off one rendered PDF (ours, or LibreOffice's rendering of the DOCX). */
export interface Measured {
  pages: PdfPage[];
  /** Red ink top and bottom of the 标志 on page 1 (above the first red rule), pt. */
  mark: { top: number; bottom: number };
  /** Red horizontal strokes on page 1, top to bottom (a double rule drawn twice by LibreOffice is listed once). */
  redRules: Stroke[];
  /** Black strokes of the last page, top to bottom. */
  lastRules: Stroke[];
  /** The 发文字号's line on page 1 and the bottom of its ink. */
  docNumber?: { line: PdfLine; inkBottom: number };
  /** The title's first line (2号) and the top of its ink. */
  title?: { line: PdfLine; inkTop: number };
  /** The page-number text of every page ('' when none). */
  pageNumbers: string[];
  /** Colours of the text on page 1 (as MuPDF reports them) with the text drawn in each. */
  textColors: { color: string; colorspace: string; text: string }[];
}

const unique = (strokes: Stroke[]): Stroke[] => {
  const out: Stroke[] = [];
  for (const s of strokes.sort((a, b) => a.y - b.y)) if (!out.some((o) => Math.abs(o.y - s.y) < 0.05 && Math.abs(o.x1 - s.x1) < 0.05 && Math.abs(o.width - s.width) < 0.01)) out.push(s);
  return out;
};
const isRed = (s: { color: string; colorspace: string }) => (s.colorspace === 'DeviceRGB' && s.color === '1 0 0') || (s.colorspace === 'DeviceCMYK' && s.color.startsWith('0 1 1'));
const isBlack = (s: { color: string; colorspace: string }) => s.color === '0' || s.color === '0 0 0' || s.color === '0 0 0 1';

/** Measures a PDF. */
export function measure(pdf: Buffer): Measured {
  const pages = measurePdf(pdf);
  const first = tracePage(pdf, 1);
  const redRules = unique(first.strokes.filter(isRed));
  const image = renderRgb(pdf, 1);
  const firstRuleTop = Math.min(...redRules.map((s) => s.y - s.width / 2));
  const mark = inkRows(image, 'red', { x0: 0, x1: 595, y0: 0, y1: firstRuleTop - 1 });
  if (!mark) throw new Error('no red 标志 on page 1');
  const line = pages[0]?.lines.find((l) => l.text.includes('〔'));
  const numberInk = line ? inkRows(image, 'dark', { x0: line.left, x1: line.right, y0: line.baseline - line.size, y1: line.baseline + line.size * 0.4 }) : undefined;
  const title = pages[0]?.lines.find((l) => l.size === 22);
  const titleInk = title ? inkRows(image, 'dark', { x0: title.left, x1: title.right, y0: title.baseline - title.size, y1: title.baseline }) : undefined;
  const last = tracePage(pdf, pages.length);
  return {
    pages,
    mark,
    redRules,
    lastRules: unique(last.strokes.filter(isBlack)),
    ...(line && numberInk ? { docNumber: { line, inkBottom: numberInk.bottom } } : {}),
    ...(title && titleInk ? { title: { line: title, inkTop: titleInk.top } } : {}),
    pageNumbers: pages.map((p) => p.lines.filter((l) => l.baseline > TYPE_AREA_BOTTOM && l.text.includes('—')).map((l) => l.text).join('')),
    textColors: first.texts.map((t) => ({ color: t.color, colorspace: t.colorspace, text: t.text })),
  };
}

export { isRed };
