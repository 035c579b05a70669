/**
 * Stage: layout — one centred line. Input: measured glyphs + the cursor → the line on the next grid line, centred on
 * the 版心 of the cursor's frame (标题 §7.3.1, subtitle lines, 附件标题 §7.3.7, 表题 and 图题).
 */
import type { FaceGlyph } from '../measure/measure.ts';
import { naturalWidth } from '../measure/measure.ts';
import { frameBaseline, type GridCursor } from './grid.ts';
import { positionsFrom, toRuns } from './runs.ts';
import type { LineKind } from './types.ts';

/** Places one centred line. */
export function placeCentred(glyphs: FaceGlyph[], kind: LineKind, cursor: GridCursor): void {
  const width = naturalWidth(glyphs);
  cursor.put((gridLine) => {
    const x0 = cursor.frame.left + (cursor.frame.width - width) / 2;
    return {
      runs: toRuns(glyphs, positionsFrom(glyphs), x0, frameBaseline(cursor.frame, gridLine, glyphs[0]?.sizePt ?? 0)),
      info: { kind, text: glyphs.map((g) => g.ch).join(''), left: x0, right: x0 + width, full: false },
    };
  });
}
