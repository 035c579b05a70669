/**
 * Test support: glyph geometry of a PDF, measured by MuPDF (`mutool draw -F stext`), independent of our layout.
 * Input: PDF bytes → pages of lines (characters grouped by baseline) with every character's box.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PdfChar {
  c: string;
  x: number;
  right: number;
  baseline: number;
  font: string;
  size: number;
}
export interface PdfLine {
  baseline: number;
  chars: PdfChar[];
  text: string;
  left: number;
  right: number;
  size: number;
}
export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
}

const decode = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Measures every character of every page. */
export function measurePdf(pdf: Buffer): PdfPage[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
    const pages: PdfPage[] = [];
    let font = '';
    let size = 0;
    let page: PdfPage | undefined;
    let chars: PdfChar[] = [];
    const flush = () => {
      if (!page) return;
      const byBaseline = new Map<number, PdfChar[]>();
      for (const ch of chars) {
        const key = Math.round(ch.baseline * 10) / 10;
        const list = byBaseline.get(key) ?? [];
        list.push(ch);
        byBaseline.set(key, list);
      }
      page.lines = [...byBaseline.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([, cs]) => {
          cs.sort((a, b) => a.x - b.x);
          // The line's baseline is its characters' own (the map key is rounded only to group them).
          return { baseline: cs.reduce((sum, c) => sum + c.baseline, 0) / cs.length, chars: cs, text: cs.map((c) => c.c).join(''), left: cs[0]?.x ?? 0, right: Math.max(...cs.map((c) => c.right)), size: Math.max(...cs.map((c) => c.size)) };
        });
      chars = [];
    };
    for (const m of xml.matchAll(/<page [^>]*width="([\d.]+)" height="([\d.]+)"|<font name="([^"]*)" size="([\d.]+)"|<char quad="([^"]+)" x="([\d.-]+)" y="([\d.-]+)"[^>]* c="([^"]*)"/g)) {
      if (m[1]) {
        flush();
        page = { width: Number(m[1]), height: Number(m[2]), lines: [] };
        pages.push(page);
      } else if (m[3] !== undefined) {
        font = m[3];
        size = Number(m[4]);
      } else if (m[5]) {
        const q = m[5].split(' ').map(Number);
        const c = decode(m[8] ?? '');
        if (c.trim() === '') continue;
        chars.push({ c, x: Number(m[6]), right: Math.max(q[2] ?? 0, q[6] ?? 0), baseline: Number(m[7]), font, size });
      }
    }
    flush();
    return pages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** mm from pt. */
export const ptToMm = (pt: number) => (pt * 25.4) / 72;
