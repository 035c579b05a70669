/**
 * Stage: PDF writer — numbered copies. Input: the copies layout (one DocumentLayout with the 份号 cells and the
 * watermarks) + FontSet + the copies to stamp (份号, outline title) → one PDF holding every copy in order, each copy
 * starting on an odd page (a copy with an odd page count is followed by one blank, unnumbered page), page numbers
 * restarting at — 1 — per copy, an outline entry per copy with the report's headings under it.
 *
 * Lay out once, draw once, stamp each copy: every laid-out page is drawn ONCE, by pdfmake's Renderer (the same items
 * as src/pdf/index.ts: runs, page numbers, rules), into a Form XObject; every page of every copy paints that form and
 * adds only what differs — the 份号's six digits (drawn by the Renderer as runs in the layout's cells) and the
 * copy's watermark (its own form, painted first, so it lies under the text). The document has one set of font
 * subsets for all copies, and a page of a copy costs a few bytes, so 1,000 copies of a 10-page report (10,000+ pages)
 * are written in seconds with pages flushed as they are finished (pdfkit, bufferPages off).
 *
 * Outline entries point at the top-left of the copy's first page and of each heading's line; the per-heading named
 * destinations of a single report are not repeated for every copy.
 */
import { COPY_NUMBER_CHARSET, WATERMARK } from '../gbt9704/marks.ts';
import type { FontFace, FontSet } from '../fonts/types.ts';
import { copyNumberRuns } from '../layout/copy-number.ts';
import type { DocumentLayout, PageLayout, WatermarkLayout } from '../layout/types.ts';
import { placePdfPages } from './place-pages.ts';
import { PAGE_SIZE, facesByKey, finishDocument, lineOf, openDocument, pageItems, pageRenderer, svgFontOf, type PdfOptions, type PdfOutline, type PdfRef, type PdfmakeDocument, type PdfmakeLine, type PdfmakeRenderer } from './index.ts';
import { watermarkPath } from './watermark-path.ts';

/** One copy to stamp. */
export interface CopyStamp {
  /** The 份号: six digits. */
  number: string;
  /** Its outline entry (“000031 张三（某单位）”). */
  title: string;
  /** Index into layout.watermarks, when the copy carries one. */
  watermark?: number;
}

/** The writer's options plus a progress callback. */
export interface CopiesPdfOptions extends PdfOptions {
  /** Called after each copy is written (progress line). */
  onCopy?: (done: number, total: number, copy: CopyStamp) => void;
}

/** The pdfkit side of the document this writer drives beyond what src/pdf/index.ts uses. */
interface PdfkitDocument extends PdfmakeDocument {
  page: PageStandIn;
  addPage(options: { size: number[] }): unknown;
  addContent(data: string): unknown;
}

/** What pdfkit reads of its current page while drawing: where to write, where resources go, its size. */
interface PageStandIn {
  width: number;
  height: number;
  margins: { top: number; left: number; bottom: number; right: number };
  readonly fonts: Record<string, unknown>;
  readonly xobjects: Record<string, unknown>;
  readonly ext_gstates: Record<string, unknown>;
  readonly patterns: Record<string, unknown>;
  readonly colorSpaces: Record<string, unknown>;
  write(chunk: string | Uint8Array): void;
}

/** A Form XObject (ISO 32000-1 §8.10) that pdfkit draws into as if it were a page. */
class FormCanvas implements PageStandIn {
  readonly width = PAGE_SIZE.width;
  readonly height = PAGE_SIZE.height;
  readonly margins = { top: 0, left: 0, bottom: 0, right: 0 };
  readonly form: PdfRef;
  private readonly resources: PdfRef;

  constructor(
    doc: PdfmakeDocument,
    readonly name: string,
  ) {
    this.resources = doc.ref({ ProcSet: ['PDF', 'Text'] });
    // The form is painted in the page's user space after pdfkit's y-flip, so its coordinates are the page's.
    this.form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, this.width, this.height], Resources: this.resources });
  }

  private dict(key: string): Record<string, unknown> {
    return ((this.resources.data[key] as Record<string, unknown> | undefined) ??= {});
  }
  get fonts() {
    return this.dict('Font');
  }
  get xobjects() {
    return this.dict('XObject');
  }
  get ext_gstates() {
    return this.dict('ExtGState');
  }
  get patterns() {
    return this.dict('Pattern');
  }
  get colorSpaces() {
    return this.dict('ColorSpace');
  }
  write(chunk: string | Uint8Array): void {
    this.form.write(chunk);
  }

  /** Writes the form out (its content is complete). */
  end(): void {
    this.resources.end();
    this.form.end();
  }
}

/** Draws with pdfmake's Renderer into a form instead of the current page. */
function drawInto(doc: PdfkitDocument, canvas: FormCanvas, draw: () => void): void {
  const page = doc.page;
  doc.page = canvas;
  try {
    draw();
  } finally {
    doc.page = page;
  }
  canvas.end();
}

/** Renders pdfmake renderer items (what pageItems makes) one by one into the current page, as renderPages would. */
function renderItems(renderer: PdfmakeRenderer, items: readonly object[]): void {
  type Entry =
    | { type: 'line'; item: PdfmakeLine }
    | { type: 'vector'; item: Record<string, unknown> }
    | { type: 'image' | 'svg' | 'beginClip'; item: object }
    | { type: 'endClip' };
  for (const entry of items as Entry[]) {
    if (entry.type === 'line') renderer.renderLine(entry.item, entry.item.x, entry.item.y);
    else if (entry.type === 'vector') renderer.renderVector(entry.item);
    else if (entry.type === 'image') renderer.renderImage(entry.item);
    else if (entry.type === 'svg') renderer.renderSVG(entry.item);
    else if (entry.type === 'beginClip') renderer.beginClip(entry.item);
    else renderer.endClip();
  }
}

/** Paints a form on the current page. */
function paint(doc: PdfkitDocument, canvas: FormCanvas): void {
  doc.page.xobjects[canvas.name] = canvas.form;
  doc.addContent(`/${canvas.name} Do`);
}

/** Writes every copy into one print file (or one copy into its own file). */
export async function writeCopiesPdf(layout: DocumentLayout, fonts: FontSet, copies: readonly CopyStamp[], opts: CopiesPdfOptions): Promise<Buffer> {
  const slot = layout.copyNumber;
  if (!slot) throw new Error('writeCopiesPdf: the layout has no 份号 line');
  // A print file is for paper: no structure tree (the report's own PDF is the tagged one).
  const doc = openDocument(layout, fonts, { ...opts, tagged: false }) as PdfkitDocument;
  const renderer = pageRenderer(doc);
  const svgFont = svgFontOf(layout, fonts);
  // Every digit joins the 份号 face's subset first: the subset is then the same whatever 份号 are printed, so the
  // per-copy files of --copies-split share one embedded font program (font-bridge.ts memoises it).
  doc.provideFont(slot.faceKey, false, false).encode(COPY_NUMBER_CHARSET);

  // Each laid-out page once, without its bookmarks (the outline is made per copy below).
  const pageForms = layout.pages.map((page) => {
    const canvas = new FormCanvas(doc, `P${page.index}`);
    drawInto(doc, canvas, () => renderItems(renderer, pageItems({ ...page, bookmarks: [] }, doc, opts.media, svgFont, opts.red)));
    return canvas;
  });
  const faces = facesByKey(fonts);
  const size = [PAGE_SIZE.width, PAGE_SIZE.height];

  copies.forEach((copy, c) => {
    const watermark = copy.watermark === undefined ? undefined : layout.watermarks?.[copy.watermark];
    const watermarkForm = watermark ? watermarkCanvas(doc, renderer, watermark, faces, `W${c + 1}`) : undefined;
    let copyItem: PdfOutline | undefined;
    const items = new Map<string, PdfOutline>();
    layout.pages.forEach((page, p) => {
      doc.addPage({ size });
      if (watermarkForm) paint(doc, watermarkForm);
      paint(doc, pageForms[p] as FormCanvas);
      if (page.index === slot.page) renderItems(renderer, copyNumberRuns(slot, copy.number).map((run) => ({ type: 'line', item: lineOf(run, doc, undefined) })));
      // The copy's entry points at the top-left corner of its first page (pdfkit: XYZ pageWidth − left, height − top).
      copyItem ??= doc.outline.addItem(copy.title, { top: 0, left: PAGE_SIZE.width, expanded: false });
      addBookmarks(page, copyItem, items);
    });
    // §7.5 and duplex printing: the next copy starts on a front side; the blank back carries no page number.
    if (layout.pages.length % 2 === 1) doc.addPage({ size });
    opts.onCopy?.(c + 1, copies.length, copy);
  });
  // The pages of PDF attachments, placed on each copy's pages (copy c's page p is sheet side c·(n + n mod 2) + p).
  const perCopy = layout.pages.length + (layout.pages.length % 2);
  return placePdfPages(await finishDocument(doc), layout, opts.media, (p) => copies.map((_, c) => c * perCopy + p));
}

/** The page's headings under the copy's entry, nested by level as in the single report, at each heading's line. */
function addBookmarks(page: PageLayout, copyItem: PdfOutline, items: Map<string, PdfOutline>): void {
  for (const b of page.bookmarks) {
    const parent = (b.parentId ? items.get(b.parentId) : undefined) ?? copyItem;
    items.set(b.id, parent.addItem(b.title, { top: b.top, left: PAGE_SIZE.width - b.x, expanded: false }));
  }
}

/** A copy's watermark as one form: the line's glyph outlines, light grey (src/gbt9704/marks.ts WATERMARK). */
function watermarkCanvas(doc: PdfkitDocument, renderer: PdfmakeRenderer, watermark: WatermarkLayout, faces: Map<string, FontFace>, name: string): FormCanvas {
  const canvas = new FormCanvas(doc, name);
  const grey = Math.round(WATERMARK.gray * 255).toString(16).padStart(2, '0');
  drawInto(doc, canvas, () => renderer.renderVector({ type: 'path', d: watermarkPath(watermark, faces), color: `#${grey}${grey}${grey}` }));
  return canvas;
}
