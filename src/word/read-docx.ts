/**
 * Stage: reading Word files (shared by `gongwen import report.docx` and by printing a .docx attachment). Input: the
 * bytes of a .docx → its body in order: paragraphs (text, style, outline level, alignment, whether the opening run is
 * bold, the pictures they hold) and tables (rows of cells with merged columns and rows, the rows marked to repeat as
 * the header), plus the picture files of the package.
 *
 * Why not mammoth: it turns a document into HTML by style names and drops what the importer needs most — the outline
 * level a paragraph or its style sets (`w:outlineLvl`), which is how Chinese office documents mark 一、（一） headings
 * whatever their style is called — so the package's parts are read here directly (fflate to unzip, @xmldom/xmldom to
 * parse), and only the few elements above are looked at.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';

/** A paragraph of the document. */
export interface WordParagraph {
  kind: 'paragraph';
  text: string;
  styleName: string;
  /** 0-based outline level (0 = 大纲 1 级), from the paragraph or its style; undefined for body text. */
  outlineLevel?: number;
  alignment?: string;
  /** The paragraph's first visible run is bold (a run-in heading set in bold). */
  boldLead?: string;
  /** Package paths of the pictures in the paragraph (word/media/image1.png). */
  images: string[];
}

export interface WordCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

/** A table: rows of cells; a vertically merged cell is one cell with its rowSpan. */
export interface WordTable {
  kind: 'table';
  rows: WordCell[][];
  /** Leading rows marked to repeat on every page (w:tblHeader). */
  headerRows: number;
}

export interface WordDocument {
  blocks: (WordParagraph | WordTable)[];
  /** Package parts by path (pictures are read from here). */
  part(path: string): Buffer | undefined;
}

/** A .docx that is not one (not a zip, no word/document.xml). */
export class WordReadError extends Error {}

const children = (e: Element, name?: string): Element[] => {
  const out: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (!name || (n as Element).localName === name)) out.push(n as Element);
  return out;
};
const child = (e: Element | undefined, name: string): Element | undefined => (e ? children(e, name)[0] : undefined);
const wAttr = (e: Element | undefined, name: string): string | undefined => e?.getAttributeNS(W, name) ?? undefined;

/** Reads a .docx. Throws WordReadError when the bytes are not a Word document. */
export function readDocx(bytes: Uint8Array): WordDocument {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new WordReadError(`不是有效的 .docx（zip）文件：${(e as Error).message}`);
  }
  const text = (name: string) => (files[name] ? Buffer.from(files[name]).toString('utf8') : undefined);
  const documentXml = text('word/document.xml');
  if (!documentXml) throw new WordReadError('文件中没有 word/document.xml（不是 Word 文档，或是旧的 .doc 格式）');
  const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
  const styles = readStyles(text('word/styles.xml'), parse);
  const rels = readRelationships(text('word/_rels/document.xml.rels'), parse);
  const body = child(parse(documentXml), 'body');
  const blocks: WordDocument['blocks'] = [];
  if (body) collectBlocks(body, blocks, styles, rels);
  return { blocks, part: (p) => (files[p] ? Buffer.from(files[p]) : undefined) };
}

interface StyleInfo {
  name: string;
  outlineLevel?: number;
  basedOn?: string;
}

function readStyles(xml: string | undefined, parse: (x: string) => Element): Map<string, StyleInfo> {
  const map = new Map<string, StyleInfo>();
  if (!xml) return map;
  for (const s of children(parse(xml), 'style')) {
    const id = wAttr(s, 'styleId') ?? '';
    const level = wAttr(child(child(s, 'pPr'), 'outlineLvl'), 'val');
    const basedOn = wAttr(child(s, 'basedOn'), 'val');
    map.set(id, { name: wAttr(child(s, 'name'), 'val') ?? id, ...(level !== undefined ? { outlineLevel: Number(level) } : {}), ...(basedOn ? { basedOn } : {}) });
  }
  return map;
}

/** The outline level a style gives, following basedOn; Word's built-in “heading N” styles count as level N − 1. */
function styleOutline(id: string | undefined, styles: Map<string, StyleInfo>): number | undefined {
  for (let k = 0, s = id; s && k < 10; k++) {
    const style = styles.get(s);
    if (!style) break;
    if (style.outlineLevel !== undefined) return style.outlineLevel;
    const m = /^heading ([1-9])$/i.exec(style.name);
    if (m) return Number(m[1]) - 1;
    s = style.basedOn;
  }
  return undefined;
}

function readRelationships(xml: string | undefined, parse: (x: string) => Element): Map<string, string> {
  const map = new Map<string, string>();
  if (!xml) return map;
  for (const r of children(parse(xml), 'Relationship')) {
    const target = r.getAttribute('Target') ?? '';
    map.set(r.getAttribute('Id') ?? '', target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  return map;
}

function collectBlocks(parent: Element, out: WordDocument['blocks'], styles: Map<string, StyleInfo>, rels: Map<string, string>): void {
  for (const e of children(parent)) {
    if (e.localName === 'p') out.push(paragraph(e, styles, rels));
    else if (e.localName === 'tbl') out.push(table(e));
    else if (e.localName === 'sdt') {
      const content = child(e, 'sdtContent');
      if (content) collectBlocks(content, out, styles, rels);
    }
  }
}

/** The text of runs under `e` (w:t, tabs and breaks as spaces), in document order; deleted text left out. */
function runText(e: Element): string {
  let s = '';
  for (const c of children(e)) {
    const n = c.localName;
    if (n === 'del' || n === 'pPr' || n === 'rPr') continue;
    if (n === 't') s += c.textContent ?? '';
    else if (n === 'tab' || n === 'br' || n === 'cr') s += ' ';
    else s += runText(c);
  }
  return s;
}

function paragraph(p: Element, styles: Map<string, StyleInfo>, rels: Map<string, string>): WordParagraph {
  const pPr = child(p, 'pPr');
  const styleId = wAttr(child(pPr, 'pStyle'), 'val');
  const own = wAttr(child(pPr, 'outlineLvl'), 'val');
  const outline = own !== undefined ? Number(own) : styleOutline(styleId ?? 'Normal', styles);
  const alignment = wAttr(child(pPr, 'jc'), 'val');
  const images = [...Array.from(p.getElementsByTagNameNS(A, 'blip'))]
    .map((b) => rels.get(b.getAttributeNS(R, 'embed') ?? '') ?? '')
    .filter(Boolean);
  const runs = Array.from(p.getElementsByTagNameNS(W, 'r')).map((r) => ({ text: runText(r), bold: isBold(child(r, 'rPr')) })).filter((r) => r.text.trim() !== '');
  let boldLead = '';
  for (const r of runs) {
    if (!r.bold) break;
    boldLead += r.text;
  }
  return {
    kind: 'paragraph',
    text: runText(p),
    styleName: styles.get(styleId ?? '')?.name ?? styleId ?? '',
    ...(outline !== undefined && outline < 9 ? { outlineLevel: outline } : {}),
    ...(alignment ? { alignment } : {}),
    ...(boldLead && boldLead.length < runs.map((r) => r.text).join('').length ? { boldLead } : {}),
    images,
  };
}

const isBold = (rPr: Element | undefined): boolean => {
  const b = child(rPr, 'b');
  return b !== undefined && !['0', 'false'].includes(wAttr(b, 'val') ?? 'true');
};

function table(tbl: Element): WordTable {
  const trs = children(tbl, 'tr');
  let headerRows = 0;
  for (const tr of trs) {
    if (child(child(tr, 'trPr'), 'tblHeader')) headerRows++;
    else break;
  }
  // Cells by grid column, so that a vertical merge's continuation finds the cell it continues.
  const rows: WordCell[][] = [];
  const open = new Map<number, WordCell>();
  for (const tr of trs) {
    const row: WordCell[] = [];
    let col = 0;
    for (const tc of children(tr, 'tc')) {
      const tcPr = child(tc, 'tcPr');
      const colSpan = Number(wAttr(child(tcPr, 'gridSpan'), 'val') ?? 1) || 1;
      const vMerge = child(tcPr, 'vMerge');
      const merge = vMerge ? (wAttr(vMerge, 'val') ?? 'continue') : undefined;
      const text = children(tc, 'p').map(runText).join('').trim();
      if (merge === 'continue' && open.has(col)) {
        open.get(col)!.rowSpan++;
      } else {
        const cell: WordCell = { text, colSpan, rowSpan: 1 };
        row.push(cell);
        if (merge === 'restart') open.set(col, cell);
        else open.delete(col);
      }
      col += colSpan;
    }
    rows.push(row);
  }
  return { kind: 'table', rows, headerRows };
}
