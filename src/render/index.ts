/**
 * Stage: render. Input: the report data of one edition (+ spans) and the templates → DocModel.
 * Template failures become diagnostics at the `.hbs` file and line; the build stops after them.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Report } from '../load/schema.ts';
import type { DocModel, Edition } from '../model/types.ts';
import type { World } from '../world.ts';
import { loadTemplates, TemplateError } from './env.ts';
import { MarkupError, parseMarkup } from './markup.ts';
import { buildView, type SpanOf } from './view.ts';

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
}

/** Renders templates/report.hbs into the document model; returns undefined after reporting errors. */
export function renderModel(input: RenderInput, world: World, diag: DiagnosticSink): { model: DocModel; markup: string } | undefined {
  let markup = '';
  try {
    const templates = loadTemplates(world, input.literal);
    markup = templates.render('report', buildView(input.report, input.spanOf));
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
      diag.error('render/markup', `模板输出的标记无效（第 ${e.line} 行第 ${e.column} 列）：${e.message}`, { file: 'templates/report.hbs', start: 0, end: 0 }, [
        '用 --emit markup 查看模板输出（out/debug/）。',
      ]);
      return undefined;
    }
    throw e;
  }
}
