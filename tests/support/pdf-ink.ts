/**
 * Test support: the 版头's and 版记's marks on a PDF page as a ruler and a colour meter find them, independent of our
 * layout: the stroked paths with their colour and width (`mutool draw -F trace`, mapped to page coordinates, y down)
 * and the rows of red or dark ink in a region (the page rendered by MuPDF at 400 dpi, RGB).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A stroked line on a page, pt, y down from the page's top; `color` as MuPDF reports it (e.g. "1 0 0"). */
export interface Stroke {
  x1: number;
  x2: number;
  y: number;
  width: number;
  colorspace: string;
  color: string;
}

/** Filled paths' colours and the text fills' colours on a page (what colours the page uses, and where). */
export interface PageTrace {
  strokes: Stroke[];
  /** Colour of each text run MuPDF draws, with its first glyph's position (page coordinates, y down) and text. */
  texts: { colorspace: string; color: string; text: string; x: number; y: number }[];
}

const withPdf = <T>(pdf: Buffer, run: (file: string, dir: string) => T): T => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-ink-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return run(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
const matrix = (t: string) => (t ? t.split(/\s+/).map(Number) : [1, 0, 0, 1, 0, 0]);
const apply = (m: number[], x: number, y: number) => [(m[0] ?? 1) * x + (m[2] ?? 0) * y + (m[4] ?? 0), (m[1] ?? 0) * x + (m[3] ?? 1) * y + (m[5] ?? 0)] as const;

/** The strokes and text colours of page `page` (1-based). */
export function tracePage(pdf: Buffer, page: number): PageTrace {
  const xml = withPdf(pdf, (file) => execFileSync('mutool', ['draw', '-F', 'trace', '-o', '-', file, String(page)], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8'));
  const strokes: Stroke[] = [];
  for (const m of xml.matchAll(/<stroke_path ([^>]*)>([\s\S]*?)<\/stroke_path>/g)) {
    const head = m[1] ?? '';
    const t = matrix(attr(head, 'transform'));
    const points = [...(m[2] ?? '').matchAll(/<(?:moveto|lineto) x="([-\d.]+)" y="([-\d.]+)"/g)].map((p) => apply(t, Number(p[1]), Number(p[2])));
    if (points.length !== 2) continue;
    const [a, b] = points as [readonly [number, number], readonly [number, number]];
    if (Math.abs(a[1] - b[1]) > 0.01) continue; // horizontal lines only
    // The width is in the path's space; scale it by the transform's vertical factor.
    const scale = Math.hypot(t[2] ?? 0, t[3] ?? 1);
    strokes.push({ x1: Math.min(a[0], b[0]), x2: Math.max(a[0], b[0]), y: a[1], width: Number(attr(head, 'linewidth')) * scale, colorspace: attr(head, 'colorspace'), color: attr(head, 'color') });
  }
  const texts: PageTrace['texts'] = [];
  for (const m of xml.matchAll(/<fill_text ([^>]*)>([\s\S]*?)<\/fill_text>/g)) {
    const head = m[1] ?? '';
    const t = matrix(attr(head, 'transform'));
    const glyphs = [...(m[2] ?? '').matchAll(/<g unicode="([^"]*)"[^>]* x="([-\d.]+)" y="([-\d.]+)"/g)];
    const first = glyphs[0];
    if (!first) continue;
    const [x, y] = apply(t, Number(first[2]), Number(first[3]));
    texts.push({ colorspace: attr(head, 'colorspace'), color: attr(head, 'color'), text: glyphs.map((g) => decode(g[1] ?? '')).join(''), x, y });
  }
  return { strokes, texts };
}

const decode = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Rendering resolution: 400 dpi = 0.0635 mm per pixel. */
const DPI = 400;
const PT_PER_PX = 72 / DPI;

/** A page rendered as RGB. */
export interface RgbPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Renders page `page` (1-based) as RGB at 400 dpi. */
export function renderRgb(pdf: Buffer, page: number): RgbPage {
  return withPdf(pdf, (file, dir) => {
    const out = path.join(dir, 'page.ppm');
    execFileSync('mutool', ['draw', '-q', '-r', String(DPI), '-c', 'rgb', '-o', out, file, String(page)], { stdio: 'ignore' });
    const bytes = readFileSync(out);
    const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
    if (!m) throw new Error('not a binary PPM');
    return { width: Number(m[1]), height: Number(m[2]), pixels: bytes.subarray(m[0].length) };
  });
}

/** Which pixels count: red ink (the 版头's), or dark ink (black text and rules). */
export type InkKind = 'red' | 'dark';
const isInk = (kind: InkKind, r: number, g: number, b: number) => (kind === 'red' ? r > 180 && g < 110 && b < 110 : r < 110 && g < 110 && b < 110);

/**
 * The top and bottom edges (pt from the page top) of the `kind` ink inside the box (pt), or undefined when it has none:
 * the top of the first pixel row and the bottom of the last pixel row that hold such ink.
 */
export function inkRows(page: RgbPage, kind: InkKind, box: { x0: number; x1: number; y0: number; y1: number }): { top: number; bottom: number } | undefined {
  const px = (pt: number) => Math.round(pt / PT_PER_PX);
  const [c0, c1] = [Math.max(0, px(box.x0)), Math.min(page.width - 1, px(box.x1))];
  let top: number | undefined;
  let bottom: number | undefined;
  for (let row = Math.max(0, px(box.y0)); row <= Math.min(page.height - 1, px(box.y1)); row++) {
    for (let col = c0; col <= c1; col++) {
      const i = (row * page.width + col) * 3;
      if (isInk(kind, page.pixels[i] ?? 255, page.pixels[i + 1] ?? 255, page.pixels[i + 2] ?? 255)) {
        top ??= row * PT_PER_PX;
        bottom = (row + 1) * PT_PER_PX;
        break;
      }
    }
  }
  return top === undefined || bottom === undefined ? undefined : { top, bottom };
}
