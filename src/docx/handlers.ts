/**
 * Stage: DOCX writer — block handlers. Input: DocModel blocks → `docx` paragraphs and tables, one handler per block
 * type (a typed table: a new block type fails to compile until it is handled here). Handlers only pick a style and
 * the runs; the formatting is in styles.ts. The vertical structure mirrors the PDF layout: a blank line is an empty
 * 正文 paragraph (one grid line), an attachment starts a page with “附件N” on line 1 and its title on line 3.
 */
import { Paragraph, type FileChild, type IParagraphOptions } from 'docx';
import { TITLE_SIZE_PT } from '../gbt9704/type-sizes.ts';
import type { FontSet } from '../fonts/types.ts';
import type { BlockHandlers, DocModel, FontRole } from '../model/types.ts';
import { ATTACHMENT_PREFIX } from './indents.ts';
import { inlineRuns, lineRuns, tabRun, textRun, type RoleUse } from './runs.ts';
import { HEADING_ROLE, STYLE, STYLE_ROLE } from './styles.ts';
import { buildTable } from './table.ts';
import { titleLines } from './title-lines.ts';

interface Ctx {
  fonts: FontSet;
  used: RoleUse;
  /** A pageBreak block is pending: the next paragraph starts a page (`w:pageBreakBefore`), so no empty line is left. */
  pendingBreak: boolean;
}

/** Makes a paragraph, consuming a pending page break. */
function para(ctx: Ctx, options: IParagraphOptions): Paragraph {
  const breakBefore = ctx.pendingBreak ? { pageBreakBefore: true } : {};
  ctx.pendingBreak = false;
  return new Paragraph({ ...options, ...breakBefore });
}

const roleOf = (style: string): FontRole => STYLE_ROLE[style] ?? 'body';

/** §7.3.1 a long title is split into a trapezoid of lines (title-lines.ts). */
function titleRuns(text: string, style: string, ctx: Ctx) {
  return lineRuns(titleLines(text, 'title', TITLE_SIZE_PT, ctx.fonts), 'title', roleOf(style), ctx.used);
}

const HANDLERS: BlockHandlers<Ctx, FileChild[]> = {
  title: (b, ctx) => [para(ctx, { style: STYLE.title, children: titleRuns(b.text, STYLE.title, ctx) })],
  subtitle: (b, ctx) => [para(ctx, { style: STYLE.subtitle, children: [textRun(b.text, 'subtitle', roleOf(STYLE.subtitle), ctx.used)] })],
  heading: (b, ctx) => {
    const style = STYLE.heading[b.level - 1] ?? STYLE.heading[3];
    const role = HEADING_ROLE[b.level];
    const children = [textRun(b.number + b.text, role, role, ctx.used), ...inlineRuns(b.runIn ?? [], role, ctx.used)];
    // A run-in heading (标题后接正文) is a body paragraph that opens with the heading: it keeps the heading style (the
    // navigation pane lists it) but not the style's keep-with-next, which would drag a whole paragraph along.
    return [para(ctx, { style, children, ...(b.runIn?.length ? { keepNext: false } : {}) })];
  },
  paragraph: (b, ctx) => [para(ctx, { style: STYLE.normal, children: inlineRuns(b.inlines, 'body', ctx.used) })],
  attachmentNote: (b, ctx) =>
    // §7.3.4 “附件：1.⇥名称”, later items “2.⇥名称” in the continuation style; one attachment: “附件：名称”.
    b.items.map((item, i) => {
      const number = item.number ? [textRun(item.number, 'body', 'body', ctx.used), tabRun()] : [];
      const prefix = i === 0 ? [textRun(ATTACHMENT_PREFIX, 'body', 'body', ctx.used)] : [];
      return para(ctx, {
        style: i === 0 ? STYLE.attachmentNote : STYLE.attachmentNoteItem,
        children: [...prefix, ...number, textRun(item.title, 'body', 'body', ctx.used)],
      });
    }),
  signature: (b, ctx) => [
    ...(b.organ ? [para(ctx, { style: STYLE.organ, children: [textRun(b.organ, 'body', 'body', ctx.used)] })] : []),
    ...(b.date ? [para(ctx, { style: STYLE.date, children: [textRun(b.date, 'body', 'body', ctx.used)] })] : []),
  ],
  attachmentHeading: (b, ctx) => {
    ctx.pendingBreak = false; // the label style already starts a page (§7.3.7 另面编排)
    return [
      new Paragraph({ style: STYLE.attachmentLabel, children: [textRun(b.label, 'heading1', roleOf(STYLE.attachmentLabel), ctx.used)] }),
      new Paragraph({ style: STYLE.normal }),
      new Paragraph({ style: STYLE.attachmentTitle, children: titleRuns(b.title, STYLE.attachmentTitle, ctx) }),
      new Paragraph({ style: STYLE.normal }),
    ];
  },
  table: (b, ctx) => {
    // A table cannot start a page by itself; an empty paragraph carries the break (one blank line on the new page).
    const lead = ctx.pendingBreak ? [para(ctx, { style: STYLE.normal })] : [];
    return [...lead, buildTable(b, ctx.used)];
  },
  blankLine: (_b, ctx) => [para(ctx, { style: STYLE.normal })],
  pageBreak: (_b, ctx) => {
    ctx.pendingBreak = true;
    return [];
  },
};

/** The body of the document and the roles that need character styles. */
export function buildBody(model: DocModel, fonts: FontSet): { children: FileChild[]; usedCharRoles: Set<FontRole> } {
  const ctx: Ctx = { fonts, used: new Set(), pendingBreak: false };
  const children: FileChild[] = [];
  for (const block of model.blocks) children.push(...(HANDLERS[block.type] as (b: typeof block, c: Ctx) => FileChild[])(block, ctx));
  return { children, usedCharRoles: ctx.used };
}
