/**
 * Stage: DOCX writer — title lines (§7.3.1 回行时要做到词意完整，排列对称 … 标题排列应当使用梯形或菱形). Input: a title
 * string + the role's faces → the lines, joined in the DOCX by line breaks (`w:br`). Left to themselves, editors fill
 * the first line and may break inside a number: LibreOffice 7.4 set “…和202 / 2年工作计划的报告” (measured). The split
 * is the PDF layout's own decision (src/layout/title.ts), so both documents break a title at the same places.
 */
import { TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import type { FontRole } from '../model/types.ts';
import { measureText } from '../layout/measure.ts';
import { shapeTitle } from '../layout/title.ts';

/** Splits a title into lines of at most the 版心 width (one line when it fits). */
export function titleLines(text: string, role: FontRole, sizePt: number, fonts: FontSet, width: number = TYPE_AREA_WIDTH_PT): string[] {
  const glyphs = measureText(text, role, sizePt, fonts);
  return shapeTitle(glyphs, width).map(([start, end]) => glyphs.slice(start, end).map((g) => g.ch).join(''));
}
