/**
 * Stage: diagnostics output. Input: Diagnostic[] + source texts → printable lines (short or human form).
 * `data/report.yaml:14:9: 错误[load/invalid-date]: …` is clickable in editors; human form adds the line and a caret.
 */
import type { Diagnostic } from './diagnostic.ts';
import { displayWidth } from '../text/display-width.ts';
import { LineIndex } from './span.ts';

const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;
const MAX_PRINTED = 20;
/** Characters of source shown before and after the place in a long line. */
const WINDOW_BEFORE = 24;
const WINDOW_AFTER = 36;

/**
 * Characters never printed raw: C0/C1 controls (an ESC sequence in a file name or a data value would drive the user's
 * terminal — clear the screen, retitle the window), DEL, bidirectional controls (they reorder the line shown) and
 * the Unicode line separators, and lone surrogates.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SHORT_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** The text with every unprintable character written as an escape (`\u001b`, `\t`), safe to print to a terminal. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Several lines of text, each made printable; the line breaks between them are kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** Looks up a source text by project-relative path (undefined when the file is not text we read). */
export type SourceLookup = (file: string) => string | undefined;

/** Sorts by file, line, column (esbuild's order) so output is stable. */
export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort((a, b) => {
    const fa = a.span?.file ?? '';
    const fb = b.span?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.span?.start ?? 0) - (b.span?.start ?? 0);
  });
}

/** `file:line:col` for a diagnostic, or '' when it has no place. */
export function location(d: Diagnostic, sources: SourceLookup): string {
  if (!d.span) return '';
  const text = sources(d.span.file);
  if (text === undefined) return d.span.file;
  const { line, col } = new LineIndex(text).at(d.span.start);
  return `${d.span.file}:${line}:${col}`;
}

/** Formats diagnostics; `human` adds the source line with a caret and the hints. Stops after 20. */
export function formatDiagnostics(
  items: readonly Diagnostic[],
  sources: SourceLookup,
  style: 'short' | 'human' = 'human',
): string {
  const sorted = sortDiagnostics(items);
  const out: string[] = [];
  for (const d of sorted.slice(0, MAX_PRINTED)) {
    const loc = location(d, sources);
    out.push(printable(`${loc ? loc + ': ' : ''}${SEVERITY_LABEL[d.severity]}[${d.code}]: ${d.message}`));
    if (style === 'human') {
      const text = d.span ? sources(d.span.file) : undefined;
      if (d.span && text !== undefined) {
        const index = new LineIndex(text);
        const { line, col } = index.at(d.span.start);
        const endCol = d.span.end > d.span.start ? index.at(d.span.end) : { line, col: col + 1 };
        const full = index.lineText(line);
        // Paragraphs are long lines: show a window around the place, marked with “…” where cut.
        const from = Math.max(0, col - 1 - WINDOW_BEFORE);
        const to = Math.min(full.length, Math.max(col - 1 + WINDOW_AFTER, endCol.line === line ? Math.min(endCol.col - 1, col - 1 + WINDOW_AFTER) : 0));
        const lead = from > 0 ? '…' : '';
        const src = lead + printable(full.slice(from, to)) + (to < full.length ? '…' : '');
        const gutter = String(line);
        out.push(`  ${gutter} | ${src}`);
        const caretEnd = endCol.line === line ? Math.min(endCol.col - 1, to) : col;
        // Widths of the escaped text, so the caret stays under an escaped character.
        const caretWidth = Math.max(1, displayWidth(printable(full.slice(col - 1, caretEnd))));
        out.push(`  ${' '.repeat(gutter.length)} | ${' '.repeat(displayWidth(lead + printable(full.slice(from, col - 1))))}${'^'.repeat(caretWidth)}`);
      }
      for (const h of d.hints) out.push(printable(`  提示: ${h}`));
    }
  }
  if (sorted.length > MAX_PRINTED) out.push(`还有 ${sorted.length - MAX_PRINTED} 条未显示`);
  return out.join('\n');
}
