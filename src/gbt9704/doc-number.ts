/**
 * Stage: the standard as data — the 发文字号 (GB/T 9704-2012 §7.2.5): 机关代字〔年份〕序号号. Input: a 发文字号 as
 * written → what is wrong with it and the form it should have (柞政发[2022]第01号 → 柞政发〔2022〕1号), for the data
 * check (src/load/masthead-checks.ts).
 *
 * §7.2.5: 年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即1不编为01），
 * 在阿拉伯数字后加“号”字.
 */

/** The right form: 机关代字, the full year in 〔〕 (U+3014/U+3015), the number without 第 or leading zeros, then 号. */
export const DOC_NUMBER_FORM = /^(\S+)〔(\d{4})〕([1-9]\d*)号$/u;
/** Shown in messages and the JSON Schema. */
export const DOC_NUMBER_EXAMPLE = '柞政发〔2022〕3号';

/** Brackets people type for the 六角括号. */
const ANY_OPEN = '〔［\\[（(【〖{｛<＜《';
const ANY_CLOSE = '〕］\\]）)】〗}｝>＞》';
const LOOSE = new RegExp(`^\\s*(.*?)\\s*[${ANY_OPEN}]\\s*([0-9０-９]{2,4})\\s*[${ANY_CLOSE}]\\s*(第)?\\s*([0-9０-９]+)\\s*(号|號)?\\s*$`, 'u');
/** Without brackets: 柞政发2022年3号, 柞政发2022-3号. */
const BARE = /^\s*(\D*?)\s*([0-9０-９]{4})\s*(?:年|-|－)?\s*(第)?\s*([0-9０-９]+)\s*(号|號)?\s*$/u;

const halfDigits = (s: string): string => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** What a 发文字号 breaks of §7.2.5, and its right form when one can be made. */
export interface DocNumberCheck {
  ok: boolean;
  /** Short Chinese phrases, each one rule broken. */
  problems: string[];
  /** The corrected 发文字号 (when the parts could be read). */
  suggestion?: string;
}

/** Checks a 发文字号 against §7.2.5. */
export function checkDocNumber(text: string): DocNumberCheck {
  if (DOC_NUMBER_FORM.test(text)) return { ok: true, problems: [] };
  const m = LOOSE.exec(text) ?? BARE.exec(text);
  if (!m) return { ok: false, problems: ['应由机关代字、用六角括号〔〕括入的年份和序号组成'] };
  const [, code = '', rawYear = '', di, rawNumber = '', hao] = m;
  const problems: string[] = [];
  const year = halfDigits(rawYear);
  const number = halfDigits(rawNumber);
  if (!text.includes('〔') || !text.includes('〕')) problems.push('年份应用六角括号“〔〕”括入');
  if (year.length !== 4) problems.push('年份应标全称（四位数字）');
  if (di) problems.push('序号不加“第”字');
  if (/^0/.test(number)) problems.push('序号不编虚位（1 不编为 01）');
  if (!hao) problems.push('序号后应加“号”字');
  else if (hao !== '号') problems.push('应为“号”');
  if (/[０-９]/.test(rawYear + rawNumber)) problems.push('年份和序号用半角阿拉伯数字');
  if (code === '') problems.push('缺少机关代字');
  if (problems.length === 0) problems.push('格式不符合“机关代字〔年份〕序号号”');
  const fullYear = year.length === 2 ? `20${year}` : year;
  const n = String(Number(number));
  return { ok: false, problems, ...(code && fullYear.length === 4 && n !== '0' ? { suggestion: `${code}〔${fullYear}〕${n}号` } : {}) };
}
