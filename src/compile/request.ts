/**
 * Stage: compile — what a compilation is asked for. Input: command-line options (build, check, bench, tests, watch)
 * → one CompileRequest; every caller states the same things, so no caller can run a different pipeline.
 */
import type { FontOptions } from '../fonts/types.ts';
import type { Edition } from '../model/types.ts';
import type { Variant } from '../normalize/opencc.ts';
import type { QuoteStyle } from '../normalize/quotes.ts';
import type { CopiesRequest, PlannedCopy } from '../copies/plan.ts';
import type { RedInk } from '../gbt9704/ink.ts';
import type { Report } from '../load/schema.ts';
import type { TransferredReport } from '../load/transfer.ts';

/** One numbered copy written (the progress line `[份号 37/120] …` of long runs). */
export interface CopyProgress {
  edition: Edition;
  /** The print file, or the per-copy files of --copies-split. */
  file: 'print' | 'split';
  done: number;
  total: number;
  copy: PlannedCopy;
}

/** What a build writes (`--format`): the report PDFs, the DOCX, the attachment files, the download bundle. */
export type OutputFormat = 'pdf' | 'docx' | 'tables' | 'bundle';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['pdf', 'docx', 'tables', 'bundle'];

/** Intermediates written under out/debug/ (`--emit`). */
export type DebugOutput = 'model' | 'markup' | 'composed';
export const DEBUG_OUTPUTS: readonly DebugOutput[] = ['model', 'markup', 'composed'];

export interface CompileRequest {
  /** The data file, absolute or relative to the project root. */
  dataFile: string;
  editions: readonly Edition[];
  /** Traditional variant: OpenCC cn→tw or cn→hk. */
  variant: Variant;
  /** Quotation marks of the Traditional edition (`--quotes`): 「」『』 (corner, the default) or the source's “”‘’. */
  quotes: QuoteStyle;
  fonts: FontOptions;
  /**
   * Fonts embedded in the DOCX (subsets, under the office family names): `substitutes` (the default) embeds the
   * stand-in faces of roles whose official face this build did not have, so the document shows the four role faces
   * on a machine without them too; true (`--embed-fonts`) embeds every role's face; false (`--no-embed-fonts`) none.
   */
  embedFonts: EmbedFonts;
  /** `--require-official-fonts`: refuse to build (exit 6) when a role would be drawn by a stand-in. */
  requireOfficialFonts: boolean;
  /** `--pdfa`: write the PDFs as PDF/A-2b. */
  pdfa: boolean;
  /** `--red`: the 版头's red (#FF0000 in DeviceRGB when absent; a CMYK red for the print shop). */
  red?: RedInk;
  allowMissingGlyphs: boolean;
  formats: readonly OutputFormat[];
  debug: readonly DebugOutput[];
  /**
   * Which command asks. Both run every stage and the same data checks (normalisation findings and the proofreading
   * lint, each a warning at its place; issue #12); `check` only leaves the outputs unwritten.
   */
  mode: 'build' | 'check';
  /**
   * Compile the second edition in a worker thread (both cores) — for one-shot builds from the compiled command.
   * The Compilation's `editions` then holds only the editions compiled in this thread (the others' records are in
   * `remoteEditions`).
   */
  parallel?: boolean;
  /**
   * Skip the proofreading lint: for the edition worker only, whose thread would find exactly what the main thread
   * finds in the same Simplified data (its diagnostics are merged without duplicates). Every command lints.
   */
  skipLint?: boolean;
  /**
   * For the edition worker only: the data as the main thread loaded and normalised it, so the worker neither reads
   * nor parses it again (the main thread reports the load and normalisation findings).
   */
  preloaded?: PreloadedReport;
  /** Numbered meeting copies asked for on the command line (the data's `copies` applies as well). */
  copies: CopiesRequest;
  /** Called after each numbered copy is written. */
  progress?: (event: CopyProgress) => void;
}

/** The loaded data (as plain data: it crosses threads) and the report normalised from it. */
export interface PreloadedReport {
  loaded: TransferredReport;
  report: Report;
}

/** Which fonts a DOCX embeds (CompileRequest.embedFonts). */
export type EmbedFonts = boolean | 'substitutes';

/** A request with the defaults of `gongwen build` for the fields not given. */
export function compileRequest(fields: Partial<CompileRequest> & Pick<CompileRequest, 'dataFile'>): CompileRequest {
  return {
    editions: ['zh-Hans', 'zh-Hant'],
    variant: 'tw',
    quotes: 'corner',
    fonts: { fontPaths: [], systemFonts: false, officialSystemFonts: true },
    embedFonts: 'substitutes',
    requireOfficialFonts: false,
    pdfa: false,
    allowMissingGlyphs: false,
    formats: OUTPUT_FORMATS,
    debug: [],
    mode: 'build',
    copies: { split: false, bundle: false, watermark: false },
    ...fields,
  };
}
