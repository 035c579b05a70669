/**
 * Stage: revision note (`gongwen changes --since`). Input: the text changes between the copies already handed out
 * and the current data → a 修改说明 for the people holding the old copies: one numbered item per change, citing the
 * page and place in the OLD copy (old page, old section number, old paragraph count), in the form
 *
 *   1.第3页“（二）突出宜居理念，营造良好生态文明环境。”第1段：原为“改厕任务数为775户”，现为“改厕任务数为776户”。
 *
 * as Markdown, or as a DocModel that the pipeline's back half (compileModel) sets in the official format — the same
 * fonts, grid, title rules and page numbers as the report itself.
 */
import type { DocModel, Edition } from '../model/types.ts';
import type { PartRef, TextChange } from './compare.ts';
import { groupChanges, numberRanges } from './format.ts';

/** What a note says besides its items, and who issues it. */
export interface RevisionNote {
  /** 关于《…》的修改说明 */
  title: string;
  /** The sentence before the items. */
  intro: string;
  /** 发文机关署名 and 成文日期 (Chinese form), either may be empty. */
  organ: string;
  date: string;
  /** 成文日期 as YYYY-MM-DD (document metadata), or ''. */
  isoDate: string;
  edition: Edition;
  entries: string[];
}

/** How the old copy names a part. */
function place(p: PartRef): string {
  switch (p.kind) {
    case 'title':
      return '标题';
    case 'opening':
      return '开头部分';
    case 'attachmentNote':
      return '附件说明';
    case 'signature':
      return '署名和日期';
    case 'attachment':
      return `${p.number}“${p.heading}”`;
    case 'heading':
      return `“${p.number}${p.heading}”`;
  }
}

const firstWords = (s: string, n = 15) => ([...s].length > n ? `${[...s].slice(0, n).join('')}……` : s);

/** The entries of a note, each with the old page it concerns, in the order of the old copy. */
export function revisionEntries(changes: readonly TextChange[]): string[] {
  const entries: { page: number; text: string }[] = [];
  // A quote ending a sentence (。”) ends the item: no second 。 after the closing quote.
  const add = (page: number, text: string) => entries.push({ page, text: `第${page}页${text}`.replace(/([。！？])”。$/, '$1”') });
  for (const group of groupChanges(changes)) {
    if (group.type === 'rows') {
      // Many rows of one table: one item, the new table stands.
      const pages = group.changes.flatMap((r) => r.excerpts.map((e) => e.oldPage));
      const [from, to] = [Math.min(...pages), Math.max(...pages)];
      entries.push({ page: from, text: `第${from === to ? from : `${from}至${to}`}页${place(group.changes[0]!.oldPart)}：第${numberRanges(group.changes.map((r) => r.oldIndex))}行有修改，以新印发的附件为准。` });
      continue;
    }
    if (group.type === 'renumbered') {
      // 原“（三）”至“（五）”依次改为“（四）”至“（六）”.
      const [first, last] = [group.changes[0]!, group.changes.at(-1)!];
      if (first === last) add(first.from.page, `${place(first.from)}：序号改为“${first.to.number}”。`);
      else add(first.from.page, `起：原“${first.from.number}”至“${last.from.number}”依次改为“${first.to.number}”至“${last.to.number}”。`);
      continue;
    }
    const c = group.change;
    switch (c.type) {
      case 'paragraphEdited':
        for (const e of c.excerpts) add(e.oldPage, `${place(c.oldPart)}第${c.oldIndex}${c.noun}：原为“${e.old}”，现为“${e.new}”。`);
        break;
      case 'paragraphAdded': {
        const where = c.afterOldIndex === 0 ? (c.oldPart.kind === 'heading' ? '标题后' : '开头') : `第${c.afterOldIndex}${c.noun}后`;
        add(c.oldPage, `${place(c.oldPart)}${where}：增加一${c.noun}，内容为“${c.text}”。`);
        break;
      }
      case 'paragraphRemoved':
        add(c.oldPage, `${place(c.oldPart)}：删去第${c.oldIndex}${c.noun}（“${firstWords(c.text)}”）。`);
        break;
      case 'sectionAdded': {
        const content = c.paragraphs.length > 0 ? `，内容为“${c.paragraphs.join('')}”` : '';
        add(c.oldPage, `${c.after ? `${place(c.after)}一节之后` : ''}：增加一节“${c.part.number}${c.part.heading}”${content}。`);
        break;
      }
      case 'sectionRemoved':
        add(c.part.page, `：删去${place(c.part)}一节。`);
        break;
      case 'headingEdited':
        add(c.from.page, `${c.from.kind === 'title' ? '标题' : `${c.from.number}标题`}：原为“${c.excerpt.old}”，现为“${c.excerpt.new}”。`);
        break;
      case 'renumbered':
        break; // grouped above
    }
  }
  // The order of the old copy: by page, and within a page in document order (the sort is stable).
  return entries.sort((a, b) => a.page - b.page).map((e, n) => `${n + 1}.${e.text}`);
}

/** The title and the opening sentence of the note on a report. */
export function noteWording(reportTitle: string): { title: string; intro: string } {
  return {
    title: `关于《${reportTitle}》的修改说明`,
    intro: `《${reportTitle}》印发后作了以下修改，页码为原印发文本的页码，请据此更正已分发的文本：`,
  };
}

/** The note as Markdown (for e-mail or a chat message). */
export function revisionNoteMarkdown(note: RevisionNote): string {
  const lines = [`# ${note.title}`, '', note.intro, '', ...note.entries.map((e) => e.replace(/^(\d+)\./, '$1. ')), ''];
  if (note.organ || note.date) lines.push(...[note.organ, note.date].filter(Boolean).map((l) => `${l}  `), '');
  return `${lines.join('\n').replace(/ {2}\n\n$/, '\n')}`;
}

/** The note as a document model: title, one blank line, the intro and the items, the signature (§7.3.5.2). */
export function revisionNoteModel(note: RevisionNote): DocModel {
  const paragraph = (text: string) => ({ type: 'paragraph' as const, inlines: [{ text, role: 'body' as const }] });
  return {
    meta: { title: note.title, organ: note.organ, date: note.isoDate, edition: note.edition, language: note.edition === 'zh-Hans' ? 'zh-CN' : 'zh-TW' },
    blocks: [
      { type: 'title', text: note.title },
      { type: 'blankLine' },
      paragraph(note.intro),
      ...note.entries.map(paragraph),
      ...(note.organ || note.date ? [{ type: 'blankLine' as const }, { type: 'signature' as const, organ: note.organ, date: note.date }] : []),
    ],
  };
}
