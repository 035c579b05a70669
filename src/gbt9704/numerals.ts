/**
 * Stage: the standard as data — numbering and number formats. Input: numbers → the strings GB/T 9704 uses:
 * Chinese numerals for heading levels 1–2 (§7.3.3), dates 2022年1月5日 (§7.3.5.4), thousands separators.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (headings rarely pass 99). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`chineseNumeral: ${n}`);
  if (n < 10) return DIGITS[n] ?? '';
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return (DIGITS[Math.floor(n / 10)] ?? '') + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const rest = n % 100;
  const head = (DIGITS[Math.floor(n / 100)] ?? '') + '百';
  if (rest === 0) return head;
  return head + (rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + chineseNumeral(rest) : chineseNumeral(rest));
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
