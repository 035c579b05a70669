/**
 * Stage: DOCX writer — block handlers. Input: ComposedDocument blocks → `docx` paragraphs and tables, one handler
 * per composed kind (a typed table: a new kind fails to compile until it is handled here). Handlers only pick a style
 * and the runs the composition decided; the formatting is in styles.ts, the text-dependent indents in indents.ts.
 * The vertical structure mirrors the PDF layout: a blank line is an empty 正文 paragraph (one grid line), an
 * attachment starts a page with “附件N” on line 1 and its title on line 3.
 */
import { ImageRun, LineRuleType, Paragraph, type FileChild, type IParagraphOptions } from 'docx';
import type { MediaStore } from '../media/types.ts';
import type { FontSet } from '../fonts/types.ts';
import type { ComposedDocument, ComposedHandlers } from '../model/composed.ts';
import { dispatch } from '../model/composed.ts';
import type { FontRole } from '../model/types.ts';
import { composedRuns, lineRuns, tabRun, textRun, type RoleUse } from './runs.ts';
import { STYLE, STYLE_ROLE } from './styles.ts';
import { LINE_TWIP } from './metrics.ts';
import { buildTable } from './table.ts';
import { CELL_TWIP } from './metrics.ts';
import type { ColophonPlacement, MastheadPlacement } from '../layout/types.ts';
import { mastheadParts, type MastheadParts } from './masthead.ts';
import { colophonParts } from './colophon.ts';
import { BODY_PART_STYLE } from './masthead-styles.ts';

interface Ctx {
  fonts: FontSet;
  used: RoleUse;
  /** A newPage block is pending: the next paragraph starts a page (`w:pageBreakBefore`), so no empty line is left. */
  pendingBreak: boolean;
  media: MediaStore;
  /** PNG fallbacks of the SVG pictures, by media key. */
  svgFallbacks: ReadonlyMap<string, Buffer>;
  /** The sections so far (a landscape table has one of its own, §8); children go into the last. */
  sections: DocxSection[];
  /** The next portrait content opens a new section (a landscape section ended). */
  backToPortrait: boolean;
  /** The page a newPage block starts is landscape: the next content opens a landscape section. */
  turnNext: boolean;
  /** Where the PDF layout put the 版头 and the 版记 (the DOCX builds them to the same places). */
  placement: DocxPlacement;
  /** The 版头's red, RRGGBB. */
  red: string;
  /** Twips the title after a 版头 is raised by (given back as space after it), once. */
  titleShift: number;
}

/** The layout's placement of the 版头 and the 版记, which the DOCX follows. */
export interface DocxPlacement {
  masthead?: MastheadPlacement;
  colophon?: ColophonPlacement;
}

/** A run of content in one page orientation. */
export interface DocxSection {
  landscape: boolean;
  children: FileChild[];
  /** §7.5: the pages of this section carry no page number (the blank page before a 版记 and the 版记 page). */
  unnumbered?: boolean;
  /** §10.1: the first page is a 信函's, with its 标志 in the first-page header and no page number. */
  letter?: MastheadParts['letter'];
}

/** Starts a section in `landscape` orientation unless the current one already is; returns whether it did. */
function ensureSection(ctx: Ctx, landscape: boolean): boolean {
  const current = ctx.sections.at(-1);
  if (current && current.landscape === landscape && !(ctx.backToPortrait && !landscape)) return false;
  ctx.backToPortrait = false;
  if (current && current.children.length === 0) {
    current.landscape = landscape;
    return false;
  }
  ctx.sections.push({ landscape, children: [] });
  // A new section starts a new page: a pending page break is served by it, and by no style either.
  ctx.pendingBreak = false;
  return true;
}

/** Pixels at 96 dpi, the unit `docx` sizes pictures in. */
const ptToPx = (pt: number): number => Math.round((pt * 96) / 72);

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
    // Under a 版头 the title is raised inside its line and the shift given back after it (src/docx/masthead.ts).
    const shift = b.style === 'title' && ctx.titleShift > 0 ? { spacing: { after: ctx.titleShift } } : {};
    if (b.style === 'title') ctx.titleShift = 0;
    return [para(ctx, { style, children: lineRuns(b.lines, roleOf(style), ctx.used), ...shift })];
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
      // The label style itself starts a page (§7.3.7 另面编排). At the start of a new section (a landscape attachment)
      // the section's own page break comes first; LibreOffice 7.4 then adds no empty page (measured).
      ctx.pendingBreak = false;
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
    if (b.landscape) ensureSection(ctx, true);
    // A table cannot start a page by itself; an empty paragraph carries the break (one blank line on the new page).
    const lead = ctx.pendingBreak ? [para(ctx, { style: STYLE.normal })] : [];
    const table = [...lead, ...buildTable(b, ctx.used)];
    if (b.landscape) ctx.backToPortrait = true;
    return table;
  },
  image: (b, ctx) => {
    const item = ctx.media.get(b.ref);
    if (!item) throw new Error(`docx: unknown media ${b.ref}`);
    const transformation = { width: ptToPx(b.widthPt), height: ptToPx(b.heightPt) };
    const run =
      item.format === 'svg'
        ? new ImageRun({ type: 'svg', data: item.bytes, transformation, fallback: { type: 'png', data: ctx.svgFallbacks.get(b.ref) ?? Buffer.alloc(0) } })
        : new ImageRun({ type: item.format === 'jpeg' ? 'jpg' : 'png', data: item.bytes, transformation });
    // The picture's paragraph is exactly its box of whole grid lines, so the text below stays on the grid.
    const picture = para(ctx, { style: STYLE.figure, spacing: { line: b.lines * LINE_TWIP, lineRule: LineRuleType.EXACT }, children: [run] });
    return [picture, ...(b.caption ? [para(ctx, { style: STYLE.caption, children: [textRun(b.caption, roleOf(STYLE.caption), ctx.used)] })] : [])];
  },
  // A DOCX cannot hold another PDF's pages: one line says where they are.
  pdfPages: (b, ctx) => [para(ctx, { style: STYLE.normal, children: [textRun(b.note, roleOf(STYLE.normal), ctx.used)] })],
  masthead: (b, ctx) => {
    const placement = ctx.placement.masthead;
    if (!placement) throw new Error('docx: a 版头 needs the placement the layout gave it');
    const parts = mastheadParts(b, placement, { fonts: ctx.fonts, used: ctx.used, red: ctx.red, para: (o) => para(ctx, o) });
    ctx.titleShift = parts.titleShiftTwip;
    const first = ctx.sections[0];
    if (parts.letter && first) first.letter = parts.letter;
    return parts.children;
  },
  // §7.3.2 主送机关 顶格，回行时仍顶格.
  recipients: (b, ctx) => [para(ctx, { style: BODY_PART_STYLE.recipients, children: [textRun(b.text, 'body', ctx.used)] })],
  // §10.3 “出席：”（黑体）and the names (仿宋), wrapped lines after the colon (the style's hanging indent).
  attendance: (b, ctx) =>
    b.items.map((item) => para(ctx, { style: BODY_PART_STYLE.attendance, children: [...(item.prefix ? [textRun(item.prefix, 'body', ctx.used)] : []), textRun(item.text, 'body', ctx.used)] })),
  colophon: (b, ctx) => {
    const placement = ctx.placement.colophon;
    if (!placement) throw new Error('docx: a 版记 needs the placement the layout gave it');
    const parts = colophonParts(b, placement, { fonts: ctx.fonts, used: ctx.used, para: (o) => para(ctx, o) });
    if (!parts.blankPage) return parts.children;
    // §7.5 the blank page and the 版记 page carry no page number: a section each, without page-number footers (a page
    // break inside one section would add space above the 版记 in LibreOffice, measured).
    ctx.pendingBreak = false;
    ctx.backToPortrait = false;
    ctx.sections.push({ landscape: false, unnumbered: true, children: [new Paragraph({ style: STYLE.normal })] }, { landscape: false, unnumbered: true, children: [] });
    return parts.children;
  },
  blank: (_b, ctx) => [para(ctx, { style: STYLE.normal })],
  newPage: (b, ctx) => {
    ctx.pendingBreak = true;
    // An attachment whose table is landscape starts its own landscape section (§7.3.7 label and title on it).
    if (b.orientation === 'landscape') ctx.turnNext = true;
    return [];
  },
};

/** The body of the document in sections, and the roles that need character styles. */
export function buildBody(
  doc: ComposedDocument,
  fonts: FontSet,
  media: MediaStore = new Map(),
  svgFallbacks: ReadonlyMap<string, Buffer> = new Map(),
  placement: DocxPlacement = {},
  red = 'FF0000',
): { sections: DocxSection[]; usedCharRoles: Set<FontRole> } {
  const ctx: Ctx = {
    fonts,
    used: new Set(),
    pendingBreak: false,
    media,
    svgFallbacks,
    sections: [{ landscape: false, children: [] }],
    backToPortrait: false,
    turnNext: false,
    placement,
    red,
    titleShift: 0,
  };
  for (const block of doc.blocks) {
    const turn = ctx.turnNext && block.kind !== 'newPage';
    if (turn) {
      ctx.turnNext = false;
      ensureSection(ctx, true);
    } else if (block.kind !== 'newPage' && block.kind !== 'blank' && !(block.kind === 'table' && block.landscape) && ctx.backToPortrait) {
      ensureSection(ctx, false);
    }
    // Dispatch first: a handler may open a section (a landscape table), and its children belong to that one.
    const children = dispatch(HANDLERS, block, ctx);
    ctx.sections.at(-1)?.children.push(...children);
  }
  return { sections: ctx.sections, usedCharRoles: ctx.used };
}
