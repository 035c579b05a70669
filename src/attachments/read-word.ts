/**
 * Stage: content — .docx attachments. Input: the document's bytes → its paragraphs and tables as printed blocks
 * (text only: the attachment pages set them in the body style, §7.3.7 附件格式要求同正文), empty paragraphs dropped.
 */
import type { PrintedBlock } from '../media/types.ts';
import { readDocx } from '../word/read-docx.ts';

/** Reads a Word attachment's text and tables. */
export function readWordContent(bytes: Buffer): PrintedBlock[] {
  const doc = readDocx(bytes);
  return doc.blocks.flatMap((b): PrintedBlock[] => {
    if (b.kind === 'paragraph') return b.text.trim() ? [{ kind: 'paragraph', text: b.text.trim() }] : [];
    const columns = Math.max(0, ...b.rows.map((r) => r.reduce((n, c) => n + c.colSpan, 0)));
    if (columns === 0) return [];
    const head = Math.max(1, b.headerRows);
    const cells = (r: (typeof b.rows)[number]) => r.map((c) => ({ text: c.text, ...(c.colSpan > 1 ? { colSpan: c.colSpan } : {}), ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}) }));
    return [{ kind: 'table', table: { columns, header: b.rows.slice(0, head).map(cells), rows: b.rows.slice(head).map(cells) } }];
  });
}
