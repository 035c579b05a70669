/**
 * Stage: render — markup → document model. Input: the XML vocabulary the templates emit
 * (<marks>/<mark> <title> <subtitle> <blank/> <heading> <run-in> <p> <attachment-note>/<item> <signature/>
 *  <attachment-heading> <table>/<caption>/<column>/<header-row>/<row>/<cell> <image> <pdf-pages>/<page>
 *  <page-break/>, and the 版头/版记 vocabulary of masthead-markup.ts: <masthead> <recipients> <note> <attendance>
 *  <colophon>) → DocModel blocks.
 * Handlebars escaping stays on; the XML parser decodes the entities. `src="start-end"` becomes a Span in `dataFile`.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { MASTHEAD_ELEMENTS } from './masthead-markup.ts';
import { MarkupError, attr, spanOf, textOf, type Frame } from './markup-frame.ts';
import type { Block, FontRole, ImageBlock, Inline, MarksBlock, SourcedText, Span, TableBlock, TableCell, TableColumn } from '../model/types.ts';

/** Parses markup into blocks; spans refer to `dataFile`. */
export function parseMarkup(markup: string, dataFile: string): Block[] {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const root: Frame = { tag: { name: '#root', attributes: {} } as SaxesTagPlain, text: '', children: [] };
  const stack: Frame[] = [root];
  let failure: MarkupError | undefined;
  parser.on('error', (e) => {
    const origin = [...stack].reverse().map((f) => spanOf(f, dataFile).origin).find((o) => o !== undefined);
    failure ??= new MarkupError(e.message, parser.line, parser.column, origin);
  });
  parser.on('opentag', (tag) => {
    const frame: Frame = { tag: tag as SaxesTagPlain, text: '', children: [] };
    stack.at(-1)?.children.push(frame);
    stack.push(frame);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (!top) return;
    // Text directly inside an element keeps its order relative to children through a #text frame.
    top.children.push({ tag: { name: '#text', attributes: {} } as SaxesTagPlain, text: t, children: [] });
  });
  parser.write(markup).close();
  if (failure) throw failure;
  const doc = root.children.find((f) => f.tag.name === 'document');
  if (!doc) throw new MarkupError('模板输出缺少 <document> 根元素', 1, 1);
  return doc.children.filter((f) => f.tag.name !== '#text').map((f) => toBlock(f, dataFile));
}

function inline(text: string, role: FontRole, f: Frame, file: string): Inline {
  return { text, role, ...spanOf(f, file) };
}

function toBlock(f: Frame, file: string): Block {
  const masthead = MASTHEAD_ELEMENTS[f.tag.name];
  if (masthead) return masthead(f, file);
  switch (f.tag.name) {
    case 'marks':
      return {
        type: 'marks',
        lines: f.children.filter((c) => c.tag.name === 'mark').map((c) => ({ part: markPartOf(attr(c, 'part')), text: textOf(c), ...spanOf(c, file) })),
      };
    case 'title':
      return { type: 'title', text: textOf(f), ...spanOf(f, file) };
    case 'subtitle':
      return { type: 'subtitle', text: textOf(f), ...spanOf(f, file) };
    case 'blank':
      return { type: 'blankLine' };
    case 'page-break':
      return { type: 'pageBreak' };
    case 'p':
      return { type: 'paragraph', inlines: [inline(textOf(f), 'body', f, file)] };
    case 'heading': {
      const level = Number(attr(f, 'level'));
      if (level !== 1 && level !== 2 && level !== 3 && level !== 4) throw new MarkupError(`标题层级 ${attr(f, 'level')} 超出 1–4（§7.3.3）`, 1, 1, spanOf(f, file).origin);
      const runIn = f.children.filter((c) => c.tag.name === 'run-in').map((c) => inline(textOf(c), 'body', c, file));
      return { type: 'heading', level, number: attr(f, 'number'), text: textOf(f), ...(runIn.length ? { runIn } : {}), ...spanOf(f, file) };
    }
    case 'attachment-note':
      return {
        type: 'attachmentNote',
        items: f.children.filter((c) => c.tag.name === 'item').map((c) => ({ number: attr(c, 'number'), title: textOf(c), ...spanOf(c, file) })),
      };
    case 'signature':
      return { type: 'signature', organ: attr(f, 'organ'), date: attr(f, 'date'), ...spanOf(f, file) };
    case 'attachment-heading':
      return { type: 'attachmentHeading', label: attr(f, 'label'), title: textOf(f), ...(attr(f, 'file') ? { file: attr(f, 'file') } : {}), ...spanOf(f, file) };
    case 'table':
      return tableBlock(f, file);
    case 'image':
      return imageBlock(f, file);
    case 'pdf-pages':
      return {
        type: 'pdfPages',
        ref: attr(f, 'ref'),
        pages: f.children.filter((c) => c.tag.name === 'page').map((c) => ({ widthPt: Number(attr(c, 'width')), heightPt: Number(attr(c, 'height')) })),
        note: attr(f, 'note'),
        ...spanOf(f, file),
      };
    default:
      throw new MarkupError(`模板输出了未知元素 <${f.tag.name}>`, 1, 1);
  }
}

/** The part of a <mark> line; the 份号 is never in the markup (the composition adds it per copy). */
function markPartOf(part: string): MarksBlock['lines'][number]['part'] {
  if (part === 'secret' || part === 'urgency' || part === 'mark') return part;
  throw new MarkupError(`<mark part="${part}"> 应为 secret、urgency 或 mark`, 1, 1);
}

function tableBlock(f: Frame, file: string): TableBlock {
  const columns: TableColumn[] = f.children.filter((c) => c.tag.name === 'column').map((c) => {
    const weight = attr(c, 'weight');
    return { title: textOf(c), align: alignOf(attr(c, 'align')), ...(weight ? { weight: Number(weight) || 1 } : {}) };
  });
  const cells = (r: Frame): TableCell[] =>
    r.children
      .filter((c) => c.tag.name === 'cell')
      .map((c) => {
        const colSpan = Number(attr(c, 'colspan')) || 1;
        const rowSpan = Number(attr(c, 'rowspan')) || 1;
        const align = attr(c, 'align');
        return { text: textOf(c), ...(colSpan > 1 ? { colSpan } : {}), ...(rowSpan > 1 ? { rowSpan } : {}), ...(align ? { align: alignOf(align) } : {}), ...spanOf(c, file) };
      });
  const header = f.children.filter((c) => c.tag.name === 'header-row').map(cells);
  const rows = f.children.filter((c) => c.tag.name === 'row').map(cells);
  const caption = f.children.find((c) => c.tag.name === 'caption');
  const size = Number(attr(f, 'size'));
  return {
    type: 'table',
    columns,
    ...(header.length > 0 ? { header } : {}),
    rows,
    ...(caption && textOf(caption) ? { caption: sourced(caption, file) } : {}),
    ...(attr(f, 'landscape') === 'true' ? { landscape: true } : {}),
    ...(size > 0 ? { sizePt: size } : {}),
    ...(attr(f, 'cell-spacing') === 'grid' ? { cellSpacing: 'grid' as const } : {}),
    ...spanOf(f, file),
  };
}

function imageBlock(f: Frame, file: string): ImageBlock {
  const format = attr(f, 'format');
  if (format !== 'png' && format !== 'jpeg' && format !== 'svg') throw new MarkupError(`图片格式“${format}”不是 png、jpeg 或 svg`, 1, 1, spanOf(f, file).origin);
  const width = Number(attr(f, 'width-mm'));
  const caption = textOf(f);
  return {
    type: 'image',
    ref: attr(f, 'ref'),
    format,
    pixelWidth: Number(attr(f, 'px-width')) || 1,
    pixelHeight: Number(attr(f, 'px-height')) || 1,
    ...(width > 0 ? { widthMm: width } : {}),
    ...(caption ? { caption: { text: caption, ...spanOfAttr(attr(f, 'caption-src'), file) } } : {}),
    ...(attr(f, 'fit') === 'page' ? { fit: 'page' as const } : {}),
    ...spanOf(f, file),
  };
}

function sourced(f: Frame, file: string): SourcedText {
  return { text: textOf(f), ...spanOf(f, file) };
}

function spanOfAttr(src: string, file: string): { origin?: Span } {
  const m = /^(\d+)-(\d+)$/.exec(src);
  return m ? { origin: { file, start: Number(m[1]), end: Number(m[2]) } } : {};
}

function alignOf(a: string): TableColumn['align'] {
  return a === 'center' || a === 'right' ? a : 'left';
}
