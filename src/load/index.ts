/**
 * Stage: load. Input: the data file's text (YAML) → LoadedReport (validated, frozen data + source spans),
 * or diagnostics with `file:line:col` for every problem found (YAML syntax, duplicate keys, schema).
 */
import { isAlias, isMap, isScalar, parseDocument, visit, LineCounter, type Document } from 'yaml';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Span } from '../model/types.ts';
import type { z } from 'zod';
import { ReportSchema, type Report } from './schema.ts';
import type { DataPath, LoadedReport } from './types.ts';
import { deepFreeze } from './freeze.ts';
import { schemaIssueMessage } from './schema-messages.ts';
import { yamlErrorMessage } from './yaml-messages.ts';
import { nodeSpan, pathSpan, scalarCharSpan } from './yaml-spans.ts';
import { MAX_DATA_BYTES } from './source.ts';
import { validateData } from './validate.ts';
import { nodeTable, type TransferredReport } from './transfer.ts';

export { readDataSource } from './source.ts';
/** Aliases allowed when converting to plain data (yaml's default is 100; keeps alias bombs out). */
const MAX_ALIAS_COUNT = 100;

/** Parses and validates report data. Returns undefined when errors were reported. */
export function loadReportText(text: string, file: string, diag: DiagnosticSink): LoadedReport | undefined {
  const fileSpan = (start = 0, end = 0): Span => ({ file, start, end });
  if (text.length > MAX_DATA_BYTES) {
    diag.error('load/too-large', `数据文件过大（${text.length} 个字符）`, fileSpan(), ['数据文件应小于 20 MB；附件请放在 data/attachments/ 下。']);
    return undefined;
  }
  const lineCounter = new LineCounter();
  // A lone CR is a line break (YAML 1.2 §5.4; old Mac files); the parser only knows LF and CRLF. Same length, so
  // every offset still points into the original text.
  const doc = parseDocument(text.replace(/\r(?!\n)/g, '\n'), { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const reported = new Set<string>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    const [start, end] = e.pos;
    // The parser can report one fault twice (the same code, place and text, e.g. an unclosed flow map): print it once.
    const key = `${e.code}\0${start}\0${end}\0${e.message}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const { message, hints } = yamlErrorMessage(e.code, e.message);
    const add = doc.errors.includes(e as never) ? diag.error.bind(diag) : diag.warning.bind(diag);
    add(`load/yaml-${e.code.toLowerCase().replace(/_/g, '-')}`, message, fileSpan(start, end), hints);
  }
  if (doc.errors.length > 0) return undefined;
  if (!checkAliases(doc, file, diag)) return undefined;

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    diag.error('load/yaml-aliases', 'YAML 别名展开过多，疑似别名炸弹', fileSpan(), [String((e as Error).message)]);
    return undefined;
  }

  const spanOf = (path: DataPath): Span | undefined => pathSpan(doc, path, file);
  const errorsBefore = diag.errorCount;
  if (!validateData(doc, data, text, file, diag)) return undefined;
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.flatMap((i) => deepestIssues(i))) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const { message, hints } = schemaIssueMessage({ ...issue, keys: [key] }, data);
          diag.error('load/schema-unrecognized-keys', message, keySpan(doc, issue.path as DataPath, key, file) ?? spanOf(issue.path as DataPath) ?? fileSpan(), hints);
        }
        continue;
      }
      const span = spanOf(issue.path as DataPath);
      const { message, hints } = schemaIssueMessage(issue, data, span ? text.slice(span.start, span.end) : undefined);
      diag.error(`load/schema-${issue.code.replace(/_/g, '-')}`, message, span ?? fileSpan(), hints);
    }
    return undefined;
  }
  if (diag.errorCount > errorsBefore) return undefined;
  const report = deepFreeze(parsed.data) as Report;
  let transferred: TransferredReport | undefined;
  return {
    report,
    file,
    source: text,
    spanOf,
    spanOfChar: (path, index) => scalarCharSpan(doc.getIn(path, true), index, text, file) ?? pathSpan(doc, path, file),
    transfer: () => (transferred ??= { report, file, source: text, nodes: nodeTable(doc) }),
  };
}

type Issue = z.core.$ZodIssue;

/** The span of key `key` in the mapping at `path` (an unknown key is reported at itself, not at its mapping). */
function keySpan(doc: Document, path: DataPath, key: string, file: string): Span | undefined {
  const map = doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  return nodeSpan(map.items.find((p) => isScalar(p.key) && String(p.key.value) === key)?.key, file);
}

/** Reports every alias whose anchor is not defined before it (`*x` without `&x`), at the alias. */
function checkAliases(doc: Document, file: string, diag: DiagnosticSink): boolean {
  let ok = true;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.resolve(doc) === undefined) {
        ok = false;
        diag.error('load/yaml-undefined-alias', `别名 *${node.source} 没有对应的锚点`, nodeSpan(node, file) ?? { file, start: 0, end: 0 }, [
          `锚点 &${node.source} 须写在别名之前；若“*”是文字的一部分，请给整段文字加引号。`,
        ]);
      }
    },
  });
  return ok;
}

/**
 * A union (body node = paragraph | section) fails as a whole at its outer node; report instead what failed in the
 * branch the value was meant for: the only branch whose type the value has (copies: 0 is a count, so “份数应至少为
 * 1”), else the branch that got deepest into the data, so the message points at the real problem (e.g. a typo three
 * levels down).
 */
function deepestIssues(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const typed = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  const only = typed.length === 1 ? typed[0] : undefined;
  if (only && only.length > 0) return only.flatMap((i) => deepestIssues({ ...i, path: [...issue.path, ...i.path] } as Issue));
  const depth = (list: Issue[]) => Math.max(...list.map((i) => i.path.length));
  const ranked = issue.errors.map((branch) => ({ branch, d: depth(branch) })).sort((a, b) => b.d - a.d);
  const best = ranked[0];
  if (!best || best.d === 0 || (ranked[1] && ranked[1].d === best.d)) return [issue];
  return best.branch.flatMap((i) => deepestIssues({ ...i, path: [...issue.path, ...i.path] } as Issue));
}
