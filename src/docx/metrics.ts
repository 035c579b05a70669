/**
 * Stage: DOCX writer — measures. Input: the GB/T 9704 constants (src/gbt9704) and, for text-dependent indents,
 * the edition's FontSet → integer twips and half-points as WordprocessingML wants them. No literal measurement
 * lives here: everything is derived from page.ts / type-sizes.ts through units.ts.
 */
import {
  CELL_PT,
  MARGIN_LEFT_MM,
  MARGIN_TOP_MM,
  PAPER_HEIGHT_MM,
  PAPER_WIDTH_MM,
  PARAGRAPH_INDENT_CELLS,
  TYPE_AREA_HEIGHT_MM,
  TYPE_AREA_WIDTH_MM,
  LINE_PITCH_TWIP,
  PAGE_NUMBER_DASH,
  PAGE_NUMBER_DASH_TOP_MM,
  TABLE_LINE_HEIGHT_EM,
} from '../gbt9704/page.ts';
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import type { FontSet } from '../fonts/types.ts';
import { BODY_SIZE_PT, TABLE_SIZE_PT } from '../gbt9704/type-sizes.ts';
import { mmToPt, mmToTwip, ptToTwip, TWIP_PER_PT } from '../gbt9704/units.ts';

/** §5.1 A4 in twips (11906 × 16838). */
export const PAGE_WIDTH_TWIP = mmToTwip(PAPER_WIDTH_MM);
export const PAGE_HEIGHT_TWIP = mmToTwip(PAPER_HEIGHT_MM);
/** §5.2.1 天头 37 mm and 订口 28 mm. */
export const MARGIN_TOP_TWIP = mmToTwip(MARGIN_TOP_MM);
export const MARGIN_LEFT_TWIP = mmToTwip(MARGIN_LEFT_MM);
/**
 * §5.2.1 版心 156 × 225 mm. The right and bottom margins are what is left of the page, so that the 版心 is exactly
 * 156 mm (8844 twips) wide after rounding each side to whole twips.
 */
export const TYPE_AREA_WIDTH_TWIP = mmToTwip(TYPE_AREA_WIDTH_MM);
export const MARGIN_RIGHT_TWIP = PAGE_WIDTH_TWIP - MARGIN_LEFT_TWIP - TYPE_AREA_WIDTH_TWIP;
export const MARGIN_BOTTOM_TWIP = PAGE_HEIGHT_TWIP - MARGIN_TOP_TWIP - mmToTwip(TYPE_AREA_HEIGHT_MM);

/**
 * §8 横排: a landscape section of A4 turned so that its top is the sheet's left (binding) edge, as the PDF turns its
 * landscape pages: margins top = 订口, left = the sheet's bottom margin, bottom = its right margin, right = its 天头;
 * the 版心 225 mm wide.
 */
export const LANDSCAPE_MARGINS_TWIP = { top: MARGIN_LEFT_TWIP, left: MARGIN_BOTTOM_TWIP, bottom: MARGIN_RIGHT_TWIP, right: MARGIN_TOP_TWIP } as const;
export const LANDSCAPE_TYPE_AREA_WIDTH_TWIP = PAGE_HEIGHT_TWIP - LANDSCAPE_MARGINS_TWIP.left - LANDSCAPE_MARGINS_TWIP.right;

/** §5.2.3 line pitch: exact line spacing and `w:docGrid w:linePitch` (579 twips, 22 × 579 ≤ 12756). */
export const LINE_TWIP = LINE_PITCH_TWIP;

/** One grid cell (一字 = 版心 / 28) in whole twips (316): indents counted in characters. */
export const CELL_TWIP = ptToTwip(CELL_PT);
/** `w:ind w:firstLineChars` is in hundredths of a character: §7.3.3 左空二字 = 200. */
export const FIRST_LINE_CHARS = PARAGRAPH_INDENT_CELLS * 100;
/** The same indent in twips, for renderers that ignore `firstLineChars` (LibreOffice 7.4). */
export const FIRST_LINE_TWIP = ptToTwip(PARAGRAPH_INDENT_CELLS * CELL_PT);

/**
 * §5.2.3 每行排28个字: the 3号 glyph (16 pt) is wider than a cell (15.793 pt), so 28 characters need a negative
 * letter spacing. Twips are whole numbers: the largest spacing that still fits 28 advances in the 版心 is
 * floor((15.793 − 16) × 20) = −5 twip (−0.25 pt; 28 × 15.75 = 441.0 pt ≤ 442.2 pt, 29 × 15.75 > 442.2 pt).
 */
export const BODY_CHAR_SPACING_TWIP = Math.floor((CELL_PT - BODY_SIZE_PT) * TWIP_PER_PT);

/** Exact line pitch of table text (1.4 × 4号), as the PDF layout draws multi-line cells. */
export const TABLE_LINE_TWIP = ptToTwip(TABLE_LINE_HEIGHT_EM * TABLE_SIZE_PT);


/** The footer's line and its distance from the paper's bottom edge (`w:pgMar w:footer`), twips. */
export interface FooterMetrics {
  lineTwip: number;
  distanceTwip: number;
}

/**
 * §7.5 页码 “一字线上距版心下边缘7mm”: the top of the dash's ink at 269 mm, as in the PDF. The footer paragraph is one
 * exact line as tall as the page-number face's own ascent + descent at 4号 (hhea), so every renderer puts the
 * baseline one ascent below the line's top — an exact line shorter than the face makes Word and LibreOffice squeeze
 * the ascent each in its own way. Then: baseline = 269 mm + the dash glyph's height above its baseline (its glyph
 * box), and `w:pgMar w:footer` = the paper's height − (baseline + descent), the bottom of that line.
 */
export function footerMetrics(fonts: FontSet): FooterMetrics {
  const { role, sizePt } = ELEMENT_STYLE.pageNumber;
  const cp = PAGE_NUMBER_DASH.codePointAt(0) ?? 0;
  const face = fonts.faceFor(role, cp) ?? fonts.roles[role].chain[0];
  const ascentPt = face ? (face.ascent / face.unitsPerEm) * sizePt : sizePt;
  const descentPt = face ? (-face.descent / face.unitsPerEm) * sizePt : 0;
  const baselinePt = mmToPt(PAGE_NUMBER_DASH_TOP_MM) + (face ? face.inkTopPt(cp, sizePt) : 0);
  return { lineTwip: ptToTwip(ascentPt + descentPt), distanceTwip: PAGE_HEIGHT_TWIP - ptToTwip(baselinePt + descentPt) };
}
