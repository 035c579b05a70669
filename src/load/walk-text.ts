/**
 * Stage: load — one walk over every human-readable text field of the report (title, subtitle, organ, the mark
 * lines, the 版头/主送/附注/版记 texts, headings, run-in text, paragraphs, table captions, headers and text cells, image captions, figure names and
 * units, attachment titles), never ids, dates, numbers, file paths or the recipients of numbered copies.
 * Input: Report + a string → string function (gets the data path) → a new frozen Report. Used by punctuation
 * normalisation and by the Traditional edition.
 */
import type { BodyNode, Report, TableCellValue } from './schema.ts';
import { isImageNode, isParagraphNode, isTableNode } from './body-nodes.ts';
import type { DataPath } from './types.ts';
import { deepFreeze } from './freeze.ts';

export type TextMapper = (text: string, path: DataPath) => string;

type Meta = Report['meta'];
type Names = string | readonly string[];

/** One name or a list of names at `path` (a list's items at path + index). */
const mapNames = <T extends Names>(v: T, path: DataPath, fn: TextMapper): T =>
  (typeof v === 'string' ? fn(v, path) : v.map((s, i) => fn(s, [...path, i]))) as T;

/**
 * The 版头, 主送, 附注 and 版记 texts (§7.2–§7.4): the issuers, the suffix, the 签发人, the 主送 and 抄送 organs, the 附注,
 * the 印发机关 and the 出席/请假/列席 names. Never the 发文字号 (an identifier, kept as registered), the kind or the 印发日期.
 */
function mastheadTexts(m: Meta, fn: TextMapper): Partial<Meta> {
  const at = (key: string): DataPath => ['meta', key];
  const a = m.attendance;
  return {
    ...(m.kind !== undefined ? { kind: m.kind } : {}),
    ...(m.issuer !== undefined ? { issuer: mapNames(m.issuer, at('issuer'), fn) } : {}),
    ...(m.issuerSuffix !== undefined ? { issuerSuffix: fn(m.issuerSuffix, at('issuerSuffix')) } : {}),
    ...(m.docNumber !== undefined ? { docNumber: m.docNumber } : {}),
    ...(m.signers !== undefined ? { signers: mapNames(m.signers, at('signers'), fn) } : {}),
    ...(m.recipients !== undefined ? { recipients: mapNames(m.recipients, at('recipients'), fn) } : {}),
    ...(m.note !== undefined ? { note: fn(m.note, at('note')) } : {}),
    ...(m.copyTo !== undefined ? { copyTo: mapNames(m.copyTo, at('copyTo'), fn) } : {}),
    ...(m.printedBy !== undefined ? { printedBy: fn(m.printedBy, at('printedBy')) } : {}),
    ...(m.printDate !== undefined ? { printDate: m.printDate } : {}),
    ...(a !== undefined
      ? {
          attendance: {
            ...(a.present !== undefined ? { present: mapNames(a.present, ['meta', 'attendance', 'present'], fn) } : {}),
            ...(a.onLeave !== undefined ? { onLeave: mapNames(a.onLeave, ['meta', 'attendance', 'onLeave'], fn) } : {}),
            ...(a.observers !== undefined ? { observers: mapNames(a.observers, ['meta', 'attendance', 'observers'], fn) } : {}),
          },
        }
      : {}),
  };
}

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
      ...mastheadTexts(m, fn),
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
