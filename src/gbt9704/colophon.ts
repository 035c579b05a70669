/**
 * Stage: the standard as data — the 版记 (GB/T 9704-2012 §7.4, §10.1) and the 出席/请假/列席 lists of the 纪要格式
 * (§10.3): sizes, insets, labels and rule thicknesses. Compose, layout and the DOCX writer read them.
 */
import { CELL_PT, LINE_PITCH_PT, PARAGRAPH_INDENT_CELLS } from './page.ts';
import { TYPE_SIZE_PT } from './type-sizes.ts';

/** §7.4.2 抄送机关 一般用4号仿宋体字; §7.4.3 印发机关和印发日期 一般用4号仿宋体字. */
export const COLOPHON_SIZE_PT = TYPE_SIZE_PT.sihao;
/**
 * §7.4.2 左右各空一字; §7.4.3 印发机关左空一字，印发日期右空一字. The 版记 is set in 4号, so 一字 is one 4号 character
 * (14 pt) here (as Word counts 字符 in the paragraph's own size), not a 3号 grid cell.
 */
export const COLOPHON_INSET_PT = COLOPHON_SIZE_PT;
/**
 * §7.4.2 “抄送”二字后加全角冒号 … 最后一个抄送机关名称后标句号. The label “抄送：” and the suffix “印发” (§7.4.3 后加“印发”二字)
 * are literals of templates/partials/colophon.hbs (each edition prints its own).
 */
export const COPY_TO_END = '。';
/** Between the names of a list of 抄送机关 (gongwen joins a list with it): 逗号 (§7.4.2 example practice). */
export const COPY_TO_SEPARATOR = '，';

/** §7.4.1 首条分隔线和末条分隔线用粗线（推荐高度为0.35mm），中间的分隔线用细线（推荐高度为0.25mm）. */
export const COLOPHON_THICK_RULE_MM = 0.35;
export const COLOPHON_THIN_RULE_MM = 0.25;

/**
 * The height of a one-line 版记 paragraph: one body grid pitch (practice: the 版记 lines keep the rhythm of the body
 * lines above them). Its line box (the face's ascent + descent at 4号) is centred in it; wrapped 抄送 lines follow at
 * the line box's height. The same numbers make the DOCX paragraphs (exact line = line box, padding above and below).
 */
export const COLOPHON_ROW_PT = LINE_PITCH_PT;

/** §10.3 出席、请假、列席 (in this order) in 3号黑体, the names after the colon in 3号仿宋. */
export const ATTENDANCE_LABELS = { present: '出席', onLeave: '请假', observers: '列席' } as const;
export type AttendancePart = keyof typeof ATTENDANCE_LABELS;
export const ATTENDANCE_ORDER: readonly AttendancePart[] = ['present', 'onLeave', 'observers'];
/** §10.3 在正文或附件说明下空一行左空二字编排“出席”二字，后标全角冒号. */
export const ATTENDANCE_START_CELLS = PARAGRAPH_INDENT_CELLS;
export const ATTENDANCE_COLON = '：';
/** Between names of a list (gongwen joins a list with it): 顿号. */
export const ATTENDANCE_SEPARATOR = '、';
/** 一字 of the 版记 in grid cells (for anchors measured in cells). */
export const COLOPHON_INSET_CELLS = COLOPHON_INSET_PT / CELL_PT;
