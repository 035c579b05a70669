/**
 * Stage: check (proofreading lint). Input: the loaded report (data as written, with source spans) → diagnostics
 * at `file:line:col`, nothing else: unbalanced brackets/quotes, doubled characters, a character breaking a common
 * phrase (各项刚工作), totals that do not add up, figures missing from the text,
 * punctuation ending an attachment title (§7.3.4), the 主送/抄送 end marks and 版头/版记 fields a format does not print
 * (rules/masthead.ts). Half-width punctuation and stray spaces are the normaliser's
 * findings (src/normalize/punctuation.ts), reported at their places by the same run.
 * Lint findings are warnings (`gongwen check --strict` makes them fail); structural problems are errors.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { LoadedReport } from '../load/types.ts';
import { lintContext, type LintContext } from './context.ts';
import { checkBrackets } from './rules/brackets.ts';
import { checkBrokenPhrases } from './rules/broken-phrase.ts';
import { checkDoubled } from './rules/doubled.ts';
import { checkFigures } from './rules/figures.ts';
import { checkAttachmentTitles } from './rules/structure.ts';
import { checkMasthead } from './rules/masthead.ts';

/** The rules by name, in the order they run. */
export const LINT_RULES = {
  'unbalanced-bracket': checkBrackets,
  'doubled-char': checkDoubled,
  'broken-phrase': checkBrokenPhrases,
  figures: checkFigures,
  'attachment-title': checkAttachmentTitles,
  masthead: checkMasthead,
} as const satisfies Record<string, (ctx: LintContext) => void>;

export type LintRuleName = keyof typeof LINT_RULES;

export interface LintOptions {
  /** Rules not to run. */
  skip?: readonly LintRuleName[];
}

/** Runs the proofreading lint on the data as written (spans point into the data file). */
export function lintReport(loaded: LoadedReport, diag: DiagnosticSink, options: LintOptions = {}): void {
  const ctx = lintContext(loaded, diag);
  for (const [name, rule] of Object.entries(LINT_RULES) as [LintRuleName, (ctx: LintContext) => void][]) {
    if (!options.skip?.includes(name)) rule(ctx);
  }
}
