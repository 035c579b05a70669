/**
 * Stage: change summary — what changed inside one paragraph. Input: the old and the new text → the changed places,
 * each as the clause that holds it in both versions (“改厕任务数为775户” → “改厕任务数为776户”), with its offsets, so a
 * revision note can quote 原为“…”，现为“…” and find the page of the old wording.
 *
 * The character diff is jsdiff's (`diff`); places fewer than MERGE_GAP characters apart are one place, so a
 * rewritten sentence is quoted once rather than as scattered characters.
 */
import { diffChars } from 'diff';

/** One changed place: the old and new wording and where each starts. */
export interface Excerpt {
  old: string;
  new: string;
  oldOffset: number;
  newOffset: number;
}

/** Places closer than this (unchanged characters between them) are quoted as one. */
const MERGE_GAP = 6;
/** A quote reaches back and forward to the clause's punctuation, but no further than this. */
const MAX_CONTEXT = 16;
/** Punctuation that ends a clause (GB/T 15834 点号 except 顿号, which separates items inside a clause). */
const CLAUSE_END = new Set(['，', '。', '；', '：', '！', '？', '\n']);

interface Place {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** The changed places of a paragraph, clause-quoted; [] when the texts are equal. */
export function excerpts(oldText: string, newText: string): Excerpt[] {
  if (oldText === newText) return [];
  const places: Place[] = [];
  let o = 0;
  let n = 0;
  for (const part of diffChars(oldText, newText)) {
    const len = part.value.length;
    if (!part.added && !part.removed) {
      o += len;
      n += len;
      continue;
    }
    const last = places.at(-1);
    const place = last && o - last.oldEnd < MERGE_GAP && n - last.newEnd < MERGE_GAP ? last : undefined;
    const target = place ?? { oldStart: o, oldEnd: o, newStart: n, newEnd: n };
    if (part.removed) o += len;
    else n += len;
    target.oldEnd = o;
    target.newEnd = n;
    if (!place) places.push(target);
  }
  return places.map((p, i) => {
    const prev = places[i - 1];
    const next = places[i + 1];
    // The context may not reach into a neighbouring place: only unchanged text reads the same in both versions.
    const room = { before: prev ? p.oldStart - prev.oldEnd : p.oldStart, after: next ? next.oldStart - p.oldEnd : oldText.length - p.oldEnd };
    return quote(p, oldText, newText, room);
  });
}

/** Widens a place to its clause: the unchanged text around it is the same in both versions. */
function quote(p: Place, oldText: string, newText: string, room: { before: number; after: number }): Excerpt {
  let before = 0;
  while (before < Math.min(MAX_CONTEXT, room.before) && !CLAUSE_END.has(oldText[p.oldStart - before - 1] ?? '')) before++;
  let after = 0;
  while (after < Math.min(MAX_CONTEXT, room.after) && !CLAUSE_END.has(oldText[p.oldEnd + after] ?? '')) after++;
  // A change that is itself only punctuation at a clause end still needs a word of context to be quoted.
  if (before === 0 && after === 0) before = Math.min(4, room.before);
  return {
    old: oldText.slice(p.oldStart - before, p.oldEnd + after),
    new: newText.slice(p.newStart - before, p.newEnd + after),
    oldOffset: p.oldStart - before,
    newOffset: p.newStart - before,
  };
}

/** Share of characters two texts have in common, 0–1 (pairs an edited heading with its old wording). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  let common = 0;
  for (const part of diffChars(a, b)) if (!part.added && !part.removed) common += part.value.length;
  return common / longest;
}
