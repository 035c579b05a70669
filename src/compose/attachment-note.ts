/**
 * Stage: compose — 附件说明 (GB/T 9704 §7.3.4: 在正文下空一行左空二字编排“附件”二字，后标全角冒号和附件名称 … 附件名称较长需回行时，
 * 应当与上一行附件名称的首字对齐). Input: the note's items + fonts → a hanging list in grid cells: “附件：” from 2 cells,
 * the numbers after it, every name from one hanging position; later items set their number under item 1's number.
 *
 * The number column is wide enough for the widest number in the drawing face and in the GB2312 office faces (which
 * set every ASCII character half an em wide, often wider than the open faces): the DOCX puts a tab stop there, and
 * a stop narrower than the number would send the name to the next default stop in Word or WPS.
 */
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { ATTACHMENT_NOTE_PREFIX, CELL_PT, PARAGRAPH_INDENT_CELLS } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import { isFullWidth } from '../measure/char-class.ts';
import { gridCells, measureText, naturalWidth } from '../measure/measure.ts';
import type { AttachmentNoteBlock } from '../model/types.ts';
import { composedText } from './text.ts';
import type { HangingListBlock } from '../model/composed.ts';

/** Cells reserved for a short number such as “1. ”: its natural width, at least half an em per half-width character. */
function reservedCells(text: string, fonts: FontSet): number {
  const { role, sizePt } = ELEMENT_STYLE.body;
  const natural = naturalWidth(measureText(text, role, sizePt, fonts));
  let halfEm = 0;
  for (const ch of text) halfEm += isFullWidth(ch.codePointAt(0) ?? 0) ? sizePt : sizePt / 2;
  return Math.max(natural, halfEm) / CELL_PT;
}

/** The hanging list of the 附件说明. */
export function hangingNote(b: AttachmentNoteBlock, fonts: FontSet): HangingListBlock {
  const style = ELEMENT_STYLE.body;
  const prefixCells = gridCells(measureText(ATTACHMENT_NOTE_PREFIX, style.role, style.sizePt, fonts));
  const numberStartCells = PARAGRAPH_INDENT_CELLS + prefixCells;
  const numbers = b.items.map((item) => (item.number ? `${item.number} ` : ''));
  const hangCells = numberStartCells + numbers.reduce((widest, n) => Math.max(widest, n ? reservedCells(n, fonts) : 0), 0);
  return {
    kind: 'hangingList',
    numberStartCells,
    items: b.items.map((item, i) => ({
      ...(i === 0 ? { prefix: composedText(ATTACHMENT_NOTE_PREFIX, style, undefined, true) } : {}),
      ...(item.number ? { number: composedText(item.number, style, item.origin, true) } : {}),
      leadStartCells: i === 0 ? PARAGRAPH_INDENT_CELLS : numberStartCells,
      text: composedText(item.title, style, item.origin),
      hangCells,
    })),
  };
}
