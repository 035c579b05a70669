/**
 * Stage: layout — pictures and PDF pages. Input: a ComposedImage or ComposedPdfPages + the cursor → media boxes on
 * the pages (PlacedMedia, drawn by the PDF writer below the text), and the cursor moved past them.
 *
 * A picture takes the whole grid lines the composition rounded its box up to, centred in that box across the 版心;
 * its caption (图题) is centred on the next grid line, so the body below is back on the grid. Picture and caption
 * stay on one page. A PDF attachment's pages are scaled into the 版心 (never enlarged), centred across it: the first
 * below the attachment title on the attachment's first page (a new page when less than a third of the 版心 is left),
 * every further one on a page of its own; our page numbers run on below them.
 */
import { LINE_PITCH_PT } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import type { ComposedImage, ComposedPdfPages } from '../model/composed.ts';
import { measureText } from '../measure/measure.ts';
import { placeCentred } from './centred.ts';
import { type GridCursor, frameLineTop } from './grid.ts';

/** Below this share of the 版心, a PDF attachment's first page goes to a page of its own. */
const MIN_FIRST_PAGE_SHARE = 1 / 3;

/** Places a picture and its caption. */
export function layoutImage(b: ComposedImage, fonts: FontSet, cursor: GridCursor): void {
  cursor.ensurePortraitFlow();
  cursor.reserve(b.lines + (b.caption ? 1 : 0));
  if (cursor.remaining <= 0) cursor.newPage(cursor.frame);
  const frame = cursor.frame;
  const top = frameLineTop(frame, cursor.line);
  const box = b.lines * LINE_PITCH_PT;
  cursor.draw([], [], [{ kind: 'image', ref: b.ref, format: b.format, x: frame.left + (frame.width - b.widthPt) / 2, y: top + (box - b.heightPt) / 2, width: b.widthPt, height: b.heightPt }]);
  cursor.line += b.lines;
  if (b.caption) placeCentred(measureText(b.caption.text, b.caption.role, b.caption.sizePt, fonts), 'caption', cursor);
}

/** Places every page of a PDF attachment. */
export function layoutPdfPages(b: ComposedPdfPages, cursor: GridCursor): void {
  cursor.ensurePortraitFlow();
  b.pages.forEach((page, k) => {
    let frame = cursor.frame;
    let top = frameLineTop(frame, Math.min(cursor.line, frame.lines));
    const bottom = frame.top + frame.height;
    if (k > 0 || cursor.remaining <= 0 || bottom - top < frame.height * MIN_FIRST_PAGE_SHARE) {
      cursor.breakPage();
      frame = cursor.frame;
      top = frameLineTop(frame, cursor.line);
    }
    const scale = Math.min(1, frame.width / page.widthPt, (frame.top + frame.height - top) / page.heightPt);
    const width = page.widthPt * scale;
    const height = page.heightPt * scale;
    cursor.draw([], [], [{ kind: 'pdfPage', ref: b.ref, format: 'pdf', page: k, x: frame.left + (frame.width - width) / 2, y: top, width, height }]);
    cursor.fill();
  });
}
