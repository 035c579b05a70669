/**
 * Stage: compose — the 版记 (GB/T 9704 §7.4, §10.1) and the 出席/请假/列席 lists of a 纪要 (§10.3). Input: the
 * model's colophon or attendance block + fonts → the composed block: “抄送：” 一字 in from the left, the names hanging
 * after the colon and ending 一字 from the right (§7.4.2), 印发机关 一字 from the left and “…印发” 一字 from the right
 * (§7.4.3), all in 4号; “出席：” in 黑体 from 2 字 with the names in 仿宋 hanging after the colon (§10.3).
 */
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { ATTENDANCE_COLON, ATTENDANCE_START_CELLS, COLOPHON_INSET_CELLS } from '../gbt9704/colophon.ts';
import { CELL_PT } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import { gridCells, measureText, naturalWidth } from '../measure/measure.ts';
import type { AttendanceBlock as ComposedAttendance, ColophonBlock as ComposedColophon } from '../model/composed.ts';
import type { AttendanceBlock, ColophonBlock } from '../model/types.ts';
import { composedText } from './text.ts';

/** The composed 版记. */
export function composeColophon(b: ColophonBlock, fonts: FontSet): ComposedColophon {
  const style = ELEMENT_STYLE.colophon;
  const copyTo = b.copyTo;
  const labelCells = copyTo ? naturalWidth(measureText(copyTo.label, style.role, style.sizePt, fonts)) / CELL_PT : 0;
  return {
    kind: 'colophon',
    ruled: b.ruled,
    ...(copyTo
      ? {
          copyTo: {
            label: composedText(copyTo.label, style, copyTo.origin, true),
            text: composedText(copyTo.text, style, copyTo.origin),
            startCells: COLOPHON_INSET_CELLS,
            hangCells: COLOPHON_INSET_CELLS + labelCells,
            rightInsetCells: COLOPHON_INSET_CELLS,
          },
        }
      : {}),
    ...(b.imprint && (b.imprint.organ || b.imprint.date)
      ? { imprint: { organ: composedText(b.imprint.organ, style, b.imprint.origin), date: composedText(b.imprint.date, style, b.imprint.origin), insetCells: COLOPHON_INSET_CELLS } }
      : {}),
  };
}

/** The composed 出席/请假/列席 lines. */
export function composeAttendance(b: AttendanceBlock, fonts: FontSet): ComposedAttendance {
  return {
    kind: 'attendance',
    items: b.lines.map((line) => {
      const prefix = composedText(`${line.label}${ATTENDANCE_COLON}`, ELEMENT_STYLE.attendanceLabel, line.origin, true);
      return {
        prefix,
        leadStartCells: ATTENDANCE_START_CELLS,
        text: composedText(line.text, ELEMENT_STYLE.attendanceNames, line.origin),
        hangCells: ATTENDANCE_START_CELLS + gridCells(measureText(prefix.text, prefix.role, prefix.sizePt, fonts)),
      };
    }),
  };
}
