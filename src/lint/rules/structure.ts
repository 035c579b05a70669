/**
 * Lint rule: document structure. Input: the attachment titles → diagnostics:
 *  - `lint/attachment-title-punctuation` (warning): an attachment title ending in punctuation, which §7.3.4 forbids
 *    (“附件名称后不加标点符号”). Closing brackets and quotes may end a title.
 * A fifth heading level (§7.3.3) is a data error found when the data loads (src/load/validate.ts), for build and
 * check alike.
 */
import type { LintContext } from '../context.ts';

const TRAILING_PUNCTUATION = new Set([...'，。；：、！？,.;:!?…—']);

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
