/**
 * Stage: import (`gongwen import report.docx`). Input: a Word document's bytes → the same report data, data-file
 * text and diagnostics as a text import, plus the pictures to save under data/images/.
 *
 * The document is read by src/word/read-docx.ts; each paragraph becomes one line of the text importer's pipeline,
 * with what Word adds about it: its outline level (大纲级别, from the paragraph or its style — a heading whatever its
 * number looks like, or without one), whether it is centred (the title block), its bold lead (the heading part of a
 * run-in heading “（一）标题。正文……”). Tables become `table` blocks where they stand (merged cells repeated as empty
 * cells; a paragraph “表1 …” just above is the caption), pictures become `image` blocks with the file they are saved
 * as (a paragraph “图1 …” just below is the caption). Pictures in formats the build cannot print (EMF, WMF) are left
 * out with a warning.
 */
import { DiagnosticSink } from '../diag/diagnostic.ts';
import type { BodyNode, TableNode } from '../load/schema.ts';
import { sniffImage } from '../media/image-file.ts';
import { readDocx, WordReadError, type WordParagraph, type WordTable } from '../word/read-docx.ts';
import type { LineHint } from './classify-lines.ts';
import { importLines, type ImportOptions, type ImportResult } from './index.ts';
import type { SourceLine } from './read-lines.ts';

/** A picture the importer found, to be written to `path` (relative to the data file's folder). */
export interface ImportedImage {
  path: string;
  bytes: Buffer;
}

export interface DocxImportOptions extends ImportOptions {
  /** Folder the pictures go to, relative to the data file's folder (images). */
  imageDir?: string;
  /** Start of the pictures' file names (the data file's name). */
  imageStem?: string;
}

const CAPTION = /^[表图]\s*[0-9０-９一二三四五六七八九十]+/;
const EXTENSION = { png: 'png', jpeg: 'jpg', svg: 'svg' } as const;

/** Imports a Word document. */
export function importDocx(bytes: Uint8Array, opts: DocxImportOptions = {}): ImportResult & { images: ImportedImage[] } {
  const file = opts.file ?? '<input>';
  const diag = new DiagnosticSink();
  let doc;
  try {
    doc = readDocx(bytes);
  } catch (e) {
    if (!(e instanceof WordReadError)) throw e;
    diag.error('import/unreadable-docx', `无法读取 Word 文件：${e.message}`, { file, start: 0, end: 0 }, ['请在 Word 或 WPS 中另存为 .docx（Word 文档）后再导入。']);
    return { report: { meta: { id: 'report', title: '' }, body: [] }, yaml: '', diagnostics: diag.items, images: [] };
  }
  const images: ImportedImage[] = [];
  const lines: SourceLine[] = [];
  const hints: (LineHint | undefined)[] = [];
  const nodes = new Map<number, BodyNode>();
  const blocks = doc.blocks;
  const used = new Set<number>();
  const push = (text: string, hint?: LineHint, node?: BodyNode) => {
    if (node) nodes.set(lines.length, node);
    lines.push({ text, line: lines.length + 1, start: 0, end: 0 });
    hints.push(hint);
  };
  blocks.forEach((b, i) => {
    if (used.has(i)) return;
    if (b.kind === 'table') {
      const before = blocks[i - 1];
      const caption = before?.kind === 'paragraph' && CAPTION.test(before.text.trim()) && !before.images.length ? before.text.trim() : undefined;
      if (caption) {
        // The caption paragraph was pushed as a line already: it becomes the table's caption instead.
        lines.pop();
        hints.pop();
      }
      const node = tableNode(b, caption);
      if (node) push('', undefined, node);
      return;
    }
    for (const partPath of b.images) {
      const data = doc.part(partPath);
      const format = data ? sniffImage(data) : undefined;
      if (!data || !format) {
        diag.warning('import/unsupported-image', `图片 ${partPath.split('/').pop()} 的格式不能排印（只支持 PNG、JPEG、SVG），已略去`, { file, start: 0, end: 0 }, ['在 Word 中把图片另存为 PNG，再用 image 块放回数据文件。']);
        continue;
      }
      const name = `${opts.imageDir ?? 'images'}/${opts.imageStem ?? 'import'}-图${images.length + 1}.${EXTENSION[format]}`;
      images.push({ path: name, bytes: data });
      const next = blocks[i + 1];
      const caption = next?.kind === 'paragraph' && !next.images.length && CAPTION.test(next.text.trim()) ? next.text.trim() : undefined;
      if (caption) used.add(i + 1);
      push('', undefined, { image: { file: name, ...(caption ? { caption } : {}) } });
    }
    const text = b.text.trim();
    if (text) push(text, hintOf(b, text));
  });
  const result = importLines(lines, { ...opts, file }, diag, nodes, hints);
  return { ...result, images };
}

function hintOf(p: WordParagraph, text: string): LineHint | undefined {
  const hint: LineHint = {};
  if (p.outlineLevel !== undefined) hint.outlineLevel = p.outlineLevel;
  if (p.alignment === 'center') hint.centred = true;
  // A bold lead that is not the whole paragraph marks a run-in heading's heading part (after its number, if typed).
  const lead = p.boldLead?.trim();
  if (lead && lead.length < text.length && text.startsWith(lead)) hint.headingLength = lead.length;
  return Object.keys(hint).length > 0 ? hint : undefined;
}

/** A Word table as a table block: the header row(s) as the columns, merged cells spread as empty cells. */
function tableNode(t: WordTable, caption: string | undefined): TableNode | undefined {
  const width = Math.max(0, ...t.rows.map((r) => r.reduce((n, c) => n + c.colSpan, 0)));
  if (width === 0) return undefined;
  const grid: string[][] = t.rows.map(() => new Array<string>(width).fill(''));
  const taken: boolean[][] = t.rows.map(() => new Array<boolean>(width).fill(false));
  t.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]?.[c]) c++;
      for (let rr = r; rr < r + cell.rowSpan && rr < t.rows.length; rr++) for (let cc = c; cc < c + cell.colSpan && cc < width; cc++) (taken[rr] as boolean[])[cc] = true;
      (grid[r] as string[])[c] = cell.text;
      c += cell.colSpan;
    }
  });
  const [columns = [], ...rows] = grid;
  return { table: { ...(caption ? { caption } : {}), columns, rows } };
}
