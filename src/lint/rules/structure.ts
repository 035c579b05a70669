/**
 * Lint rule: document structure. Input: the body tree and attachment titles → diagnostics:
 *  - `lint/heading-depth` (error): a fifth heading level; GB/T 9704 §7.3.3 numbers four (一、（一）1.（1））;
 *  - `lint/attachment-title-punctuation` (warning): an attachment title ending in punctuation, which §7.3.4 forbids
 *    (“附件名称后不加标点符号”). Closing brackets and quotes may end a title.
 */
import type { BodyNode } from '../../load/schema.ts';
import { MAX_HEADING_LEVEL } from '../../load/schema.ts';
import type { DataPath } from '../../load/types.ts';
import { isSectionNode } from '../../load/body-nodes.ts';
import type { LintContext } from '../context.ts';

const TRAILING_PUNCTUATION = new Set([...'，。；：、！？,.;:!?…—']);

export function checkHeadingDepth(ctx: LintContext): void {
  const walk = (nodes: readonly BodyNode[], base: DataPath, level: number) => {
    nodes.forEach((node, i) => {
      if (!isSectionNode(node)) return;
      const path = [...base, i];
      if (level > MAX_HEADING_LEVEL) {
        ctx.diag.error('lint/heading-depth', `标题层级超过${MAX_HEADING_LEVEL}层（此为第${level}层）`, ctx.spanOf([...path, 'heading']), [
          'GB/T 9704 §7.3.3 规定标题依次用“一、”“（一）”“1.”“（1）”四层；请合并层级或改为正文段落。',
        ]);
        return; // deeper headings are inside this one: one error is enough
      }
      if (node.body) walk(node.body, [...path, 'body'], level + 1);
    });
  };
  walk(ctx.loaded.report.body, ['body'], 1);
}

export function checkAttachmentTitles(ctx: LintContext): void {
  (ctx.loaded.report.attachments ?? []).forEach((a, i) => {
    const chars = [...a.title.trimEnd()];
    const last = chars[chars.length - 1];
    if (last === undefined || !TRAILING_PUNCTUATION.has(last)) return;
    const index = a.title.trimEnd().length - last.length;
    ctx.warnAt('lint/attachment-title-punctuation', `附件名称末尾不加标点（此处为“${last}”）`, ['attachments', i, 'title'], index, last.length, [
      'GB/T 9704 §7.3.4：附件名称后不加标点符号。',
    ]);
  });
}
