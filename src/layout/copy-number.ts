/**
 * Stage: layout — the 份号 (§7.2.1). Input: the 份号 line's composed digits on its grid line → a CopyNumberSlot (six
 * digit cells, 顶格 at the line's start); and, for any six digits, the glyph runs a slot holds (what every copy of the
 * print file stamps). The cells depend only on the face, never on the digits, so one layout serves every copy.
 */
import { COPY_NUMBER_CHARSET } from '../gbt9704/marks.ts';
import type { FontSet } from '../fonts/types.ts';
import type { ComposedText } from '../model/composed.ts';
import type { CopyNumberSlot, GlyphRun } from './types.ts';

/** The slot of a 份号 line whose first cell starts at `x` (pt from the paper's left) on `baseline`. */
export function copyNumberSlot(text: ComposedText, fonts: FontSet, page: number, x: number, baseline: number): CopyNumberSlot {
  const face = fonts.faceFor(text.role, COPY_NUMBER_CHARSET.codePointAt(0) ?? 0) ?? fonts.roles[text.role].chain[0];
  if (!face) throw new Error(`no face for role ${text.role}`);
  const digitAdvances = [...COPY_NUMBER_CHARSET].map((d) => face.advancePt(d.codePointAt(0) ?? 0, text.sizePt));
  const cellWidth = Math.max(...digitAdvances);
  return {
    page,
    text: text.text,
    faceKey: face.key,
    sizePt: text.sizePt,
    baseline,
    cells: [...text.text].map((_, i) => x + i * cellWidth),
    cellWidth,
    digitAdvances,
  };
}

/** The runs of `digits` in the slot: one run per digit (digits are drawn one per run, src/layout/runs.ts), centred. */
export function copyNumberRuns(slot: CopyNumberSlot, digits: string): GlyphRun[] {
  if (digits.length !== slot.cells.length || !/^\d+$/.test(digits)) throw new Error(`copyNumberRuns: ${digits} does not fit ${slot.cells.length} cells`);
  return [...digits].map((d, i) => {
    const advance = slot.digitAdvances[Number(d)] ?? slot.cellWidth;
    return { text: d, faceKey: slot.faceKey, sizePt: slot.sizePt, x: (slot.cells[i] ?? 0) + (slot.cellWidth - advance) / 2, baseline: slot.baseline, charSpacing: 0, width: advance };
  });
}
