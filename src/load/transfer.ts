/**
 * Stage: load — a loaded report that crosses to another thread. Input: the parsed YAML document of a LoadedReport →
 * a plain, structured-cloneable TransferredReport (the validated data, the source, and the range of every node by
 * its path) → a LoadedReport again on the other side, whose spanOf and spanOfChar answer exactly as the parsed
 * document does, without parsing or validating the YAML again.
 *
 * Why: the edition worker compiles the Traditional edition from the same data; parsing and validating the 18 KB
 * report again cost it ≈ 80–130 ms of every cold build, while the table is a few thousand entries.
 */
import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { Span } from '../model/types.ts';
import type { Report } from './schema.ts';
import { deepFreeze } from './freeze.ts';
import type { DataPath, LoadedReport } from './types.ts';
import { valueCharSpan } from './yaml-spans.ts';

/** One node of the document: its range, and its value when it is a string scalar (for character positions). */
type NodeEntry = readonly [start: number, end: number, text: string | null];

/** A LoadedReport as data. */
export interface TransferredReport {
  readonly report: Report;
  readonly file: string;
  readonly source: string;
  /** Every node with a range, by pathKey(path) (yaml's getIn: map keys match by value and type, seq items by index). */
  readonly nodes: readonly (readonly [key: string, entry: NodeEntry])[];
}

const pathKey = (path: DataPath): string => JSON.stringify(path);

/** The table of a parsed document (the root, then every map value and seq item; an alias is recorded, not followed). */
export function nodeTable(doc: Document): TransferredReport['nodes'] {
  const out: [string, NodeEntry][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) out.push([pathKey(path), [range[0], range[1], isScalar(node) && typeof node.value === 'string' ? node.value : null]]);
    if (isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key === 'string' || typeof key === 'number') walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return out;
}

/** The LoadedReport of a transferred one: spans from the table, the data frozen as after load. */
export function receiveReport(transferred: TransferredReport): LoadedReport {
  const { file, source } = transferred;
  const nodes = new Map(transferred.nodes);
  const span = (entry: NodeEntry | undefined): Span | undefined => (entry ? { file, start: entry[0], end: entry[1] } : undefined);
  // pathSpan: the node at `path`, or for a missing key its nearest existing ancestor.
  const spanOf = (path: DataPath): Span | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const found = span(nodes.get(pathKey(path.slice(0, n))));
      if (found) return found;
    }
    return undefined;
  };
  const report = deepFreeze(transferred.report);
  return {
    report,
    file,
    source,
    spanOf,
    // scalarCharSpan on the recorded node.
    spanOfChar: (path, index) => {
      const entry = nodes.get(pathKey(path));
      const at = span(entry);
      const value = entry?.[2];
      if (!at || value === null || value === undefined) return at ?? spanOf(path);
      return valueCharSpan(value, index, at, source);
    },
    transfer: () => transferred,
  };
}
