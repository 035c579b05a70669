/**
 * Stage: change summary — printing. Input: a ChangeSet → the Chinese lines `build`, `watch` and `preview` print
 * after every build (and `gongwen changes` prints from changes.json):
 *
 *   与上次构建相比：
 *     （二）突出宜居理念… 第1段：文字修改，“任务数为775户” → “任务数为776户”
 *     新增一节：（三）加强民生保障…（第5页）；其后序号顺延：（三）→（四）坚持精准发力…
 *     数据：wubao_total 364 → 365（五保对象，名）
 *     页面：简体 10 页，从第4页起有变化
 *     文件：3 个有变化（….pdf、….docx、…-附件下载.zip）
 */
import { EDITION_LABEL } from '../compile/index.ts';
import type { ChangeSet, FigureChange, TextChange } from './compare.ts';

/** At most this many text changes are listed; the rest are counted. */
const MAX_TEXT_LINES = 20;
/** Quotes longer than this are shortened in the summary (the revision note quotes in full). */
const MAX_QUOTE = 30;
/** File names listed per kind of change. */
const MAX_FILES = 6;

const short = (s: string, max = MAX_QUOTE) => ([...s].length > max ? `${[...s].slice(0, max).join('')}…` : s);

/** The line of one text change. */
function textChangeLine(c: TextChange): string {
  switch (c.type) {
    case 'paragraphEdited':
      return `${c.part.label} 第${c.index}${c.noun}：文字修改，${c.excerpts.map((e) => `“${short(e.old)}” → “${short(e.new)}”`).join('；')}`;
    case 'paragraphAdded':
      return `${c.part.label} 第${c.index}${c.noun}：新增，“${short(c.text, 16)}”`;
    case 'paragraphRemoved':
      return `${c.part.label} 原第${c.oldIndex}${c.noun}：删除，“${short(c.text, 16)}”`;
    case 'sectionAdded':
      return `新增：${c.part.label}（第${c.part.page}页）`;
    case 'sectionRemoved':
      return `删除：${c.part.label}（原第${c.part.page}页）`;
    case 'headingEdited':
      return `${c.to.kind === 'title' ? '标题' : `${c.to.number}标题`}：“${short(c.excerpt.old)}” → “${short(c.excerpt.new)}”`;
    case 'renumbered':
      return `序号改变：${renumbering(c)}`;
  }
}

const renumbering = (c: Extract<TextChange, { type: 'renumbered' }>) => `${c.from.number}→${c.to.number}${c.to.label.slice(c.to.number.length)}`;

/** Table rows edited in one attachment beyond this many are summed up in one line. */
export const MAX_ROWS_LISTED = 3;

type Renumbered = Extract<TextChange, { type: 'renumbered' }>;
type Edited = Extract<TextChange, { type: 'paragraphEdited' }>;

/** A change, or several that read as one: the renumbered sections of one level, the edited rows of one table. */
export type ChangeGroup = { type: 'one'; change: TextChange } | { type: 'renumbered'; changes: Renumbered[] } | { type: 'rows'; changes: Edited[] };

/**
 * Groups the changes for reading: every renumbered section of one level joins the group of the first (an inserted
 * section renumbers all later ones, with their own edits in between), and more than MAX_ROWS_LISTED edited rows of
 * one attachment table (a column that follows the section numbers) are one group. Order: where each group starts.
 */
export function groupChanges(changes: readonly TextChange[]): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  const renumberGroups = new Map<string, Renumbered[]>();
  const rowGroups = new Map<string, Edited[]>();
  for (const c of changes) {
    if (c.type === 'renumbered') {
      // The numbering pattern tells the levels apart: （三） level 2, （3） level 4, 三、 level 1, 3. level 3.
      const key = `${c.from.kind}|${c.from.number.replace(/[一二三四五六七八九十百零]+/g, 'C').replace(/\d+/g, 'D')}`;
      const run = renumberGroups.get(key);
      if (run) run.push(c);
      else {
        const list = [c];
        renumberGroups.set(key, list);
        groups.push({ type: 'renumbered', changes: list });
      }
    } else if (c.type === 'paragraphEdited' && c.part.kind === 'attachment') {
      const run = rowGroups.get(c.part.label);
      if (run) run.push(c);
      else {
        const list = [c];
        rowGroups.set(c.part.label, list);
        groups.push({ type: 'rows', changes: list });
      }
    } else groups.push({ type: 'one', change: c });
  }
  // Few rows read better one by one.
  return groups.flatMap((g) => (g.type === 'rows' && g.changes.length <= MAX_ROWS_LISTED ? g.changes.map((change): ChangeGroup => ({ type: 'one', change })) : [g]));
}

/** 5、6、7、9 → “5至7、9”. */
export function numberRanges(numbers: readonly number[]): string {
  const parts: string[] = [];
  const sorted = [...numbers].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}至${sorted[j]}` : sorted.slice(i, j + 1).join('、'));
    i = j;
  }
  return parts.join('、');
}

/** The changes as lines (see groupChanges). */
export function textChangeLines(changes: readonly TextChange[]): string[] {
  return groupChanges(changes).map((g) => {
    if (g.type === 'renumbered') return `序号改变：${g.changes.map(renumbering).join('；')}`;
    if (g.type === 'rows') return `${g.changes[0]!.part.label}：${g.changes.length} 行有修改（第${numberRanges(g.changes.map((r) => r.index))}行）`;
    return textChangeLine(g.change);
  });
}

const amount = (v: { value: number; unit: string } | undefined) => (v ? `${v.value}${v.unit}` : '');

/** `wubao_total 364 → 365（五保对象，名）`; with a changed unit both amounts carry theirs. */
export function figureChangeLine(f: FigureChange): string {
  if (!f.from) return `${f.id} 新增：${amount(f.to)}（${f.item}）`;
  if (!f.to) return `${f.id} 删除：原为 ${amount(f.from)}（${f.item}）`;
  if (f.from.unit !== f.to.unit) return `${f.id} ${amount(f.from)} → ${amount(f.to)}（${f.item}）`;
  return `${f.id} ${f.from.value} → ${f.to.value}（${f.item}${f.to.unit ? `，${f.to.unit}` : ''}）`;
}

const listed = (names: string[]) => `${names.slice(0, MAX_FILES).join('、')}${names.length > MAX_FILES ? ` 等 ${names.length} 个` : ''}`;

/** The printed summary (lines without indentation of the heading line). */
export function changeSummaryLines(c: ChangeSet): string[] {
  if (!c.comparable) return ['与上次构建相比：这是此输出目录的第一次构建，没有可比较的记录。'];
  const text = textChangeLines(c.text);
  const lines = text.slice(0, MAX_TEXT_LINES);
  if (text.length > MAX_TEXT_LINES) lines.push(`……还有 ${text.length - MAX_TEXT_LINES} 处文字变化（见 changes.json）`);
  for (const f of c.figures) lines.push(`数据：${figureChangeLine(f)}`);
  const pages = c.pages.filter((p) => p.firstChanged !== undefined);
  if (pages.length > 0)
    lines.push(`页面：${pages.map((p) => `${EDITION_LABEL[p.edition]} ${p.from === p.to ? `${p.to} 页` : `${p.from} → ${p.to} 页`}，从第${p.firstChanged}页起有变化`).join('；')}`);
  const { changed, added, removed } = c.files;
  const files = [
    ...(changed.length ? [`${changed.length} 个有变化（${listed(changed)}）`] : []),
    ...(added.length ? [`新增 ${listed(added)}`] : []),
    ...(removed.length ? [`不再生成 ${listed(removed)}`] : []),
  ];
  if (files.length > 0) lines.push(`文件：${files.join('；')}`);
  if (lines.length === 0) return ['与上次构建相比：没有变化。'];
  return ['与上次构建相比：', ...lines.map((l) => `  ${l}`)];
}

/** changes.json: the change set, 2-space JSON + newline. */
export function serializeChanges(c: ChangeSet): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}
