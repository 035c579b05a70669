/**
 * Stage: load — schema issues in Chinese. Input: a zod issue + the parsed data → message and hints.
 * The message says what happened; the fix goes in the hints (Astro's error guide).
 */
import type { z } from 'zod';

/** Chinese names of data fields, shown in messages. */
const FIELD_NAMES: Record<string, string> = {
  meta: '元数据（meta）',
  id: '输出文件名（id）',
  title: '标题（title）',
  subtitle: '副标题（subtitle）',
  organ: '发文机关署名（organ）',
  date: '成文日期（date）',
  body: '正文（body）',
  p: '段落（p）',
  heading: '小节标题（heading）',
  runIn: '标题后接正文（runIn）',
  figures: '数据（figures）',
  relations: '合计关系（relations）',
  attachments: '附件（attachments）',
  category: '类别（category）',
  item: '项目（item）',
  value: '数值（value）',
  unit: '单位（unit）',
  text: '原文写法（text）',
  total: '合计项（total）',
  parts: '分项（parts）',
  table: '生成的表（table）',
  file: '附件文件（file）',
  secret: '密级和保密期限（secret）',
  level: '密级（level）',
  period: '保密期限（period）',
  urgency: '紧急程度（urgency）',
  mark: '标注（mark）',
  copies: '会议份号（copies）',
  first: '第一份的份号（first）',
  count: '份数（count）',
  recipients: '领取人（recipients）',
  name: '领取人（name）',
  kind: '公文格式（kind）',
  issuer: '发文机关标志（issuer）',
  issuerSuffix: '标志中名称后的字（issuerSuffix）',
  docNumber: '发文字号（docNumber）',
  signers: '签发人（signers）',
  note: '附注（note）',
  copyTo: '抄送机关（copyTo）',
  printedBy: '印发机关（printedBy）',
  printDate: '印发日期（printDate）',
  attendance: '出席名单（attendance）',
  present: '出席人员（present）',
  onLeave: '请假人员（onLeave）',
  observers: '列席人员（observers）',
};

/** Fields whose name depends on where they are: meta.recipients is the 主送机关, copies.recipients the 领取人. */
const META_FIELD_NAMES: Record<string, string> = { recipients: '主送机关（recipients）' };

/** Fields that hold a 份号 or a count of copies (their messages explain the six digits). */
const COPY_NUMBER_FIELDS = new Set(['first']);
const COPY_COUNT_FIELDS = new Set(['copies', 'count']);

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  object: '映射（键: 值）',
  array: '列表（- 项）',
  boolean: '是/否',
  undefined: '空',
  null: '空',
};

function fieldName(path: readonly PropertyKey[]): string {
  if (path[0] === 'meta' && typeof path[1] === 'string' && path.length <= 3 && META_FIELD_NAMES[path[1]]) return META_FIELD_NAMES[path[1]] ?? '';
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return typeof last === 'string' ? (FIELD_NAMES[last] ?? last) : '数据';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Message + hints for one schema issue. `source` is the issue's scalar as written in the data file (YAML turns
 * 000031 into the number 31; the hint quotes what the user typed).
 */
export function schemaIssueMessage(issue: z.core.$ZodIssue, data: unknown, source?: string): { message: string; hints: string[] } {
  const field = fieldName(issue.path);
  const actual = valueAt(data, issue.path);
  const key = String(issue.path.at(-1) ?? '');
  switch (issue.code) {
    case 'invalid_type': {
      if (actual === undefined) return { message: `缺少${field}`, hints: [`请添加 ${String(issue.path.at(-1) ?? '')}: …`] };
      const hints = [];
      const written = source?.trim() || String(actual);
      if (issue.expected === 'string' && typeof actual === 'number') hints.push(`请加引号：${key ? `${key}: ` : ''}"${written}"`);
      if (COPY_NUMBER_FIELDS.has(key) && typeof actual === 'number')
        hints.push(`份号是 6 位数字的文本：不加引号时 YAML 把 ${written} 读成数字 ${String(actual)}，开头的 0 会丢失。`);
      return {
        message: `${field}应为${TYPE_NAMES[issue.expected] ?? issue.expected}（实为${TYPE_NAMES[typeOf(actual)] ?? typeOf(actual)}）`,
        hints,
      };
    }
    case 'unrecognized_keys':
      return {
        message: `无法识别的键：${issue.keys.join('、')}`,
        hints: ['检查拼写；可用的键见 data/report.schema.json（编辑器可据此补全）。'],
      };
    case 'invalid_union':
      if (issue.path.includes('body'))
        return { message: '正文的每一项应为段落（p: …）或小节（heading: …，可带 runIn 和 body）', hints: ['段落写作“- p: 正文”，小节写作“- heading: 标题”。'] };
      if (key === 'copies')
        return { message: `${field}应为份数、份号范围或领取人列表`, hints: ['例如 copies: 120，copies: "31-60"，或 copies: [{ name: 张三, unit: 某单位 }, …]。'] };
      if (issue.path[0] === 'meta') return { message: `${field}应为一行文字或文字的列表`, hints: [`例如 ${key}: 某某单位，或 ${key}: [甲单位, 乙单位]。`] };
      return { message: `${field}的格式不正确`, hints: [] };
    case 'invalid_format':
    case 'invalid_value':
      if (issue.path.at(-1) === 'date')
        return { message: `成文日期应为 YYYY-MM-DD（实为 ${JSON.stringify(actual)}）`, hints: ['例如 2022-01-05；不写日期时留空（date: ""）。'] };
      if (key === 'printDate') return { message: `印发日期应为 YYYY-MM-DD（实为 ${JSON.stringify(actual)}）`, hints: ['例如 printDate: 2022-01-05，印作“2022年1月5日印发”（§7.4.3）。'] };
      if (COPY_NUMBER_FIELDS.has(key)) return { message: `份号应为 6 位数字（实为 ${JSON.stringify(actual)}）`, hints: [`例如 ${key}: "000031"（加引号）。`] };
      if (key === 'copies') return { message: `份号范围应为“起-止”（实为 ${JSON.stringify(actual)}）`, hints: ['例如 copies: "31-60"，印 000031 至 000060。'] };
      if (key === 'period') return { message: `保密期限不能含“★”或空格，最多 10 个字（实为 ${JSON.stringify(actual)}）`, hints: ['例如 period: 1年；“★”由 gongwen 加在密级和期限之间。'] };
      if (key === 'mark') return { message: `标注应为一行、最多 28 个字（实为 ${JSON.stringify(actual)}）`, hints: ['例如 mark: 会后收回。'] };
      if (key === 'name') return { message: '领取人不能为空', hints: [] };
      if ('values' in issue && Array.isArray(issue.values))
        return { message: `${field}的取值不正确（实为 ${JSON.stringify(actual)}）`, hints: [`可选：${issue.values.map(String).join('、')}`] };
      return { message: `${field}的取值不正确（实为 ${JSON.stringify(actual)}）`, hints: [issue.message] };
    case 'too_small':
      if (COPY_COUNT_FIELDS.has(key) && typeof actual === 'number') return { message: `份数应至少为 1（实为 ${actual}）`, hints: [] };
      return { message: `${field}不能为空`, hints: [] };
    case 'too_big':
      if (COPY_COUNT_FIELDS.has(key)) return { message: `份数最多 999999（实为 ${String(actual)}）`, hints: ['份号为 6 位数字（§7.2.1），最大 999999。'] };
      return { message: `${field}超出范围（实为 ${JSON.stringify(actual)}）`, hints: [issue.message] };
    default:
      return { message: `${field}不符合要求`, hints: [issue.message] };
  }
}
