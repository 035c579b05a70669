/**
 * Stage: import — line roles. Input: the input's lines (already Simplified) → what each line is: the title and
 * subtitle lines, a numbered heading, a body paragraph, the 附件 line, or an attachment title after it.
 * Pure and position-based; the nesting of headings is decided later (build-tree.ts).
 */
import { detectNumbering, type Numbering } from './detect-headings.ts';
import type { SourceLine } from './read-lines.ts';

/** A line and its role. */
export type ClassifiedLine =
  | { kind: 'title'; line: SourceLine }
  | { kind: 'subtitle'; line: SourceLine }
  | { kind: 'heading'; line: SourceLine; numbering: Numbering }
  | { kind: 'paragraph'; line: SourceLine }
  /** The 附件 line; `rest` is a first title on the same line ("附件：1. XXXXX"), without its number. */
  | { kind: 'attachments'; line: SourceLine; rest: string }
  | { kind: 'attachment'; line: SourceLine; title: string };

/** A title line is short (a 2号 title wraps after ~20 characters; 40 allows two lines) and has no sentence marks. */
export const TITLE_MAX_CHARS = 40;
const SENTENCE_MARK = /[。，；：？！,;:?!]|\.(?!\d)/;
/** "附件：" / "附件下载:" (§7.3.4 附件说明), optionally followed by the first title on the same line. */
const ATTACHMENTS = /^附件(?:下载)?\s*[:：]\s*(.*)$|^附件(?:下载)?$/;
/** The "1." / "2、" numbers of an attachment list (§7.3.4 "附件：1. XXXXX"); regenerated on output. */
const ATTACHMENT_NUMBER = /^(?:附件\s*)?\d{1,2}\s*(?:[.．、:：]\s*|\s+)/;

/** Assigns a role to every line. */
export function classifyLines(lines: readonly SourceLine[]): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  let inAttachments = false;
  lines.forEach((line, i) => {
    if (inAttachments) {
      out.push({ kind: 'attachment', line, title: line.text.replace(ATTACHMENT_NUMBER, '') });
      return;
    }
    const attachments = ATTACHMENTS.exec(line.text);
    if (attachments) {
      inAttachments = true;
      out.push({ kind: 'attachments', line, rest: (attachments[1]?.trim() ?? '').replace(ATTACHMENT_NUMBER, '') });
      return;
    }
    const numbering = detectNumbering(line.text);
    if (numbering) out.push({ kind: 'heading', line, numbering });
    else if (i === 0 && isTitleLike(line.text)) out.push({ kind: 'title', line });
    else if (out.length > 0 && out.every((c) => c.kind === 'title' || c.kind === 'subtitle') && out[0]?.kind === 'title' && isSubtitleLike(line.text))
      out.push({ kind: 'subtitle', line });
    else out.push({ kind: 'paragraph', line });
  });
  return out;
}

/** An optional first line: short, unnumbered, without sentence punctuation. */
export function isTitleLike(text: string): boolean {
  return [...text].length <= TITLE_MAX_CHARS && !SENTENCE_MARK.test(text);
}

/** Lines right under the title such as "——在镇人民代表大会上" or "（2022年1月5日）" (meeting-report practice). */
function isSubtitleLike(text: string): boolean {
  if ([...text].length > TITLE_MAX_CHARS) return false;
  return /^(?:——|--)/.test(text) || /^[（(][^）)]*[）)]$/.test(text);
}
