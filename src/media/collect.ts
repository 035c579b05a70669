/**
 * Stage: content. Input: the loaded report, its external attachment files (already read and checked by the
 * attachments stage) and the World → what the tables, pictures and printed attachments need before the templates
 * run: located errors for a `{ figure: id }` cell naming no figure, a row whose length is not the header's, widths
 * or alignments that do not match the columns; every body picture read and checked (inside data/ only, by the same
 * path rules as attachments; PNG, JPEG or SVG; not oversized; a warning below 300 dpi at its print size); and each
 * printed external attachment's content (.xlsx/.csv sheets, the pages of a .pdf, a picture, a .docx's paragraphs and
 * tables); a file of another kind is shipped in the bundle only, with a warning.
 */
import path from 'node:path';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import { LINES_PER_PAGE, LINE_PITCH_PT, TYPE_AREA_WIDTH_MM, TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import { mmToPt, ptToMm } from '../gbt9704/units.ts';
import { isImageNode, isTableNode, walkBody } from '../load/body-nodes.ts';
import type { Report, TableNode } from '../load/schema.ts';
import type { LoadedReport } from '../load/types.ts';
import type { World } from '../world.ts';
import { resolveExternalAttachment, type FileRule } from '../bundle/external.ts';
import type { ImageInfo, MediaItem, PrintedAttachment, PrintedBlock, ReportContent } from './types.ts';

/** Body pictures: anywhere under data/ (images/ by convention). */
const IMAGE_RULE: FileRule = { dir: 'data', noun: '图片', code: 'image', example: 'images/图1.png' };

/** An external attachment file as the attachments stage read it. */
export interface AttachmentFile {
  index: number;
  title: string;
  file: string;
  bytes: Buffer;
}

/** Checks the body's tables and pictures and reads what the printed attachments hold. */
export async function collectContent(loaded: LoadedReport, report: Report, files: readonly AttachmentFile[], world: World, diag: DiagnosticSink): Promise<ReportContent> {
  const images = new Map<string, ImageInfo>();
  const media = new Map<string, MediaItem>();
  const figures = new Set((report.figures ?? []).map((f) => f.id));
  // The picture reader (image-size) is loaded only by reports that have pictures or printed attachments.
  let hasImages = false;
  walkBody(report.body, (node) => (hasImages ||= isImageNode(node)));
  const printed = files.filter((f) => report.attachments?.[f.index]?.print !== false);
  const { checkResolution, readImage } = hasImages || printed.length > 0 ? await import('./image-file.ts') : { checkResolution: noop, readImage: () => undefined };
  walkBody(report.body, (node, at) => {
    if (isTableNode(node)) checkTable(node.table, at, figures, loaded, diag);
    if (!isImageNode(node)) return;
    const { file, width, caption } = node.image;
    const span = loaded.spanOf([...at, 'image', 'file']);
    if (width !== undefined && width > TYPE_AREA_WIDTH_MM)
      diag.warning('image/too-wide', `图片宽度 ${width} mm 超过版心宽 ${TYPE_AREA_WIDTH_MM} mm，按版心宽排`, loaded.spanOf([...at, 'image', 'width']), ['GB/T 9704 §5.2.1：版心 156 mm × 225 mm。']);
    if (images.has(file)) return;
    const found = resolveExternalAttachment(world, loaded.file, file, span, diag, IMAGE_RULE);
    if (!found) return;
    const info = readImage(found.bytes, file, span, diag, 'image', '图片');
    if (!info) return;
    checkResolution(info, printWidthMm(info, width, caption !== undefined), file, span, diag, 'image');
    images.set(file, info);
    media.set(file, { format: info.format, bytes: found.bytes });
  });

  const attachments: PrintedAttachment[] = [];
  for (const f of printed) {
    const span = loaded.spanOf(['attachments', f.index, 'file']);
    const blocks = await printedBlocks(f, span, media, diag, { checkResolution, readImage });
    if (blocks) attachments.push({ index: f.index, blocks });
  }
  return { images, attachments, media };
}

const noop = (): void => undefined;

/** The width a picture prints at: as asked or the 版心's, less when a page is not tall enough for it. */
function printWidthMm(info: ImageInfo, widthMm: number | undefined, caption: boolean): number {
  let width = Math.min(mmToPt(widthMm ?? TYPE_AREA_WIDTH_MM), TYPE_AREA_WIDTH_PT);
  const maxHeight = (LINES_PER_PAGE - (caption ? 1 : 0)) * LINE_PITCH_PT;
  const aspect = info.pixelHeight / info.pixelWidth;
  if (width * aspect > maxHeight) width = maxHeight / aspect;
  return ptToMm(width);
}

function checkTable(t: TableNode['table'], at: readonly (string | number)[], figures: ReadonlySet<string>, loaded: LoadedReport, diag: DiagnosticSink): void {
  const tp = [...at, 'table'];
  const n = t.columns.length;
  t.rows.forEach((row, r) => {
    if (row.length !== n)
      diag.error('data/table-row-length', `表格第 ${r + 1} 行有 ${row.length} 个单元格，表头有 ${n} 列`, loaded.spanOf([...tp, 'rows', r]), ['每行的单元格数与 columns 相同；空单元格写 ""。']);
    row.forEach((cell, k) => {
      if (typeof cell !== 'object' || cell === null) return;
      const id = (cell as { figure: string }).figure;
      if (figures.has(id)) return;
      const known = [...figures];
      diag.error('data/unknown-figure', `表格引用了不存在的数据“${id}”`, loaded.spanOf([...tp, 'rows', r, k, 'figure']), [
        known.length > 0 ? `可用的标识：${known.slice(0, 8).join('、')}${known.length > 8 ? ' …' : ''}` : '在 figures 中加入这项数据（id、category、item、value、unit）。',
      ]);
    });
  });
  for (const key of ['widths', 'align'] as const) {
    const list = t[key];
    if (list && list.length !== n) diag.error(`data/table-${key}-length`, `${key} 有 ${list.length} 项，表头有 ${n} 列`, loaded.spanOf([...tp, key]), ['每列一项，与 columns 一一对应。']);
  }
}

/** What an external attachment prints; undefined when it is not printed (an error, or a kind that cannot be). */
async function printedBlocks(
  f: AttachmentFile,
  span: ReturnType<LoadedReport['spanOf']>,
  media: Map<string, MediaItem>,
  diag: DiagnosticSink,
  { checkResolution, readImage }: Pick<typeof import('./image-file.ts'), 'checkResolution' | 'readImage'>,
): Promise<PrintedBlock[] | undefined> {
  const ext = path.extname(f.file).toLowerCase();
  const unreadable = (e: unknown, hint: string) => {
    diag.error('attachment/unreadable', `附件“${f.file}”无法读取（${(e as Error).message}）`, span, [hint, '不需要印在公文里时，写 print: false。']);
    return undefined;
  };
  try {
    if (ext === '.xlsx') {
      const { readXlsx } = await import('../attachments/read-xlsx.ts');
      return (await readXlsx(f.bytes)).map((table) => ({ kind: 'table', table }));
    }
    if (ext === '.csv') {
      const { readCsv } = await import('../attachments/read-csv.ts');
      const table = readCsv(f.bytes);
      return table ? [{ kind: 'table', table }] : [];
    }
    if (ext === '.pdf') {
      const { readPdfPages } = await import('../attachments/read-pdf.ts');
      const pages = await readPdfPages(f.bytes);
      media.set(f.file, { format: 'pdf', bytes: f.bytes });
      return [{ kind: 'pdf', ref: f.file, pages }];
    }
    if (ext === '.docx') {
      const { readWordContent } = await import('../attachments/read-word.ts');
      return readWordContent(f.bytes);
    }
  } catch (e) {
    return unreadable(e, ext === '.pdf' ? '加密或损坏的 PDF 不能排印；请另存为未加密的 PDF。' : '文件可能已损坏，或不是它的扩展名所说的格式。');
  }
  if (['.png', '.jpg', '.jpeg', '.svg'].includes(ext)) {
    const image = readImage(f.bytes, f.file, span, diag, 'attachment', '附件');
    if (!image) return undefined;
    checkResolution(image, TYPE_AREA_WIDTH_MM, f.file, span, diag, 'attachment');
    media.set(f.file, { format: image.format, bytes: f.bytes });
    return [{ kind: 'image', ref: f.file, image }];
  }
  diag.warning('attachment/not-printed', `附件“${f.title}”（${ext || '无扩展名'}）不能排印，只随附件下载包提供`, span, [
    '能排印的附件：.xlsx、.csv、.pdf、.docx、.png、.jpg、.svg。写 print: false 表示有意不印，不再提示。',
  ]);
  return undefined;
}
