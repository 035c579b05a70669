/**
 * Stage: load — the loaded report as other stages see it: validated data plus a way back to source positions.
 */
import type { Span } from '../model/types.ts';
import type { Report } from './schema.ts';
import type { TransferredReport } from './transfer.ts';

/** A path into the data, e.g. ['body', 2, 'body', 0, 'runIn']. */
export type DataPath = readonly (string | number)[];

export interface LoadedReport {
  /** Validated, frozen data. */
  readonly report: Report;
  /** Project-relative posix path of the data file. */
  readonly file: string;
  /** The data file's text. */
  readonly source: string;
  /** Span of the YAML node at `path` (a missing key points at its parent mapping). */
  spanOf(path: DataPath): Span | undefined;
  /**
   * Span of the character at `index` (UTF-16) of the string scalar at `path`. Exact for plain and quoted
   * single-line scalars; for block scalars it finds the character in the source after the node's start.
   */
  spanOfChar(path: DataPath, index: number): Span | undefined;
  /** The report as plain data, for another thread (transfer.ts: receiveReport makes it a LoadedReport again). */
  transfer(): TransferredReport;
}
