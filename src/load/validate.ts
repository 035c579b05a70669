/**
 * Stage: load — what the schema cannot say. Input: the parsed YAML document, its plain data and source text →
 * located data errors (exit 4) for: refused characters (control, bidi, noncharacters — at the character), an
 * impossible 成文日期 (2021-02-30, 0000-00-00), headings deeper than the four levels of §7.3.3 (at the fifth level's
 * `heading` key), empty paragraphs, headings and titles, an output file name (meta.id) too long for file systems,
 * and the 版头/版记 forms (masthead-checks.ts: 发文字号 §7.2.5, 印发日期, a 文件 without its 发文机关).
 * Runs on the raw data, before and whatever the schema says, so every problem is reported at once.
 */
import { isMap, isScalar, type Document } from 'yaml';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Span } from '../model/types.ts';
import { codePointLabel, refusedCharacters } from './characters.ts';
import { MAX_HEADING_LEVEL } from './schema.ts';
import { nodeSpan, pathSpan, scalarCharSpan } from './yaml-spans.ts';
import { checkMastheadData } from './masthead-checks.ts';

type Path = (string | number)[];

/** meta.id names the files and the report's folder: at most this many characters and UTF-8 bytes. */
export const MAX_ID_CHARS = 60;
export const MAX_ID_BYTES = 180;

/** Plain data nested deeper than this is refused before schema validation (whose recursion it would exhaust). */
export const MAX_DATA_DEPTH = 48;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Runs every check; returns false when the data is too deep to validate further (the schema must not run). */
export function validateData(doc: Document, data: unknown, text: string, file: string, diag: DiagnosticSink): boolean {
  const literal = checkSourceCharacters(text, file, diag);
  const deep = firstTooDeep(data);
  if (deep) {
    diag.error('load/too-deep', `数据嵌套过深（超过 ${MAX_DATA_DEPTH} 层）`, pathSpan(doc, deep, file) ?? { file, start: 0, end: 0 }, ['公文标题最多四层（§7.3.3）；检查缩进是否逐行加深了。']);
    return false;
  }
  walkStrings(data, [], (value, path) => checkValueCharacters(doc, value, path, text, file, literal, diag));
  if (isRecord(data)) {
    if (isRecord(data['meta'])) checkMeta(doc, data['meta'], file, diag);
    if (Array.isArray(data['body'])) checkBody(doc, data['body'], ['body'], 1, file, diag);
    if (Array.isArray(data['attachments']))
      data['attachments'].forEach((a, i) => isRecord(a) && typeof a['title'] === 'string' && checkNotEmpty(doc, a['title'], ['attachments', i, 'title'], '附件名称', file, diag));
  }
  return true;
}

/** Refused characters written literally in the file, at the character; returns their offsets. */
function checkSourceCharacters(text: string, file: string, diag: DiagnosticSink): Set<number> {
  const offsets = new Set<number>();
  for (const { index, cp, why } of refusedCharacters(text, false)) {
    if (index === 0 && cp === 0xfeff) continue; // a BOM at the start (World.readText removes it; memory worlds may not)
    offsets.add(index);
    diag.error('load/bad-character', `数据中含有${why}（${codePointLabel(cp)}）`, { file, start: index, end: index + (cp > 0xffff ? 2 : 1) }, ['删除这个字符；它通常来自复制粘贴或编码转换。']);
  }
  return offsets;
}

/** Refused characters a value got through an escape ("\u001b"), located at the value. */
function checkValueCharacters(doc: Document, value: string, path: Path, text: string, file: string, literal: Set<number>, diag: DiagnosticSink): void {
  for (const { index, cp, why } of refusedCharacters(value, true)) {
    const node = doc.getIn(path, true);
    const span = scalarCharSpan(node, index, text, file) ?? pathSpan(doc, path, file);
    if (span && span.end - span.start <= 2 && literal.has(span.start)) continue; // reported at the character already
    diag.error('load/bad-character', `数据中含有${why}（${codePointLabel(cp)}，由转义序列写入）`, span ?? { file, start: 0, end: 0 }, ['删除这个转义序列（如 \\u001b、\\0）。']);
  }
}

function walkStrings(v: unknown, path: Path, visit: (s: string, path: Path) => void): void {
  if (typeof v === 'string') visit(v, path);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, [...path, i], visit));
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walkStrings(x, [...path, k], visit);
}

/** The path of the first value nested deeper than MAX_DATA_DEPTH (iterative: no recursion on hostile depth). */
function firstTooDeep(data: unknown): Path | undefined {
  const stack: { v: unknown; path: Path }[] = [{ v: data, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (path.length > MAX_DATA_DEPTH) return path;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
  }
  return undefined;
}

const daysIn = (year: number, month: number) => (month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

function checkMeta(doc: Document, meta: Record<string, unknown>, file: string, diag: DiagnosticSink): void {
  const date = meta['date'];
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
    const why = y < 1000 ? `年份 ${String(y).padStart(4, '0')} 不是成文日期的年份` : m < 1 || m > 12 ? `没有 ${m} 月` : d < 1 || d > daysIn(y, m) ? `${y}年${m}月只有 ${daysIn(y, m)} 天` : undefined;
    if (why) diag.error('load/invalid-date', `成文日期不存在：${date}（${why}）`, pathSpan(doc, ['meta', 'date'], file), ['写一个真实的日期，如 2022-01-05；不写日期时留空（date: ""）。']);
  }
  const id = meta['id'];
  if (typeof id === 'string') {
    const chars = [...id].length;
    const bytes = Buffer.byteLength(id, 'utf8');
    if (chars > MAX_ID_CHARS || bytes > MAX_ID_BYTES)
      diag.error('load/id-too-long', `输出文件名（meta.id）过长：${chars} 个字符、${bytes} 字节（最多 ${MAX_ID_CHARS} 个字符、${MAX_ID_BYTES} 字节）`, pathSpan(doc, ['meta', 'id'], file), [
        '文件名和报告的文件夹名都由它生成，文件系统限制每个名称 255 字节（一个汉字 3 字节）；用简短的名称，标题仍可完整写在 title 中。',
      ]);
  }
  if (typeof meta['title'] === 'string') checkNotEmpty(doc, meta['title'], ['meta', 'title'], '标题', file, diag);
  if (Array.isArray(meta['subtitle'])) meta['subtitle'].forEach((s, i) => typeof s === 'string' && checkNotEmpty(doc, s, ['meta', 'subtitle', i], '副标题的一行', file, diag));
  checkMastheadData(doc, meta, file, diag);
}

/** Whitespace only (including the ideographic space U+3000). */
const blank = (s: string) => s.replace(/[\s\u3000]/gu, '') === '';

function checkNotEmpty(doc: Document, value: string, path: Path, what: string, file: string, diag: DiagnosticSink): void {
  if (!blank(value)) return;
  const code = what === '段落' ? 'load/empty-paragraph' : 'load/empty-text';
  diag.error(code, `${what}为空`, pathSpan(doc, path, file), [what === '段落' ? '删除这一项（- p: ""），或写上段落文字。' : `写上${what}，或删除这一项。`]);
}

/** The span of the key `key` of the mapping at `path`. */
function keySpan(doc: Document, path: Path, key: string, file: string): Span | undefined {
  const map = doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return nodeSpan(pair?.key, file);
}

function checkBody(doc: Document, nodes: unknown[], path: Path, level: number, file: string, diag: DiagnosticSink): void {
  nodes.forEach((node, i) => {
    if (!isRecord(node)) return;
    const here = [...path, i];
    if (typeof node['p'] === 'string') checkNotEmpty(doc, node['p'], [...here, 'p'], '段落', file, diag);
    if (!('heading' in node)) return;
    if (level > MAX_HEADING_LEVEL) {
      diag.error('load/heading-too-deep', `标题层级超过 ${MAX_HEADING_LEVEL} 层（这是第 ${level} 层）`, keySpan(doc, here, 'heading', file) ?? pathSpan(doc, here, file), [
        'GB/T 9704 §7.3.3 只规定四层序号：一、（一）1.（1）。把这一层并入上一层，或改为段落（- p: …）。',
      ]);
      return; // deeper levels below it are the same problem
    }
    if (typeof node['heading'] === 'string') checkNotEmpty(doc, node['heading'], [...here, 'heading'], '小节标题', file, diag);
    if (typeof node['runIn'] === 'string') checkNotEmpty(doc, node['runIn'], [...here, 'runIn'], '标题后接正文（runIn）', file, diag);
    if (Array.isArray(node['body'])) checkBody(doc, node['body'], [...here, 'body'], level + 1, file, diag);
  });
}
