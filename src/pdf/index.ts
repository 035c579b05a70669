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
 * Pictures are drawn by the same renderer (PNG/JPEG through pdfkit, SVG through pdfmake's svg-to-pdfkit); a
 * landscape page (§8) draws its content inside a clip-and-turn group (its frame's `toPaper` matrix) and its page
 * number outside it, where the portrait pages have it. The pages of PDF attachments are placed afterwards
 * (place-pages.ts, pdf-lib), only in documents that have them.
 * Deterministic: creation/modification dates come from the build clock; pdfkit's /ID derives from them.
 */
import { createRequire } from 'node:module';
import { PAPER_HEIGHT_MM, PAPER_WIDTH_MM } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontFace, FontSet } from '../fonts/types.ts';
import type { DocMeta } from '../model/types.ts';
import type { DocumentLayout, GlyphRun, PageLayout, PlacedMedia } from '../layout/types.ts';
import type { MediaStore } from '../media/types.ts';
import { FONT_ROLES } from '../model/types.ts';
import { bridgeFace } from './font-bridge.ts';
import { placePdfPages } from './place-pages.ts';

export interface PdfOptions {
  meta: DocMeta;
  /** The build clock (PDF CreationDate/ModDate). */
  clock: Date;
  generator: string;
  /** Bytes of the pictures and PDF attachments the layout places. */
  media: MediaStore;
}

/** The font pdfkit draws with (pdfkit's EmbeddedFont), as pdfmake's renderer reads it. */
interface PdfKitFont {
  ascender: number;
  lineHeight(size: number): number;
}

/** The part of pdfmake's PDFDocument (a pdfkit document) this writer uses. */
interface PdfmakeDocument {
  provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont;
  /** pdfkit 0.19: the catalog is `_root`. */
  _root: { data: Record<string, unknown> };
  ref(data: Record<string, unknown>): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  end(): void;
}

/** One laid-out line as pdfmake's Line holds it. */
interface PdfmakeLine {
  x: number;
  y: number;
  /** A named destination at the line (pdfmake sets the node's id). */
  id?: string;
  inlines: object[];
  _outline?: { id: string; parentId: string | undefined; text: string; expanded: boolean };
  addInline(inline: object): void;
}

/** The pdfkit calls the turned group of a landscape page makes. */
interface PdfkitTransforms {
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
}

interface PdfmakeRenderer {
  renderPages(pages: object[]): void;
  pdfDocument: PdfmakeDocument & PdfkitTransforms;
  beginClip(rect: object): void;
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
  const faces = facesByKey(fonts);
  const fontDefs: Record<string, Record<string, string>> = {};
  const svgFont = layout.pages.some((p) => p.media.some((m) => m.format === 'svg')) ? fonts.roles.body.chain[0]?.key : undefined;
  for (const key of [...layout.faceKeys, ...(svgFont && !layout.faceKeys.includes(svgFont) ? [svgFont] : [])]) {
    const face = faces.get(key);
    if (!face) throw new Error(`layout uses unknown face ${key}`);
    const file = bridgeFace(face, pdfmake.virtualfs);
    // Text inside an SVG asks svg-to-pdfkit for a style by weight; the body face stands for all of them.
    fontDefs[key] = key === svgFont ? { normal: file, bold: file, italics: file, bolditalics: file } : { normal: file };
  }
  const size = [mmToPt(PAPER_WIDTH_MM), mmToPt(PAPER_HEIGHT_MM)] as const;
  // The options pdfmake's printer gives pdfkit for this document (version, compression, language, metadata …).
  const doc = new pdfmake.PDFDocument(
    fontDefs,
    {},
    {},
    {},
    {
      size: [...size],
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
  const pageSize = { width: size[0], height: size[1], orientation: 'portrait' };
  const pages = layout.pages.map((page) => ({ pageSize, items: pageItems(page, doc, opts.media, svgFont), pageMargins: { left: 0, top: 0, right: 0, bottom: 0 } }));
  new TurningRenderer(doc).renderPages(pages);
  setViewerPreferences(doc);
  const bytes = await finish(doc);
  return placePdfPages(bytes, layout, opts.media);
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

/** The page's media, runs, page number and rules as pdfmake's renderer items, in drawing order. */
function pageItems(page: PageLayout, doc: PdfmakeDocument, media: MediaStore, svgFont: string | undefined): object[] {
  const bookmarkAt = new Map(page.bookmarks.map((b) => [b.runIndex, b]));
  const content: object[] = page.media.flatMap((m) => mediaItem(m, media, svgFont));
  content.push(...page.runs.map((run, r) => ({ type: 'line', item: lineOf(run, doc, bookmarkAt.get(r)) })));
  const pageNumber = (page.pageNumber ?? []).map((run) => ({ type: 'line', item: lineOf(run, doc, undefined) }));
  const rules = page.rules.map((r) => ({ type: 'vector', item: { type: 'line', x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2, lineWidth: r.widthPt, lineCap: 'square' } }));
  if (!page.landscape) return [...content, ...pageNumber, ...rules];
  // §8: the turned content in its frame; the page number stays where the portrait pages have it.
  const sheet = { x: 0, y: 0, width: page.paper.widthPt, height: page.paper.heightPt, transform: page.landscape.toPaper };
  return [{ type: 'beginClip', item: sheet }, ...content, ...rules, { type: 'endClip' }, ...pageNumber];
}

/** A picture as the renderer's image or svg item; a PDF page is placed later (place-pages.ts). */
function mediaItem(m: PlacedMedia, media: MediaStore, svgFont: string | undefined): object[] {
  if (m.kind !== 'image') return [];
  const item = media.get(m.ref);
  if (!item) throw new Error(`layout places unknown media ${m.ref}`);
  if (item.format === 'svg') return [{ type: 'svg', item: { svg: item.bytes.toString('utf8'), x: m.x, y: m.y, _width: m.width, _height: m.height, font: svgFont, options: { preserveAspectRatio: 'xMidYMid meet' } } }];
  return [{ type: 'image', item: { image: item.bytes, x: m.x, y: m.y, _width: m.width, _height: m.height } }];
}

/**
 * One run as the line pdfmake's layout would make of a non-wrapping text node at an absolute position: the line box
 * top at the baseline minus the face's ascender, one inline of the run's width (what pdfmake's widthOfText gives).
 */
function lineOf(run: GlyphRun, doc: PdfmakeDocument, bookmark: PageLayout['bookmarks'][number] | undefined): PdfmakeLine {
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
  if (bookmark) {
    line.id = bookmark.id;
    line._outline = { id: bookmark.id, parentId: bookmark.parentId, text: bookmark.title, expanded: false };
  }
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
