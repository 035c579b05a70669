/**
 * Stage: render. Input: the report data of one edition (+ spans) and the templates → DocModel.
 * Template failures become diagnostics at the `.hbs` file and line; a markup problem caused by a data node (its
 * element carries the node's span) is reported at that node; the build stops after them.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Report } from '../load/schema.ts';
import type { DocModel, Edition } from '../model/types.ts';
import { TemplateError, type TemplateEngine } from '../templating/engine.ts';
import type { World } from '../world.ts';
import { renderTemplate } from './env.ts';
import { parseMarkup } from './markup.ts';
import { MarkupError } from './markup-frame.ts';
import { buildView, type SpanOf } from './view.ts';
import type { ReportContent } from '../media/types.ts';

export interface RenderInput {
  report: Report;
  edition: Edition;
  /** Spans into the data file (the same paths hold in every edition). */
  spanOf: SpanOf;
  dataFile: string;
  /** Converts template literal text for the edition (identity for zh-Hans). */
  literal: (s: string) => string;
  /** Traditional variant, for the document language tag. */
  variant?: 'tw' | 'hk';
  /** Picture sizes and printed attachments (the content stage's). */
  content?: ReportContent;
}

/** Renders templates/report.hbs into the document model; returns undefined after reporting errors. */
export function renderModel(input: RenderInput, engine: TemplateEngine, world: World, diag: DiagnosticSink): { model: DocModel; markup: string } | undefined {
  let markup = '';
  try {
    markup = renderTemplate(engine, world, 'report', buildView(input.report, input.spanOf, input.content), input.literal);
    const blocks = parseMarkup(markup, input.dataFile);
    const language = input.edition === 'zh-Hans' ? 'zh-CN' : input.variant === 'hk' ? 'zh-HK' : 'zh-TW';
    const meta = input.report.meta;
    return {
      model: { meta: { title: meta.title, organ: meta.organ ?? '', date: meta.date ?? '', edition: input.edition, language }, blocks },
      markup,
    };
  } catch (e) {
    if (e instanceof TemplateError) {
      diag.error('render/template', e.message, e.span, [`Handlebars：${e.detail}`]);
      return undefined;
    }
    if (e instanceof MarkupError) {
      const where = `模板输出的标记第 ${e.line} 行第 ${e.column} 列`;
      if (e.origin) diag.error('render/markup-data', `这项数据无法排版（${where}）：${e.message}`, e.origin, ['检查这项数据中的特殊字符；用 --emit markup 查看模板输出（out/debug/）。']);
      else diag.error('render/markup', `模板输出的标记无效（${where}）：${e.message}`, undefined, ['用 --emit markup 查看模板输出（out/debug/），再检查 templates/ 中输出它的模板。']);
      return undefined;
    }
    throw e;
  }
}
