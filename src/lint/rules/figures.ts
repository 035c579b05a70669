/**
 * Lint rule: the report's figures. Input: `figures` and `relations` → diagnostics:
 *  - `lint/duplicate-figure` (error): two figures with one id (relations could not tell them apart);
 *  - `lint/unknown-figure` (error): a relation names an id that no figure has;
 *  - `lint/total-mismatch` (warning): a stated total differs from the sum of its parts (364 = 283 + 81);
 *  - `lint/figure-not-in-text` (warning): a figure's text (default value + unit) does not occur in the body, or
 *    only as the tail of a longer number (72个 inside 172个); a figure a body table prints by id (`{ figure: id }`)
 *    is in the text. (A table cell naming an unknown id is an error of every build: src/media/body-content.ts.)
 */
import type { Figure } from '../../load/schema.ts';
import { isDigit } from '../chars.ts';
import { figureCells } from '../../load/body-nodes.ts';
import type { LintContext } from '../context.ts';

/** Sums are compared after rounding away binary noise (0.1 + 0.2). */
const round = (x: number) => Math.round(x * 1e9) / 1e9;

export function checkFigures(ctx: LintContext): void {
  const figures = ctx.loaded.report.figures ?? [];
  const byId = new Map<string, Figure>();
  figures.forEach((f, i) => {
    if (byId.has(f.id)) ctx.diag.error('lint/duplicate-figure', `数据标识“${f.id}”重复`, ctx.spanOf(['figures', i, 'id']), ['每项数据的 id 必须唯一。']);
    else byId.set(f.id, f);
  });
  checkRelations(ctx, byId);
  checkFiguresInText(ctx, figures);
}

function checkRelations(ctx: LintContext, byId: Map<string, Figure>): void {
  (ctx.loaded.report.relations ?? []).forEach((rel, r) => {
    const ids: [string, (string | number)[]][] = [[rel.total, ['relations', r, 'total']], ...rel.parts.map((p, j): [string, (string | number)[]] => [p, ['relations', r, 'parts', j]])];
    let known = true;
    for (const [id, path] of ids) {
      if (byId.has(id)) continue;
      known = false;
      ctx.diag.error('lint/unknown-figure', `合计关系引用了不存在的数据“${id}”`, ctx.spanOf(path), [`可用的标识：${[...byId.keys()].slice(0, 8).join('、')}${byId.size > 8 ? ' …' : ''}`]);
    }
    if (!known) return;
    const total = byId.get(rel.total)!;
    const parts = rel.parts.map((p) => byId.get(p)!);
    const sum = round(parts.reduce((s, f) => s + f.value, 0));
    if (sum === round(total.value)) return;
    ctx.diag.warning(
      'lint/total-mismatch',
      `合计不符：${total.item} ${total.value}${total.unit}，分项之和为 ${sum}（${parts.map((f) => f.value).join(' + ')}）`,
      ctx.spanOf(['relations', r]),
      [`核对正文中的数字：${[total, ...parts].map((f) => `${f.item} ${f.value}${f.unit}`).join('；')}。`],
    );
  });
}

function checkFiguresInText(ctx: LintContext, figures: readonly Figure[]): void {
  const body = ctx.fields.filter((f) => f.kind === 'paragraph' || f.kind === 'heading' || f.kind === 'runIn' || f.kind === 'tableText').map((f) => f.text).join('\n');
  const inTables = new Set(figureCells(ctx.loaded.report.body).map((c) => c.id));
  figures.forEach((f, i) => {
    if (inTables.has(f.id)) return;
    const needle = f.text ?? `${f.value}${f.unit}`;
    if (occursAsWholeNumber(body, needle)) return;
    ctx.diag.warning('lint/figure-not-in-text', `数据“${f.item}”（${needle}）在正文中找不到`, ctx.spanOf(['figures', i, f.text !== undefined ? 'text' : 'value']), [
      '数值或单位与正文不一致时请改正；正文写法不同于“数值+单位”时，用 text 写出正文原文（如“200余家”）。',
    ]);
  });
}

/** Whether `needle` occurs in `text` not preceded by a digit or decimal point (72个 is not in 172个). */
function occursAsWholeNumber(text: string, needle: string): boolean {
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    const before = text[i - 1];
    if (!isDigit(needle[0]) || !(isDigit(before) || before === '.')) return true;
  }
  return false;
}
