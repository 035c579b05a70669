/**
 * Stage: DOCX writer — block handlers. Input: ComposedDocument blocks → `docx` paragraphs and tables, one handler
 * per composed kind (a typed table: a new kind fails to compile until it is handled here). Handlers only pick a style
 * and the runs the composition decided; the formatting is in styles.ts, the text-dependent indents in indents.ts.
 * The vertical structure mirrors the PDF layout: a blank line is an empty 正文 paragraph (one grid line), an
 * attachment starts a page with “附件N” on line 1 and its title on line 3.
 */
import { Paragraph, type FileChild, type IParagraphOptions } from 'docx';
import type { FontSet } from '../fonts/types.ts';
import type { ComposedDocument, ComposedHandlers } from '../model/composed.ts';
import { dispatch } from '../model/composed.ts';
import type { FontRole } from '../model/types.ts';
import { composedRuns, lineRuns, tabRun, textRun, type RoleUse } from './runs.ts';
import { STYLE, STYLE_ROLE } from './styles.ts';
import { buildTable } from './table.ts';
import { CELL_TWIP } from './metrics.ts';

interface Ctx {
  fonts: FontSet;
  used: RoleUse;
  /** A newPage block is pending: the next paragraph starts a page (`w:pageBreakBefore`), so no empty line is left. */
  pendingBreak: boolean;
}

/** Makes a paragraph, consuming a pending page break. */
function para(ctx: Ctx, options: IParagraphOptions): Paragraph {
  const breakBefore = ctx.pendingBreak ? { pageBreakBefore: true } : {};
  ctx.pendingBreak = false;
  return new Paragraph({ ...options, ...breakBefore });
}

const roleOf = (style: string): FontRole => STYLE_ROLE[style] ?? 'body';

const CENTRED_STYLE = { title: STYLE.title, subtitle: STYLE.subtitle, attachmentTitle: STYLE.attachmentTitle } as const;
const SIGNATURE_STYLE = { organ: STYLE.organ, date: STYLE.date, label: STYLE.attachmentLabel } as const;

const HANDLERS: ComposedHandlers<Ctx, FileChild[]> = {
  // §7.3.1 a long title is one paragraph whose lines (the composition's 梯形) are joined by line breaks (`w:br`).
  centred: (b, ctx) => {
    const style = CENTRED_STYLE[b.style];
    return [para(ctx, { style, children: lineRuns(b.lines, roleOf(style), ctx.used) })];
  },
  paragraph: (b, ctx) => {
    if (b.style === 'body') return [para(ctx, { style: STYLE.normal, children: composedRuns(b.runs, roleOf(STYLE.normal), ctx.used) })];
    const style = STYLE.heading[(b.headingLevel ?? 1) - 1] ?? STYLE.heading[0];
    // A run-in heading (标题后接正文) is a body paragraph that opens with the heading: it keeps the heading style (the
    // navigation pane lists it) but not the style's keep-with-next, which would drag a whole paragraph along.
    const keep = b.style === 'runInHeading' ? { keepNext: false } : {};
    return [para(ctx, { style, children: composedRuns(b.runs, roleOf(style), ctx.used), ...keep })];
  },
  hangingList: (b, ctx) =>
    // §7.3.4 “附件：1.⇥名称”, later items “2.⇥名称” in the continuation style; one attachment: “附件：名称”.
    b.items.map((item, i) => {
      const style = i === 0 ? STYLE.attachmentNote : STYLE.attachmentNoteItem;
      const role = roleOf(style);
      return para(ctx, {
        style,
        children: [
          ...(item.prefix ? [textRun(item.prefix, role, ctx.used)] : []),
          ...(item.number ? [textRun(item.number, role, ctx.used), tabRun()] : []),
          textRun(item.text, role, ctx.used),
        ],
      });
    }),
  placed: (b, ctx) =>
    b.lines.map((line) => {
      const style = SIGNATURE_STYLE[line.part];
      const children = [textRun(line.text, roleOf(style), ctx.used)];
      if (line.part !== 'label') return para(ctx, { style, children });
      ctx.pendingBreak = false; // the label style itself starts a page (§7.3.7 另面编排)
      return new Paragraph({ style, children });
    }),
  // §7.2.1–§7.2.3: one 顶格 paragraph per mark line (the 份号 only when the build writes one copy, so it is real).
  marks: (b, ctx) =>
    b.lines.map((line) =>
      para(ctx, {
        style: STYLE.markLine,
        children: [textRun(line.text, roleOf(STYLE.markLine), ctx.used)],
        ...(line.startCells > 0 ? { indent: { left: line.startCells * CELL_TWIP } } : {}),
      }),
    ),
  table: (b, ctx) => {
    // A table cannot start a page by itself; an empty paragraph carries the break (one blank line on the new page).
    const lead = ctx.pendingBreak ? [para(ctx, { style: STYLE.normal })] : [];
    return [...lead, buildTable(b, ctx.used)];
  },
  blank: (_b, ctx) => [para(ctx, { style: STYLE.normal })],
  newPage: (_b, ctx) => {
    ctx.pendingBreak = true;
    return [];
  },
};

/** The body of the document and the roles that need character styles. */
export function buildBody(doc: ComposedDocument, fonts: FontSet): { children: FileChild[]; usedCharRoles: Set<FontRole> } {
  const ctx: Ctx = { fonts, used: new Set(), pendingBreak: false };
  const children: FileChild[] = [];
  for (const block of doc.blocks) children.push(...dispatch(HANDLERS, block, ctx));
  return { children, usedCharRoles: ctx.used };
}
