/**
 * Stage: the standard as data — the 版头 (GB/T 9704-2012 §7.2.4–§7.2.7) and the 版头 of the 信函格式 (§10.1) and the
 * 纪要格式 (§10.3): where the 发文机关标志 goes, how far below it the 发文字号 and 签发人 lines are, where the red rules
 * lie and how far the title is below them. Compose, layout and the DOCX writer read these numbers; none has its own.
 * Values the standard leaves open are marked "practice" (shared/notes gbt9704.md §4) and chosen once here.
 */
import { MARGIN_TOP_MM, PAPER_HEIGHT_MM } from './page.ts';
import { BODY_SIZE_PT, TYPE_SIZE_PT } from './type-sizes.ts';

/** meta.kind: 会议材料 (no 版头, the default), 文件格式 (§7), 信函格式 (§10.1), 纪要格式 (§10.3). */
export const DOCUMENT_KINDS = ['material', 'file', 'letter', 'minutes'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** The kinds that print a 版头. */
export type MastheadFormat = Exclude<DocumentKind, 'material'>;

/** §7.2.4 发文机关标志由发文机关全称或者规范化简称加“文件”二字组成 (the default suffix of `file`). */
export const FILE_SUFFIX = '文件';
/** §10.3 纪要标志由“××××纪要”组成. */
export const MINUTES_SUFFIX = '纪要';
/** The default 标志 suffix of each kind (§10.1: a 信函 uses the organ's name alone). */
export const DEFAULT_SUFFIX: Readonly<Record<MastheadFormat, string>> = { file: FILE_SUFFIX, letter: '', minutes: MINUTES_SUFFIX };

/** §7.2.4 (and §10.3 纪要标志) 上边缘至版心上边缘为35mm. */
export const MARK_BELOW_TYPE_AREA_MM = 35;
/** Computed: 37 + 35 = 72 mm from the paper top — where a ruler finds the top of the 标志's ink. */
export const MARK_TOP_MM = MARGIN_TOP_MM + MARK_BELOW_TYPE_AREA_MM;
/** §10.1 信函格式: 发文机关标志 上边缘至上页边为30mm. */
export const LETTER_MARK_TOP_MM = 30;

/**
 * §7.2.4 leaves the size to the issuer (“以醒目、美观、庄重为原则”). gongwen takes the largest size at which the widest
 * line of the 标志 fits the 版心 width, at most 初号 (42 pt, practice), in steps of half a point (DOCX half-points).
 */
export const MARK_MAX_SIZE_PT = TYPE_SIZE_PT.chuhao;
export const MARK_SIZE_STEP_PT = 0.5;
/**
 * §7.2.4 联合行文 … 如有“文件”二字，应当置于发文机关名称右侧，以联署发文机关名称为准上下居中排布: the names stacked (each
 * spread to the widest name's width), the suffix beside them, this many em of the 标志 size apart (practice).
 */
export const JOINT_SUFFIX_GAP_EM = 0.5;

/** §7.2.5 发文字号 编排在发文机关标志下空二行位置 (also the first 签发人 line, §7.2.6). */
export const DOC_NUMBER_GAP_LINES = 2;
/** §7.2.5 上行文的发文字号居左空一字编排. */
export const UPWARD_DOC_NUMBER_START_CELLS = 1;
/** §7.2.6 签发人 … 居右空一字. */
export const SIGNER_RIGHT_INSET_CELLS = 1;
/** §7.2.6 一般每行排两个姓名. */
export const SIGNERS_PER_LINE = 2;
/** Space between the two names of a 签发人 line, in grid cells (practice: one character). */
export const SIGNER_NAME_GAP_CELLS = 1;
/* §7.2.6 “签发人”三字加全角冒号: the label is a literal of templates/partials/masthead.hbs (each edition prints its own). */

/** §7.2.7 发文字号之下4mm处居中印一条与版心等宽的红色分隔线. */
export const HEAD_RULE_GAP_MM = 4;
/** The red rule's thickness: not in the standard; peers print 0.35 mm (practice, gbt9704.md §4). */
export const HEAD_RULE_MM = 0.35;
/** §7.3.1 标题 … 编排于红色分隔线下空二行位置 (§10.1: 与其上最后一个要素相距二行). */
export const TITLE_GAP_LINES = 2;

/** §10.1 发文机关标志下4mm处印一条红色双线（上粗下细）. */
export const LETTER_RULE_GAP_MM = 4;
/** §10.1 距下页边20mm处印一条红色双线（上细下粗）. */
export const LETTER_BOTTOM_RULE_FROM_BOTTOM_MM = 20;
/** Computed: the lower double rule's bottom edge, 297 − 20 = 277 mm from the paper top. */
export const LETTER_BOTTOM_RULE_MM = PAPER_HEIGHT_MM - LETTER_BOTTOM_RULE_FROM_BOTTOM_MM;
/** §10.1 线长均为170mm，居中排布 (centred on the 版心, so 7 mm past each of its edges). */
export const LETTER_RULE_LENGTH_MM = 170;
/**
 * The double rules' strokes, pt (not in the standard): a thick line of 1.5 pt and a thin one of 0.75 pt, 0.75 pt
 * apart — Word's “thick-thin, small gap” border at 1½ pt as LibreOffice draws it (measured), so the DOCX draws the same.
 */
export const LETTER_RULE_THICK_PT = 1.5;
export const LETTER_RULE_THIN_PT = 0.75;
export const LETTER_RULE_SPACE_PT = 0.75;
/** §10.1 第一个要素与该线的距离为3号汉字高度的7/8 (the 份号 … or the 发文字号 below the upper double rule). */
export const LETTER_FIRST_ELEMENT_GAP_PT = (BODY_SIZE_PT * 7) / 8;

/** §7.3.2 主送机关 编排于标题下空一行位置 (the title block's blank line) … 最后一个机关名称后标全角冒号. */
export const RECIPIENTS_END = '：';
/** §7.3.6 附注 居左空二字加圆括号编排在成文日期下一行. */
export const NOTE_OPEN = '（';
export const NOTE_CLOSE = '）';
