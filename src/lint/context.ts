/**
 * Stage: check (proofreading lint) — shared plumbing. Input: the loaded report → the text fields to check, each
 * with its data path, and a reporter that turns a (path, index, length) finding into a diagnostic at the exact
 * `file:line:col` of the character in the data file.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { LoadedReport, DataPath } from '../load/types.ts';
import { mapReportTexts } from '../load/walk-text.ts';
import type { Span } from '../model/types.ts';

/** What a text field is, read from the last segment of its data path. */
export type FieldKind = 'title' | 'subtitle' | 'speaker' | 'organ' | 'heading' | 'runIn' | 'paragraph' | 'tableText' | 'caption' | 'figure' | 'attachmentTitle';

/** One human-readable text field of the report. */
export interface TextField {
  path: DataPath;
  text: string;
  kind: FieldKind;
}

/** Everything a lint rule needs. */
export interface LintContext {
  readonly loaded: LoadedReport;
  readonly fields: readonly TextField[];
  /** Warning at characters [index, index + length) of the field at `path`. */
  warnAt(code: string, message: string, path: DataPath, index: number, length: number, hints?: string[]): void;
  /** Span of a data node (a missing key points at its parent). */
  spanOf(path: DataPath): Span | undefined;
  readonly diag: DiagnosticSink;
}

function kindOf(path: DataPath): FieldKind {
  const last = path[path.length - 1];
  if (path[0] === 'meta') return path[1] === 'subtitle' ? 'subtitle' : path[1] === 'organ' ? 'organ' : path[1] === 'speaker' ? 'speaker' : 'title';
  if (path[0] === 'figures') return 'figure';
  if (path[0] === 'attachments') return 'attachmentTitle';
  if (last === 'caption') return 'caption';
  if (path.includes('table')) return 'tableText';
  return last === 'p' ? 'paragraph' : last === 'runIn' ? 'runIn' : 'heading';
}

/** The text fields of a report, in document order (the same walk the editions use). */
export function textFields(loaded: LoadedReport): TextField[] {
  const fields: TextField[] = [];
  mapReportTexts(loaded.report, (text, path) => {
    fields.push({ path, text, kind: kindOf(path) });
    return text;
  });
  return fields;
}

/** Builds the context for one lint run. */
export function lintContext(loaded: LoadedReport, diag: DiagnosticSink): LintContext {
  return {
    loaded,
    diag,
    fields: textFields(loaded),
    spanOf: (path) => loaded.spanOf(path),
    warnAt(code, message, path, index, length, hints = []) {
      const first = loaded.spanOfChar(path, index);
      const last = length > 1 ? loaded.spanOfChar(path, index + length - 1) : first;
      const span = first && last && last.end > first.start ? { file: first.file, start: first.start, end: last.end } : first;
      diag.warning(code, message, span, hints);
    },
  };
}
