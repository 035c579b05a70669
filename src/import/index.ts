/**
 * Stage: import (`gongwen import <file.txt>`). Input: a plain-text report, one paragraph per line, Simplified or
 * Traditional → the report data (validated against the schema), the data file's YAML text, and diagnostics that
 * point at input lines. Writes nothing: the CLI decides where the YAML goes.
 *
 * Steps: read lines (BOM, CRLF) → Traditional? tw→cn → line roles → body tree with punctuation normalised → YAML.
 */
import { DiagnosticSink, type Diagnostic } from '../diag/diagnostic.ts';
import { ReportSchema, type Report } from '../load/schema.ts';
import { MAX_ID_BYTES, MAX_ID_CHARS } from '../load/validate.ts';
import { normalizePunctuation } from '../normalize/punctuation.ts';
import type { BodyNode } from '../load/schema.ts';
import { buildTree } from './build-tree.ts';
import { classifyLines, type ClassifiedLine, type LineHint } from './classify-lines.ts';
import { readLines, stripBom, type SourceLine } from './read-lines.ts';
import { detectTraditional, twToCn } from './to-simplified.ts';
import { reportToYaml, type TitleOrigin } from './to-yaml.ts';

/** Options of `importReport`. */
export interface ImportOptions {
  /** The report title when the text has no title line (`--title`); it wins over a title line. */
  title?: string;
  /** Project-relative input path: named in diagnostics and in the YAML header; its name is the last-resort title. */
  file?: string;
}

/** The imported report, its data-file text and what the importer noticed. */
export interface ImportResult {
  report: Report;
  yaml: string;
  diagnostics: Diagnostic[];
}

/** Placeholder file name for diagnostics when the caller gives none. */
const NO_FILE = '<input>';

/**
 * Imports a plain-text report. Spans are UTF-16 offsets into `text` without its BOM (what `World.readText`
 * returns), so they print as `file:line:col` against the input file.
 */
export function importReport(text: string, opts: ImportOptions = {}): ImportResult {
  const file = opts.file ?? NO_FILE;
  const diag = new DiagnosticSink();
  const source = stripBom(text);
  return importLines(readLines(source), { ...opts, file }, diag, new Map(), [], source);
}

/**
 * The import of lines (a text file's, or a Word file's paragraphs with their hints and, at some line numbers, the
 * table and picture blocks that stand there).
 */
export function importLines(
  input: readonly SourceLine[],
  opts: ImportOptions & { file: string },
  diag: DiagnosticSink,
  nodes: ReadonlyMap<number, BodyNode>,
  hints: readonly (LineHint | undefined)[],
  source: string = input.map((l) => l.text).join('\n'),
): ImportResult {
  const file = opts.file;
  let lines = [...input];

  const script = detectTraditional(source);
  if (script.traditional) {
    const converted = lines.map((l) => ({ ...l, text: twToCn(l.text) }));
    const first = converted.findIndex((l, i) => l.text !== lines[i]!.text);
    const at = lines[Math.max(0, first)];
    diag.info('import/traditional-converted', `检测到繁体字（${script.changed} 个字与简体不同），已按 OpenCC 台湾→大陆词组转换为简体`, at && { file, start: at.start, end: at.end }, [
      '数据文件以简体为准，繁体版由 gongwen build 生成；请核对转换结果，特别是人名、地名。',
    ]);
    lines = converted;
  }

  let punctuationChanges = 0;
  const normalize = (s: string) => {
    const r = normalizePunctuation(s);
    punctuationChanges += r.changes.length;
    return r.text;
  };
  const classified: ClassifiedLine[] = classifyLines(lines, hints).map((c, i) => {
    const node = nodes.get(i);
    return node ? { kind: 'node', line: c.line, node } : c;
  });
  const built = buildTree(classified, { file, diag, normalize });
  if (punctuationChanges > 0) {
    diag.info('import/punctuation-normalized', `已规范 ${punctuationChanges} 处标点和空格（半角→全角、引号配对、省略号和破折号、汉字间空格）`, { file, start: 0, end: 0 });
  }
  if (built.body.length === 0) diag.error('import/empty-body', '输入中没有正文', { file, start: 0, end: 0 }, ['每行一段；以“一、”“（一）”“1.”“（1）”开头的行是标题。']);

  const { title, origin } = chooseTitle(built.titleLine, opts, file, diag, lines[0]);
  const report: Report = {
    meta: {
      id: fileSafeId(title),
      title,
      ...(built.subtitles.length > 0 ? { subtitle: built.subtitles } : {}),
      ...(built.speaker ? { speaker: built.speaker } : {}),
      ...(built.speechDate ? { speechDate: built.speechDate } : {}),
      organ: '',
      date: '',
    },
    body: built.body,
    ...(built.attachments ? { attachments: built.attachments } : {}),
  };
  const diagnostics = diag.items;
  if (diag.hasErrors()) return { report, yaml: '', diagnostics };
  const parsed = ReportSchema.safeParse(report);
  if (!parsed.success) throw new Error(`import produced data the schema rejects (a bug): ${parsed.error.message}`);
  return { report, yaml: reportToYaml(report, { source: file, titleOrigin: origin, sections: built.notes }), diagnostics };
}

/** --title, else the title line, else the file name (with a warning): the seed has no title line. */
function chooseTitle(
  titleLine: string | undefined,
  opts: ImportOptions,
  file: string,
  diag: DiagnosticSink,
  firstLine: { start: number; end: number } | undefined,
): { title: string; origin: TitleOrigin } {
  const given = opts.title?.trim();
  if (given) {
    const title = normalizePunctuation(given).text;
    if (titleLine !== undefined && titleLine !== title && firstLine) {
      diag.info('import/title-replaced', `原文标题行“${titleLine}”已由 --title 取代`, { file, start: firstLine.start, end: firstLine.end });
    }
    return { title, origin: titleLine !== undefined && titleLine === title ? 'line' : 'option' };
  }
  if (titleLine !== undefined) return { title: titleLine, origin: 'line' };
  const base = opts.file?.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '').trim();
  if (base) {
    diag.warning('import/title-from-file-name', `原文没有标题行，标题暂取自文件名“${base}”`, { file, start: 0, end: 0 }, [
      '用 --title 指定标题，或在生成的数据文件中修改 meta.title。',
    ]);
    return { title: base, origin: 'file-name' };
  }
  const title = '未命名报告';
  diag.warning('import/missing-title', `原文没有标题行，标题暂定为“${title}”`, { file, start: 0, end: 0 }, ['用 --title 指定标题。']);
  return { title, origin: 'fallback' };
}

/** meta.id: the title with anything but letters, digits, _ and - replaced (schema pattern; safe in file names). */
export function fileSafeId(title: string): string {
  // meta.id becomes the output file and folder names: within the limits the loader checks (load/validate.ts).
  let id = '';
  for (const ch of [...title.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '')].slice(0, MAX_ID_CHARS)) {
    if (Buffer.byteLength(id + ch, 'utf8') > MAX_ID_BYTES) break;
    id += ch;
  }
  return id.replace(/_+$/, '') || 'report';
}
