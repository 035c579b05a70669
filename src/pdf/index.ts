/**
 * Stage: PDF writer. Input: DocumentLayout (positioned runs and rules) + FontSet + metadata + clock → PDF bytes.
 *
 * It only draws what the layout decided, with pdfmake's own document and renderer: the layout's pages are handed to
 * pdfmake's Renderer in the form pdfmake's layout engine would have produced them (one line of one inline per glyph
 * run, at its absolute position, with the run's uniform `characterSpacing`; one vector per rule), so the PDF is drawn
 * by the same calls a pdfmake document of absolutely positioned, non-wrapping text nodes makes — without pdfmake
 * measuring, wrapping and laying out again what src/layout already placed. Fonts reach pdfkit as the compiler's parsed
 * faces (font-bridge.ts: no file is opened, nothing is shaped again) and are subset-embedded as CID TrueType with
 * ToUnicode, so the text can be searched and copied.
 * Deterministic: creation/modification dates come from the build clock; pdfkit's /ID derives from them.
 * The document, its page items and its ending are building blocks the numbered-copies writer (copies.ts) shares, so
 * a print file of many copies is drawn by the same calls; the bytes are collected in blocks (output-blocks.ts).
 */
import { createRequire } from 'node:module';
import { PAPER_HEIGHT_MM, PAPER_WIDTH_MM } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontFace, FontSet } from '../fonts/types.ts';
import type { DocMeta } from '../model/types.ts';
import type { DocumentLayout, GlyphRun, PageLayout } from '../layout/types.ts';
import { FONT_ROLES } from '../model/types.ts';
import { bridgeFace } from './font-bridge.ts';
import { copyNumberRuns } from '../layout/copy-number.ts';
import { collectOutput, type PdfkitOutput } from './output-blocks.ts';

export interface PdfOptions {
  meta: DocMeta;
  /** The build clock (PDF CreationDate/ModDate). */
  clock: Date;
  generator: string;
}

/** The font pdfkit draws with (pdfkit's EmbeddedFont), as pdfmake's renderer reads it. */
interface PdfKitFont {
  ascender: number;
  widthOfString(text: string, size: number): number;
  lineHeight(size: number): number;
  /** Glyph ids of `text` (hex), adding its glyphs to the document's subset of the face. */
  encode(text: string): [string[], unknown[]];
}

/** A pdfkit indirect object: its dictionary, a stream it may carry, and `end()` writing it out. */
export interface PdfRef {
  data: Record<string, unknown>;
  write(chunk: string | Uint8Array): void;
  end(): void;
}

/** The part of pdfmake's PDFDocument (a pdfkit document) this writer uses. */
export interface PdfmakeDocument extends PdfkitOutput {
  provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont;
  /** pdfkit 0.19: the catalog is `_root`. */
  _root: { data: Record<string, unknown> };
  ref(data: Record<string, unknown>): PdfRef;
  on(event: 'data', listener: () => void): void;
  on(event: 'end', listener: () => void): void;
  end(): void;
}

/** One laid-out line as pdfmake's Line holds it. */
export interface PdfmakeLine {
  x: number;
  y: number;
  /** A named destination at the line (pdfmake sets the node's id). */
  id?: string;
  inlines: object[];
  _outline?: { id: string; parentId: string | undefined; text: string; expanded: boolean };
  addInline(inline: object): void;
}

/** pdfmake's Renderer: whole pages, or one laid-out line or vector at a time into the current page. */
export interface PdfmakeRenderer {
  renderPages(pages: object[]): void;
  renderLine(line: PdfmakeLine, x: number, y: number): void;
  renderVector(vector: object): void;
}

interface PdfmakeModules {
  PDFDocument: new (fonts: object, images: object, patterns: object, attachments: object, options: object, virtualfs: unknown, policy: (p: string) => boolean) => PdfmakeDocument;
  Renderer: new (doc: PdfmakeDocument) => PdfmakeRenderer;
  Line: new (maxWidth: number) => PdfmakeLine;
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean; readFileSync(name: string): Buffer };
}

/** pdfmake 0.3.11 (pinned exactly): its document class, renderer and line, and its virtual file system. */
const requirePdfmake = createRequire(import.meta.url);
export const pdfmake: PdfmakeModules = {
  PDFDocument: (requirePdfmake('pdfmake/js/PDFDocument.js') as { default: PdfmakeModules['PDFDocument'] }).default,
  Renderer: (requirePdfmake('pdfmake/js/Renderer.js') as { default: PdfmakeModules['Renderer'] }).default,
  Line: (requirePdfmake('pdfmake/js/Line.js') as { default: PdfmakeModules['Line'] }).default,
  virtualfs: (requirePdfmake('pdfmake/js/virtual-fs.js') as { default: PdfmakeModules['virtualfs'] }).default,
};

/**
 * The document information pdfmake's printer writes for a docDefinition `info` (key order included, which the bytes
 * depend on): Producer and Creator first, then the given fields that are not empty.
 */
function documentInfo(opts: PdfOptions): Record<string, unknown> {
  const info: Record<string, unknown> = { Producer: opts.generator, Creator: opts.generator };
  const fields: [string, unknown][] = [
    ['Title', opts.meta.title],
    ['Author', opts.meta.organ],
    ['Subject', opts.meta.title],
    ['CreationDate', opts.clock],
    ['ModDate', opts.clock],
  ];
  for (const [key, value] of fields) if (value) info[key] = value;
  return info;
}

/** Writes the laid-out document as PDF. */
export async function writePdf(layout: DocumentLayout, fonts: FontSet, opts: PdfOptions): Promise<Buffer> {
  const doc = openDocument(layout, fonts, opts);
  const slot = layout.copyNumber;
  const pages = layout.pages.map((page) => {
    const items = pageItems(page, doc);
    // A single 份号 (§7.2.1) is drawn like any run; numbered copies stamp theirs instead (src/pdf/copies.ts).
    if (slot && slot.page === page.index) items.push(...copyNumberRuns(slot, slot.text).map((run) => ({ type: 'line', item: lineOf(run, doc, undefined) })));
    return { pageSize: PAGE_SIZE, items, pageMargins: { left: 0, top: 0, right: 0, bottom: 0 } };
  });
  new pdfmake.Renderer(doc).renderPages(pages);
  return finishDocument(doc);
}

/** A4 portrait (§5.1) as pdfmake's pages state their size. */
export const PAGE_SIZE = { width: mmToPt(PAPER_WIDTH_MM), height: mmToPt(PAPER_HEIGHT_MM), orientation: 'portrait' } as const;

/** A pdfmake document for the layout's faces, with the options pdfmake's printer would give pdfkit. */
export function openDocument(layout: DocumentLayout, fonts: FontSet, opts: PdfOptions): PdfmakeDocument {
  const faces = facesByKey(fonts);
  const fontDefs: Record<string, { normal: string }> = {};
  for (const key of layout.faceKeys) {
    const face = faces.get(key);
    if (!face) throw new Error(`layout uses unknown face ${key}`);
    fontDefs[key] = { normal: bridgeFace(face, pdfmake.virtualfs) };
  }
  // The options pdfmake's printer gives pdfkit for this document (version, compression, language, metadata …).
  const doc = new pdfmake.PDFDocument(
    fontDefs,
    {},
    {},
    {},
    {
      size: [PAGE_SIZE.width, PAGE_SIZE.height],
      pdfVersion: '1.3',
      subset: undefined,
      tagged: false,
      displayTitle: false,
      compress: true,
      lang: opts.meta.language,
      fontLayoutCache: true,
      bufferPages: false,
      autoFirstPage: false,
      info: documentInfo(opts),
      font: null,
    },
    pdfmake.virtualfs,
    () => false, // fonts come from the virtual file system; no local file is opened
  );
  outputs.set(doc, collectOutput(doc));
  return doc;
}

/** Each open document's output (output-blocks.ts). */
const outputs = new WeakMap<PdfmakeDocument, () => Buffer>();

/** Sets the viewer preferences, ends the document and returns its bytes. */
export function finishDocument(doc: PdfmakeDocument): Promise<Buffer> {
  setViewerPreferences(doc);
  const bytes = outputs.get(doc);
  if (!bytes) throw new Error('finishDocument: not a document of openDocument');
  return new Promise((resolve) => {
    // pdfkit's document is a Readable that emits `end` once it flows; its bytes went to the blocks, not the stream.
    doc.on('data', () => undefined);
    doc.on('end', () => resolve(bytes()));
    doc.end();
  });
}

/** The page's runs, page number and rules as pdfmake's renderer items, in drawing order. */
export function pageItems(page: PageLayout, doc: PdfmakeDocument): object[] {
  const bookmarkAt = new Map(page.bookmarks.map((b) => [b.runIndex, b]));
  const items: object[] = page.runs.map((run, r) => ({ type: 'line', item: lineOf(run, doc, bookmarkAt.get(r)) }));
  for (const run of page.pageNumber ?? []) items.push({ type: 'line', item: lineOf(run, doc, undefined) });
  for (const r of page.rules) items.push({ type: 'vector', item: { type: 'line', x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2, lineWidth: r.widthPt, lineCap: 'square' } });
  return items;
}

/**
 * One run as the line pdfmake's layout would make of a non-wrapping text node at an absolute position: the line box
 * top at the baseline minus the face's ascender, one inline of the run's measured width (pdfmake's widthOfText).
 */
export function lineOf(run: GlyphRun, doc: PdfmakeDocument, bookmark: PageLayout['bookmarks'][number] | undefined): PdfmakeLine {
  const font = doc.provideFont(run.faceKey, false, false);
  const line = new pdfmake.Line(Infinity);
  line.x = run.x;
  line.y = run.baseline - (font.ascender / 1000) * run.sizePt;
  line.addInline({
    text: run.text,
    font,
    fontSize: run.sizePt,
    characterSpacing: run.charSpacing,
    width: font.widthOfString(run.text, run.sizePt) + run.charSpacing * (run.text.length - 1),
    height: font.lineHeight(run.sizePt),
    leadingCut: 0,
    trailingCut: 0,
  });
  if (bookmark) {
    line.id = bookmark.id;
    line._outline = { id: bookmark.id, parentId: bookmark.parentId, text: bookmark.title, expanded: false };
  }
  return line;
}

/**
 * Printing shops print the 版心 to the millimetre: /PrintScaling /None stops viewers from “fit to page” shrinking it,
 * and the window shows the document title. Duplex is left to the user (a /Duplex value makes Acrobat ignore the
 * printer dialog). pdfkit writes the dictionary when it ends the document.
 */
function setViewerPreferences(doc: PdfmakeDocument): void {
  doc._root.data['ViewerPreferences'] = doc.ref({ PrintScaling: 'None', DisplayDocTitle: true });
}

/** Every face of the edition's role chains, by key. */
export function facesByKey(fonts: FontSet): Map<string, FontFace> {
  const map = new Map<string, FontFace>();
  for (const role of FONT_ROLES) for (const face of fonts.roles[role].chain) map.set(face.key, face);
  return map;
}
