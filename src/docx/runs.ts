/**
 * Stage: DOCX writer — runs. Input: composed texts (text + font role) and the role of the paragraph's style →
 * `docx` TextRuns. A run in the paragraph's own role carries no formatting at all (the style sets it); a run in
 * another role (e.g. the body text after a run-in heading) gets that role's character style.
 */
import { Tab, TextRun } from 'docx';
import type { ComposedText } from '../model/composed.ts';
import type { FontRole } from '../model/types.ts';
import { roleCharStyle } from './styles.ts';

/**
 * Characters whose Unicode class is shared by Latin and CJK fonts (quotes, dashes, ellipsis, middle dot): Word picks
 * the Latin font for them unless the run says `w:hint="eastAsia"` (users.md §9, docformat-gui#31).
 */
const AMBIGUOUS = /[\u2013-\u2027\u00b7\u00b0\u00d7\u00f7\u2030-\u2033\u203b\u2116\u2160-\u217f\u2190-\u21ff\u2460-\u24ff\u25a0-\u25ff]/u;

/** Collects which roles need a character style (filled while runs are made). */
export type RoleUse = Set<FontRole>;

/** One run of a composed text inside a paragraph whose style is in `paragraphRole`. */
export function textRun(text: ComposedText, paragraphRole: FontRole, used: RoleUse, sizeHalfPoints?: number): TextRun {
  return new TextRun({ ...runOptions(text.text, text.role, paragraphRole, used), ...(sizeHalfPoints !== undefined ? { size: sizeHalfPoints } : {}) });
}

function runOptions(text: string, role: FontRole, paragraphRole: FontRole, used: RoleUse) {
  const style = role === paragraphRole ? {} : (used.add(role), { style: roleCharStyle(role) });
  const hint = AMBIGUOUS.test(text) ? { font: { hint: 'eastAsia' } } : {};
  return { text, ...style, ...hint };
}

/** Lines separated by line breaks (`w:br`), e.g. a title split into a trapezoid by the composition. */
export function lineRuns(lines: readonly ComposedText[], paragraphRole: FontRole, used: RoleUse): TextRun[] {
  return lines.map((line, i) => (i === 0 ? textRun(line, paragraphRole, used) : new TextRun({ ...runOptions(line.text, line.role, paragraphRole, used), break: 1 })));
}

/** Runs of a paragraph: empty texts dropped, neighbours in one role merged (a heading's number and text are one run). */
export function composedRuns(texts: readonly ComposedText[], paragraphRole: FontRole, used: RoleUse): TextRun[] {
  const merged: { text: string; role: FontRole }[] = [];
  for (const t of texts) {
    if (t.text.length === 0) continue;
    const last = merged.at(-1);
    if (last && last.role === t.role) last.text += t.text;
    else merged.push({ text: t.text, role: t.role });
  }
  return merged.map((m) => new TextRun(runOptions(m.text, m.role, paragraphRole, used)));
}

/** A tab (hanging-indent stop of 附件说明). */
export function tabRun(): TextRun {
  return new TextRun({ children: [new Tab()] });
}
