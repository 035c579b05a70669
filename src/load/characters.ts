/**
 * Stage: load — characters a data file may not contain. Input: a code point → a Chinese description of why it is
 * refused, or undefined. Refused: control characters (NUL, ESC — terminal escape sequences —, VT, FF, DEL, C1),
 * bidirectional controls (they reorder what a reviewer sees: "Trojan Source"), noncharacters (U+FFFE, U+FDD0 …), lone
 * surrogates, the replacement character U+FFFD (what an encoding error leaves), a stray byte-order mark and the
 * Unicode line/paragraph separators. Tab and line breaks are whitespace, which normalisation handles.
 */

const BIDI_NAMES: Record<number, string> = {
  0x061c: 'ALM',
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
};

const CONTROL_NAMES: Record<number, string> = {
  0x00: '空字符 NUL',
  0x07: '响铃 BEL',
  0x08: '退格 BS',
  0x0b: '垂直制表符 VT',
  0x0c: '换页符 FF',
  0x0d: '回车符 CR',
  0x1b: '转义字符 ESC（终端控制序列）',
  0x7f: '删除符 DEL',
};

/** `U+001B` style. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why a code point may not appear in report data, or undefined when it may. `inValue`: inside a string value (a CR
 * there is refused; in the file it is a line break).
 */
export function refusedCharacter(cp: number, inValue: boolean): string | undefined {
  if (cp === 0x09 || cp === 0x0a) return undefined;
  if (cp === 0x0d) return inValue ? CONTROL_NAMES[cp] : undefined;
  if (cp < 0x20 || cp === 0x7f) return CONTROL_NAMES[cp] ?? '控制字符';
  if (cp >= 0x80 && cp <= 0x9f) return 'C1 控制字符';
  const bidi = BIDI_NAMES[cp];
  if (bidi) return `双向文本控制字符 ${bidi}（会改变文字的显示顺序）`;
  if (cp >= 0xd800 && cp <= 0xdfff) return '孤立的代理项（不是完整的字符）';
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return 'Unicode 非字符';
  if (cp === 0xfffd) return '替换字符“�”（通常是编码错误留下的）';
  if (cp === 0xfeff) return '字节顺序标记 BOM（不应出现在文中）';
  if (cp === 0x2028 || cp === 0x2029) return 'Unicode 行/段分隔符';
  return undefined;
}

/** Each refused character of `s` with its UTF-16 index. */
export function refusedCharacters(s: string, inValue: boolean): { index: number; cp: number; why: string }[] {
  const found: { index: number; cp: number; why: string }[] = [];
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    // Fast path: printable ASCII and most CJK are fine.
    if ((unit >= 0x20 && unit < 0x7f) || (unit >= 0x3000 && unit < 0xd800)) continue;
    const cp = s.codePointAt(i) ?? unit;
    const why = refusedCharacter(cp, inValue);
    if (why) found.push({ index: i, cp, why });
    if (cp > 0xffff) i++;
  }
  return found;
}
