/**
 * Lint rule: the 版头, 主送 and 版记 as written. Input: meta's 版头/版记 fields → warnings at the character or field:
 *  - `lint/recipients-colon`: a 主送机关 line not ending in the full-width colon (§7.3.2 最后一个机关名称后标全角冒号);
 *  - `lint/copy-to-period`: a 抄送 line not ending in 。 (§7.4.2 最后一个抄送机关名称后标句号);
 *  - `lint/list-item-punctuation`: an item of a 主送/抄送/出席 list ending in punctuation (gongwen adds the separators and the end mark);
 *  - `lint/letter-imprint`: a 信函 with 印发机关 or 印发日期 (§10.1 版记不加印发机关和印发日期、分隔线: not printed);
 *  - `lint/letter-signers`: a 信函 with 签发人 (its 版头 has none: not printed);
 *  - `lint/masthead-unused`: 版头 fields (issuer, docNumber, signers) in a meeting material (kind material prints no 版头).
 * A 发文字号 without 〔〕 or with 第 is a data error (src/load/masthead-checks.ts), for build and check alike.
 */
import type { LintContext } from '../context.ts';

const END_PUNCTUATION = new Set([...'，。；：、！？,.;:!?']);

export function checkMasthead(ctx: LintContext): void {
  const meta = ctx.loaded.report.meta;
  const kind = meta.kind ?? 'material';
  endsWith(ctx, meta.recipients, 'recipients', '：', ':', 'lint/recipients-colon', '主送机关应以全角冒号“：”结尾', 'GB/T 9704 §7.3.2：最后一个主送机关名称后标全角冒号。');
  endsWith(ctx, meta.copyTo, 'copyTo', '。', '.', 'lint/copy-to-period', '抄送机关应以句号“。”结尾', 'GB/T 9704 §7.4.2：最后一个抄送机关名称后标句号。');
  for (const [key, names] of [['recipients', meta.recipients], ['copyTo', meta.copyTo], ['issuer', meta.issuer], ['signers', meta.signers]] as const) listItems(ctx, names, ['meta', key]);
  for (const [part, names] of Object.entries(meta.attendance ?? {})) listItems(ctx, names, ['meta', 'attendance', part]);
  if (kind === 'letter') {
    for (const key of ['printedBy', 'printDate'] as const)
      if (meta[key] !== undefined)
        ctx.diag.warning('lint/letter-imprint', '信函格式的版记不加印发机关和印发日期，这一项不会印出', ctx.spanOf(['meta', key]), ['GB/T 9704 §10.1：版记不加印发机关和印发日期、分隔线；删除这一项，或改用 kind: file。']);
    if (meta.signers !== undefined) ctx.diag.warning('lint/letter-signers', '信函格式的版头没有签发人，这一项不会印出', ctx.spanOf(['meta', 'signers']), ['GB/T 9704 §10.1：信函格式的发文字号顶格居版心右边缘，不标注签发人。']);
  }
  if (kind === 'material')
    for (const key of ['issuer', 'issuerSuffix', 'docNumber', 'signers'] as const)
      if (meta[key] !== undefined)
        ctx.diag.warning('lint/masthead-unused', '会议材料（kind: material）不排版头，这一项不会印出', ctx.spanOf(['meta', key]), ['要印红头（发文机关标志、发文字号、红色分隔线），写 kind: file（或 letter、minutes）。']);
}

/** A one-line value must end with `mark` (the half-width twin is the normaliser's finding, not reported again). */
function endsWith(ctx: LintContext, value: string | readonly string[] | undefined, key: string, mark: string, half: string, code: string, message: string, hint: string): void {
  if (typeof value !== 'string') return;
  const text = value.trimEnd();
  if (text.endsWith(mark) || text.endsWith(half)) return;
  const last = [...text].at(-1) ?? '';
  const index = Math.max(0, text.length - last.length);
  ctx.warnAt(code, `${message}${last && END_PUNCTUATION.has(last) ? `（此处为“${last}”）` : ''}`, ['meta', key], index, last.length || 1, [hint]);
}

/** Items of a list get their separators and end mark from gongwen: an item's own trailing mark would double it. */
function listItems(ctx: LintContext, value: string | readonly string[] | undefined, path: (string | number)[]): void {
  if (typeof value === 'string' || !value) return;
  value.forEach((item, i) => {
    const text = item.trimEnd();
    const last = [...text].at(-1);
    if (last === undefined || !END_PUNCTUATION.has(last)) return;
    ctx.warnAt('lint/list-item-punctuation', `列表中的名称末尾不加标点（此处为“${last}”）`, [...path, i], text.length - last.length, last.length, [
      '写成列表时，gongwen 在名称之间加逗号（出席名单加顿号），末尾加冒号或句号。',
    ]);
  });
}
