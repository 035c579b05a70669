/**
 * Stage: PDF writer — the pages of PDF attachments. Input: the PDF pdfkit wrote, the layout (which says where each
 * attachment page goes: the PlacedMedia of kind `pdfPage`) and the media bytes → the same document with each of
 * those pages drawn into its box as a form XObject (pdf-lib's embedPage/drawPage), under our page number; a
 * document without PDF attachments is returned as it is, byte for byte (pdf-lib is not even loaded).
 *
 * Deterministic: pdf-lib rewrites the document from its objects in a fixed order, keeps the trailer's /ID and, with
 * `updateMetadata: false`, our Info dictionary and dates; nothing it writes depends on the clock. The header keeps
 * the PDF version our writer chose.
 */
import type { DocumentLayout, PlacedMedia } from '../layout/types.ts';
import type { MediaStore } from '../media/types.ts';

/**
 * Places every attachment page the layout asks for. `pagesOf` maps a layout page to the pages of `pdf` that show it
 * (a numbered-copies print file shows each layout page once per copy); default: the page of the same index.
 */
export async function placePdfPages(pdf: Buffer, layout: DocumentLayout, media: MediaStore, pagesOf: (layoutPage: number) => number[] = (p) => [p]): Promise<Buffer> {
  const placements = layout.pages.flatMap((page, i) =>
    page.media.filter((m) => m.kind === 'pdfPage').flatMap((m) => pagesOf(i).map((pageIndex) => ({ pageIndex, m, paperHeight: page.paper.heightPt }))),
  );
  if (placements.length === 0) return pdf;
  const { PDFDocument, degrees } = await import('pdf-lib');
  const doc = await PDFDocument.load(new Uint8Array(pdf), { updateMetadata: false });
  const sources = new Map<string, Awaited<ReturnType<typeof PDFDocument.load>>>();
  const forms = new Map<string, Awaited<ReturnType<Awaited<ReturnType<typeof PDFDocument.load>>['embedPages']>>[number]>();
  for (const { pageIndex, m, paperHeight } of placements) {
    const source = sources.get(m.ref) ?? (await PDFDocument.load(new Uint8Array(sourceBytes(m, media)), { updateMetadata: false }));
    sources.set(m.ref, source);
    const sourcePage = source.getPage(m.page ?? 0);
    // One form XObject per source page, however many copies show it.
    const key = `${m.ref}#${m.page ?? 0}`;
    const embedded = forms.get(key) ?? (await doc.embedPages([sourcePage]))[0];
    if (!embedded) continue;
    forms.set(key, embedded);
    const turn = ((sourcePage.getRotation().angle % 360) + 360) % 360;
    const bottom = paperHeight - m.y - m.height;
    // A page with /Rotate is shown turned: draw its (unturned) box turned the same way into the placed box.
    const target = turn === 90 ? { x: m.x, y: bottom + m.height, width: m.height, height: m.width, rotate: degrees(-90) }
      : turn === 180 ? { x: m.x + m.width, y: bottom + m.height, width: m.width, height: m.height, rotate: degrees(180) }
      : turn === 270 ? { x: m.x + m.width, y: bottom, width: m.height, height: m.width, rotate: degrees(90) }
      : { x: m.x, y: bottom, width: m.width, height: m.height };
    doc.getPage(pageIndex).drawPage(embedded, target);
  }
  const out = Buffer.from(await doc.save({ useObjectStreams: false }));
  // pdf-lib 1.17 always writes “%PDF-1.7”; the document keeps the version our writer chose (same length, so no
  // offset moves).
  const version = /^%PDF-\d\.\d/.exec(pdf.subarray(0, 8).toString('latin1'));
  if (version && out.subarray(0, 8).toString('latin1').startsWith('%PDF-')) out.write(version[0], 0, 'latin1');
  return out;
}

function sourceBytes(m: PlacedMedia, media: MediaStore): Buffer {
  const item = media.get(m.ref);
  if (!item || item.format !== 'pdf') throw new Error(`layout places unknown PDF ${m.ref}`);
  return item.bytes;
}
