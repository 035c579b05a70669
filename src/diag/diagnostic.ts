/**
 * Stage: diagnostics (shared by every stage). Input: problems found by a stage → Diagnostic values in a sink.
 * A user error is a value pushed here, never an exception; `throw` is for bugs only.
 */
import type { Span } from '../model/types.ts';

export type Severity = 'error' | 'warning' | 'info';

/** One message for the user. `code` is English and permanent; `message` is Chinese; the fix goes in `hints`. */
export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  span?: Span;
  hints: string[];
}

/** Collects diagnostics across stages; `build` stops after any stage that added errors. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  /** Adds an error. */
  error(code: string, message: string, span?: Span, hints: string[] = []): void {
    this.push({ severity: 'error', code, message, hints, ...(span ? { span } : {}) });
  }

  /** Adds a warning. */
  warning(code: string, message: string, span?: Span, hints: string[] = []): void {
    this.push({ severity: 'warning', code, message, hints, ...(span ? { span } : {}) });
  }

  /** Adds an informational note (printed, never fails a build). */
  info(code: string, message: string, span?: Span, hints: string[] = []): void {
    this.push({ severity: 'info', code, message, hints, ...(span ? { span } : {}) });
  }

  push(d: Diagnostic): void {
    this.items.push(d);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }

  get warningCount(): number {
    return this.items.filter((d) => d.severity === 'warning').length;
  }

  hasErrors(): boolean {
    return this.errorCount > 0;
  }
}

/** Documented exit codes (README): stable API. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  warningsStrict: 3,
  dataInvalid: 4,
  template: 5,
  fonts: 6,
  output: 7,
  attachment: 8,
} as const;
