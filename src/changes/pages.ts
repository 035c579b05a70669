/**
 * Stage: change summary — where each part is printed. Input: the parts of an edition (./sections.ts) and the
 * DocumentLayout the PDF is drawn from → the pages of every heading and paragraph (so a revision note can say
 * 第N页 of the copies already handed out), and one digest per page (the first page whose digest differs is the
 * first page that reflowed; the preview scrolls there).
 *
 * Locating works on the text the layout draws: the glyph runs of each page, in drawing order, joined without
 * white space. The parts are searched for in document order, each after the previous one, so a sentence that
 * occurs twice is found where it belongs.
 */
import { createHash } from 'node:crypto';
import type { DocumentLayout, PageLayout } from '../layout/types.ts';
import type { ParagraphRecord, SectionRecord } from './sections.ts';

/** A short digest of everything drawn on a page (runs, rules, page number). */
export function pageDigest(page: PageLayout): string {
  const hash = createHash('sha256');
  for (const r of [...page.runs, ...(page.pageNumber ?? [])]) hash.update(`${r.faceKey}|${r.sizePt}|${r.x.toFixed(3)}|${r.baseline.toFixed(3)}|${r.charSpacing.toFixed(4)}|${r.text}\n`);
  for (const r of page.rules) hash.update(`rule|${r.x1.toFixed(3)}|${r.y1.toFixed(3)}|${r.x2.toFixed(3)}|${r.y2.toFixed(3)}|${r.widthPt}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** The drawn text of the whole document without white space, with the page of every character. */
class DrawnText {
  readonly text: string;
  private readonly pageStarts: number[] = [];
  private cursor = 0;

  constructor(layout: DocumentLayout) {
    let text = '';
    for (const page of layout.pages) {
      this.pageStarts.push(text.length);
      text += page.runs.map((r) => r.text).join('').replace(/\s+/g, '');
    }
    this.text = text;
  }

  /** Page (1-based) of the character at `index`. */
  pageAt(index: number): number {
    let lo = 0;
    let hi = this.pageStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.pageStarts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Finds `needle` (white space removed) after the cursor and moves past it; -1 when absent. */
  find(needle: string): number {
    if (needle === '') return -1;
    let at = this.text.indexOf(needle, this.cursor);
    // A long paragraph may be drawn with a character the text does not have (a fallback face's form): its start.
    if (at === -1 && needle.length > 12) at = this.text.indexOf(needle.slice(0, 12), this.cursor);
    if (at === -1) return -1;
    this.cursor = at + Math.min(needle.length, this.text.length - at);
    return at;
  }

  /** The page the cursor is on (where a part not found is assumed to be). */
  get currentPage(): number {
    return this.pageAt(Math.max(0, this.cursor - 1));
  }
}

/** Fills in `page` of every part and `pages` of every paragraph from the layout (in place). */
export function locateSections(sections: SectionRecord[], layout: DocumentLayout): void {
  const drawn = new DrawnText(layout);
  for (const section of sections) {
    const heading = `${section.kind === 'attachment' ? '' : section.number}${section.heading}`.replace(/\s+/g, '');
    const at = heading ? drawn.find(heading) : -1;
    section.page = at >= 0 ? drawn.pageAt(at) : drawn.currentPage;
    for (const paragraph of section.paragraphs) locateParagraph(paragraph, drawn);
    if (!heading) section.page = section.paragraphs[0]?.pages[0]?.[1] ?? section.page;
  }
}

function locateParagraph(paragraph: ParagraphRecord, drawn: DrawnText): void {
  // Offsets of the text's non-space characters, so a drawn position maps back to an offset in `text`.
  const offsets: number[] = [];
  let compact = '';
  for (let i = 0; i < paragraph.text.length; i++) {
    const ch = paragraph.text[i] ?? '';
    if (/\s/.test(ch)) continue;
    offsets.push(i);
    compact += ch;
  }
  const at = drawn.find(compact);
  if (at < 0) {
    paragraph.pages = [[0, drawn.currentPage]];
    return;
  }
  const pages: [number, number][] = [];
  for (let k = 0; k < compact.length; k++) {
    const page = drawn.pageAt(at + k);
    if (pages.at(-1)?.[1] !== page) pages.push([pages.length === 0 ? 0 : (offsets[k] ?? 0), page]);
  }
  paragraph.pages = pages;
}

/** Page (1-based) of the character at `offset` of a located paragraph; 0 when not located. */
export function pageOfOffset(paragraph: ParagraphRecord, offset: number): number {
  let page = paragraph.pages[0]?.[1] ?? 0;
  for (const [from, p] of paragraph.pages) if (offset >= from) page = p;
  return page;
}
