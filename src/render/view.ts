/**
 * Stage: render — the template context. Input: the report data of one edition + source spans →
 * a plain JSON view for Handlebars: sections carry their level and ordinal (numbers are generated from the
 * structure, never stored), text nodes carry `src` ("start-end" offsets into the data file) so the document
 * model can point back at the data, and the figures table knows where each figure appears.
 */
import type { BodyNode, Figure, Report } from '../load/schema.ts';
import type { DataPath } from '../load/types.ts';
import type { Span } from '../model/types.ts';
import type { ReportContent } from '../media/types.ts';
import { headingNumber, chineseDate } from '../gbt9704/numerals.ts';
import { MARK_ORDER, secretText } from '../gbt9704/marks.ts';
import { isImageNode, isParagraphNode, isSectionNode, isTableNode } from '../load/body-nodes.ts';
import { NO_CONTENT, cellText, imageView, printedView, tableView, type ImageView, type PrintedView, type TableView } from './content-view.ts';
import { mastheadViews, type MastheadViews } from './masthead-view.ts';

export type SpanOf = (path: DataPath) => Span | undefined;

export interface ParagraphView {
  p: string;
  src: string;
}
export interface SectionView {
  heading: string;
  level: number;
  ordinal: number;
  src: string;
  runIn?: string;
  runInSrc?: string;
  body: NodeView[];
}
export type NodeView = ParagraphView | SectionView | { table: TableView } | { image: ImageView };

export interface FigureRowView {
  index: number;
  category: string;
  item: string;
  value: number;
  /** The text states the figure as approximate (200余家): the table says 200余 too. */
  approx: boolean;
  unit: string;
  where: string;
  src: string;
}

export interface AttachmentView {
  index: number;
  title: string;
  src: string;
  /** `src`: the figures list, so a problem in a generated table (a character no font has) points into the data. */
  table?: { rows: FigureRowView[]; src: string };
  file?: string;
  /** An external attachment printed on the attachment pages (not `print: false`, and printable). */
  printed?: PrintedView[];
}

/** One mark line above the title (密级和保密期限, 紧急程度, the local mark), in the order of src/gbt9704/marks.ts. */
export interface MarkView {
  part: 'secret' | 'urgency' | 'mark';
  text: string;
  src: string;
}

/** The report's view; the 版头, 主送, 附注, 出席名单 and 版记 parts (masthead-view.ts) only when the data has them. */
export interface ReportView extends MastheadViews {
  meta: {
    title: string;
    titleSrc: string;
    subtitle: { text: string; src: string }[];
    speaker: string;
    speakerSrc: string;
    /** 报告日期 as printed under the title: 2022年1月5日 (the template adds the brackets). */
    speechDate: string;
    speechDateSrc: string;
    organ: string;
    date: string;
    src: string;
  };
  marks: MarkView[];
  body: NodeView[];
  attachments: AttachmentView[];
  hasSignature: boolean;
  multipleAttachments: boolean;
}

const srcAttr = (span: Span | undefined): string => (span ? `${span.start}-${span.end}` : '');

/** Builds the view; `spanOf` maps data paths to spans in the (Simplified) data file. */
export function buildView(report: Report, spanOf: SpanOf, content: ReportContent = NO_CONTENT): ReportView {
  const ctx: NodeContext = { spanOf, figures: new Map((report.figures ?? []).map((f) => [f.id, f])), content };
  const body = report.body.map((n, i) => nodeView(n, ['body', i], 1, ordinalOf(report.body, i), ctx));
  const attachments = (report.attachments ?? []).map((a, i): AttachmentView => {
    const view: AttachmentView = { index: i + 1, title: a.title, src: srcAttr(spanOf(['attachments', i, 'title'])) };
    if (a.table === 'figures') view.table = { rows: figureRows(report, spanOf), src: srcAttr(spanOf(['figures'])) };
    if (a.file !== undefined) view.file = a.file;
    const printed = content.attachments.find((p) => p.index === i);
    if (printed) view.printed = printedView(printed, srcAttr(spanOf(['attachments', i, 'file'])));
    return view;
  });
  const organ = report.meta.organ ?? '';
  const date = chineseDate(report.meta.date ?? '');
  return {
    meta: {
      title: report.meta.title,
      titleSrc: srcAttr(spanOf(['meta', 'title'])),
      subtitle: (report.meta.subtitle ?? []).map((text, i) => ({ text, src: srcAttr(spanOf(['meta', 'subtitle', i])) })),
      speaker: report.meta.speaker ?? '',
      speakerSrc: srcAttr(spanOf(['meta', 'speaker'])),
      speechDate: chineseDate(report.meta.speechDate ?? ''),
      speechDateSrc: srcAttr(spanOf(['meta', 'speechDate'])),
      organ,
      date,
      src: srcAttr(spanOf(['meta', organ ? 'organ' : 'date'])),
    },
    marks: markViews(report, spanOf),
    ...mastheadViews(report, spanOf),
    body,
    attachments,
    hasSignature: organ !== '' || date !== '',
    multipleAttachments: attachments.length > 1,
  };
}

/** The mark lines the data asks for, top to bottom (§7.2.2 秘密★1年, §7.2.3 特急, then the local mark). */
function markViews(report: Report, spanOf: SpanOf): MarkView[] {
  const { secret, urgency, mark } = report.meta;
  const views: Partial<Record<MarkView['part'], MarkView>> = {
    ...(secret ? { secret: { part: 'secret', text: secretText(secret.level, secret.period), src: srcAttr(spanOf(['meta', 'secret'])) } } : {}),
    ...(urgency ? { urgency: { part: 'urgency', text: urgency, src: srcAttr(spanOf(['meta', 'urgency'])) } } : {}),
    ...(mark ? { mark: { part: 'mark', text: mark, src: srcAttr(spanOf(['meta', 'mark'])) } } : {}),
  };
  return MARK_ORDER.flatMap((part) => (part !== 'copyNumber' && views[part] ? [views[part]] : []));
}

const isSection = isSectionNode;

interface NodeContext {
  spanOf: SpanOf;
  figures: ReadonlyMap<string, Figure>;
  content: ReportContent;
}

/** 1-based position of node i among its sibling sections (paragraphs do not count). */
function ordinalOf(siblings: readonly BodyNode[], i: number): number {
  return siblings.slice(0, i + 1).filter(isSection).length;
}

function nodeView(node: BodyNode, path: DataPath, level: number, ordinal: number, ctx: NodeContext): NodeView {
  const { spanOf } = ctx;
  if (isParagraphNode(node)) return { p: node.p, src: srcAttr(spanOf([...path, 'p'])) };
  if (isTableNode(node)) return { table: tableView(node, path, spanOf, ctx.figures) };
  if (isImageNode(node)) return { image: imageView(node, path, spanOf, ctx.content.images) };
  const children = node.body ?? [];
  const view: SectionView = {
    heading: node.heading,
    level,
    ordinal,
    src: srcAttr(spanOf([...path, 'heading'])),
    body: children.map((c, i) => nodeView(c, [...path, 'body', i], level + 1, ordinalOf(children, i), ctx)),
  };
  if (node.runIn !== undefined) {
    view.runIn = node.runIn;
    view.runInSrc = srcAttr(spanOf([...path, 'runIn']));
  }
  return view;
}

/** Text blocks of the body with the heading-number trail that leads to them ("一（四）"). */
export function bodyTexts(report: Report): { text: string; trail: string }[] {
  const out: { text: string; trail: string }[] = [];
  const figures = new Map((report.figures ?? []).map((f) => [f.id, f]));
  const walk = (nodes: readonly BodyNode[], level: number, trail: string) => {
    nodes.forEach((n, i) => {
      if (isParagraphNode(n)) return out.push({ text: n.p, trail });
      // A table's cells (figures by id print their stated text) and a caption are text of the body too.
      if (isTableNode(n)) return out.push({ text: n.table.rows.flat().map((c) => cellText(c, figures)).join('\n'), trail });
      if (!isSection(n)) return out.push({ text: n.image.caption ?? '', trail });
      const number = level <= 4 ? headingNumber(level, ordinalOf(nodes, i)) : '';
      const here = trail + number.replace(/、$/, '');
      out.push({ text: n.heading + (n.runIn ?? ''), trail: here });
      walk(n.body ?? [], level + 1, here);
      return undefined;
    });
  };
  walk(report.body, 1, '');
  return out;
}

/** The stated text of a figure: its `text`, else value + unit. */
export function figureText(f: { value: number; unit: string; text?: string | undefined }): string {
  return f.text ?? `${f.value}${f.unit}`;
}

/** True when `needle` (a stated figure such as “4个”) occurs in `text` not as the tail of a longer number (“14个”). */
export function occursAsNumber(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (!/[\d.,]/.test(text[at - 1] ?? '')) return true;
  }
  return false;
}

function figureRows(report: Report, spanOf: SpanOf): FigureRowView[] {
  const texts = bodyTexts(report);
  return (report.figures ?? []).map((f, i) => ({
    index: i + 1,
    category: f.category,
    item: f.item,
    value: f.value,
    approx: figureText(f).includes('余'),
    unit: f.unit,
    where: texts.find((t) => occursAsNumber(t.text, figureText(f)))?.trail ?? '',
    src: srcAttr(spanOf(['figures', i])),
  }));
}
