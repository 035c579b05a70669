/**
 * Stage: load — the schema of the mark lines (meta.secret, meta.urgency, meta.mark) and of numbered copies (copies).
 * Part of the one zod source in schema.ts (type, validator and published JSON Schema). The shapes are checked here;
 * what depends on several fields (a count that disagrees with the recipient list, a 份号 past 999999, duplicate
 * recipients) is checked with located errors by the copies plan (src/copies/plan.ts).
 */
import { z } from 'zod';
import { COPY_NUMBER_DIGITS, MAX_COPY_NUMBER, MAX_MARK_CHARS, SECRET_LEVELS, URGENCY_LEVELS } from '../gbt9704/marks.ts';

/** §7.2.2 密级和保密期限: printed 秘密★1年 on the line below the 份号. */
export const SecretSchema = z
  .object({
    level: z.enum(SECRET_LEVELS).describe('密级：秘密、机密或绝密'),
    period: z
      .string()
      .regex(/^[^★\s]{1,10}$/u)
      .optional()
      .describe('保密期限（可省略），如 1年、6个月、长期；印作“秘密★1年”'),
  })
  .strict()
  .describe('密级和保密期限（GB/T 9704 §7.2.2；3号黑体，顶格）');

/** §7.2.3 紧急程度. */
export const UrgencySchema = z.enum(URGENCY_LEVELS).describe('紧急程度：特急或加急（GB/T 9704 §7.2.3；3号黑体，顶格）');

/** A local mark line such as 会后收回 (one line, 3号黑体, after 份号/密级/紧急). */
export const MarkSchema = z
  .string()
  .regex(new RegExp(`^[^\\n\\r]{1,${MAX_MARK_CHARS}}$`, 'u'))
  .describe(`首页左上角的标注，如 会后收回、内部资料，注意保存（一行，最多 ${MAX_MARK_CHARS} 字；3号黑体）`);

/** A 份号 in the data: six digits as text. YAML reads 000031 as the number 31, so a number here is refused with a hint. */
export const CopyNumberSchema = z
  .string()
  .regex(new RegExp(`^\\d{${COPY_NUMBER_DIGITS}}$`))
  .describe('份号：6 位数字，须加引号，如 "000031"')
  .meta({ examples: ['000001'] });

/** One recipient of a numbered copy (the register lists them; the watermark prints them). */
export const RecipientSchema = z
  .object({
    name: z.string().regex(/\S/u).describe('领取人（或领取单位）'),
    unit: z.string().optional().describe('所在单位（可省略）'),
  })
  .strict()
  .describe('领取人');

/** A range of 份号 as text: "31-60" or "000031-000060". */
export const CopyRangeSchema = z
  .string()
  .regex(/^\s*\d+\s*-\s*\d+\s*$/)
  .describe('份号范围，如 "31-60"（印 000031 至 000060）');

/** A number of copies: 1 … 999999 (six digits of 份号). */
const CountSchema = z.number().int().min(1).max(MAX_COPY_NUMBER);

/** The full form: the first 份号, a count, and/or the recipients (numbered in order from the first 份号). */
export const CopiesObjectSchema = z
  .object({
    first: CopyNumberSchema.optional().describe('第一份的份号（6 位数字，加引号；默认 "000001"）'),
    count: CountSchema.optional().describe('份数（有领取人列表时须与其人数一致）'),
    recipients: z.array(RecipientSchema).min(1).optional().describe('领取人，按份号顺序'),
  })
  .strict();

/** `copies:` — a count, a range, a recipient list or the full form. */
export const CopiesSchema = z
  .union([
    CountSchema.describe('份数，如 120（印 000001 至 000120）'),
    CopyRangeSchema,
    z.array(RecipientSchema).min(1).describe('领取人列表（份号从 000001 起依次编排）'),
    CopiesObjectSchema,
  ])
  .describe('会议份号：份数、份号范围、领取人列表，或 { first, count, recipients }；命令行 --copies 可覆盖份数和范围');

/** A recipient as the data gives it. */
export type Recipient = z.infer<typeof RecipientSchema>;
/** `copies:` as validated, in any of its forms. */
export type CopiesData = z.infer<typeof CopiesSchema>;
