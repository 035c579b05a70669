/**
 * Stage: load — YAML parser errors in Chinese. Input: the `yaml` package's error code + English message →
 * a Chinese message and hints (the English text is kept as a hint so nothing is lost).
 */

const MESSAGES: Record<string, { message: string; hint?: string }> = {
  DUPLICATE_KEY: { message: '重复的键', hint: '同一映射中每个键只能出现一次。' },
  BAD_INDENT: { message: '缩进不正确', hint: '同一层级的项应对齐；请用空格缩进，不要用 Tab。' },
  TAB_AS_INDENT: { message: '用 Tab 缩进', hint: 'YAML 只允许空格缩进。' },
  MISSING_CHAR: { message: '缺少字符（如引号或括号未闭合）', hint: '检查引号、方括号是否成对。' },
  MULTILINE_IMPLICIT_KEY: { message: '键不能跨行', hint: '检查上一行是否漏了冒号后的空格，或文本中含有“: ”需要加引号。' },
  BLOCK_AS_IMPLICIT_KEY: { message: '键的位置不正确', hint: '检查缩进和冒号。' },
  UNEXPECTED_TOKEN: { message: '意外的符号', hint: '文本中含有 YAML 特殊符号（: # - [ ] { }）时请加引号。' },
  BAD_SCALAR_START: { message: '文本开头的符号不合法', hint: '以 @ ` % 等符号开头的文本请加引号。' },
  ALIAS_PROPS: { message: '别名不能带标签或锚点' },
  BAD_ALIAS: { message: '别名无效' },
  IMPOSSIBLE: { message: 'YAML 结构无法解析' },
  RESOURCE_EXHAUSTION: { message: '嵌套过深或别名展开过多', hint: '公文标题最多四层（§7.3.3）；检查是否有成千上万层的括号或缩进。' },
};

/** Chinese message for a YAML error code. */
export function yamlErrorMessage(code: string, english: string): { message: string; hints: string[] } {
  const known = MESSAGES[code];
  const firstLine = english.split('\n')[0] ?? english;
  return {
    message: `YAML 语法错误：${known?.message ?? '无法解析'}`,
    hints: [...(known?.hint ? [known.hint] : []), `解析器原文：${firstLine}`],
  };
}
