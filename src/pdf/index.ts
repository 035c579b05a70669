/**
 * Stage: PDF writer. Input: DocumentLayout (positioned runs and rules) + FontSet + metadata + clock → PDF bytes.
 * It only draws what the layout decided: every run becomes one absolutely positioned, non-wrapping pdfmake text
 * node whose `characterSpacing` is the run's uniform gap (one PDF text object per run). Fonts are subset-embedded
 * by pdfkit as CID TrueType with ToUnicode, so the text can be searched and copied.
 * Deterministic: creation/modification dates come from the build clock; pdfkit's /ID derives from them.
 */
import pdfmake from 'pdfmake';
import { PAPER_HEIGHT_MM, PAPER_WIDTH_MM } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontFace, FontSet } from '../fonts/types.ts';
import type { DocMeta } from '../model/types.ts';
import type { DocumentLayout, GlyphRun } from '../layout/types.ts';
import { FONT_ROLES } from '../model/types.ts';

export interface PdfOptions {
  meta: DocMeta;
  /** The build clock (PDF CreationDate/ModDate). */
  clock: Date;
  generator: string;
}

interface PdfmakeApi {
  setFonts(fonts: Record<string, { normal: string | [string, string] }>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: object): { getStream(): Promise<PdfKitDocument>; getBuffer(): Promise<Buffer> };
}

/** Writes the laid-out document as PDF. */
export async function writePdf(layout: DocumentLayout, fonts: FontSet, opts: PdfOptions): Promise<Buffer> {
  const faces = facesByKey(fonts);
  const api = pdfmake as unknown as PdfmakeApi;
  const fontDefs: Record<string, { normal: string | [string, string] }> = {};
  for (const key of layout.faceKeys) {
    const face = faces.get(key);
    if (!face) throw new Error(`layout uses unknown face ${key}`);
    // A face inside a collection (.ttc/.otc) is named by its PostScript name (pdfmake#979).
    fontDefs[key] = { normal: face.collectionIndex !== undefined ? [face.file, face.postscriptName] : face.file };
  }
  const allowed = new Set(Object.values(fontDefs).map((d) => (Array.isArray(d.normal) ? d.normal[0] : d.normal)));
  api.setFonts(fontDefs);
  api.setUrlAccessPolicy(() => false); // no network at run time
  api.setLocalAccessPolicy((p) => allowed.has(p));

  const content: object[] = [];
  layout.pages.forEach((page, i) => {
    if (i > 0) content.push({ text: '', pageBreak: 'before' });
    const bookmarkAt = new Map(page.bookmarks.map((b) => [b.runIndex, b]));
    page.runs.forEach((run, r) => {
      const b = bookmarkAt.get(r);
      content.push(textNode(run, faces, b ? { outline: true, id: b.id, outlineText: b.title, ...(b.parentId ? { outlineParentId: b.parentId } : {}) } : {}));
    });
    for (const run of page.pageNumber ?? []) content.push(textNode(run, faces, {}));
    if (page.rules.length > 0)
      content.push({
        canvas: page.rules.map((r) => ({ type: 'line', x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2, lineWidth: r.widthPt, lineCap: 'square' })),
        absolutePosition: { x: 0, y: 0 },
      });
  });

  const docDefinition = {
    pageSize: { width: mmToPt(PAPER_WIDTH_MM), height: mmToPt(PAPER_HEIGHT_MM) },
    pageMargins: [0, 0, 0, 0],
    language: opts.meta.language,
    info: {
      title: opts.meta.title,
      author: opts.meta.organ,
      subject: opts.meta.title,
      creator: opts.generator,
      producer: opts.generator,
      creationDate: opts.clock,
      modDate: opts.clock,
    },
    defaultStyle: { font: layout.faceKeys[0], fontSize: 16, lineHeight: 1 },
    content,
  };
  const output = api.createPdf(docDefinition);
  setViewerPreferences(await output.getStream());
  return output.getBuffer();
}

/** The part of pdfkit's document the viewer preferences need (pdfkit 0.19: the catalog is `_root`). */
interface PdfKitDocument {
  _root: { data: Record<string, unknown> };
  ref(data: Record<string, unknown>): unknown;
}

/**
 * Printing shops print the 版心 to the millimetre: /PrintScaling /None stops viewers from “fit to page” shrinking it,
 * and the window shows the document title. Duplex is left to the user (a /Duplex value makes Acrobat ignore the
 * printer dialog). pdfkit writes the dictionary when it ends the document.
 */
function setViewerPreferences(doc: PdfKitDocument): void {
  doc._root.data['ViewerPreferences'] = doc.ref({ PrintScaling: 'None', DisplayDocTitle: true });
}

function facesByKey(fonts: FontSet): Map<string, FontFace> {
  const map = new Map<string, FontFace>();
  for (const role of FONT_ROLES) for (const face of fonts.roles[role].chain) map.set(face.key, face);
  return map;
}

/** pdfmake places a text node's line box top at y; the baseline falls at y + ascender (hhea) × size. */
function textNode(run: GlyphRun, faces: Map<string, FontFace>, extra: object): object {
  const face = faces.get(run.faceKey);
  if (!face) throw new Error(`unknown face ${run.faceKey}`);
  const ascent = (face.ascent / face.unitsPerEm) * run.sizePt;
  return {
    text: run.text,
    font: run.faceKey,
    fontSize: run.sizePt,
    lineHeight: 1,
    characterSpacing: run.charSpacing,
    noWrap: true,
    preserveLeadingSpaces: true,
    preserveTrailingSpaces: true,
    absolutePosition: { x: run.x, y: run.baseline - ascent },
    ...extra,
  };
}
