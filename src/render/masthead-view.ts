/**
 * Stage: render — the template context of the 版头, 主送机关, 附注, 出席名单 and 版记 (GB/T 9704 §7.2–§7.4, §10.1,
 * §10.3). Input: the report data of one edition + source spans → plain JSON for templates/partials/masthead.hbs and
 * colophon.hbs, each text with its `src`. Lists become the printed line here (主送 and 抄送 joined by 逗号 and ended
 * with the colon or 句号, names of the 出席名单 by 顿号); labels and suffixes the template prints as its literals.
 */
import type { Report } from '../load/schema.ts';
import type { DataPath } from '../load/types.ts';
import type { Span } from '../model/types.ts';
import { chineseDate } from '../gbt9704/numerals.ts';
import { DEFAULT_SUFFIX, NOTE_CLOSE, NOTE_OPEN, RECIPIENTS_END, type MastheadFormat } from '../gbt9704/masthead.ts';
import { ATTENDANCE_LABELS, ATTENDANCE_ORDER, ATTENDANCE_SEPARATOR, COPY_TO_END, COPY_TO_SEPARATOR } from '../gbt9704/colophon.ts';

type SpanOf = (path: DataPath) => Span | undefined;

interface Sourced {
  text: string;
  src: string;
}

export interface MastheadView {
  format: MastheadFormat;
  issuers: Sourced[];
  /** The suffix the data gives (issuerSuffix), printed as written. */
  suffix?: Sourced;
  /** Otherwise the format's own (文件, 纪要), a template literal; '' for none. */
  defaultSuffix: string;
  docNumber?: Sourced;
  signers: Sourced[];
}

export interface ColophonView {
  ruled: boolean;
  copyTo?: Sourced;
  imprint?: { organ: string; date: string; src: string };
}

/** What the masthead partials render; each part absent when the data has none. */
export interface MastheadViews {
  masthead?: MastheadView;
  recipients?: Sourced;
  note?: Sourced;
  attendance?: { part: string; label: string; text: string; src: string }[];
  colophon?: ColophonView;
}

const srcAttr = (span: Span | undefined): string => (span ? `${span.start}-${span.end}` : '');
const clean = (s: string) => s.trim();

/** A name or a list joined with `separator` and ended with `end` (a one-line value is printed as written). */
function line(value: string | readonly string[], separator: string, end: string): string {
  if (typeof value === 'string') return clean(value);
  return `${value.map(clean).filter(Boolean).join(separator)}${end}`;
}

/** The views of the data's 版头, 主送, 附注, 出席名单 and 版记. */
export function mastheadViews(report: Report, spanOf: SpanOf): MastheadViews {
  const m = report.meta;
  const at = (...path: (string | number)[]) => srcAttr(spanOf(['meta', ...path]));
  const kind = m.kind ?? 'material';
  const views: MastheadViews = {};
  if (kind !== 'material' && m.issuer !== undefined) {
    const issuers = (typeof m.issuer === 'string' ? [m.issuer] : m.issuer).map((text, i) => ({ text: clean(text), src: typeof m.issuer === 'string' ? at('issuer') : at('issuer', i) })).filter((s) => s.text);
    views.masthead = {
      format: kind,
      // §10.1 联合行文时，使用主办机关标志; a 纪要标志 is one line too.
      issuers: kind === 'file' ? issuers : issuers.slice(0, 1),
      ...(m.issuerSuffix !== undefined ? { suffix: { text: clean(m.issuerSuffix), src: at('issuerSuffix') } } : {}),
      defaultSuffix: DEFAULT_SUFFIX[kind],
      ...(m.docNumber !== undefined ? { docNumber: { text: clean(m.docNumber), src: at('docNumber') } } : {}),
      signers: kind === 'letter' ? [] : (m.signers ?? []).map((text, i) => ({ text: clean(text), src: at('signers', i) })),
    };
  }
  if (m.recipients !== undefined) views.recipients = { text: line(m.recipients, COPY_TO_SEPARATOR, RECIPIENTS_END), src: at('recipients') };
  if (m.note !== undefined && clean(m.note)) {
    const note = clean(m.note);
    // §7.3.6 加圆括号: a note already in brackets keeps its own.
    views.note = { text: note.startsWith(NOTE_OPEN) && note.endsWith(NOTE_CLOSE) ? note : `${NOTE_OPEN}${note}${NOTE_CLOSE}`, src: at('note') };
  }
  const attendance = ATTENDANCE_ORDER.flatMap((part) => {
    const names = m.attendance?.[part];
    return names === undefined ? [] : [{ part, label: ATTENDANCE_LABELS[part], text: line(names, ATTENDANCE_SEPARATOR, ''), src: at('attendance', part) }];
  });
  if (attendance.length > 0) views.attendance = attendance;
  const ruled = kind !== 'letter';
  const copyTo = m.copyTo !== undefined ? { text: line(m.copyTo, COPY_TO_SEPARATOR, COPY_TO_END), src: at('copyTo') } : undefined;
  // §10.1 信函格式的版记不加印发机关和印发日期 (the lint warns when the data has them).
  const imprint = ruled && (m.printedBy !== undefined || m.printDate !== undefined) ? { organ: clean(m.printedBy ?? ''), date: chineseDate(m.printDate ?? ''), src: at(m.printedBy !== undefined ? 'printedBy' : 'printDate') } : undefined;
  if (copyTo || imprint) views.colophon = { ruled, ...(copyTo ? { copyTo } : {}), ...(imprint ? { imprint } : {}) };
  return views;
}
