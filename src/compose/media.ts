/**
 * Stage: compose — pictures and PDF pages, and the attachment pages around them. Input: image / pdfPages blocks of
 * the model → ComposedImage (the print box in pt: the asked width or the 版心 width, never wider than the 版心, never
 * taller than a page less the caption line; its height rounded up to whole grid lines) and ComposedPdfPages; and,
 * once the document is composed, `arrangeAttachmentPages`: an attachment whose content is a picture gets the rest of
 * its first page for it, and one whose content is a landscape table starts on a landscape page (§7.3.7 label and
 * title on the turned page, §8); and `keepHeadingsWithContent` keeps a heading on the page of the table or picture it
 * heads.
 */
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { LANDSCAPE_LINES_PER_PAGE, LINES_PER_PAGE, LINE_PITCH_PT, TYPE_AREA_WIDTH_MM, TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { ComposedBlock, ComposedImage, ComposedPdfPages } from '../model/composed.ts';
import type { ImageBlock, PdfPagesBlock } from '../model/types.ts';
import { composedText } from './text.ts';

/** The print box of a picture whose box may take at most `maxLines` grid lines. */
function imageBox(aspect: number, widthPt: number, maxLines: number): { widthPt: number; heightPt: number; lines: number } {
  let width = Math.min(widthPt, TYPE_AREA_WIDTH_PT);
  let height = width * aspect;
  const maxHeight = Math.max(1, maxLines) * LINE_PITCH_PT;
  if (height > maxHeight) {
    height = maxHeight;
    width = height / aspect;
  }
  return { widthPt: width, heightPt: height, lines: Math.max(1, Math.ceil(height / LINE_PITCH_PT - 1e-6)) };
}

/** Composes a picture. */
export function composeImage(b: ImageBlock): ComposedImage {
  const aspect = b.pixelHeight / b.pixelWidth;
  const caption = b.caption ? composedText(b.caption.text, ELEMENT_STYLE.imageCaption, b.caption.origin ?? b.origin) : undefined;
  const box = imageBox(aspect, mmToPt(b.widthMm ?? TYPE_AREA_WIDTH_MM), LINES_PER_PAGE - (caption ? 1 : 0));
  return { kind: 'image', ref: b.ref, format: b.format, ...box, ...(caption ? { caption } : {}), ...(b.fit ? { fit: b.fit } : {}) };
}

/** Composes a PDF attachment's pages. */
export function composePdfPages(b: PdfPagesBlock): ComposedPdfPages {
  return { kind: 'pdfPages', ref: b.ref, pages: b.pages.map((p) => ({ ...p })), note: composedText(b.note, ELEMENT_STYLE.mediaNote, b.origin) };
}

/**
 * A heading stays on the page of what it heads: before a portrait table, its caption, head rows and first row; before
 * a picture, the picture and its caption (a heading before a landscape table needs only itself: the table turns a
 * new page anyway, and the heading stays with the body above it).
 */
export function keepHeadingsWithContent(blocks: ComposedBlock[]): void {
  blocks.forEach((block, i) => {
    if (block.kind !== 'paragraph' || !block.keepWithNext) return;
    const next = blocks[i + 1];
    if (next?.kind === 'table' && !next.landscape) block.keepLines = (next.caption ? 1 : 0) + next.header.length + Math.min(1, next.rows.length);
    if (next?.kind === 'image') block.keepLines = next.lines + (next.caption ? 1 : 0);
  });
}

/**
 * Fits an attachment's content to its first page: after “附件N” (line 1), a blank line, the title's lines and a
 * blank line (§7.3.7), a picture takes what is left of the page; a landscape table turns the page it starts on.
 */
export function arrangeAttachmentPages(blocks: ComposedBlock[]): void {
  blocks.forEach((block, i) => {
    if (block.kind !== 'newPage') return;
    const label = blocks[i + 1];
    if (label?.kind !== 'placed' || label.style !== 'label') return;
    let k = i + 2;
    let used = 1;
    while (blocks[k]?.kind === 'blank' || (blocks[k]?.kind === 'centred' && (blocks[k] as { style: string }).style === 'attachmentTitle')) {
      const b = blocks[k] as ComposedBlock;
      used += b.kind === 'centred' ? b.lines.length : 1;
      k++;
    }
    const content = blocks[k];
    if (content?.kind === 'image' && content.fit === 'page') {
      const room = LINES_PER_PAGE - used - (content.caption ? 1 : 0);
      Object.assign(content, imageBox(content.heightPt / content.widthPt, TYPE_AREA_WIDTH_PT, room));
    }
    if (content?.kind === 'table' && content.landscape && used < LANDSCAPE_LINES_PER_PAGE - 2) block.orientation = 'landscape';
  });
}
