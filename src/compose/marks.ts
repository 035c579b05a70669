/**
 * Stage: compose — the mark lines above the title. Input: the model's marks block (密级和保密期限, 紧急程度, a local
 * mark) and, for a build of numbered copies, the 份号 → one MarkLinesBlock (each line's role, size and start from
 * the table in src/gbt9704/marks.ts, the 份号 on line 1 per §7.2.1) followed by the gap before the title; and the
 * watermark lines of the copies. The block stays a block of its own, so a 版头 can later be placed below it.
 */
import { MARKS_GAP_LINES, MARK_LINE, WATERMARK, type MarkPart } from '../gbt9704/marks.ts';
import type { ComposedBlock, ComposedText, MarkLinesBlock } from '../model/composed.ts';
import type { MarksBlock, Span } from '../model/types.ts';
import { composedText } from './text.ts';

const markLine = (part: MarkPart, text: string, origin: Span | undefined, generated = false): MarkLinesBlock['lines'][number] => ({
  part,
  text: composedText(text, MARK_LINE[part], origin, generated),
  startCells: MARK_LINE[part].startCells,
});

const gap = (): ComposedBlock[] => Array.from({ length: MARKS_GAP_LINES }, () => ({ kind: 'blank' as const }));

/** The model's mark lines (an empty block composes to nothing, so no gap is left either). */
export function composeMarks(block: MarksBlock): ComposedBlock[] {
  if (block.lines.length === 0) return [];
  return [{ kind: 'marks', lines: block.lines.map((l) => markLine(l.part, l.text, l.origin)) }, ...gap()];
}

/**
 * The blocks with the 份号 line put first in the mark lines (§7.2.1 版心左上角第一行); a document without other marks
 * gets a mark block of its own at the top. `copyNumber` is six digits: a real 份号 or the layout's placeholder.
 */
export function withCopyNumber(blocks: readonly ComposedBlock[], copyNumber: string): ComposedBlock[] {
  const line = markLine('copyNumber', copyNumber, undefined, true);
  const at = blocks.findIndex((b) => b.kind === 'marks');
  const found = blocks[at];
  if (found?.kind !== 'marks') return [{ kind: 'marks', lines: [line] }, ...gap(), ...blocks];
  return blocks.map((b, i) => (i === at ? { ...found, lines: [line, ...found.lines] } : b));
}

/** One watermark line per copy (“000031 张三 某单位”), pointing at the recipient in the data for glyph diagnostics. */
export function watermarkTexts(lines: readonly { text: string; origin?: Span }[]): ComposedText[] {
  return lines.map((l) => composedText(l.text, { role: WATERMARK.role, sizePt: WATERMARK.maxSizePt }, l.origin));
}
