/**
 * Stage: compose — 署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2). Input: a signature block + fonts → the two
 * lines with their anchors in grid cells: 署名 右空二字; 成文日期 on the next line, its first character two
 * characters right of the 署名's first; a date longer than that is set 右空二字 and the 署名 moves left so the
 * two-character shift stays.
 */
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { CHARS_PER_LINE, SIGNATURE_DATE_SHIFT_CELLS, SIGNATURE_RIGHT_INSET_CELLS } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import { gridCells, measureText } from '../measure/measure.ts';
import type { SignatureBlock } from '../model/types.ts';
import { composedText } from './text.ts';
import type { Anchor, PlacedLinesBlock } from '../model/composed.ts';

/** The 署名/日期 lines (either may be empty and is then left out). */
export function placeSignature(b: SignatureBlock, fonts: FontSet): PlacedLinesBlock {
  const style = ELEMENT_STYLE.body;
  const organCells = gridCells(measureText(b.organ, style.role, style.sizePt, fonts));
  const dateCells = gridCells(measureText(b.date, style.role, style.sizePt, fonts));
  const rightEdge = CHARS_PER_LINE - SIGNATURE_RIGHT_INSET_CELLS;
  let organStart = rightEdge - organCells;
  let date: Anchor = { edge: 'start', cells: organStart + SIGNATURE_DATE_SHIFT_CELLS };
  let organ: Anchor = { edge: 'end', insetCells: SIGNATURE_RIGHT_INSET_CELLS };
  if (organStart + SIGNATURE_DATE_SHIFT_CELLS + dateCells > rightEdge) {
    const dateStart = rightEdge - dateCells;
    date = { edge: 'end', insetCells: SIGNATURE_RIGHT_INSET_CELLS };
    if (dateStart - SIGNATURE_DATE_SHIFT_CELLS < organStart) {
      organStart = dateStart - SIGNATURE_DATE_SHIFT_CELLS;
      organ = { edge: 'end', insetCells: CHARS_PER_LINE - organStart - organCells };
    }
  }
  return {
    kind: 'placed',
    style: 'signature',
    lines: [
      ...(b.organ ? [{ text: composedText(b.organ, style, b.origin), anchor: organ, part: 'organ' as const }] : []),
      ...(b.date ? [{ text: composedText(b.date, style, b.origin), anchor: date, part: 'date' as const }] : []),
    ],
  };
}
