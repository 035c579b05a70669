/**
 * Stage: load — the 版头 and 版记 data errors the schema cannot state (exit 4, located at the value): a 发文字号 not in
 * the form 机关代字〔年份〕序号号 (§7.2.5; the message shows the right form), an 印发日期 that is no date, a 文件/信函/纪要
 * without a 发文机关 (its 标志 cannot be printed), an empty issuer or name. Runs on the raw data with validate.ts.
 * What is only doubtful (主送 without its colon, 抄送 without its 句号, a 信函 with an 印发 line) is the lint's
 * (src/lint/rules/masthead.ts): warnings, the build goes on.
 */
import type { Document } from 'yaml';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import { checkDocNumber, DOC_NUMBER_EXAMPLE } from '../gbt9704/doc-number.ts';
import { DOCUMENT_KINDS } from '../gbt9704/masthead.ts';
import { pathSpan } from './yaml-spans.ts';

type Path = (string | number)[];

const daysIn = (year: number, month: number) => (month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
const blank = (s: string) => s.replace(/[\s\u3000]/gu, '') === '';

/** Checks the 版头/版记 fields of the raw `meta` mapping. */
export function checkMastheadData(doc: Document, meta: Record<string, unknown>, file: string, diag: DiagnosticSink): void {
  const span = (path: Path) => pathSpan(doc, ['meta', ...path], file);
  const docNumber = meta['docNumber'];
  if (typeof docNumber === 'string') {
    const check = checkDocNumber(docNumber);
    if (!check.ok) {
      const right = check.suggestion ? `应写作“${check.suggestion}”` : `如“${DOC_NUMBER_EXAMPLE}”`;
      diag.error('load/doc-number', `发文字号格式不正确：“${docNumber}”（${check.problems.join('；')}），${right}`, span(['docNumber']), [
        'GB/T 9704 §7.2.5：机关代字〔年份〕序号号——年份写全并用六角括号“〔〕”括入（不是 [] 或（）），序号不加“第”、不编虚位（1 不写作 01），后加“号”。',
      ]);
    }
  }
  const printDate = meta['printDate'];
  if (typeof printDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(printDate)) {
    const [y = 0, m = 0, d = 0] = printDate.split('-').map(Number);
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m))
      diag.error('load/invalid-date', `印发日期不存在：${printDate}`, span(['printDate']), ['写一个真实的日期，如 2022-01-05（印作“2022年1月5日印发”）。']);
  }
  const kind = meta['kind'];
  const issuer = meta['issuer'];
  const hasIssuer = (typeof issuer === 'string' && !blank(issuer)) || (Array.isArray(issuer) && issuer.some((s) => typeof s === 'string' && !blank(s)));
  if (typeof kind === 'string' && kind !== 'material' && (DOCUMENT_KINDS as readonly string[]).includes(kind) && !hasIssuer)
    diag.error('load/masthead-issuer-missing', `${KIND_NAME[kind] ?? kind}需要发文机关（meta.issuer）`, span(issuer === undefined ? ['kind'] : ['issuer']), [
      '发文机关标志由发文机关全称或规范化简称组成（§7.2.4）：如 issuer: 柞市镇人民政府；联合行文写成列表，主办机关在前。',
    ]);
  for (const key of ['issuer', 'signers', 'recipients', 'copyTo'] as const) checkNames(meta[key], [key], span, diag);
  const attendance = meta['attendance'];
  if (attendance && typeof attendance === 'object' && !Array.isArray(attendance))
    for (const [k, v] of Object.entries(attendance)) checkNames(v, ['attendance', k], span, diag);
}

const KIND_NAME: Record<string, string> = { file: '文件格式', letter: '信函格式', minutes: '纪要格式' };

/** An empty name (a list item or the whole value) cannot be printed. */
function checkNames(value: unknown, path: Path, span: (p: Path) => ReturnType<typeof pathSpan>, diag: DiagnosticSink): void {
  const items: [unknown, Path][] = typeof value === 'string' ? [[value, path]] : Array.isArray(value) ? value.map((v, i) => [v, [...path, i]]) : [];
  for (const [v, at] of items)
    if (typeof v === 'string' && blank(v)) diag.error('load/empty-text', '名称为空', span(at), ['写上名称，或删除这一项。']);
}
