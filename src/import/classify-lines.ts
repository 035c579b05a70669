/**
 * Stage: import — line roles. Input: the input's lines (already Simplified), with what a Word file says about them
 * (outline level, centring) when it is one → what each line is: the title, subtitle, speaker and date lines under
 * it, a numbered heading, a body paragraph, the 附件 line, or an attachment title after it.
 * Pure and position-based; the nesting of headings is decided later (build-tree.ts).
 */
import { detectNumbering, outlineNumbering, type Numbering } from './detect-headings.ts';
import type { SourceLine } from './read-lines.ts';
import type { BodyNode } from '../load/schema.ts';

/** What a Word paragraph adds to its text (none for a text file). */
export interface LineHint {
  /** 0-based outline level (0 = 一、) from the paragraph or its style. */
  outlineLevel?: number;
  centred?: boolean;
  /** Length of a run-in heading's heading part after its number (its bold lead), when the file marks it. */
  headingLength?: number;
}

/** A line and its role. */
export type ClassifiedLine =
  | { kind: 'title'; line: SourceLine }
  | { kind: 'subtitle'; line: SourceLine }
  /** 报告人 “县长　李明华”: the office and the name. */
  | { kind: 'speaker'; line: SourceLine; office: string; name: string }
  /** 报告日期 “（2022年1月5日）” as YYYY-MM-DD. */
  | { kind: 'speechDate'; line: SourceLine; iso: string }
  | { kind: 'heading'; line: SourceLine; numbering: Numbering }
  | { kind: 'paragraph'; line: SourceLine }
  /** The 附件 line; `rest` is a first title on the same line ("附件：1. XXXXX"), without its number. */
  | { kind: 'attachments'; line: SourceLine; rest: string }
  | { kind: 'attachment'; line: SourceLine; title: string }
  /** A table or picture of a Word file, in its place among the lines. */
  | { kind: 'node'; line: SourceLine; node: BodyNode };

/** A title line is short (a 2号 title wraps after ~20 characters; 40 allows two lines) and has no sentence marks. */
export const TITLE_MAX_CHARS = 40;
const SENTENCE_MARK = /[。，；：？！,;:?!]|\.(?!\d)/;
/** "附件：" / "附件下载:" (§7.3.4 附件说明), optionally followed by the first title on the same line. */
const ATTACHMENTS = /^附件(?:下载)?\s*[:：]\s*(.*)$|^附件(?:下载)?$/;
/** The "1." / "2、" numbers of an attachment list (§7.3.4 "附件：1. XXXXX"); regenerated on output. */
const ATTACHMENT_NUMBER = /^(?:附件\s*)?\d{1,2}\s*(?:[.．、:：]\s*|\s+)/;

/** A date line under a title: “（2022年1月5日）” or “2022年1月5日”. */
const DATE_LINE = /^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$/;
/** A speaker line: an office and a name apart by spaces (“县长　李明华”, “镇党委书记 张三”). */
const SPEAKER_LINE = /^(\p{Script=Han}{2,14})[\s\u3000]+(\p{Script=Han}{2,4}(?:[·•]\p{Script=Han}{1,6})?)$/u;

/** The ISO date of a date line, or undefined (also for impossible dates). */
export function dateLineIso(text: string): string | undefined {
  const m = DATE_LINE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Assigns a role to every line; `hints[i]` is what a Word file says about line i. */
export function classifyLines(lines: readonly SourceLine[], hints: readonly (LineHint | undefined)[] = []): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  let inAttachments = false;
  lines.forEach((line, i) => {
    const hint = hints[i];
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
    const inTitleBlock = out.length > 0 && out[0]?.kind === 'title' && out.every((c) => c.kind === 'title' || c.kind === 'subtitle' || c.kind === 'speaker' || c.kind === 'speechDate');
    const iso = inTitleBlock ? dateLineIso(line.text) : undefined;
    const speaker = inTitleBlock ? SPEAKER_LINE.exec(line.text) : null;
    const typed = detectNumbering(line.text);
    const numbering = typed ?? (hint?.outlineLevel !== undefined && hint.outlineLevel < 4 && !(i === 0 && hint.centred) ? outlineNumbering(line.text, hint.outlineLevel) : undefined);
    if (numbering && hint?.outlineLevel !== undefined && hint.outlineLevel < 4) numbering.level = hint.outlineLevel + 1;
    if (numbering && hint?.headingLength !== undefined) numbering.headingLength = hint.headingLength;
    if (iso) out.push({ kind: 'speechDate', line, iso });
    else if (speaker && !typed) out.push({ kind: 'speaker', line, office: speaker[1] ?? '', name: speaker[2] ?? '' });
    else if (numbering) out.push({ kind: 'heading', line, numbering });
    else if (i === 0 && (isTitleLike(line.text) || hint?.centred)) out.push({ kind: 'title', line });
    else if (inTitleBlock && (isSubtitleLike(line.text) || (hint?.centred && [...line.text].length <= TITLE_MAX_CHARS))) out.push({ kind: 'subtitle', line });
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
