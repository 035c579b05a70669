/**
 * Stage: load — the schema of the 版头, 主送机关, 附注 and 版记 fields of `meta` (GB/T 9704 §7.2–§7.4, §10.1, §10.3).
 * Part of the one zod source in schema.ts (type, validator, published JSON Schema). The shapes are checked here;
 * the forms (发文字号 〔〕, 主送's colon, 抄送's 。, a 信函 with an 印发 line) are checked with located messages by
 * src/load/masthead-checks.ts (errors) and src/lint/rules/masthead.ts (warnings).
 */
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../gbt9704/masthead.ts';
import { DOC_NUMBER_EXAMPLE } from '../gbt9704/doc-number.ts';

const nonEmpty = z.string();
/** A name, or a list of names (gongwen joins a list with the separator the element uses). */
const names = (what: string) => z.union([nonEmpty, z.array(nonEmpty).min(1)]).describe(what);

/** `meta.kind`. */
export const KindSchema = z
  .enum(DOCUMENT_KINDS)
  .describe('公文格式：material 会议材料（默认，无版头）、file 文件格式（§7）、letter 信函格式（§10.1）、minutes 纪要格式（§10.3）');

/** The 版头, 主送, 附注 and 版记 fields, spread into MetaSchema. */
export const MastheadFields = {
  kind: KindSchema.optional(),
  issuer: names('发文机关标志的机关名称（§7.2.4）；联合行文时写成列表，主办机关在前（信函格式只用第一个）').optional(),
  issuerSuffix: z
    .string()
    .optional()
    .describe('发文机关标志中名称后的字：file 默认“文件”，minutes 默认“纪要”，letter 默认无；写 "" 不加'),
  docNumber: z
    .string()
    .optional()
    .describe(`发文字号（§7.2.5）：机关代字〔年份〕序号号，如 ${DOC_NUMBER_EXAMPLE}（六角括号，年份写全，不加“第”，不编虚位）`)
    .meta({ pattern: '^\\S+〔\\d{4}〕[1-9]\\d*号$', examples: [DOC_NUMBER_EXAMPLE] }),
  signers: z.array(nonEmpty).min(1).optional().describe('签发人姓名（上行文，§7.2.6），按发文机关顺序；有签发人时发文字号居左'),
  recipients: names('主送机关（§7.3.2）：标题下空一行顶格；写成一行时以全角冒号结尾，写成列表时 gongwen 用逗号连接并加冒号').optional(),
  note: z.string().optional().describe('附注（§7.3.6）：成文日期下一行，左空二字，gongwen 加圆括号，如 此件公开发布'),
  copyTo: names('抄送机关（§7.4.2）：写成一行时以句号结尾，写成列表时 gongwen 用逗号连接并加句号').optional(),
  printedBy: z.string().optional().describe('印发机关（§7.4.3），如 柞市镇党政办公室；信函格式不用'),
  printDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe('印发日期 YYYY-MM-DD（§7.4.3），印作“2022年1月5日印发”；信函格式不用'),
  attendance: z
    .object({
      present: names('出席人员（单位、姓名），列表用顿号连接').optional(),
      onLeave: names('请假人员').optional(),
      observers: names('列席人员').optional(),
    })
    .strict()
    .optional()
    .describe('纪要的出席、请假、列席名单（§10.3）：正文（或附件说明）下空一行，左空二字'),
};
