/**
 * Stage: the standard as data — numbering and number formats. Input: numbers → the strings GB/T 9704 uses:
 * Chinese numerals for heading levels 1–2 (§7.3.3), dates 2022年1月5日 (§7.3.5.4), thousands separators.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

const PLACES = ['千', '百', '十', ''];

/**
 * One four-digit group (1–9999) in Chinese numerals: 一千零一, 一百一十, 二十. `leading`: the group starts the number,
 * where 10–19 read 十, 十二 (not 一十二).
 */
function group(n: number, leading: boolean): string {
  const digits = String(n).padStart(4, '0');
  let out = '';
  let zero = false;
  for (let k = 0; k < 4; k++) {
    const d = Number(digits[k]);
    if (d === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    if (!(leading && out === '' && d === 1 && k === 2)) out += DIGITS[d] ?? '';
    out += PLACES[k] ?? '';
  }
  return out;
}

/** Largest number chineseNumeral writes (九千九百九十九万九千九百九十九). */
export const MAX_CHINESE_NUMERAL = 99_999_999;

/**
 * 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 1000 → 一千, 1010 → 一千零一十, 10000 → 一万, 100001 → 十万零一
 * (the usual reading rules: one 零 for each run of zeros inside a number, none at the end; 万 groups of four digits).
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_CHINESE_NUMERAL) throw new RangeError(`chineseNumeral: ${n}`);
  if (n === 0) return DIGITS[0] ?? '';
  if (n < 10000) return group(n, true);
  const low = n % 10000;
  const high = group(Math.floor(n / 10000), true) + '万';
  return low === 0 ? high : high + (low < 1000 ? '零' : '') + group(low, false);
}

/** §7.3.3 依次可以用“一、”“（一）”“1.”“（1）”标注. `ordinal` is 1-based among sibling sections. */
export function headingNumber(level: number, ordinal: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(ordinal)}、`;
    case 2:
      return `（${chineseNumeral(ordinal)}）`;
    case 3:
      return `${ordinal}.`;
    case 4:
      return `（${ordinal}）`;
    default:
      throw new RangeError(`heading level ${level}`);
  }
}

/** §7.3.5.4 成文日期 in Arabic numerals, year in full, no zero padding: 2022-01-05 → 2022年1月5日. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return '';
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 36920 → 36,920; decimals kept as given. */
export function thousands(n: number): string {
  const [int, frac] = String(n).split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
