/**
 * Stage: the standard as data — 字号 (Chinese type sizes) in pt, and which size each element uses
 * (GB/T 9704-2012 §5.2.2, §7.3.1, §7.5, §7.4).
 */

/** 字号 → pt. */
export const TYPE_SIZE_PT = {
  chuhao: 42,
  xiaochu: 36,
  yihao: 26,
  xiaoyi: 24,
  /** 二号 */
  erhao: 22,
  xiaoer: 18,
  /** 三号 */
  sanhao: 16,
  xiaosan: 15,
  /** 四号 */
  sihao: 14,
  xiaosi: 12,
  wuhao: 10.5,
} as const;

/** §7.3.1 标题 2号小标宋. */
export const TITLE_SIZE_PT = TYPE_SIZE_PT.erhao;
/** §5.2.2 公文格式各要素一般用3号仿宋体字 (body, headings §7.3.3, 附件说明, 署名, 日期). */
export const BODY_SIZE_PT = TYPE_SIZE_PT.sanhao;
/** §7.5 页码 4号半角宋体阿拉伯数字. */
export const PAGE_NUMBER_SIZE_PT = TYPE_SIZE_PT.sihao;
/** Attachment tables: 4号, a common office practice (the standard says 附件格式要求同正文 and leaves tables open). */
export const TABLE_SIZE_PT = TYPE_SIZE_PT.sihao;
/** Body tables may be set in 3号 instead (`size: 3号`), the size of the text around them. */
export const TABLE_SIZE_CHOICES_PT = { '3号': TYPE_SIZE_PT.sanhao, '4号': TYPE_SIZE_PT.sihao } as const;
