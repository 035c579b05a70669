/**
 * Stage: normalise. Input: the loaded report → the report with punctuation normalised in every text field
 * (half-width punctuation next to Chinese → full-width, straight quotes paired, …/-- forms), each change reported
 * as an info diagnostic at its place in the data file. Wording never changes; the data file is not rewritten.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Report } from '../load/schema.ts';
import type { LoadedReport } from '../load/types.ts';
import { mapReportTexts } from '../load/walk-text.ts';
import { normalizePunctuation } from './punctuation.ts';

/**
 * Normalises every text field; returns the new report and the number of changes. The build reports each change as
 * info (it prints only the count); `gongwen check` as a warning, so the data file gets fixed.
 */
export function normalizeReport(
  loaded: LoadedReport,
  diag: DiagnosticSink,
  severity: 'info' | 'warning' = 'info',
): { report: Report; changes: number } {
  let changes = 0;
  const report = mapReportTexts(loaded.report, (text, path) => {
    if (path[0] === 'meta' && path[1] === 'speaker') return speakerLine(text);
    if (path.at(-1) === 'caption') {
      const label = CAPTION_LABEL.exec(text);
      if (label) return `${label[1]}\u3000${normalizePunctuation(label[2] ?? '').text}`;
    }
    const result = normalizePunctuation(text);
    for (const c of result.changes) {
      changes++;
      diag[severity]('normalize/punctuation', `标点已规范：“${c.from}” → “${c.to}”`, loaded.spanOfChar(path, c.index), ['可直接在数据文件中改正，以免每次构建都提示。']);
    }
    return result.text;
  });
  return { report, changes };
}

/** A caption's number (表1, 图2-1) and the space after it: kept as one U+3000, as captions are set. */
const CAPTION_LABEL = /^([表图]\s*[0-9０-９一二三四五六七八九十]+(?:[-－.．][0-9０-９]+)?)[\s\u3000]+(\S[\s\S]*)$/u;

/**
 * 报告人行 “县长　李明华”: the office and the name stay apart by one ideographic space (the meeting-report
 * convention), which the punctuation rules would remove as a space between Chinese characters; any run of spaces
 * between the parts becomes one U+3000.
 */
function speakerLine(text: string): string {
  return text
    .trim()
    .split(/[\s\u3000]+/u)
    .map((part) => normalizePunctuation(part).text)
    .join('\u3000');
}
