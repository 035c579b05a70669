/**
 * Test support: what MuPDF sees drawn on a PDF's pages besides glyphs, and text lines with their writing direction.
 * Input: PDF bytes → per page the straight strokes (`mutool draw -F trace`, device space: pt, y down from the top)
 * and the text lines of `mutool draw -F stext` with their direction (a turned line runs "0 -1": bottom to top).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Stroke {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export interface DirectedLine {
  text: string;
  /** Writing direction: [1, 0] left to right, [0, -1] bottom to top. */
  dir: [number, number];
  bbox: [number, number, number, number];
}

function mutool(pdf: Buffer, format: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-trace-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return execFileSync('mutool', ['draw', '-F', format, '-o', '-', file], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pagesOf = (xml: string): string[] => xml.split(/<page /).slice(1);

/** Straight strokes per page (table rules, drawn lines of pictures). */
export function pdfStrokes(pdf: Buffer): Stroke[][] {
  return pagesOf(mutool(pdf, 'trace')).map((page) =>
    [...page.matchAll(/<stroke_path[^>]*transform="([^"]+)"[^>]*>([\s\S]*?)<\/stroke_path>/g)].flatMap((m) => {
      // Path points are in the path's space; its transform maps them to the device (a turned page's is not 1 0 0 1).
      const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = (m[1] ?? '').split(' ').map(Number);
      const pts = [...(m[2] ?? '').matchAll(/<(?:moveto|lineto) x="([-\d.]+)" y="([-\d.]+)"\/>/g)].map((p) => {
        const [x, y] = [Number(p[1]), Number(p[2])];
        return [a * x + c * y + e, b * x + d * y + f] as const;
      });
      return pts.length === 2 ? [{ x1: pts[0]![0], y1: pts[0]![1], x2: pts[1]![0], y2: pts[1]![1] }] : [];
    }),
  );
}

/** Filled paths per page (shapes of vector pictures). */
export function pdfFillCount(pdf: Buffer): number[] {
  return pagesOf(mutool(pdf, 'trace')).map((page) => (page.match(/<fill_path/g) ?? []).length);
}

const decode = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Text lines per page with their direction and box. */
export function pdfDirectedLines(pdf: Buffer): DirectedLine[][] {
  return pagesOf(mutool(pdf, 'stext')).map((page) =>
    [...page.matchAll(/<line bbox="([^"]+)"[^>]*dir="([^"]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
      bbox: (m[1] ?? '').split(' ').map(Number) as [number, number, number, number],
      dir: (m[2] ?? '').split(' ').map(Number) as [number, number],
      text: [...(m[3] ?? '').matchAll(/ c="([^"]*)"/g)].map((c) => decode(c[1] ?? '')).join('').replace(/\s+/g, ''),
    })),
  );
}
