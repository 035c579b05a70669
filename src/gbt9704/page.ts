/**
 * Stage: the standard as data — page, 版心 and grid (GB/T 9704-2012 §5). Values are derived, not retyped:
 * right and bottom margins follow from the paper and the 版心; pitches follow from the 22 × 28 grid.
 */
import { mmToPt, TWIP_PER_PT } from './units.ts';
import { BODY_SIZE_PT } from './type-sizes.ts';

/** §5.1 A4 paper, mm. */
export const PAPER_WIDTH_MM = 210;
export const PAPER_HEIGHT_MM = 297;
/** §5.2.1 天头 (top margin) 37 mm ± 1. */
export const MARGIN_TOP_MM = 37;
/** §5.2.1 订口 (left, binding side) 28 mm ± 1. */
export const MARGIN_LEFT_MM = 28;
/** §5.2.1 版心 156 mm × 225 mm. */
export const TYPE_AREA_WIDTH_MM = 156;
export const TYPE_AREA_HEIGHT_MM = 225;
/** Computed: 210 − 28 − 156 = 26 mm. */
export const MARGIN_RIGHT_MM = PAPER_WIDTH_MM - MARGIN_LEFT_MM - TYPE_AREA_WIDTH_MM;
/** Computed: 297 − 37 − 225 = 35 mm. */
export const MARGIN_BOTTOM_MM = PAPER_HEIGHT_MM - MARGIN_TOP_MM - TYPE_AREA_HEIGHT_MM;

/** §5.2.3 一般每面排22行，每行排28个字，并撑满版心. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** 版心 width in pt (442.205): every full line ends exactly here. */
export const TYPE_AREA_WIDTH_PT = mmToPt(TYPE_AREA_WIDTH_MM);
/** One grid cell (一字) at 3号: 442.205 / 28 = 15.793 pt. */
export const CELL_PT = TYPE_AREA_WIDTH_PT / CHARS_PER_LINE;

/**
 * Line pitch. Reading A of the standard (Word/WPS 文档网格): 225 mm / 22 = 28.99 pt, which Word stores as the
 * integer twip grid `w:linePitch="579"` = 28.95 pt (22 × 579 = 12738 ≤ 12756 twip). We use Word's 579 twips in
 * both the PDF and the DOCX so the two agree line for line; 22 lines then span 21 × 28.95 + one line = 225 mm − 0.9 mm.
 */
export const LINE_PITCH_TWIP = 579;
export const LINE_PITCH_PT = LINE_PITCH_TWIP / TWIP_PER_PT;

/**
 * Where a line's em box sits: the first line's em box top is at the 版心 top (37 mm). CJK fonts put the
 * ideographic em box from +0.88 em to −0.12 em around the baseline, so baseline = top + 0.88 × size.
 */
export const EM_BOX_ASCENT = 0.88;

/**
 * §7.5 页码 “一字线上距版心下边缘7mm”: the subject of 上距 is the printed 一字线, so the top edge of the dash's ink (not
 * its em box, which sits ≈ 0.6 em higher) is 7 mm below the 版心 bottom. The writers compute the baseline from the
 * page-number face's own dash glyph box (its yMax), so the printed stroke lands here whatever face draws it.
 */
export const PAGE_NUMBER_GAP_MM = 7;
/** Computed: 37 + 225 + 7 = 269 mm from the paper top — where a ruler finds the top of the dash (§7.5). */
export const PAGE_NUMBER_DASH_TOP_MM = MARGIN_TOP_MM + TYPE_AREA_HEIGHT_MM + PAGE_NUMBER_GAP_MM;
/** §7.5 数字左右各放一条一字线: the dash (U+2014 EM DASH, set in the CJK face). */
export const PAGE_NUMBER_DASH = '—';

/** §7.3.3 每个自然段左空二字: first-line indent in grid cells. */
export const PARAGRAPH_INDENT_CELLS = 2;
/** §7.3.5.2 署名 右空二字; 成文日期 首字比署名首字右移二字. */
export const SIGNATURE_RIGHT_INSET_CELLS = 2;
export const SIGNATURE_DATE_SHIFT_CELLS = 2;
/** §7.3.7 “附件”二字及顺序号 on line 1, 附件标题 on line 3 (0-based grid lines 0 and 2). */
export const ATTACHMENT_LABEL_LINE = 0;
export const ATTACHMENT_TITLE_LINE = 2;
/** §7.5 单页码居右空一字，双页码居左空一字: we take 一字 as one grid cell of the body (3号). */
export const PAGE_NUMBER_INSET_CELLS = 1;
/** §7.5 数字左右各放一条一字线: "— 1 —" (U+2014, a half-width space each side of the number). */
export const pageNumberText = (n: number): string => `${PAGE_NUMBER_DASH} ${n} ${PAGE_NUMBER_DASH}`;
/** Table rules: 0.5 pt hairlines (the standard leaves tables to the drafter, §8 only covers orientation). */
export const TABLE_RULE_PT = 0.5;
/** Inner padding of a table cell, pt. */
export const TABLE_CELL_PADDING_PT = 4;
/**
 * Line pitch inside a multi-line table cell, in em of the table text (1.4 × 4号 = 19.6 pt). The standard leaves
 * tables to the drafter (§8 only covers their orientation); the PDF layout's cell line pitch uses the same factor.
 */
export const TABLE_LINE_HEIGHT_EM = 1.4;
/**
 * Column widths from the content (a body table without `widths`): a column is never narrower than its widest
 * unbreakable word nor, when its text is longer, than this many characters of table text — a table whose columns
 * cannot all have that in the portrait 版心 is too wide for it and goes on landscape pages (§8). Office practice.
 */
export const TABLE_MIN_COLUMN_CHARS = 4;
/** §7.3.4 在正文下空一行左空二字编排“附件”二字，后标全角冒号和附件名称. */
export const ATTACHMENT_NOTE_PREFIX = '附件：';

/**
 * §8 表格横排: a table too wide for the 版心 is set on A4 turned on its side, 表头在订口一边 on odd pages and 在切口一边
 * on even ones — both the sheet's left edge as printed, so the content turns the same way on every page: the turned
 * page's top is the sheet's left edge (订口 28 mm), its left the sheet's bottom (35 mm). The 版心 keeps its place on
 * the sheet (156 × 225 mm), 225 mm wide and 156 mm tall when turned. 页码 stays where the portrait pages have it.
 */
export const LANDSCAPE_MARGIN_TOP_MM = MARGIN_LEFT_MM;
export const LANDSCAPE_MARGIN_LEFT_MM = MARGIN_BOTTOM_MM;
export const LANDSCAPE_TYPE_AREA_WIDTH_MM = TYPE_AREA_HEIGHT_MM;
export const LANDSCAPE_TYPE_AREA_HEIGHT_MM = TYPE_AREA_WIDTH_MM;
/** The turned 版心 holds 15 lines at the body pitch: line 15's em box (3号) ends at 14 × 28.95 + 16 = 421.3 pt ≤ 442.2 pt. */
export const LANDSCAPE_LINES_PER_PAGE = Math.floor((mmToPt(LANDSCAPE_TYPE_AREA_HEIGHT_MM) - BODY_SIZE_PT) / LINE_PITCH_PT) + 1;
