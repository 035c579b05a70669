/**
 * Stage: DOCX writer — styles. Input: the edition's FontSet, the document language and the few text-dependent
 * indents of this document (附件说明, 署名/日期) → the `docx` package's style options and theme fonts.
 *
 * Formatting lives in named styles, not on paragraphs, so a clerk who edits the document can keep using them
 * (正文, 标题 1–4 with outline levels for the navigation pane, 附件说明, 发文机关署名, 成文日期 …). Every style names
 * its font by the role's official office family (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体, 宋体) in all four
 * `w:rFonts` slots with `w:hint="eastAsia"`, so “”—… are set in the Chinese face too (users.md §9).
 */
import {
  AlignmentType,
  LineRuleType,
  type ICharacterStyleOptions,
  type IParagraphPropertiesOptions,
  type IParagraphStyleOptions,
  type IParagraphStylePropertiesOptions,
  type IStylesOptions,
  type IThemeOptions,
} from 'docx';
import { PAGE_NUMBER_INSET_CELLS, TABLE_CELL_PADDING_PT } from '../gbt9704/page.ts';
import { ELEMENT_STYLE, HEADING_ROLE } from '../gbt9704/elements.ts';
import { MARK_LINE } from '../gbt9704/marks.ts';
import { BODY_SIZE_PT, PAGE_NUMBER_SIZE_PT, TABLE_SIZE_PT, TITLE_SIZE_PT } from '../gbt9704/type-sizes.ts';
import { ptToHalfPoints, ptToTwip } from '../gbt9704/units.ts';
import type { FontSet } from '../fonts/types.ts';
import type { DocMeta, FontRole } from '../model/types.ts';
import {
  BODY_CHAR_SPACING_TWIP,
  CELL_TWIP,
  FIRST_LINE_CHARS,
  FIRST_LINE_TWIP,
  LINE_TWIP,
  TABLE_LINE_TWIP,
  footerMetrics,
} from './metrics.ts';

/** Paragraph style ids used by the handlers. Built-in ids (Normal, Title, Subtitle, Heading1–4) keep Word's names. */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  heading: ['Heading1', 'Heading2', 'Heading3', 'Heading4'] as const,
  attachmentNote: 'AttachmentNote',
  attachmentNoteItem: 'AttachmentNoteItem',
  organ: 'OrganSignature',
  date: 'SignatureDate',
  attachmentLabel: 'AttachmentLabel',
  markLine: 'MarkLine',
  attachmentTitle: 'AttachmentTitle',
  tableHeader: 'TableHeader',
  /** 图题 below a picture, 表题 above a table, the picture's own paragraph (documents that have them). */
  caption: 'Caption',
  tableCaption: 'TableCaption',
  figure: 'Figure',
  tableText: { left: 'TableText', center: 'TableTextCenter', right: 'TableTextRight' },
  pageNumberOdd: 'PageNumberOdd',
  pageNumberEven: 'PageNumberEven',
} as const;

/**
 * The role whose font each paragraph style uses, from the element table (src/gbt9704/elements.ts) the composition
 * also reads; runs in another role get a character style. Styles not listed are in the body role.
 */
export const STYLE_ROLE: Readonly<Record<string, FontRole>> = {
  [STYLE.normal]: ELEMENT_STYLE.body.role,
  [STYLE.title]: ELEMENT_STYLE.title.role,
  [STYLE.subtitle]: ELEMENT_STYLE.subtitle.role,
  Heading1: HEADING_ROLE[1],
  Heading2: HEADING_ROLE[2],
  Heading3: HEADING_ROLE[3],
  Heading4: HEADING_ROLE[4],
  [STYLE.attachmentLabel]: ELEMENT_STYLE.attachmentLabel.role,
  [STYLE.markLine]: MARK_LINE.secret.role,
  [STYLE.attachmentTitle]: ELEMENT_STYLE.title.role,
  [STYLE.tableHeader]: ELEMENT_STYLE.tableHeader.role,
  [STYLE.caption]: ELEMENT_STYLE.imageCaption.role,
  [STYLE.tableCaption]: ELEMENT_STYLE.tableCaption.role,
  [STYLE.tableText.left]: ELEMENT_STYLE.tableBody.role,
  [STYLE.tableText.center]: ELEMENT_STYLE.tableBody.role,
  [STYLE.tableText.right]: ELEMENT_STYLE.tableBody.role,
};

/** Character style id for a run whose role differs from its paragraph's. */
export const roleCharStyle = (role: FontRole): string => `Role${role[0]?.toUpperCase()}${role.slice(1)}`;
const ROLE_CHAR_STYLE_NAME: Readonly<Record<FontRole, string>> = {
  title: '标题字体（小标宋）',
  subtitle: '副标题字体（楷体）',
  body: '正文字体（仿宋）',
  heading1: '一级标题字体（黑体）',
  heading2: '二级标题字体（楷体）',
  pagenumber: '页码字体（宋体）',
};

/** Text-dependent indents of this document, in twips (computed by the handlers from the model). */
export interface DocumentIndents {
  /** 附件说明: left edge of the names (hanging indent) and where the first item starts. */
  attachmentNote: { left: number; firstHanging: number; itemHanging: number };
  /** 署名 and 成文日期 (§7.3.5.2): right inset of the 署名; the date's alignment and its indent on that side. */
  signature: { organRight: number; date: { alignment: 'left' | 'right'; indent: number } };
}

/** `w:rFonts` for a role: the official family in every slot, East Asian hint. */
export function roleFonts(fonts: FontSet, role: FontRole) {
  const name = fonts.roles[role].officialName;
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' } as const;
}

const noIndent = { firstLineChars: 0, firstLine: 0 } as const;

/**
 * `docx` types style paragraph options narrower than what it writes: styles are built with the full paragraph
 * properties class, so `pageBreakBefore` and `widowControl` reach styles.xml (asserted in tests/docx.test.ts).
 */
const styleParagraph = (p: IParagraphPropertiesOptions): IParagraphStylePropertiesOptions => p as IParagraphStylePropertiesOptions;

/** All styles of the document. */
export function buildStyles(
  fonts: FontSet,
  meta: DocMeta,
  indents: DocumentIndents,
  usedCharRoles: ReadonlySet<FontRole>,
  mediaStyles = false,
  /** Styles only some documents have (the 版头's and 版记's, masthead-styles.ts), appended after the others. */
  extraStyles: readonly IParagraphStyleOptions[] = [],
): IStylesOptions {
  // Letter spacing is only set, never reset: `docx` drops `w:spacing w:val="0"`, so the styles without the 28-per-line
  // spacing (titles, tables, page numbers) are not based on 正文 and inherit the document defaults instead.
  const run = (role: FontRole, sizePt: number = BODY_SIZE_PT) => ({ font: roleFonts(fonts, role), size: ptToHalfPoints(sizePt) });
  const gridRun = (role: FontRole) => ({ ...run(role), characterSpacing: BODY_CHAR_SPACING_TWIP });
  // LibreOffice maps Title, Subtitle and Heading N onto its own styles (bold, other sizes); say everything.
  const plain = { bold: false, italics: false, color: 'auto' } as const;
  const exact = (line: number = LINE_TWIP) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
  const heading = (level: 1 | 2 | 3 | 4) => ({
    name: `heading ${level}`,
    basedOn: STYLE.normal,
    next: STYLE.normal,
    quickFormat: true,
    // §7.3.3: same 3号 size as the body, family by level, not bold; outline levels 0–3 feed the navigation pane
    // and LibreOffice's PDF bookmarks.
    run: { ...gridRun(HEADING_ROLE[level]), ...plain },
    paragraph: { outlineLevel: level - 1, keepNext: true, keepLines: false },
  });
  const tableText = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], role: FontRole = ELEMENT_STYLE.tableBody.role) => ({
    run: run(role, TABLE_SIZE_PT),
    // Exact spacing also keeps the lines off the document grid (ECMA-376 docGrid: exact line rule overrides it).
    paragraph: { alignment, spacing: exact(TABLE_LINE_TWIP) },
  });
  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: STYLE.normal,
      name: 'Normal',
      quickFormat: true,
      // §7.3.3 每个自然段左空二字，回行顶格; §5.2.3 justified lines of 28 characters fill the 版心.
      run: gridRun('body'),
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLineChars: FIRST_LINE_CHARS, firstLine: FIRST_LINE_TWIP },
      },
    },
    {
      id: STYLE.title,
      name: 'Title',
      next: STYLE.normal,
      quickFormat: true,
      // §7.3.1 标题 2号小标宋, centred; natural letter spacing.
      run: { ...run('title', TITLE_SIZE_PT), ...plain },
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
    },
    {
      id: STYLE.subtitle,
      name: 'Subtitle',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quickFormat: true,
      run: { ...gridRun('subtitle'), ...plain },
      paragraph: { alignment: AlignmentType.CENTER, indent: noIndent, keepNext: true },
    },
    { id: 'Heading1', ...heading(1) },
    { id: 'Heading2', ...heading(2) },
    { id: 'Heading3', ...heading(3) },
    { id: 'Heading4', ...heading(4) },
    // §7.3.4 附件说明: 左空二字 "附件：1. 名称"; wrapped lines align under the name's first character. Not based on
    // 正文, so the 正文 first-line indent (in characters) cannot override the hanging indent.
    {
      id: STYLE.attachmentNote,
      name: '附件说明',
      next: STYLE.attachmentNoteItem,
      quickFormat: true,
      run: gridRun('body'),
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        indent: { left: indents.attachmentNote.left, hanging: indents.attachmentNote.firstHanging },
      },
    },
    {
      id: STYLE.attachmentNoteItem,
      name: '附件说明（续项）',
      basedOn: STYLE.attachmentNote,
      next: STYLE.attachmentNoteItem,
      paragraph: { indent: { left: indents.attachmentNote.left, hanging: indents.attachmentNote.itemHanging } },
    },
    // §7.3.5.2 署名 右空二字; 成文日期 one line below, its first character two characters right of the 署名's.
    {
      id: STYLE.organ,
      name: '发文机关署名',
      basedOn: STYLE.normal,
      next: STYLE.date,
      run: gridRun('body'),
      paragraph: { alignment: AlignmentType.RIGHT, indent: { ...noIndent, right: indents.signature.organRight }, keepNext: true },
    },
    {
      id: STYLE.date,
      name: '成文日期',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      run: gridRun('body'),
      paragraph: dateParagraph(indents.signature.date),
    },
    // §7.2.1–§7.2.3 份号、密级和保密期限、紧急程度 and the local mark (会后收回): 3号黑体, 顶格, one per line above the title.
    {
      id: STYLE.markLine,
      name: '版心左上角标注（份号、密级、紧急程度）',
      basedOn: STYLE.normal,
      next: STYLE.markLine,
      run: { ...gridRun(MARK_LINE.secret.role), ...plain },
      paragraph: { alignment: AlignmentType.LEFT, indent: noIndent, keepNext: true },
    },
    // §7.3.7 “附件N” 3号黑体 顶格 on line 1 of a new page; the title centred on line 3 (2号小标宋, as the 标题).
    {
      id: STYLE.attachmentLabel,
      name: '附件标识',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      run: gridRun('heading1'),
      // Outline level 1, as the PDF's bookmark per attachment: Word's navigation pane and LibreOffice's PDF export list it.
      paragraph: styleParagraph({ alignment: AlignmentType.LEFT, indent: noIndent, pageBreakBefore: true, keepNext: true, outlineLevel: 0 }),
    },
    {
      id: STYLE.attachmentTitle,
      name: '附件标题',
      next: STYLE.normal,
      run: run('title', TITLE_SIZE_PT),
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
    },
    { id: STYLE.tableText.left, name: '表格文字', ...tableText(AlignmentType.LEFT) },
    { id: STYLE.tableText.center, name: '表格文字（居中）', ...tableText(AlignmentType.CENTER) },
    { id: STYLE.tableText.right, name: '表格文字（右对齐）', ...tableText(AlignmentType.RIGHT) },
    { id: STYLE.tableHeader, name: '表头', ...tableText(AlignmentType.CENTER, ELEMENT_STYLE.tableHeader.role) },
    // §7.5 页码 4号半角宋体, 单页码居右空一字, 双页码居左空一字.
    pageNumberStyle(STYLE.pageNumberOdd, '页码（单页）', fonts, AlignmentType.RIGHT, { right: PAGE_NUMBER_INSET_CELLS * CELL_TWIP }),
    pageNumberStyle(STYLE.pageNumberEven, '页码（双页）', fonts, AlignmentType.LEFT, { left: PAGE_NUMBER_INSET_CELLS * CELL_TWIP }),
    // Only documents with pictures or captions carry these (the styles of other documents stay as they were).
    ...(mediaStyles
      ? [
          // 图题/表题 3号黑体 centred on the grid; the 表题 stays with its table, the picture with its 图题.
          {
            id: STYLE.caption,
            name: 'caption',
            basedOn: STYLE.normal,
            next: STYLE.normal,
            quickFormat: true,
            run: { ...gridRun(ELEMENT_STYLE.imageCaption.role), ...plain },
            paragraph: { alignment: AlignmentType.CENTER, indent: noIndent },
          },
          { id: STYLE.tableCaption, name: '表题', basedOn: STYLE.caption, next: STYLE.normal, paragraph: { keepNext: true } },
          { id: STYLE.figure, name: '图片', basedOn: STYLE.normal, next: STYLE.caption, paragraph: { alignment: AlignmentType.CENTER, indent: noIndent, keepNext: true } },
        ]
      : []),
    ...extraStyles,
  ];
  const characterStyles: ICharacterStyleOptions[] = [...usedCharRoles].sort().map((role) => ({
    id: roleCharStyle(role),
    name: ROLE_CHAR_STYLE_NAME[role],
    run: { font: roleFonts(fonts, role) },
  }));
  const neutral = { run: { color: 'auto', italics: false } };
  return {
    default: {
      // Document defaults carry what every style shares: body font, 3号, language, the exact grid line, no widow
      // control (moving a line would leave a page with 21 lines; §5.2.3 一般每面排22行), and no automatic space
      // between CJK and digits (w:autoSpaceDN; its twin autoSpaceDE has no option and is patched in xml-patches.ts).
      document: {
        run: { ...run('body'), language: { value: meta.language, eastAsia: meta.language } },
        paragraph: styleParagraph({ spacing: exact(), widowControl: false, autoSpaceEastAsianText: false }),
      },
      heading5: neutral,
      heading6: neutral,
    },
    paragraphStyles,
    characterStyles,
  };
}

function dateParagraph(date: DocumentIndents['signature']['date']): IParagraphStylePropertiesOptions {
  return date.alignment === 'left'
    ? { alignment: AlignmentType.LEFT, indent: { ...noIndent, left: date.indent } }
    : { alignment: AlignmentType.RIGHT, indent: { ...noIndent, right: date.indent } };
}

function pageNumberStyle(
  id: string,
  name: string,
  fonts: FontSet,
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
  inset: { left?: number; right?: number },
): IParagraphStyleOptions {
  return {
    id,
    name,
    run: { font: roleFonts(fonts, 'pagenumber'), size: ptToHalfPoints(PAGE_NUMBER_SIZE_PT) },
    paragraph: {
      alignment,
      indent: inset,
      spacing: { line: footerMetrics(fonts).lineTwip, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    },
  };
}

/**
 * Theme fonts: Office's default theme names Calibri / 等线 for body and headings, and WPS reports them as missing
 * fonts (users.md §7). The theme names the roles' official families instead, for Latin, East Asian and the Hans/Hant
 * scripts.
 */
export function buildTheme(fonts: FontSet): IThemeOptions {
  const body = fonts.roles.body.officialName;
  const headings = fonts.roles.heading1.officialName;
  const scheme = (name: string) => ({ latin: name, eastAsia: name, scripts: { Hans: name, Hant: name } });
  return { fonts: { headings: scheme(headings), body: scheme(body) } };
}

/** Cell padding of data tables, twips. */
export const TABLE_PADDING_TWIP = ptToTwip(TABLE_CELL_PADDING_PT);
