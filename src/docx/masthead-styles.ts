/**
 * Stage: DOCX writer — the styles of the 版头, 主送机关, 出席名单 and 版记 (GB/T 9704 §7.2–§7.4, §10.3). Input: the
 * composed document, the fonts and the red → named paragraph styles (发文机关标志, 发文字号, 主送机关, 出席名单, 抄送机关,
 * 印发机关和印发日期, and the spacers that hold the 版头's and the 版记's distances), only for the elements the document
 * has, so a document without them keeps exactly the styles it had. The 版头's and 版记's styles are off the grid
 * (OFF_GRID_STYLE_IDS): their exact lines are the faces' line boxes, placed by space before.
 */
import { AlignmentType, type IParagraphStyleOptions } from 'docx';
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import { ptToHalfPoints, ptToTwip } from '../gbt9704/units.ts';
import { CELL_PT } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import type { ComposedDocument, MastheadBlock } from '../model/composed.ts';
import { BODY_CHAR_SPACING_TWIP } from './metrics.ts';
import { STYLE, roleFonts } from './styles.ts';

/** Paragraph style ids of these elements (the mark lines keep the marks' own style). */
export const MASTHEAD_STYLE = {
  issuerMark: 'IssuerMark',
  docNumber: 'DocNumber',
  markLine: STYLE.markLine,
  spacer: 'MastheadSpacer',
} as const;
export const BODY_PART_STYLE = { recipients: 'Recipients', attendance: 'Attendance', copyTo: 'CopyTo', imprint: 'Imprint' } as const;

/** Styles whose paragraphs must not snap to the document grid (their exact lines are not the grid's). */
export const OFF_GRID_STYLE_IDS: readonly string[] = [MASTHEAD_STYLE.issuerMark, MASTHEAD_STYLE.docNumber, MASTHEAD_STYLE.spacer, BODY_PART_STYLE.copyTo, BODY_PART_STYLE.imprint];

const plain = { bold: false, italics: false } as const;
const noIndent = { firstLineChars: 0, firstLine: 0 } as const;

/** The styles this document needs, and which of them are off the grid. */
export function mastheadStyles(doc: ComposedDocument, fonts: FontSet, red: string): { styles: IParagraphStyleOptions[]; offGrid: string[] } {
  const has = (kind: string) => doc.blocks.some((b) => b.kind === kind);
  const masthead = doc.blocks.find((b): b is MastheadBlock => b.kind === 'masthead');
  const body = (sizePt: number = ELEMENT_STYLE.body.sizePt) => ({ font: roleFonts(fonts, 'body'), size: ptToHalfPoints(sizePt) });
  const styles: IParagraphStyleOptions[] = [];
  const needsSpacer = masthead !== undefined || has('colophon');
  if (masthead) {
    const mark = masthead.mark[0] ?? masthead.suffix;
    styles.push(
      {
        id: MASTHEAD_STYLE.issuerMark,
        name: '发文机关标志',
        next: STYLE.normal,
        // §7.2.4 推荐使用小标宋体字，颜色为红色; the size the composition chose for the widest line.
        run: { font: roleFonts(fonts, ELEMENT_STYLE.issuerMark.role), size: ptToHalfPoints(mark?.sizePt ?? ELEMENT_STYLE.issuerMark.sizePt), color: red, ...plain },
        paragraph: { alignment: AlignmentType.CENTER, indent: noIndent, keepNext: true },
      },
      {
        id: MASTHEAD_STYLE.docNumber,
        name: '发文字号',
        next: STYLE.normal,
        // §7.2.5 3号仿宋, at the body's letter spacing (its characters on the grid's cells).
        run: { ...body(), characterSpacing: BODY_CHAR_SPACING_TWIP, ...plain, color: 'auto' },
        paragraph: { alignment: AlignmentType.CENTER, indent: noIndent, keepNext: true },
      },
    );
  }
  if (needsSpacer) styles.push({ id: MASTHEAD_STYLE.spacer, name: '版头版记间距', next: STYLE.normal, run: body(), paragraph: { indent: noIndent } });
  if (has('recipients'))
    // §7.3.2 主送机关 居左顶格，回行时仍顶格: 正文 without its first-line indent.
    styles.push({ id: BODY_PART_STYLE.recipients, name: '主送机关', basedOn: STYLE.normal, next: STYLE.normal, paragraph: { indent: noIndent } });
  const attendance = doc.blocks.find((b) => b.kind === 'attendance');
  if (attendance?.kind === 'attendance') {
    const item = attendance.items[0];
    const left = ptToTwip((item?.hangCells ?? 0) * CELL_PT);
    styles.push({
      id: BODY_PART_STYLE.attendance,
      name: '出席名单',
      next: BODY_PART_STYLE.attendance,
      // §10.3 左空二字“出席：”，回行时与冒号后的首字对齐: not based on 正文, whose first-line indent would win.
      run: { ...body(), characterSpacing: BODY_CHAR_SPACING_TWIP },
      paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { left, hanging: left - ptToTwip((item?.leadStartCells ?? 0) * CELL_PT) } },
    });
  }
  if (has('colophon'))
    styles.push(
      // §7.4.2/§7.4.3 4号仿宋.
      { id: BODY_PART_STYLE.copyTo, name: '抄送机关', next: BODY_PART_STYLE.imprint, run: body(ELEMENT_STYLE.colophon.sizePt), paragraph: { alignment: AlignmentType.JUSTIFIED, keepNext: true, keepLines: true } },
      { id: BODY_PART_STYLE.imprint, name: '印发机关和印发日期', next: STYLE.normal, run: body(ELEMENT_STYLE.colophon.sizePt), paragraph: { alignment: AlignmentType.LEFT, indent: noIndent, keepLines: true } },
    );
  return { styles, offGrid: OFF_GRID_STYLE_IDS.filter((id) => styles.some((s) => s.id === id)) };
}
