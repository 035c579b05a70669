/**
 * Stage: the standard as data — the lines at the top-left of the 版心 above the title: 份号 (§7.2.1), 密级和保密期限
 * (§7.2.2), 紧急程度 (§7.2.3) and a meeting mark such as “会后收回” (local practice, not in the standard), plus the
 * 份号's format and the recipient watermark of numbered copies (not in the standard either). One table gives each
 * line's order, font role, size and position; compose, layout and the DOCX writer read it, none decides its own.
 */
import type { FontRole } from '../model/types.ts';
import { BODY_SIZE_PT, TYPE_SIZE_PT } from './type-sizes.ts';

/** The mark lines, top to bottom (§7.2.3: 份号、密级和保密期限、紧急程度 from top to bottom; the meeting mark after them). */
export type MarkPart = 'copyNumber' | 'secret' | 'urgency' | 'mark';
export const MARK_ORDER: readonly MarkPart[] = ['copyNumber', 'secret', 'urgency', 'mark'];

/** How one mark line is set: its role and size, and its first glyph `startCells` from the 版心's left edge. */
export interface MarkLineStyle {
  role: FontRole;
  sizePt: number;
  startCells: number;
}

/**
 * One line each, 顶格 (startCells 0), 3号黑体 (黑体 = the heading1 role), per shared/notes gbt9704.md §4 and §12:
 * - §7.2.1 份号 “一般用6位3号阿拉伯数字，顶格编排在版心左上角第一行” — the family is not stated; the standard's samples
 *   and office practice set it in 黑体 like the lines below it (project decision);
 * - §7.2.2 密级和保密期限: 3号黑体, 顶格, on the line below the 份号;
 * - §7.2.3 紧急程度: 3号黑体, 顶格, below 份号 and 密级 (top-down order 份号 → 密级 → 紧急);
 * - the meeting mark (会后收回, 内部资料，注意保存 …) is local practice: 首页左上角, 3号黑体, after the standard's lines.
 */
export const MARK_LINE: Readonly<Record<MarkPart, MarkLineStyle>> = {
  copyNumber: { role: 'heading1', sizePt: BODY_SIZE_PT, startCells: 0 },
  secret: { role: 'heading1', sizePt: BODY_SIZE_PT, startCells: 0 },
  urgency: { role: 'heading1', sizePt: BODY_SIZE_PT, startCells: 0 },
  mark: { role: 'heading1', sizePt: BODY_SIZE_PT, startCells: 0 },
};

/**
 * Blank grid lines between the last mark line and the title. A meeting material has no 版头 (gbt9704.md §4), so the
 * title follows the marks; one empty line keeps it from touching them (practice; a 版头 would replace this gap).
 */
export const MARKS_GAP_LINES = 1;

/** §7.2.1 份号 一般用6位阿拉伯数字: 000001 … 999999 (000000 is no copy). */
export const COPY_NUMBER_DIGITS = 6;
/** The largest 份号 six digits hold. */
export const MAX_COPY_NUMBER = 10 ** COPY_NUMBER_DIGITS - 1;
/** A 份号 as printed: six half-width digits, a string everywhere (a number would lose the leading zeros). */
export const copyNumberText = (n: number): string => String(n).padStart(COPY_NUMBER_DIGITS, '0');
/** The digits a 份号 can hold (what the glyph check reads for the 份号 line). */
export const COPY_NUMBER_CHARSET = '0123456789';

/** §7.2.2 密级: 秘密、机密、绝密 (the three levels of the state secrets law). */
export const SECRET_LEVELS = ['秘密', '机密', '绝密'] as const;
/** §7.2.2 密级 and 保密期限 are separated by ★: 秘密★1年; a 密级 without a period is printed alone. */
export const SECRET_SEPARATOR = '★';
export const secretText = (level: string, period: string | undefined): string => (period ? `${level}${SECRET_SEPARATOR}${period}` : level);

/** §7.2.3 紧急公文应当分别标注“特急”“加急” (the telegram levels 特提/平急 are not for reports). */
export const URGENCY_LEVELS = ['特急', '加急'] as const;

/** A mark line must fit on one line of the 版心 (§5.2.3: 28 characters). */
export const MAX_MARK_CHARS = 28;

/**
 * The recipient watermark of numbered copies (`--watermark`; not in the standard): one line “000031 张三 某单位” in
 * 黑体, light grey, at 45° (Word's “diagonal” watermark) through the centre of the 版心, drawn under the text as
 * outlines (not text, so it is neither selected nor extracted with the page's text). Its size is 小初 (36 pt) unless
 * the line would be longer than 80 % of the 版心 diagonal, then smaller.
 */
export const WATERMARK = {
  role: 'heading1' as FontRole,
  maxSizePt: TYPE_SIZE_PT.xiaochu,
  angleDeg: 45,
  /** Share of the 版心 diagonal the line may take. */
  maxDiagonalShare: 0.8,
  /** DeviceGray fill (0 black, 1 white): light enough to read the text over it, dark enough to survive a copier. */
  gray: 0.82,
} as const;
