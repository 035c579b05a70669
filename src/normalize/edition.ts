/**
 * Stage: normalise (edition). Input: the normalised Simplified report + an edition → the report of that edition.
 * zh-Hans is the source and returns unchanged; zh-Hant applies the Traditional converter to every human-readable
 * text field (title, subtitle lines, organ, headings, run-in text, paragraphs, figure names/units/texts, attachment
 * titles) and never to ids, dates, numbers or file paths (the walk in load/walk-text.ts decides which fields);
 * units are converted as text that follows a number.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Report } from '../load/schema.ts';
import { mapReportTexts } from '../load/walk-text.ts';
import type { Edition } from '../model/types.ts';
import type { World } from '../world.ts';
import type { TraditionalConverters, Variant } from './opencc.ts';
import { quoteStep, type QuoteStyle } from './quotes.ts';
import { loadTerms } from './terms.ts';

/** A text converter for one edition (identity for zh-Hans). */
export type EditionConvert = (s: string) => string;

/**
 * The report of `edition`: a new frozen object for zh-Hant, the same object for zh-Hans.
 * `convert` is required for zh-Hant (from `editionConverter`); omitting it is a bug.
 */
export function editionReport(report: Report, edition: Edition, convert?: EditionConvert): Report {
  if (edition === 'zh-Hans') return report;
  if (!convert) throw new Error('editionReport: zh-Hant needs a converter (editionConverter)');
  return mapReportTexts(report, (text, path) => (path[path.length - 1] === 'unit' ? convertUnit(text, convert) : convert(text)));
}

/**
 * A figure's unit always follows a number (3000 + 只), so it is converted in that context: a lone 只 would stay
 * 只 (the adverb), while the measure word after digits is 隻 (terms.yaml `after-digits`).
 */
function convertUnit(unit: string, convert: EditionConvert): string {
  const converted = convert(`1${unit}`);
  return converted.startsWith('1') ? converted.slice(1) : convert(unit);
}

/**
 * The converter the build uses for the zh-Hant edition: reads data/terms.yaml through the World (errors go to
 * `diag` with file:line:col) and returns the compiler's OpenCC converter for (variant, dictionary), followed by the
 * quotation-mark step (`--quotes`: 「」『』 by default, quotes.ts). The OpenCC tries are built on the first conversion,
 * not here, so `gongwen build --edition zh-Hans` never pays for them.
 */
export function editionConverter(converters: TraditionalConverters, world: World, diag: DiagnosticSink, variant: Variant, quotes: QuoteStyle = 'corner'): EditionConvert {
  const convert = converters.converter(variant, loadTerms(world, diag));
  const requote = quoteStep(quotes);
  return (text) => requote(convert(text));
}
