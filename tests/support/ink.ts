/**
 * Test support: where the ink is. Renders a PDF page with MuPDF (`mutool draw`, grey PGM) and finds the top edge of the
 * dark pixels inside a box — what a ruler on the printed page measures, independent of font metrics and of our layout.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Rendering resolution: 400 dpi = 0.064 mm per pixel. */
const DPI = 400;
const PT_PER_PX = 72 / DPI;

/** A grey page: width, height and one byte per pixel (0 = black). */
interface GreyPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

function readPgm(bytes: Buffer): GreyPage {
  // P5 <width> <height> <max>\n<bytes>
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a binary PGM');
  return { width: Number(m[1]), height: Number(m[2]), pixels: bytes.subarray(m[0].length) };
}

/** Renders page `page` (1-based) of each PDF once per call. */
export function renderPage(pdf: Buffer, page: number): GreyPage {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-ink-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('mutool', ['draw', '-q', '-r', String(DPI), '-c', 'gray', '-o', path.join(dir, 'page.pgm'), path.join(dir, 'in.pdf'), String(page)], { stdio: 'ignore' });
    return readPgm(readFileSync(path.join(dir, 'page.pgm')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Top edge (pt from the page top) of the first row with a dark pixel (< 50 % grey) in the box x0..x1, y0..y1 (pt), or
 * undefined when the box is blank. The edge is the top of that pixel row.
 */
export function inkTop(page: GreyPage, box: { x0: number; x1: number; y0: number; y1: number }): number | undefined {
  const px = (pt: number) => Math.round(pt / PT_PER_PX);
  const [c0, c1] = [Math.max(0, px(box.x0)), Math.min(page.width - 1, px(box.x1))];
  for (let row = Math.max(0, px(box.y0)); row <= Math.min(page.height - 1, px(box.y1)); row++) {
    for (let col = c0; col <= c1; col++) if ((page.pixels[row * page.width + col] ?? 255) < 128) return row * PT_PER_PX;
  }
  return undefined;
}
