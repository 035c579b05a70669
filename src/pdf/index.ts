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
 * PDF 1.7 with an XMP packet that mirrors the Info dictionary (metadata.ts); the outline has one entry per heading and
 * per attachment, each pointing at the top-left corner of its line. `--pdfa` makes it PDF/A-2b through pdfkit's own
 * support: `pdfaid` in the XMP, an sRGB OutputIntent (the ICC's sRGB2014 profile, 3024 bytes, shipped in pdfkit's
 * data folder and redistributable without restriction), and nothing PDF/A-2 forbids — every font is embedded (CID
 * TrueType subsets with ToUnicode and /W from hmtx), no encryption, no transparency (the only ExtGState is pdfmake's
 * opacity 1), no actions; the structure checks (qpdf, MuPDF) are in tests/pdf-metadata.test.ts. Tagged: the layout's
 * structure (title and headings H1–H5, paragraphs, table rows and cells) becomes the structure tree, page numbers and
 * rules are artifacts (structure.ts).
 * Deterministic: dates come from the build clock; the file identifier from the metadata.
 */
import { createRequire } from 'node:module';
import { PAPER_HEIGHT_MM, PAPER_WIDTH_MM } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontFace, FontSet } from '../fonts/types.ts';
import type { DocMeta } from '../model/types.ts';
import type { DocumentLayout, GlyphRun, PageLayout } from '../layout/types.ts';
import { FONT_ROLES } from '../model/types.ts';
import { bridgeFace } from './font-bridge.ts';
import { documentInfo, fileIdentifier, xmpDescriptions, type MetadataInput } from './metadata.ts';
import { StructureWriter, type ItemStructure, type TaggingDocument } from './structure.ts';

export interface PdfOptions {
  meta: DocMeta;
  /** The build clock (PDF CreationDate/ModDate). */
  clock: Date;
  /** False when the clock is the fallback (no SOURCE_DATE_EPOCH, no 成文日期): no dates are written. */
  dated?: boolean;
  generator: string;
  /** `--pdfa`: write PDF/A-2b. */
  pdfa?: boolean;
}

/** The PDF/A flavour `--pdfa` writes: part 2 (ISO 19005-2), level B (visual appearance). */
const PDFA_SUBSET = 'PDF/A-2b';

/** The font pdfkit draws with (pdfkit's EmbeddedFont), as pdfmake's renderer reads it. */
interface PdfKitFont {
  ascender: number;
  lineHeight(size: number): number;
}

/** The part of pdfmake's PDFDocument (a pdfkit document) this writer uses. */
interface PdfmakeDocument extends TaggingDocument {
  provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont;
  /** pdfkit 0.19: the catalog is `_root`. */
  _root: { data: Record<string, unknown> };
  ref(data: Record<string, unknown>): unknown;
  /** pdfkit: the Info entries, the trailer's file identifier, and the hook that writes the XMP descriptions. */
  info: Record<string, unknown>;
  _id: Buffer;
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
  outline: PdfOutline;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  end(): void;
}

/** pdfmake's renderer: draws pages of items; the two drawing calls are wrapped for tagging. */
interface PdfmakeRenderer {
  renderPages(pages: object[]): void;
  renderLine(line: PdfmakeLine, x: number, y: number): void;
  renderVector(vector: { structure?: ItemStructure }): void;
}

/** pdfkit's outline item. pdfkit 0.19 computes the destination as [page, XYZ, pageWidth − left, pageHeight − top]. */
interface PdfOutline {
  addItem(title: string, options: { pageNumber: number; top: number; left: number; expanded: boolean }): PdfOutline;
}

/** One laid-out line as pdfmake's Line holds it. */
interface PdfmakeLine {
  x: number;
  y: number;
  /** A named destination at the line (pdfmake sets the node's id). */
  id?: string;
  inlines: object[];
  addInline(inline: object): void;
  /** gongwen's: what the line is in the document structure (tagged PDF). */
  structure?: ItemStructure;
}

interface PdfmakeModules {
  PDFDocument: new (fonts: object, images: object, patterns: object, attachments: object, options: object, virtualfs: unknown, policy: (p: string) => boolean) => PdfmakeDocument;
  Renderer: new (doc: PdfmakeDocument) => PdfmakeRenderer;
  Line: new (maxWidth: number) => PdfmakeLine;
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean; readFileSync(name: string): Buffer };
}

/** pdfmake 0.3.11 (pinned exactly): its document class, renderer and line, and its virtual file system. */
const requirePdfmake = createRequire(import.meta.url);
const pdfmake: PdfmakeModules = {
  PDFDocument: (requirePdfmake('pdfmake/js/PDFDocument.js') as { default: PdfmakeModules['PDFDocument'] }).default,
  Renderer: (requirePdfmake('pdfmake/js/Renderer.js') as { default: PdfmakeModules['Renderer'] }).default,
  Line: (requirePdfmake('pdfmake/js/Line.js') as { default: PdfmakeModules['Line'] }).default,
  virtualfs: (requirePdfmake('pdfmake/js/virtual-fs.js') as { default: PdfmakeModules['virtualfs'] }).default,
};

/** Writes the laid-out document as PDF. */
export async function writePdf(layout: DocumentLayout, fonts: FontSet, opts: PdfOptions): Promise<Buffer> {
  const faces = facesByKey(fonts);
  const fontDefs: Record<string, { normal: string }> = {};
  for (const key of layout.faceKeys) {
    const face = faces.get(key);
    if (!face) throw new Error(`layout uses unknown face ${key}`);
    fontDefs[key] = { normal: bridgeFace(face, pdfmake.virtualfs) };
  }
  const size = [mmToPt(PAPER_WIDTH_MM), mmToPt(PAPER_HEIGHT_MM)] as const;
  const metadata: MetadataInput = { meta: opts.meta, clock: opts.clock, dated: opts.dated ?? true, generator: opts.generator, ...(opts.pdfa ? { pdfa: PDFA_SUBSET } : {}) };
  const info = documentInfo(metadata);
  // The options pdfmake's printer gives pdfkit for this document (version, compression, language, metadata …).
  const doc = new pdfmake.PDFDocument(
    fontDefs,
    {},
    {},
    {},
    {
      size: [...size],
      pdfVersion: '1.7',
      subset: opts.pdfa ? PDFA_SUBSET : undefined,
      tagged: true,
      displayTitle: false,
      compress: true,
      lang: opts.meta.language,
      fontLayoutCache: true,
      bufferPages: false,
      autoFirstPage: false,
      info,
      font: null,
    },
    pdfmake.virtualfs,
    () => false, // fonts come from the virtual file system; no local file is opened
  );
  // pdfkit stamps CreationDate with the wall clock when info has none, and derives /ID from it: pin both.
  if (!metadata.dated) delete doc.info['CreationDate'];
  doc._id = fileIdentifier(metadata);
  doc._addInfo = () => doc.appendXML(xmpDescriptions(metadata));
  const pageSize = { width: size[0], height: size[1], orientation: 'portrait' };
  const pages = layout.pages.map((page) => ({ pageSize, items: pageItems(page, doc), pageMargins: { left: 0, top: 0, right: 0, bottom: 0 } }));
  renderTagged(new pdfmake.Renderer(doc), new StructureWriter(doc), pages);
  addOutline(doc, layout, size[0]);
  setViewerPreferences(doc);
  return finish(doc);
}

/**
 * The outline: one entry per heading and attachment, nested by level, each pointing at the top-left corner of its
 * line (/XYZ left top, zoom unchanged) so a click shows the heading at the top of the window.
 */
function addOutline(doc: PdfmakeDocument, layout: DocumentLayout, pageWidth: number): void {
  const items = new Map<string, PdfOutline>();
  layout.pages.forEach((page, pageNumber) => {
    for (const b of page.bookmarks) {
      const parent = (b.parentId ? items.get(b.parentId) : undefined) ?? doc.outline;
      items.set(b.id, parent.addItem(b.title, { pageNumber, top: b.top, left: pageWidth - b.x, expanded: false }));
    }
  });
}

/** Renders the pages with every line and vector inside the marked content of its structure element or artifact. */
function renderTagged(renderer: PdfmakeRenderer, structure: StructureWriter, pages: object[]): void {
  const renderLine = renderer.renderLine.bind(renderer);
  const renderVector = renderer.renderVector.bind(renderer);
  renderer.renderLine = (line, x, y) => structure.around(line.structure, () => renderLine(line, x, y));
  renderer.renderVector = (vector) => structure.around(vector.structure, () => renderVector(vector));
  renderer.renderPages(pages);
}

/** The page's runs, page number and rules as pdfmake's renderer items, in drawing order. */
function pageItems(page: PageLayout, doc: PdfmakeDocument): object[] {
  const bookmarkAt = new Map(page.bookmarks.map((b) => [b.runIndex, b]));
  const pathOf: (ItemStructure | undefined)[] = [];
  for (const span of page.structure) for (let r = span.runStart; r < span.runEnd; r++) pathOf[r] = { path: span.path };
  const items: object[] = page.runs.map((run, r) => ({ type: 'line', item: withStructure(lineOf(run, doc, bookmarkAt.get(r)), pathOf[r]) }));
  for (const run of page.pageNumber ?? []) items.push({ type: 'line', item: withStructure(lineOf(run, doc, undefined), { artifact: 'Pagination' }) });
  for (const r of page.rules) {
    const structure: ItemStructure = { artifact: 'Layout' };
    items.push({ type: 'vector', item: { type: 'line', x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2, lineWidth: r.widthPt, lineCap: 'square', structure } });
  }
  return items;
}

function withStructure(line: PdfmakeLine, structure: ItemStructure | undefined): PdfmakeLine {
  if (structure) line.structure = structure;
  return line;
}

/**
 * One run as the line pdfmake's layout would make of a non-wrapping text node at an absolute position: the line box
 * top at the baseline minus the face's ascender, one inline of the run's width (what pdfmake's widthOfText gives).
 */
function lineOf(run: GlyphRun, doc: PdfmakeDocument, bookmark: PageLayout['bookmarks'][number] | undefined): PdfmakeLine {
  // A bookmarked line also gets a named destination (its id), for links into the document.
  const font = doc.provideFont(run.faceKey, false, false);
  const line = new pdfmake.Line(Infinity);
  line.x = run.x;
  line.y = run.baseline - (font.ascender / 1000) * run.sizePt;
  line.addInline({
    text: run.text,
    font,
    fontSize: run.sizePt,
    characterSpacing: run.charSpacing,
    width: run.width,
    height: font.lineHeight(run.sizePt),
    leadingCut: 0,
    trailingCut: 0,
  });
  if (bookmark) line.id = bookmark.id;
  return line;
}

/** Ends the document and collects its bytes. */
function finish(doc: PdfmakeDocument): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

/**
 * Printing shops print the 版心 to the millimetre: /PrintScaling /None stops viewers from “fit to page” shrinking it,
 * and the window shows the document title. Duplex is left to the user (a /Duplex value makes Acrobat ignore the
 * printer dialog). pdfkit writes the dictionary when it ends the document.
 */
function setViewerPreferences(doc: PdfmakeDocument): void {
  doc._root.data['ViewerPreferences'] = doc.ref({ PrintScaling: 'None', DisplayDocTitle: true });
}

function facesByKey(fonts: FontSet): Map<string, FontFace> {
  const map = new Map<string, FontFace>();
  for (const role of FONT_ROLES) for (const face of fonts.roles[role].chain) map.set(face.key, face);
  return map;
}
