/**
 * Stage: layout — the mark lines at the top-left of the 版心 (§7.2.1–§7.2.3 份号, 密级和保密期限, 紧急程度, the local
 * mark). Input: the composed mark lines + fonts + the cursor → one grid line each from the cursor's line, 顶格; the
 * 份号's digits go into cells every copy stamps (copy-number.ts). A line may share its grid line with a companion
 * (the 信函's 发文字号 at the right edge of the first element line, §10.1). Used by the marks block and by the 版头.
 */
import { CELL_PT } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import type { MarkLine } from '../model/composed.ts';
import { gridStep, gridWidth, measureText } from '../measure/measure.ts';
import { copyNumberSlot } from './copy-number.ts';
import { frameBaseline, type GridCursor } from './grid.ts';
import { positionsFrom, toRuns } from './runs.ts';
import type { CopyNumberSlot, GlyphRun } from './types.ts';

/** Runs placed on the same grid line as a mark line (given its baseline), and their text. */
export type Companion = (baseline: number) => { runs: GlyphRun[]; text: string; right: number };

/** Places the mark lines; returns the 份号's slot when one of them is the 份号. */
export function placeMarkLines(lines: readonly MarkLine[], fonts: FontSet, cursor: GridCursor, companion?: Companion): CopyNumberSlot | undefined {
  let slot: CopyNumberSlot | undefined;
  lines.forEach((line, n) => {
    const extra = n === 0 ? companion : undefined;
    const start = line.startCells * CELL_PT;
    if (line.part !== 'copyNumber') {
      const glyphs = measureText(line.text.text, line.text.role, line.text.sizePt, fonts);
      cursor.put((gridLine) => {
        const baseline = frameBaseline(cursor.frame, gridLine, glyphs[0]?.sizePt ?? 0);
        const more = extra?.(baseline);
        const text = glyphs.map((g) => g.ch).join('');
        return {
          runs: [...toRuns(glyphs, positionsFrom(glyphs, start, gridStep), cursor.frame.left, baseline), ...(more?.runs ?? [])],
          info: { kind: 'mark', text: text + (more?.text ?? ''), left: cursor.frame.left + start, right: more?.right ?? cursor.frame.left + start + gridWidth(glyphs), full: false },
        };
      });
      return;
    }
    cursor.put((gridLine) => {
      const baseline = frameBaseline(cursor.frame, gridLine, line.text.sizePt);
      slot = copyNumberSlot(line.text, fonts, cursor.page.index, cursor.frame.left + start, baseline);
      const right = (slot.cells.at(-1) ?? slot.cells[0] ?? 0) + slot.cellWidth;
      const more = extra?.(baseline);
      return { runs: more?.runs ?? [], info: { kind: 'copyNumber', text: line.text.text + (more?.text ?? ''), left: slot.cells[0] ?? 0, right: more?.right ?? right, full: false } };
    });
  });
  return slot;
}
