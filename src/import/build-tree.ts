/**
 * Stage: import — the body tree. Input: classified lines → the report's body (sections with headings, run-in text
 * and paragraphs), attachment titles, and notes for the YAML writer; problems go to the diagnostic sink with the
 * span of their input line.
 *
 * Levels come from nesting: a numbering style seen before returns to its level, a new style opens the next level
 * down. So "1、" directly under "二、" is level 2 and prints as "（一）". With four recognised styles the nesting
 * cannot go deeper than the four levels §7.3.3 allows.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Span } from '../model/types.ts';
import type { Attachment, BodyNode, SectionNode } from '../load/schema.ts';
import type { ClassifiedLine } from './classify-lines.ts';
import { headingNumber, type NumberStyle } from './detect-headings.ts';
import type { SourceLine } from './read-lines.ts';

/** A heading longer than this is probably a sentence that happens to start with a number. */
const HEADING_MAX_CHARS = 40;
/** Sentence ends that close a run-in heading ("（一）筑牢强党根基，培育担当作为干部队伍。一是……"). */
const HEADING_END = /[。？！]/;
/** §7.3.4: 附件名称后不加标点符号. */
const TRAILING_MARKS = /[。，；、：.,;:]+$/;

/** What the YAML writer shows next to a section: the number it will print, and the number as typed. */
export interface SectionNote {
  level: number;
  number: string;
  typed: string;
  /** The printed number differs from the typed one in style or value (not merely in bracket width). */
  renumbered: boolean;
}

/** The tree and what was learnt while building it. */
export interface BuiltBody {
  body: BodyNode[];
  /** Attachment titles; undefined when the input has no 附件 line. */
  attachments: Attachment[] | undefined;
  notes: Map<SectionNode, SectionNote>;
  /** The title and subtitle lines, if the input has them. */
  titleLine: string | undefined;
  subtitles: string[];
  /** 报告人 (“县长　李明华”, one ideographic space between office and name) and 报告日期 (YYYY-MM-DD). */
  speaker?: string;
  speechDate?: string;
}

/** The import context: where diagnostics point, and the punctuation normaliser (counts its changes). */
export interface TreeContext {
  file: string;
  diag: DiagnosticSink;
  normalize(text: string): string;
}

/** Builds the body from classified lines. */
export function buildTree(lines: readonly ClassifiedLine[], ctx: TreeContext): BuiltBody {
  const out: BuiltBody = { body: [], attachments: undefined, notes: new Map(), titleLine: undefined, subtitles: [] };
  const span = (l: SourceLine, from = 0, to = l.end - l.start): Span => ({ file: ctx.file, start: l.start + from, end: l.start + to });
  /** open[k] is the innermost section at level k + 1; styles[k] the numbering style of that level. */
  let open: SectionNode[] = [];
  let styles: NumberStyle[] = [];
  /** Last typed ordinal per level, to notice gaps ("（二）" followed by "（四）"). */
  let ordinals: number[] = [];
  /** Sections so far per level under the current parent: the printed number counts these, not what was typed. */
  let positions: number[] = [];
  const container = (): BodyNode[] => {
    const parent = open.at(-1);
    if (!parent) return out.body;
    parent.body ??= [];
    return parent.body;
  };

  for (const c of lines) {
    switch (c.kind) {
      case 'title':
        out.titleLine = ctx.normalize(c.line.text);
        break;
      case 'subtitle':
        out.subtitles.push(ctx.normalize(c.line.text));
        break;
      case 'speaker':
        // The office and the name stay apart: one U+3000, as meeting reports set it (the normaliser would join them).
        out.speaker = `${ctx.normalize(c.office)}\u3000${ctx.normalize(c.name)}`;
        break;
      case 'speechDate':
        out.speechDate = c.iso;
        break;
      case 'node':
        container().push(c.node);
        break;
      case 'paragraph':
        container().push({ p: ctx.normalize(c.line.text) });
        break;
      case 'attachments':
        out.attachments = [];
        if (c.rest) addAttachment(c.rest, c.line);
        break;
      case 'attachment':
        out.attachments ??= [];
        addAttachment(c.title, c.line);
        break;
      case 'heading': {
        const { numbering, line } = c;
        const known = styles.indexOf(numbering.style);
        const nested = known >= 0 ? known + 1 : styles.length + 1;
        // A Word outline level says the level outright (never deeper than one below the open levels).
        const level = numbering.level !== undefined ? Math.min(numbering.level, styles.length + 1) : nested;
        open = open.slice(0, level - 1);
        styles = [...styles.slice(0, level - 1), numbering.style];
        const expected = (ordinals[level - 1] ?? 0) + 1;
        ordinals = [...ordinals.slice(0, level - 1), numbering.ordinal];
        const position = (positions[level - 1] ?? 0) + 1;
        if (!numbering.untyped && numbering.ordinal !== expected) {
          ctx.diag.warning('import/heading-number-gap', `标题序号不连续：此处应为“${headingNumber(level, expected)}”，原文为“${numbering.label}”`, span(line, 0, numbering.label.length), [
            '序号按层级自动生成，导入后按出现顺序重新编号；请核对是否漏了一节。',
          ]);
        }
        const section = makeSection(ctx.normalize(numbering.rest), line, numbering.length, numbering.headingLength);
        if (!section) break;
        positions = [...positions.slice(0, level - 1), position];
        const printed = headingNumber(level, position);
        // "(一)" and "（一）" are the same number; only a different style or value is worth a note.
        const renumbered = !numbering.untyped && printed !== numbering.label.replace('(', '（').replace(')', '）');
        if (renumbered) {
          ctx.diag.info('import/heading-renumbered', `第 ${level} 层标题“${numbering.label}”将按 GB/T 9704 §7.3.3 编号为“${printed}”`, span(line, 0, numbering.label.length));
        }
        container().push(section);
        out.notes.set(section, { level, number: printed, typed: numbering.untyped ? '' : numbering.label, renumbered });
        open.push(section);
        break;
      }
    }
  }
  return out;

  function makeSection(text: string, line: SourceLine, numberLength: number, headingLength?: number): SectionNode | undefined {
    if (!text) {
      ctx.diag.warning('import/empty-heading', '标题序号后没有文字，已略去', span(line, 0, numberLength));
      return undefined;
    }
    const end = HEADING_END.exec(text);
    const marked = headingLength !== undefined && headingLength > 0 && headingLength < text.length ? headingLength : undefined;
    const heading = marked !== undefined ? text.slice(0, marked) : end && end.index < text.length - 1 ? text.slice(0, end.index + 1) : text;
    const runIn = text.slice(heading.length);
    if ([...heading].length > HEADING_MAX_CHARS) {
      ctx.diag.warning('import/long-heading', `标题较长（${[...heading].length} 字），请确认这一行是标题而不是以序号开头的正文`, span(line, numberLength), [
        '带序号的行按“序号+标题。正文”拆分：第一个句号之前（含句号）是标题，其后是同段正文。',
      ]);
    }
    return runIn ? { heading, runIn } : { heading };
  }

  function addAttachment(typed: string, line: SourceLine): void {
    const normalized = ctx.normalize(typed);
    const title = normalized.replace(TRAILING_MARKS, '');
    if (!title) return;
    if (title !== normalized) ctx.diag.info('import/attachment-title-punctuation', `附件名称末尾的标点已去掉：“${normalized}”`, span(line), ['GB/T 9704 §7.3.4：附件名称后不加标点符号。']);
    out.attachments!.push({ title });
    ctx.diag.warning('import/attachment-without-file', `附件“${title}”还没有对应的文件`, span(line), [
      '在数据文件中为它加上 file: attachments/文件名（放在 data/attachments/ 下），或用 table: figures 生成数据表；不需要时删去此项。',
    ]);
  }
}
