/**
 * Stage: load — the report data schema. One zod source gives the TypeScript type (`Report`), the validator
 * and the published JSON Schema (draft-07) that editors use for completion (`gongwen schema`).
 * Field names are English; each carries its GB/T 9704 / Chinese name in `describe()` (shown on hover).
 */
import { z } from 'zod';
import { CopiesSchema, MarkSchema, SecretSchema, UrgencySchema } from './marks-schema.ts';
import { MastheadFields } from './masthead-schema.ts';

const text = (what: string) => z.string().describe(what);

/** 正文段落: one paragraph of body text. */
export const ParagraphSchema = z
  .object({ p: text('正文段落（一段一项；标点用全角）') })
  .strict()
  .describe('段落');

export interface ParagraphNode {
  p: string;
}

/**
 * 小节: a numbered heading with its content. The number (一、（一）1.（1）) is generated from the nesting,
 * never stored. `runIn` is text that continues the heading's paragraph (标题后接正文，同一段).
 */
export interface SectionNode {
  heading: string;
  runIn?: string | undefined;
  body?: BodyNode[] | undefined;
}

/** A table cell: text, a number, or a figure by id (prints the figure's value and unit, §9 GB/T 15835 digits). */
export type TableCellValue = string | number | { figure: string };

/** 正文表格 (§8 表格; common practice: caption above, header repeated on every page). */
export interface TableNode {
  table: {
    caption?: string | undefined;
    columns: string[];
    rows: TableCellValue[][];
    widths?: number[] | undefined;
    align?: ('left' | 'center' | 'right')[] | undefined;
    landscape?: boolean | undefined;
    size?: '3号' | '4号' | undefined;
  };
}

/** 正文插图: a PNG, JPEG or SVG file under data/, scaled into the 版心, caption below. */
export interface ImageNode {
  image: { file: string; caption?: string | undefined; width?: number | undefined };
}

export type BodyNode = ParagraphNode | SectionNode | TableNode | ImageNode;

/** A table cell value: a figure reference. */
export const FigureCellSchema = z.object({ figure: z.string().describe('数据标识（figures 中的 id）：印出该数据的数值和单位') }).strict();

export const TableSchema: z.ZodType<TableNode> = z
  .object({
    table: z
      .object({
        caption: text('表题（表格上方居中，黑体）').optional(),
        columns: z.array(z.string()).min(1).describe('表头：各列标题'),
        rows: z.array(z.array(z.union([z.string(), z.number(), FigureCellSchema]))).describe('表体：每行一个数组，与表头列数相同；单元格可为文字、数字或 { figure: 标识 }'),
        widths: z.array(z.number().positive()).optional().describe('各列宽度比例（如 [1, 3, 2]）；不写时按内容计算'),
        align: z.array(z.enum(['left', 'center', 'right'])).optional().describe('各列对齐：left、center、right；不写时数字列右对齐、其余左对齐'),
        landscape: z.boolean().optional().describe('横排（§8）：true 时排在横向页面上；过宽的表格自动横排'),
        size: z.enum(['3号', '4号']).optional().describe('表格文字字号，默认 4号'),
      })
      .strict(),
  })
  .strict()
  .describe('表格');

export const ImageSchema: z.ZodType<ImageNode> = z
  .object({
    image: z
      .object({
        file: text('图片文件（PNG、JPEG 或 SVG），相对于数据文件所在目录，须在 data/ 下，如 images/图1.png'),
        caption: text('图题（图片下方居中）').optional(),
        width: z.number().positive().optional().describe('印刷宽度，毫米（不超过版心宽 156）；不写时为版心宽'),
      })
      .strict(),
  })
  .strict()
  .describe('图片');

export const SectionSchema: z.ZodType<SectionNode> = z.lazy(() =>
  z
    .object({
      heading: text('小节标题，不含序号（序号按层级自动生成：一、（一）1.（1））'),
      runIn: text('与标题同段、紧接标题的正文（如“（一）标题。一是……”）').optional(),
      body: z.array(BodyNodeSchema).optional().describe('小节内容：段落、表格、图片和下级小节'),
    })
    .strict()
    .describe('小节'),
);

export const BodyNodeSchema: z.ZodType<BodyNode> = z.lazy(() => z.union([ParagraphSchema, SectionSchema, TableSchema, ImageSchema]));

/** A fact the text states, with a name and a unit; the generated data table and the total checks use it. */
export const FigureSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/).describe('标识（小写字母、数字、下划线）'),
    category: text('类别'),
    item: text('项目'),
    value: z.number().describe('数值（须在正文中出现）'),
    unit: text('单位（如 人、户、元、亩、个）'),
    text: text('正文中的原文写法（默认为数值加单位，如“775户”）').optional(),
  })
  .strict();

/** A stated total: total = sum of parts (checked by `gongwen check`). */
export const RelationSchema = z
  .object({
    total: z.string().describe('合计项的标识'),
    parts: z.array(z.string()).min(2).describe('分项的标识'),
  })
  .strict();

/** An attachment: generated from the report's figures, or an external file under data/attachments/. */
export const AttachmentSchema = z
  .object({
    title: text('附件名称（附件说明与附件页标题一致，末尾不加标点）'),
    table: z.literal('figures').optional().describe('生成的数据表：figures = 正文中数据一览表'),
    file: text('外部附件文件，相对于数据文件所在目录（须在 data/attachments/ 下）').optional(),
    print: z.boolean().optional().describe('是否印在公文附件页上（默认 true；false 时只列入附件说明和下载包）'),
  })
  .strict();

export const MetaSchema = z
  .object({
    id: z
      .string()
      .regex(/^[\p{L}\p{N}_-]+$/u)
      .describe('输出文件名（不含扩展名），如 柞市镇2021年工作总结和2022年工作计划'),
    title: text('标题（2号小标宋，居中）'),
    subtitle: z.array(z.string()).optional().describe('标题下的副标题、报告人、日期行（3号楷体，居中）'),
    speaker: text('报告人行，如“县长　李明华”（标题下居中，3号楷体）').optional(),
    speechDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe('报告日期 YYYY-MM-DD，排为标题下的“（2022年1月5日）”'),
    organ: text('发文机关署名（可为空）').optional(),
    date: z
      .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)])
      .optional()
      .describe('成文日期，YYYY-MM-DD（可为空）'),
    secret: SecretSchema.optional(),
    urgency: UrgencySchema.optional(),
    mark: MarkSchema.optional(),
    ...MastheadFields,
  })
  .strict();

export const ReportSchema = z
  .object({
    meta: MetaSchema,
    body: z.array(BodyNodeSchema).min(1).describe('正文：段落、小节、表格和图片'),
    figures: z.array(FigureSchema).optional().describe('正文所述数据（用于数据一览表与合计核对）'),
    relations: z.array(RelationSchema).optional().describe('合计关系：total = parts 之和'),
    attachments: z.array(AttachmentSchema).optional().describe('附件（附件说明按此顺序列出）'),
    copies: CopiesSchema.optional(),
  })
  .strict();

export type Report = z.infer<typeof ReportSchema>;
export type Figure = z.infer<typeof FigureSchema>;
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Heading depth limit: §7.3.3 defines four levels. */
export const MAX_HEADING_LEVEL = 4;

/** The JSON Schema (draft-07) for editors. */
export function reportJsonSchema(): object {
  return z.toJSONSchema(ReportSchema, { target: 'draft-7', io: 'input' });
}
