/**
 * Stage: layout — the recipient watermark of numbered copies. Input: a copy's watermark line (composed text) →
 * its glyphs along a baseline at 45° through the centre of the 版心, the size 小初 or smaller so the line stays within
 * 80 % of the 版心 diagonal (src/gbt9704/marks.ts WATERMARK). Independent of the grid: it changes no other position.
 */
import { EM_BOX_ASCENT, MARGIN_LEFT_MM, MARGIN_TOP_MM, TYPE_AREA_HEIGHT_MM, TYPE_AREA_WIDTH_MM } from '../gbt9704/page.ts';
import { WATERMARK } from '../gbt9704/marks.ts';
import { mmToPt } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import type { ComposedText } from '../model/composed.ts';
import { measureText, naturalWidth } from '../measure/measure.ts';
import type { WatermarkLayout } from './types.ts';

const CENTRE_X = mmToPt(MARGIN_LEFT_MM + TYPE_AREA_WIDTH_MM / 2);
const CENTRE_Y = mmToPt(MARGIN_TOP_MM + TYPE_AREA_HEIGHT_MM / 2);
const DIAGONAL = mmToPt(Math.hypot(TYPE_AREA_WIDTH_MM, TYPE_AREA_HEIGHT_MM));

/** Lays out one watermark line. */
export function layoutWatermark(text: ComposedText, fonts: FontSet): WatermarkLayout {
  const atOnePt = naturalWidth(measureText(text.text, text.role, 1, fonts)) || 1;
  const sizePt = Math.min(WATERMARK.maxSizePt, (WATERMARK.maxDiagonalShare * DIAGONAL) / atOnePt);
  const glyphs = measureText(text.text, text.role, sizePt, fonts);
  const width = naturalWidth(glyphs);
  const angle = (WATERMARK.angleDeg * Math.PI) / 180;
  // Along the baseline (rising to the right, y down) and up from it; the em box's middle is on the centre.
  const along = { x: Math.cos(angle), y: -Math.sin(angle) };
  const up = { x: -Math.sin(angle), y: -Math.cos(angle) };
  const lift = (EM_BOX_ASCENT - 0.5) * sizePt;
  let offset = 0;
  return {
    text: text.text,
    sizePt,
    angleDeg: WATERMARK.angleDeg,
    x: CENTRE_X - (width / 2) * along.x - lift * up.x,
    y: CENTRE_Y - (width / 2) * along.y - lift * up.y,
    glyphs: glyphs.map((g) => {
      const placed = { cp: g.ch.codePointAt(0) ?? 0, faceKey: g.faceKey, offset };
      offset += g.advance;
      return placed;
    }),
  };
}
