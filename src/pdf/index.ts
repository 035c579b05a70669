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
 * The document, its page items and its ending are building blocks the numbered-copies writer (copies.ts) shares, so
 * a print file of many copies is drawn by the same calls; the bytes are collected in blocks (output-blocks.ts).
 * Pictures are drawn by the same renderer (PNG/JPEG through pdfkit, SVG through pdfmake's svg-to-pdfkit); a
 * landscape page (§8) draws its content inside a clip-and-turn group (its frame's `toPaper` matrix) and its page
 * number outside it, where the portrait pages have it. The pages of PDF attachments are placed afterwards
 * (place-pages.ts, pdf-lib), only in documents that have them.
 */
import { createRequire } from 'node:module';
import { PAPER_HEIGHT_MM, PAPER_WIDTH_MM } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontFace, FontSet } from '../fonts/types.ts';
import type { DocMeta } from '../model/types.ts';
import type { DocumentLayout, GlyphRun, PageLayout, PlacedMedia } from '../layout/types.ts';
import type { MediaStore } from '../media/types.ts';
import { FONT_ROLES } from '../model/types.ts';
import { bridgeFace, prefetchGlyphs } from './font-bridge.ts';
import { documentInfo, fileIdentifier, xmpDescriptions, type MetadataInput } from './metadata.ts';
import { StructureWriter, type ItemStructure, type TaggingDocument } from './structure.ts';
import { copyNumberRuns } from '../layout/copy-number.ts';
import { collectOutput, type PdfkitOutput } from './output-blocks.ts';
import { placePdfPages } from './place-pages.ts';
import { DEFAULT_RED, type Ink, type RedInk } from '../gbt9704/ink.ts';

export interface PdfOptions {
  meta: DocMeta;
  /** The build clock (PDF CreationDate/ModDate). */
  clock: Date;
  /** False when the clock is the fallback (no SOURCE_DATE_EPOCH, no 成文日期): no dates are written. */
  dated?: boolean;
  generator: string;
  /** `--pdfa`: write PDF/A-2b. */
  pdfa?: boolean;
  /** Write the structure tree (default true; a numbered-copies print file is for paper and is not tagged). */
  tagged?: boolean;
  /** Bytes of the pictures and PDF attachments the layout places. */
  media: MediaStore;
  /** The red of the 版头 (`--red`, DeviceRGB or DeviceCMYK); #FF0000 when absent. */
  red?: RedInk;
}

/** The PDF/A flavour `--pdfa` writes: part 2 (ISO 19005-2), level B (visual appearance). */
const PDFA_SUBSET = 'PDF/A-2b';

/** The font pdfkit draws with (pdfkit's EmbeddedFont), as pdfmake's renderer reads it. */
interface PdfKitFont {
  ascender: number;
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
export interface PdfmakeDocument extends TaggingDocument, PdfkitOutput {
  provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont;
  /** pdfkit 0.19: the catalog is `_root`. */
  _root: { data: Record<string, unknown> };
  ref(data: Record<string, unknown>): PdfRef;
  /** pdfkit: the Info entries, the trailer's file identifier, and the hook that writes the XMP descriptions. */
  info: Record<string, unknown>;
  _id: Buffer;
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
  outline: PdfOutline;
  on(event: 'data', listener: () => void): void;
  on(event: 'end', listener: () => void): void;
  end(): void;
}

/** pdfmake's Renderer: whole pages, or one laid-out line or vector at a time into the current page. */
export interface PdfmakeRenderer {
  renderPages(pages: object[]): void;
  renderLine(line: PdfmakeLine, x: number, y: number): void;
  renderVector(vector: { structure?: ItemStructure } & Record<string, unknown>): void;
  renderImage(image: object): void;
  renderSVG(svg: object): void;
  beginClip(rect: object): void;
  endClip(): void;
  pdfDocument: PdfmakeDocument & PdfkitTransforms;
}

/**
 * pdfkit's outline item. pdfkit 0.19 computes the destination as [page, XYZ, pageWidth − left, pageHeight − top],
 * on page `pageNumber` (0-based) or on the current page.
 */
export interface PdfOutline {
  addItem(title: string, options: { pageNumber?: number; top: number; left: number; expanded: boolean }): PdfOutline;
}

/** One laid-out line as pdfmake's Line holds it. */
export interface PdfmakeLine {
  x: number;
  y: number;
  /** A named destination at the line (pdfmake sets the node's id). */
  id?: string;
  inlines: object[];
  addInline(inline: object): void;
  /** gongwen's: what the line is in the document structure (tagged PDF). */
  structure?: ItemStructure;
}

/** The pdfkit calls the turned group of a landscape page makes. */
interface PdfkitTransforms {
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
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

/** A4 portrait (§5.1) as pdfmake's pages state their size. */
export const PAGE_SIZE = { width: mmToPt(PAPER_WIDTH_MM), height: mmToPt(PAPER_HEIGHT_MM), orientation: 'portrait' } as const;

/** Writes the laid-out document as PDF. */
export async function writePdf(layout: DocumentLayout, fonts: FontSet, opts: PdfOptions): Promise<Buffer> {
  const doc = openDocument(layout, fonts, opts);
  const slot = layout.copyNumber;
  const svgFont = svgFontOf(layout, fonts);
  const pages = layout.pages.map((page) => {
    const items = pageItems(page, doc, opts.media, svgFont, opts.red);
    // A single 份号 (§7.2.1) is drawn like any run; numbered copies stamp theirs instead (src/pdf/copies.ts).
    if (slot && slot.page === page.index) items.push(...copyNumberRuns(slot, slot.text).map((run) => ({ type: 'line', item: lineOf(run, doc, undefined) })));
    return { pageSize: PAGE_SIZE, items, pageMargins: { left: 0, top: 0, right: 0, bottom: 0 } };
  });
  renderTagged(pageRenderer(doc), new StructureWriter(doc), pages);
  addOutline(doc, layout);
  return placePdfPages(await finishDocument(doc), layout, opts.media);
}

/** The code points each face draws on the layout's pages (runs and page numbers). */
function codePointsByFace(layout: DocumentLayout): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const page of layout.pages) {
    for (const run of [...page.runs, ...(page.pageNumber ?? [])]) {
      let set = out.get(run.faceKey);
      if (!set) out.set(run.faceKey, (set = new Set()));
      for (const ch of run.text) set.add(ch.codePointAt(0) ?? 0);
    }
  }
  return out;
}

/** A pdfmake document for the layout's faces, with the options pdfmake's printer would give pdfkit for it. */
export function openDocument(layout: DocumentLayout, fonts: FontSet, opts: PdfOptions): PdfmakeDocument {
  const faces = facesByKey(fonts);
  const fontDefs: Record<string, Record<string, string>> = {};
  const svgFont = svgFontOf(layout, fonts);
  const drawn = codePointsByFace(layout);
  for (const key of [...layout.faceKeys, ...(svgFont && !layout.faceKeys.includes(svgFont) ? [svgFont] : [])]) {
    const face = faces.get(key);
    if (!face) throw new Error(`layout uses unknown face ${key}`);
    prefetchGlyphs(face, drawn.get(key) ?? []);
    const file = bridgeFace(face, pdfmake.virtualfs);
    // Text inside an SVG asks svg-to-pdfkit for a style by weight; the body face stands for all of them.
    fontDefs[key] = key === svgFont ? { normal: file, bold: file, italics: file, bolditalics: file } : { normal: file };
  }
  const metadata: MetadataInput = { meta: opts.meta, clock: opts.clock, dated: opts.dated ?? true, generator: opts.generator, ...(opts.pdfa ? { pdfa: PDFA_SUBSET } : {}) };
  const info = documentInfo(metadata);
  // The options pdfmake's printer gives pdfkit for this document (version, compression, language, metadata …).
  const doc = new pdfmake.PDFDocument(
    fontDefs,
    {},
    {},
    {},
    {
      size: [PAGE_SIZE.width, PAGE_SIZE.height],
      pdfVersion: '1.7',
      subset: opts.pdfa ? PDFA_SUBSET : undefined,
      tagged: opts.tagged ?? true,
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
  sortDestinationsWithoutCollator(doc);
  outputs.set(doc, collectOutput(doc));
  return doc;
}

/**
 * pdfkit sorts the named destinations (our bookmark ids, `h1` … `h42`) with localeCompare, whose first use loads
 * ICU's collator: ≈ 10 ms of every cold build, measured. For names of lower-case ASCII letters and digits only, the
 * collator's order is the code-unit order (digits before letters, a prefix first, no case or accent levels), so
 * those are compared directly; any other name still goes to localeCompare. The tree is written in the same order.
 */
function sortDestinationsWithoutCollator(doc: PdfmakeDocument): void {
  const dests = (doc._root.data['Names'] as { data?: Record<string, unknown> } | undefined)?.data?.['Dests'] as { _compareKeys?: (a: string, b: string) => number } | undefined;
  if (!dests || typeof dests._compareKeys !== 'function') return;
  const plain = /^[a-z0-9]*$/;
  const collated = dests._compareKeys.bind(dests);
  dests._compareKeys = (a, b) => (plain.test(a) && plain.test(b) ? (a < b ? -1 : a > b ? 1 : 0) : collated(a, b));
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

/**
 * The outline: one entry per heading and attachment, nested by level, each pointing at the top-left corner of its
 * line (/XYZ left top, zoom unchanged) so a click shows the heading at the top of the window.
 */
function addOutline(doc: PdfmakeDocument, layout: DocumentLayout, pageWidth: number = PAGE_SIZE.width): void {
  const items = new Map<string, PdfOutline>();
  layout.pages.forEach((page, pageNumber) => {
    for (const b of page.bookmarks) {
      const parent = (b.parentId ? items.get(b.parentId) : undefined) ?? doc.outline;
      items.set(b.id, parent.addItem(b.title, { pageNumber, top: b.top, left: pageWidth - b.x, expanded: false }));
    }
  });
}

/**
 * pdfmake's renderer, whose clip item may also turn what follows it (a landscape page's frame): the clip is the
 * whole sheet, so it only opens the graphics state the turn lives in until the matching endClip.
 */
class TurningRenderer extends pdfmake.Renderer {
  override beginClip(rect: { transform?: readonly number[] }): void {
    super.beginClip(rect);
    const m = rect.transform;
    if (m) this.pdfDocument.transform(m[0] ?? 1, m[1] ?? 0, m[2] ?? 0, m[3] ?? 1, m[4] ?? 0, m[5] ?? 0);
  }
}

/** The renderer every page of ours is drawn with (the report and the numbered copies alike). */
export function pageRenderer(doc: PdfmakeDocument): PdfmakeRenderer {
  return new TurningRenderer(doc);
}

/** The face an SVG's text is drawn in (the body face), when the layout places any SVG. */
export function svgFontOf(layout: DocumentLayout, fonts: FontSet): string | undefined {
  return layout.pages.some((p) => p.media.some((m) => m.format === 'svg')) ? fonts.roles.body.chain[0]?.key : undefined;
}

/** Renders the pages with every line and vector inside the marked content of its structure element or artifact. */
function renderTagged(renderer: PdfmakeRenderer, structure: StructureWriter, pages: object[]): void {
  const renderLine = renderer.renderLine.bind(renderer);
  const renderVector = renderer.renderVector.bind(renderer);
  renderer.renderLine = (line, x, y) => structure.around(line.structure, () => renderLine(line, x, y));
  renderer.renderVector = (vector) => structure.around(vector.structure, () => renderVector(vector));
  renderer.renderPages(pages);
}

/**
 * The page's media, runs, page number and rules as pdfmake's renderer items, in drawing order. A landscape page (§8)
 * draws its content inside a clip-and-turn group (its frame's `toPaper` matrix) and its page number outside it, where
 * the portrait pages have it.
 */
export function pageItems(page: PageLayout, doc: PdfmakeDocument, media: MediaStore, svgFont: string | undefined, red: RedInk = DEFAULT_RED): object[] {
  const inkOf = (ink: Ink | undefined) => (ink === 'red' ? pdfColor(red) : undefined);
  const bookmarkAt = new Map(page.bookmarks.map((b) => [b.runIndex, b]));
  const pathOf: (ItemStructure | undefined)[] = [];
  for (const span of page.structure) for (let r = span.runStart; r < span.runEnd; r++) pathOf[r] = { path: span.path };
  const content: object[] = page.media.flatMap((m) => mediaItem(m, media, svgFont));
  content.push(...page.runs.map((run, r) => ({ type: 'line', item: withStructure(lineOf(run, doc, bookmarkAt.get(r), inkOf(run.ink)), pathOf[r]) })));
  const pageNumber = (page.pageNumber ?? []).map((run) => ({ type: 'line', item: withStructure(lineOf(run, doc, undefined), { artifact: 'Pagination' }) }));
  const rules = page.rules.map((r) => {
    const structure: ItemStructure = { artifact: 'Layout' };
    const ink = inkOf(r.ink);
    return { type: 'vector', item: { type: 'line', x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2, lineWidth: r.widthPt, lineCap: r.cap ?? 'square', ...(ink ? { lineColor: ink } : {}), structure } };
  });
  if (!page.landscape) return [...content, ...pageNumber, ...rules];
  const sheet = { x: 0, y: 0, width: page.paper.widthPt, height: page.paper.heightPt, transform: page.landscape.toPaper };
  return [{ type: 'beginClip', item: sheet }, ...content, ...rules, { type: 'endClip' }, ...pageNumber];
}

/** A colour as pdfkit takes it: #RRGGBB (DeviceRGB) or [C, M, Y, K] in percent (DeviceCMYK). */
type PdfColor = string | number[];

/** The 版头's red for pdfkit (src/gbt9704/ink.ts). */
function pdfColor(red: RedInk): PdfColor {
  return red.space === 'cmyk' ? [...red.cmyk] : `#${red.rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** A picture as the renderer's image or svg item; a PDF page is placed later (place-pages.ts). */
function mediaItem(m: PlacedMedia, media: MediaStore, svgFont: string | undefined): object[] {
  if (m.kind !== 'image') return [];
  const item = media.get(m.ref);
  if (!item) throw new Error(`layout places unknown media ${m.ref}`);
  if (item.format === 'svg') return [{ type: 'svg', item: { svg: item.bytes.toString('utf8'), x: m.x, y: m.y, _width: m.width, _height: m.height, font: svgFont, options: { preserveAspectRatio: 'xMidYMid meet' } } }];
  return [{ type: 'image', item: { image: item.bytes, x: m.x, y: m.y, _width: m.width, _height: m.height } }];
}

function withStructure(line: PdfmakeLine, structure: ItemStructure | undefined): PdfmakeLine {
  if (structure) line.structure = structure;
  return line;
}

/**
 * One run as the line pdfmake's layout would make of a non-wrapping text node at an absolute position: the line box
 * top at the baseline minus the face's ascender, one inline of the run's width (what pdfmake's widthOfText gives).
 */
export function lineOf(run: GlyphRun, doc: PdfmakeDocument, bookmark: PageLayout['bookmarks'][number] | undefined, color?: PdfColor): PdfmakeLine {
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
    ...(color ? { color } : {}),
  });
  if (bookmark) line.id = bookmark.id;
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
