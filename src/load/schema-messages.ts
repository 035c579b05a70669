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
};

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

/** Message + hints for one schema issue. */
export function schemaIssueMessage(issue: z.core.$ZodIssue, data: unknown): { message: string; hints: string[] } {
  const field = fieldName(issue.path);
  const actual = valueAt(data, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (actual === undefined) return { message: `缺少${field}`, hints: [`请添加 ${String(issue.path.at(-1) ?? '')}: …`] };
      const hints = [];
      if (issue.expected === 'string' && typeof actual === 'number') hints.push(`请加引号："${String(actual)}"`);
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
      return { message: `${field}的格式不正确`, hints: [] };
    case 'invalid_format':
    case 'invalid_value':
      if (issue.path.at(-1) === 'date')
        return { message: `成文日期应为 YYYY-MM-DD（实为 ${JSON.stringify(actual)}）`, hints: ['例如 2022-01-05；不写日期时留空（date: ""）。'] };
      return { message: `${field}的取值不正确（实为 ${JSON.stringify(actual)}）`, hints: [issue.message] };
    case 'too_small':
      return { message: `${field}不能为空`, hints: [] };
    default:
      return { message: `${field}不符合要求`, hints: [issue.message] };
  }
}
