/**
 * Stage: load — one walk over every human-readable text field of the report (title, subtitle, organ, the mark
 * lines, headings, run-in text, paragraphs, table captions, headers and text cells, image captions, figure names and
 * units, attachment titles), never ids, dates, numbers, file paths or the recipients of numbered copies.
 * Input: Report + a string → string function (gets the data path) → a new frozen Report. Used by punctuation
 * normalisation and by the Traditional edition.
 */
import type { BodyNode, Report, TableCellValue } from './schema.ts';
import { isImageNode, isParagraphNode, isTableNode } from './body-nodes.ts';
import type { DataPath } from './types.ts';
import { deepFreeze } from './freeze.ts';

export type TextMapper = (text: string, path: DataPath) => string;

/** Returns a copy of the report with `fn` applied to every text field. */
export function mapReportTexts(report: Report, fn: TextMapper): Report {
  const mapBody = (nodes: readonly BodyNode[], base: DataPath): BodyNode[] =>
    nodes.map((n, i) => {
      const path = [...base, i];
      if (isParagraphNode(n)) return { p: fn(n.p, [...path, 'p']) };
      if (isTableNode(n)) {
        const t = n.table;
        const tp = [...path, 'table'];
        const cell = (c: TableCellValue, r: number, k: number): TableCellValue => (typeof c === 'string' ? fn(c, [...tp, 'rows', r, k]) : c);
        return {
          table: {
            ...t,
            ...(t.caption !== undefined ? { caption: fn(t.caption, [...tp, 'caption']) } : {}),
            columns: t.columns.map((c, k) => fn(c, [...tp, 'columns', k])),
            rows: t.rows.map((row, r) => row.map((c, k) => cell(c, r, k))),
          },
        };
      }
      if (isImageNode(n)) {
        const im = n.image;
        return { image: { ...im, ...(im.caption !== undefined ? { caption: fn(im.caption, [...path, 'image', 'caption']) } : {}) } };
      }
      return {
        heading: fn(n.heading, [...path, 'heading']),
        ...(n.runIn !== undefined ? { runIn: fn(n.runIn, [...path, 'runIn']) } : {}),
        ...(n.body ? { body: mapBody(n.body, [...path, 'body']) } : {}),
      };
    });
  const m = report.meta;
  const out: Report = {
    meta: {
      id: m.id,
      title: fn(m.title, ['meta', 'title']),
      ...(m.subtitle ? { subtitle: m.subtitle.map((s, i) => fn(s, ['meta', 'subtitle', i])) } : {}),
      ...(m.speaker !== undefined ? { speaker: fn(m.speaker, ['meta', 'speaker']) } : {}),
      ...(m.speechDate !== undefined ? { speechDate: m.speechDate } : {}),
      ...(m.organ !== undefined ? { organ: fn(m.organ, ['meta', 'organ']) } : {}),
      ...(m.date !== undefined ? { date: m.date } : {}),
      // The mark lines are printed text; a converted 密级/紧急 level is the Traditional spelling of the same level.
      ...(m.secret ? { secret: { level: fn(m.secret.level, ['meta', 'secret', 'level']) as typeof m.secret.level, ...(m.secret.period !== undefined ? { period: fn(m.secret.period, ['meta', 'secret', 'period']) } : {}) } } : {}),
      ...(m.urgency !== undefined ? { urgency: fn(m.urgency, ['meta', 'urgency']) as typeof m.urgency } : {}),
      ...(m.mark !== undefined ? { mark: fn(m.mark, ['meta', 'mark']) } : {}),
    },
    body: mapBody(report.body, ['body']),
    ...(report.figures
      ? {
          figures: report.figures.map((f, i) => ({
            ...f,
            category: fn(f.category, ['figures', i, 'category']),
            item: fn(f.item, ['figures', i, 'item']),
            unit: fn(f.unit, ['figures', i, 'unit']),
            ...(f.text !== undefined ? { text: fn(f.text, ['figures', i, 'text']) } : {}),
          })),
        }
      : {}),
    ...(report.relations ? { relations: report.relations.map((r) => ({ ...r, parts: [...r.parts] })) } : {}),
    ...(report.attachments ? { attachments: report.attachments.map((a, i) => ({ ...a, title: fn(a.title, ['attachments', i, 'title']) })) } : {}),
    // Recipients are names of people and units (the register and the watermark), never normalised or converted.
    ...(report.copies !== undefined ? { copies: report.copies } : {}),
  };
  return deepFreeze(out);
}
