/**
 * Stage: compose. Input: DocModel + the edition's FontSet → ComposedDocument: every text with the role and size that
 * draw it, titles broken into lines (§7.3.1), the hanging position of the 附件说明 names (§7.3.4), the anchors of
 * 署名 and 成文日期 (§7.3.5.2), the attachment label and title lines (§7.3.7), table heads and bodies. One handler per
 * model block type; the PDF layout and the DOCX writer both follow what this decides.
 */
import { ELEMENT_STYLE, HEADING_ROLE } from '../gbt9704/elements.ts';
import { ATTACHMENT_LABEL_LINE, ATTACHMENT_TITLE_LINE, PARAGRAPH_INDENT_CELLS, pageNumberText } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import type { BlockHandlers, DocModel, FontRole, Span } from '../model/types.ts';
import { measureText } from '../measure/measure.ts';
import { placeSignature } from './signature.ts';
import { arrangeAttachmentPages, composeImage, composePdfPages, keepHeadingsWithContent } from './media.ts';
import { composeTable } from './table.ts';
import { hangingNote } from './attachment-note.ts';
import { composedText } from './text.ts';
import { titleLines } from './title.ts';
import { composeMarks, watermarkTexts, withCopyNumber } from './marks.ts';
import { composeMasthead, withMasthead } from './masthead.ts';
import { composeAttendance, composeColophon } from './colophon.ts';
import type { ComposedBlock, ComposedDocument, ComposedText } from '../model/composed.ts';

const centredLines = (text: string, style: { role: FontRole; sizePt: number }, origin: Span | undefined, fonts: FontSet): ComposedText[] =>
  titleLines(measureText(text, style.role, style.sizePt, fonts)).map((line) => composedText(line, style, origin));

const blankLines = (n: number): ComposedBlock[] => Array.from({ length: n }, () => ({ kind: 'blank' as const }));

const HANDLERS: BlockHandlers<FontSet, ComposedBlock[]> = {
  title: (b, fonts) => [{ kind: 'centred', style: 'title', lines: centredLines(b.text, ELEMENT_STYLE.title, b.origin, fonts) }],
  subtitle: (b, fonts) => [{ kind: 'centred', style: 'subtitle', lines: centredLines(b.text, ELEMENT_STYLE.subtitle, b.origin, fonts) }],
  heading: (b) => {
    const style = { role: HEADING_ROLE[b.level], sizePt: ELEMENT_STYLE.body.sizePt };
    const runIn = (b.runIn ?? []).filter((i) => i.text.length > 0);
    return [
      {
        kind: 'paragraph',
        style: runIn.length > 0 ? 'runInHeading' : 'heading',
        headingLevel: b.level,
        runs: [
          composedText(b.number, style, b.origin, true),
          composedText(b.text, style, b.origin),
          ...runIn.map((i) => composedText(i.text, { role: i.role, sizePt: ELEMENT_STYLE.body.sizePt }, i.origin ?? b.origin)),
        ],
        firstIndentCells: PARAGRAPH_INDENT_CELLS,
        restIndentCells: 0,
        // A stand-alone heading stays with the next line; a run-in heading is a paragraph of its own.
        keepWithNext: runIn.length === 0,
        bookmark: { title: b.number + b.text, level: b.level },
      },
    ];
  },
  paragraph: (b) => [
    {
      kind: 'paragraph',
      style: 'body',
      runs: b.inlines.map((i) => composedText(i.text, { role: i.role, sizePt: ELEMENT_STYLE.body.sizePt }, i.origin)),
      firstIndentCells: PARAGRAPH_INDENT_CELLS,
      restIndentCells: 0,
      keepWithNext: false,
    },
  ],
  attachmentNote: (b, fonts) => [hangingNote(b, fonts)],
  signature: (b, fonts) => [placeSignature(b, fonts)],
  attachmentHeading: (b, fonts) => [
    // §7.3.7 另面编排; “附件N” 3号黑体 顶格 on line 1; the title centred on line 3; one blank line before the content.
    { kind: 'newPage' },
    ...blankLines(ATTACHMENT_LABEL_LINE),
    {
      kind: 'placed',
      style: 'label',
      lines: [{ text: composedText(b.label, ELEMENT_STYLE.attachmentLabel, b.origin, true), anchor: { edge: 'start', cells: 0 }, part: 'label' }],
      // One outline entry per attachment, at the level of the body's 一、 headings: “附件1 标题”.
      bookmark: { title: `${b.label} ${b.title}`, level: 1 },
    },
    ...blankLines(ATTACHMENT_TITLE_LINE - ATTACHMENT_LABEL_LINE - 1),
    { kind: 'centred', style: 'attachmentTitle', lines: centredLines(b.title, ELEMENT_STYLE.title, b.origin, fonts) },
    { kind: 'blank' },
  ],
  table: (b, fonts) => [composeTable(b, fonts)],
  image: (b) => [composeImage(b)],
  pdfPages: (b) => [composePdfPages(b)],
  marks: (b) => composeMarks(b),
  masthead: (b, fonts) => [composeMasthead(b, fonts)],
  // §7.3.2 主送机关 顶格，回行时仍顶格.
  recipients: (b) => [{ kind: 'recipients', text: composedText(b.text, ELEMENT_STYLE.recipients, b.origin) }],
  // §7.3.6 附注 居左空二字: a paragraph of the body's shape (first line 2 字 in, wrapped lines 顶格).
  note: (b) => [
    { kind: 'paragraph', style: 'body', runs: [composedText(b.text, ELEMENT_STYLE.recipients, b.origin)], firstIndentCells: PARAGRAPH_INDENT_CELLS, restIndentCells: 0, keepWithNext: false },
  ],
  attendance: (b, fonts) => [composeAttendance(b, fonts)],
  colophon: (b, fonts) => [composeColophon(b, fonts)],
  blankLine: () => [{ kind: 'blank' }],
  pageBreak: () => [{ kind: 'newPage' }],
};

/** What a build of numbered copies adds to the composition (src/compose/marks.ts). */
export interface ComposeOptions {
  /** The 份号 on line 1 (§7.2.1): six digits, a real number or the placeholder the copies stamp. */
  copyNumber?: string;
  /** One watermark line per copy (`--watermark`), with the data position of its recipient. */
  watermarks?: readonly { text: string; origin?: Span }[];
}

/** Composes the whole document. */
export function composeDocument(model: DocModel, fonts: FontSet, options: ComposeOptions = {}): ComposedDocument {
  let blocks: ComposedBlock[] = [];
  for (const block of model.blocks) blocks.push(...(HANDLERS[block.type] as (b: typeof block, f: FontSet) => ComposedBlock[])(block, fonts));
  arrangeAttachmentPages(blocks);
  keepHeadingsWithContent(blocks);
  if (options.copyNumber !== undefined) blocks = withCopyNumber(blocks, options.copyNumber);
  blocks = withMasthead(blocks);
  return {
    meta: model.meta,
    blocks,
    // §7.5: “— N —” is drawn in the page-number role; the coverage check reads the dash and every digit once.
    pageNumberSample: composedText(pageNumberText(1234567890), ELEMENT_STYLE.pageNumber, undefined, true),
    ...(options.watermarks ? { watermarks: watermarkTexts(options.watermarks) } : {}),
  };
}
