/**
 * Stage: the standard as data — which font role and size draws each element (GB/T 9704-2012 §5.2.2, §7.3, §7.5).
 * The composition stage reads these; no writer decides a role of its own.
 */
import type { FontRole } from '../model/types.ts';
import { BODY_SIZE_PT, PAGE_NUMBER_SIZE_PT, TABLE_SIZE_PT, TITLE_SIZE_PT } from './type-sizes.ts';
import { MARK_MAX_SIZE_PT } from './masthead.ts';
import { COLOPHON_SIZE_PT } from './colophon.ts';

/** §7.3.3 一般第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字标注. */
export const HEADING_ROLE: Readonly<Record<1 | 2 | 3 | 4, FontRole>> = { 1: 'heading1', 2: 'heading2', 3: 'body', 4: 'body' };

/** Role and size of each element. */
export const ELEMENT_STYLE = {
  /** §7.3.1 标题 2号小标宋; §7.3.7 附件标题 the same (common practice). */
  title: { role: 'title', sizePt: TITLE_SIZE_PT },
  /** Meeting-report lines under the title (副标题、报告人、日期): 3号楷体 (gbt9704.md §6, practice). */
  subtitle: { role: 'subtitle', sizePt: BODY_SIZE_PT },
  /** §5.2.2 正文 3号仿宋; also 附件说明 §7.3.4 and 署名/成文日期 §7.3.5. */
  body: { role: 'body', sizePt: BODY_SIZE_PT },
  /** §7.3.7 “附件”二字及附件顺序号用3号黑体字. */
  attachmentLabel: { role: 'heading1', sizePt: BODY_SIZE_PT },
  /** Table text 4号仿宋 (the standard leaves tables to the drafter; office practice). */
  tableBody: { role: 'body', sizePt: TABLE_SIZE_PT },
  /** Table head 4号黑体: the usual office table head, weight from the family, never synthetic bold. */
  tableHeader: { role: 'heading1', sizePt: TABLE_SIZE_PT },
  /** 表题 above a table: 3号黑体 centred (the standard leaves tables to the drafter; office practice). */
  tableCaption: { role: 'heading1', sizePt: BODY_SIZE_PT },
  /** 图题 below a picture: 3号黑体 centred, as the 表题. */
  imageCaption: { role: 'heading1', sizePt: BODY_SIZE_PT },
  /** The line a writer prints where it cannot place an attachment's PDF pages (DOCX): 3号仿宋. */
  mediaNote: { role: 'body', sizePt: BODY_SIZE_PT },
  /** §7.5 页码 4号宋体. */
  pageNumber: { role: 'pagenumber', sizePt: PAGE_NUMBER_SIZE_PT },
  /** §7.2.4 发文机关标志 推荐使用小标宋体字 (red); its size is chosen per document (src/gbt9704/masthead.ts), this is the largest. */
  issuerMark: { role: 'title', sizePt: MARK_MAX_SIZE_PT },
  /** §7.2.5 发文字号 and §7.2.6 “签发人” 3号仿宋 (§5.2.2). */
  docNumber: { role: 'body', sizePt: BODY_SIZE_PT },
  /** §7.2.6 签发人姓名用3号楷体字. */
  signerName: { role: 'heading2', sizePt: BODY_SIZE_PT },
  /** §7.3.2 主送机关 and §7.3.6 附注: 3号仿宋 (§5.2.2). */
  recipients: { role: 'body', sizePt: BODY_SIZE_PT },
  /** §10.3 “出席”“请假”“列席” 3号黑体 (with the colon), the names 3号仿宋. */
  attendanceLabel: { role: 'heading1', sizePt: BODY_SIZE_PT },
  attendanceNames: { role: 'body', sizePt: BODY_SIZE_PT },
  /** §7.4.2 抄送机关, §7.4.3 印发机关和印发日期 4号仿宋. */
  colophon: { role: 'body', sizePt: COLOPHON_SIZE_PT },
} as const satisfies Record<string, { role: FontRole; sizePt: number }>;
