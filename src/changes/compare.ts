/**
 * Stage: change summary — comparing two builds. Input: the previous build's record (or none) and the current one →
 * a ChangeSet: what changed in the text (paragraphs edited, added, removed; sections added, removed, renamed and
 * renumbered), which figures changed value, how the pages moved (page count, first page that reflowed) and which
 * output files changed.
 *
 * Parts are aligned with jsdiff's array diff on their identity (kind, level, heading), so inserting a section is one
 * addition followed by renumbered sections, not every later section “changed”. Within a part paired with its old
 * self, paragraphs are aligned the same way on their text; an unmatched old paragraph facing an unmatched new one
 * is an edit.
 */
import { diffArrays } from 'diff';
import type { Edition } from '../model/types.ts';
import { excerpts, similarity, type Excerpt } from './excerpt.ts';
import { pageOfOffset } from './pages.ts';
import type { BuildRecord, EditionRecord, FigureRecord } from './record.ts';
import { paragraphNoun, sectionLabel, type SectionKind, type SectionRecord } from './sections.ts';

/** A part of the document as a change names it. */
export interface PartRef {
  kind: SectionKind;
  number: string;
  heading: string;
  /** “（二）突出宜居理念…” */
  label: string;
  /** Page of the part (in the build the reference comes from). */
  page: number;
}

/** A quoted change with the page of the old and of the new wording. */
export interface PlacedExcerpt extends Excerpt {
  oldPage: number;
  newPage: number;
}

export type TextChange =
  | { type: 'paragraphEdited'; part: PartRef; oldPart: PartRef; index: number; oldIndex: number; noun: string; excerpts: PlacedExcerpt[] }
  /** `afterOldIndex`: how many of the part's old paragraphs come before the new one (0: it comes first). */
  | { type: 'paragraphAdded'; part: PartRef; oldPart: PartRef; index: number; afterOldIndex: number; noun: string; text: string; newPage: number; oldPage: number }
  | { type: 'paragraphRemoved'; part: PartRef; oldPart: PartRef; oldIndex: number; noun: string; text: string; oldPage: number }
  /** `after`: the old part the new one follows; `oldPage`: where it goes in the old copies. */
  | { type: 'sectionAdded'; part: PartRef; after?: PartRef; oldPage: number; paragraphs: string[] }
  | { type: 'sectionRemoved'; part: PartRef }
  | { type: 'headingEdited'; from: PartRef; to: PartRef; excerpt: PlacedExcerpt }
  | { type: 'renumbered'; from: PartRef; to: PartRef };

export interface FigureChange {
  id: string;
  item: string;
  from?: { value: number; unit: string };
  to?: { value: number; unit: string };
}

/** Pages of one edition: counts and the first page whose drawing differs (undefined: no page differs). */
export interface PageChange {
  edition: Edition;
  from: number;
  to: number;
  firstChanged?: number;
}

export interface FileChanges {
  changed: string[];
  added: string[];
  removed: string[];
}

export interface ChangeSet {
  /** False for a first build: nothing to compare with. */
  comparable: boolean;
  /** The edition the text changes are read from (the Simplified source when built). */
  edition?: Edition;
  text: TextChange[];
  figures: FigureChange[];
  pages: PageChange[];
  files: FileChanges;
}

const ref = (s: SectionRecord): PartRef => ({ kind: s.kind, number: s.number, heading: s.heading, label: sectionLabel(s), page: s.page });
/** A part's identity for alignment: the fixed parts are one of a kind; headings and attachments go by their title. */
const identity = (s: SectionRecord) => (s.kind === 'heading' || s.kind === 'attachment' ? `${s.kind}|${s.level}|${s.heading}` : s.kind);

/** Compares the current build with the previous one; the text changes are those of `edition` (default: the first built). */
export function compareRecords(previous: BuildRecord | undefined, current: BuildRecord, edition?: Edition): ChangeSet {
  const files = compareOutputs(previous?.outputs ?? {}, current.outputs);
  if (!previous) return { comparable: false, text: [], figures: [], pages: [], files: { changed: [], added: [], removed: [] } };
  // The text is compared in the first edition this build made (the Simplified source in a full build).
  const wanted = edition ?? current.editions[0]?.edition;
  const pick = (r: BuildRecord) => r.editions.find((e) => e.edition === wanted);
  const oldEdition = pick(previous);
  const newEdition = pick(current);
  const sameEdition = oldEdition && newEdition && oldEdition.edition === newEdition.edition;
  return {
    comparable: true,
    ...(sameEdition ? { edition: newEdition.edition } : {}),
    text: sameEdition ? compareEditions(oldEdition, newEdition) : [],
    figures: compareFigures(previous.figures, current.figures),
    pages: current.editions.flatMap((e) => {
      const old = previous.editions.find((p) => p.edition === e.edition);
      return old ? [comparePages(old, e)] : [];
    }),
    files,
  };
}

/** The text changes between two layouts of one edition. */
export function compareEditions(oldEdition: EditionRecord, newEdition: EditionRecord): TextChange[] {
  const changes: TextChange[] = [];
  const olds = oldEdition.sections;
  const news = newEdition.sections;
  let o = 0;
  let n = 0;
  const hunk = { removed: [] as number[], added: [] as number[] };
  const flush = () => {
    pairHunk(hunk.removed, hunk.added, olds, news, changes);
    hunk.removed = [];
    hunk.added = [];
  };
  for (const part of diffArrays(olds.map(identity), news.map(identity))) {
    if (part.removed) for (let k = 0; k < part.count; k++) hunk.removed.push(o++);
    else if (part.added) for (let k = 0; k < part.count; k++) hunk.added.push(n++);
    else {
      flush();
      for (let k = 0; k < part.count; k++) compareSection(olds[o++]!, news[n++]!, changes);
    }
  }
  flush();
  return changes.sort((a, b) => order(a, news) - order(b, news));
}

/** Changes in document order: by the new position of the part they concern. */
function order(c: TextChange, news: SectionRecord[]): number {
  const part = c.type === 'headingEdited' || c.type === 'renumbered' ? c.to : c.part;
  const at = news.findIndex((s) => s.kind === part.kind && s.number === part.number && s.heading === part.heading);
  return at === -1 ? Number.MAX_SAFE_INTEGER : at;
}

/** Pairs the old and new parts of one unmatched stretch: the same kind and level with a similar heading or text. */
function pairHunk(removed: number[], added: number[], olds: SectionRecord[], news: SectionRecord[], changes: TextChange[]): void {
  let j = 0;
  for (const r of removed) {
    const old = olds[r]!;
    const k = added.findIndex((a, i) => i >= j && pairable(old, news[a]!, removed.length === added.length));
    if (k === -1) {
      changes.push({ type: 'sectionRemoved', part: ref(old) });
      continue;
    }
    for (; j < k; j++) sectionAdded(added[j]!, olds, news, r, changes);
    compareSection(old, news[added[k]!]!, changes);
    j = k + 1;
  }
  for (; j < added.length; j++) sectionAdded(added[j]!, olds, news, removed.at(-1) ?? -1, changes);
}

function pairable(old: SectionRecord, now: SectionRecord, sameCount: boolean): boolean {
  if (old.kind !== now.kind || old.level !== now.level) return false;
  if (sameCount) return true;
  return similarity(old.heading, now.heading) >= 0.5 || old.paragraphs.some((p) => now.paragraphs.some((q) => q.text === p.text));
}

function sectionAdded(index: number, olds: SectionRecord[], news: SectionRecord[], oldNear: number, changes: TextChange[]): void {
  const part = news[index]!;
  const before = news[index - 1];
  // Where the new part goes in the old copies: after the old part the new one follows.
  const after = before ? olds.find((s) => identity(s) === identity(before)) : undefined;
  const nextOld = olds.find((s) => news.slice(index + 1).some((x) => identity(x) === identity(s)));
  const oldPage = nextOld?.page ?? olds[oldNear]?.page ?? olds.at(-1)?.page ?? 1;
  changes.push({ type: 'sectionAdded', part: ref(part), ...(after ? { after: ref(after) } : {}), oldPage, paragraphs: part.paragraphs.map((p) => p.text) });
}

/** One part paired with its old self: renumbering, heading wording, paragraphs. */
function compareSection(old: SectionRecord, now: SectionRecord, changes: TextChange[]): void {
  if (old.number !== now.number && old.number !== '' && now.number !== '') changes.push({ type: 'renumbered', from: ref(old), to: ref(now) });
  if (old.heading !== now.heading) {
    const [first] = excerpts(old.heading, now.heading);
    if (first) changes.push({ type: 'headingEdited', from: ref(old), to: ref(now), excerpt: { ...first, oldPage: old.page, newPage: now.page } });
  }
  const noun = paragraphNoun(now.kind);
  let o = 0;
  let n = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      const a = old.paragraphs[removed[k]!]!;
      const b = now.paragraphs[added[k]!]!;
      const places = now.kind === 'attachment' ? [{ old: a.text, new: b.text, oldOffset: 0, newOffset: 0 }] : excerpts(a.text, b.text);
      changes.push({
        type: 'paragraphEdited',
        part: ref(now),
        oldPart: ref(old),
        index: added[k]! + 1,
        oldIndex: removed[k]! + 1,
        noun,
        excerpts: places.map((e) => ({ ...e, oldPage: pageOfOffset(a, e.oldOffset), newPage: pageOfOffset(b, e.newOffset) })),
      });
    }
    for (const r of removed.slice(paired)) {
      const p = old.paragraphs[r]!;
      changes.push({ type: 'paragraphRemoved', part: ref(now), oldPart: ref(old), oldIndex: r + 1, noun, text: p.text, oldPage: pageOfOffset(p, 0) });
    }
    for (const a of added.slice(paired)) {
      const p = now.paragraphs[a]!;
      // In the old copies the new paragraph goes where the old paragraph before it ended.
      const afterOldIndex = Math.min(o, old.paragraphs.length);
      const oldBefore = old.paragraphs[afterOldIndex - 1];
      const oldPage = oldBefore ? pageOfOffset(oldBefore, oldBefore.text.length) : old.page;
      changes.push({ type: 'paragraphAdded', part: ref(now), oldPart: ref(old), index: a + 1, afterOldIndex, noun, text: p.text, newPage: pageOfOffset(p, 0), oldPage });
    }
    removed = [];
    added = [];
  };
  for (const part of diffArrays(
    old.paragraphs.map((p) => p.text),
    now.paragraphs.map((p) => p.text),
  )) {
    if (part.removed) for (let k = 0; k < part.count; k++) removed.push(o++);
    else if (part.added) for (let k = 0; k < part.count; k++) added.push(n++);
    else {
      flush();
      o += part.count;
      n += part.count;
    }
  }
  flush();
}

function compareFigures(olds: FigureRecord[], news: FigureRecord[]): FigureChange[] {
  const before = new Map(olds.map((f) => [f.id, f]));
  const after = new Map(news.map((f) => [f.id, f]));
  const changes: FigureChange[] = [];
  for (const f of news) {
    const old = before.get(f.id);
    if (!old) changes.push({ id: f.id, item: f.item, to: { value: f.value, unit: f.unit } });
    else if (old.value !== f.value || old.unit !== f.unit) changes.push({ id: f.id, item: f.item, from: { value: old.value, unit: old.unit }, to: { value: f.value, unit: f.unit } });
  }
  for (const f of olds) if (!after.has(f.id)) changes.push({ id: f.id, item: f.item, from: { value: f.value, unit: f.unit } });
  return changes;
}

function comparePages(old: EditionRecord, now: EditionRecord): PageChange {
  const a = old.pageDigests;
  const b = now.pageDigests;
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  const same = first === a.length && first === b.length;
  return { edition: now.edition, from: a.length, to: b.length, ...(same ? {} : { firstChanged: first + 1 }) };
}

function compareOutputs(before: Record<string, string>, after: Record<string, string>): FileChanges {
  const changed: string[] = [];
  const added: string[] = [];
  for (const [p, sha] of Object.entries(after)) {
    if (!(p in before)) added.push(p);
    else if (before[p] !== sha) changed.push(p);
  }
  return { changed, added, removed: Object.keys(before).filter((p) => !(p in after)) };
}
