/**
 * Stage: load — positions in YAML sources (shared by the data file, data/terms.yaml and fonts/fonts.yaml, and by the
 * glyph check). Input: `yaml` nodes, paths and source text → Spans (project-relative file, UTF-16 offsets).
 */
import { isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { Span } from '../model/types.ts';

/** The span of a node's range, or undefined for a node without one. */
export function nodeSpan(node: unknown, file: string): Span | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? { file, start: range[0], end: range[1] } : undefined;
}

/** The span of the node at `path`; for a missing key, of its nearest existing ancestor. */
export function pathSpan(doc: Document, path: readonly (string | number)[], file: string): Span | undefined {
  for (let n = path.length; n >= 0; n--) {
    const span = nodeSpan(doc.getIn(path.slice(0, n), true), file);
    if (span) return span;
  }
  return undefined;
}

/** The span of the `k`-th (0-based) occurrence of `ch` in source[start, end), or undefined when there is none. */
export function occurrenceSpan(source: string, file: string, start: number, end: number, ch: string, k: number): Span | undefined {
  let at = source.indexOf(ch, start);
  for (let n = 0; n < k && at !== -1; n++) at = source.indexOf(ch, at + 1);
  return at === -1 || at + ch.length > end ? undefined : { file, start: at, end: at + ch.length };
}

/**
 * The character at `index` (UTF-16) of a string scalar: its occurrence number k among equal characters of the value
 * is the k-th occurrence in the source after the node's start. Exact for every scalar style without escapes; the
 * node's span otherwise.
 */
export function scalarCharSpan(node: unknown, index: number, source: string, file: string): Span | undefined {
  const span = nodeSpan(node, file);
  if (!span || !isScalar(node) || typeof node.value !== 'string') return span;
  return valueCharSpan(node.value, index, span, source);
}

/** The character at `index` of a string scalar's `value`, whose node spans `span` of `source` (see scalarCharSpan). */
export function valueCharSpan(value: string, index: number, span: Span, source: string): Span {
  const ch = String.fromCodePoint(value.codePointAt(index) ?? 32);
  let k = 0;
  for (let i = value.indexOf(ch); i !== -1 && i < index; i = value.indexOf(ch, i + 1)) k++;
  return occurrenceSpan(source, span.file, span.start, span.end, ch, k) ?? span;
}
