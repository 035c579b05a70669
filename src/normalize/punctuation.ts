/**
 * Stage: normalise — punctuation (a pure string → string step; the importer and `normalizeReport` use it).
 * Input: one text field (a paragraph; `\n` separates paragraphs) → the text with GB/T 15834 punctuation, plus
 * every change with its UTF-16 offset in the INPUT so diagnostics can point at the data file.
 *
 * GB/T 9704 §9 requires GB/T 15834 (标点符号用法) for punctuation; in Chinese text that means full-width marks.
 * Only punctuation and spaces ever change, never wording, digits or Latin letters (46.8岁, 3,218, 100%, 5G stay).
 * Every decision looks at the text as it will read after the other decisions, and runs to a fixed point, so
 * normalising twice gives the same result as normalising once.
 */

/** One change made by `normalizePunctuation`, located in the input. */
export interface PunctuationChange {
  /** UTF-16 offset in the input. */
  index: number;
  /** UTF-16 length of the replaced input text. */
  length: number;
  from: string;
  to: string;
  /** Permanent rule name, e.g. `punct/half-width-comma`. */
  rule: string;
}

/** The normalised text and the changes that produced it. */
export interface NormalizedText {
  text: string;
  changes: PunctuationChange[];
}

/** One code point of the input and what it becomes. `group` joins the cells of a multi-character change. */
interface Cell {
  index: number;
  src: string;
  out: string;
  rule?: string;
  group?: number;
}

const HAN = /\p{Script=Han}/u;
const SPACE = /^[ \t\u00A0\u2002-\u200B\u202F\u3000]$/;
/** Full-width (CJK) punctuation and the marks Chinese text shares with others (“ ” ‘ ’ … — ·). */
const CJK_PUNCT = /^[\u3001-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\uFE30-\uFE4F\u2018-\u201F\u2014\u2015\u2026\u00B7\u30FB]$/;
/** Marks Chinese shares with Latin typography. */
const SHARED = /^[\u2018-\u201F\u2014\u2015\u2026\u00B7]$/;
/** Closing marks after which a sentence can end (GB/T 15834 §4.1: 句号 follows the closing quote/bracket). */
const CJK_CLOSING = /^[）”’》〉」』】〕\]］]$/;
/** ASCII marks this module may still convert; they are looked through when judging the context. */
const CONVERTIBLE = /^[,.:;?!()"']$/;
/** Numbers and the signs that stay with them (GB/T 15835): no space between them and Chinese. */
const NUMERIC = /^[0-9%‰℃°]$/;
const OPENERS = new Set(['(', '（', '[', '［', '【', '〔', '《', '〈', '「', '『', '{', '｛']);
const CLOSERS = new Set([')', '）', ']', '］', '】', '〕', '》', '〉', '」', '』', '}', '｝']);

const SIMPLE: Record<string, [string, string]> = {
  ',': ['，', 'punct/half-width-comma'],
  ':': ['：', 'punct/half-width-colon'],
  ';': ['；', 'punct/half-width-semicolon'],
  '?': ['？', 'punct/half-width-question'],
  '!': ['！', 'punct/half-width-exclamation'],
};

const isChinese = (ch: string | undefined): boolean => ch !== undefined && (HAN.test(ch) || CJK_PUNCT.test(ch));
const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch) && !HAN.test(ch);

/**
 * Normalises punctuation in Chinese text (GB/T 15834 practice): half-width , : ; ? ! ( ) next to Chinese become
 * full-width, `.` becomes 。 at a sentence end after Chinese, straight quotes become paired “ ” / ‘ ’ (nested
 * per bracket level), `...`/`…` become ……, `--` becomes ——, and spaces between Chinese characters (or between
 * Chinese and digits or full-width marks) are removed.
 */
export function normalizePunctuation(text: string): NormalizedText {
  const cells: Cell[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const src = String.fromCodePoint(cp);
    cells.push({ index: i, src, out: src });
    i += src.length;
  }
  const n = new Neighbours(cells);
  const sequences = findSequences(cells);
  const pairs = findPairs(cells);
  while (convertOnce(cells, n, sequences, pairs)) {
    // Each pass only turns ASCII marks into full-width ones, so the loop ends.
  }
  markSpaces(cells, n);
  return collect(cells);
}

/** Context lookups over the cells as they will read after the decisions made so far. */
class Neighbours {
  constructor(private readonly cells: Cell[]) {}

  /**
   * Nearest character from cell `i` in direction `step`, stopping at a line break. `meaningful` also skips spaces
   * and ASCII marks not converted yet, whose own fate depends on this same context.
   */
  near(i: number, step: 1 | -1, meaningful = true): string | undefined {
    for (let k = i + step; k >= 0 && k < this.cells.length; k += step) {
      const ch = this.visible(k, step > 0 ? 'first' : 'last');
      if (ch === '\n' || ch === '\r') return undefined;
      if (ch !== undefined && (!meaningful || (!SPACE.test(ch) && !this.transparent(k)))) return ch;
    }
    return undefined;
  }

  /** Whether either side of the span [i, j] is Chinese. */
  chinese(i: number, j: number = i): boolean {
    return isChinese(this.near(i, -1)) || isChinese(this.near(j, 1));
  }

  /** The output character of cell `k` (first or last of a replacement), undefined when removed. */
  visible(k: number, end: 'first' | 'last'): string | undefined {
    const out = this.cells[k]?.out;
    if (!out) return undefined;
    return end === 'first' ? [...out][0] : [...out].at(-1);
  }

  private transparent(k: number): boolean {
    const c = this.cells[k];
    return c !== undefined && c.rule === undefined && CONVERTIBLE.test(c.src);
  }
}

/** Replaces cells [from, to) by `out` as one change; the run's first index names the group (runs never overlap). */
function replaceRun(cells: Cell[], from: number, to: number, out: string, rule: string): void {
  const group = from;
  for (let k = from; k < to; k++) {
    const c = cells[k]!;
    c.out = k === from ? out : '';
    c.rule = rule;
    c.group = group;
  }
}

/** A run of marks that may become …… or ——, if its context is Chinese (or always, for full-width forms). */
interface Sequence {
  from: number;
  to: number;
  out: string;
  rule: string;
  always: boolean;
}

/** Ellipsis and dash forms (GB/T 15834 §4.11, §4.9): `...`, a lone `…`, `--`, `－－`, `――` → …… and ——. */
function findSequences(cells: Cell[]): Sequence[] {
  const found: Sequence[] = [];
  for (let i = 0; i < cells.length; ) {
    const ch = cells[i]!.src;
    let j = i;
    while (cells[j]?.src === ch) j++;
    const run = j - i;
    if ((ch === '.' && run >= 3) || (ch === '…' && run === 1)) found.push({ from: i, to: j, out: '……', rule: 'punct/ellipsis', always: false });
    // "--title" stays: a double hyphen glued to a Latin word is a command-line option, not a dash.
    else if (ch === '-' && run === 2 && !isLetter(cells[j]?.src)) found.push({ from: i, to: j, out: '——', rule: 'punct/dash', always: false });
    else if ((ch === '－' || ch === '―') && run === 2) found.push({ from: i, to: j, out: '——', rule: 'punct/dash', always: true });
    i = j;
  }
  return found;
}

/** A matched pair of brackets or quotes in which at least one member is an ASCII mark. */
interface Pair {
  open: number;
  close: number;
  kind: 'paren' | 'double' | 'single';
}

/** What the bracket/quote scan found: pairs, and unmatched ASCII marks with their role. */
interface Pairs {
  pairs: Pair[];
  unmatched: { at: number; kind: Pair['kind']; role: 'open' | 'close' }[];
}

/**
 * Matches brackets, and pairs quotes by alternation inside each bracket level, so a quote inside （…） cannot
 * flip the state of the quotes around it. Existing “ ” ‘ ’ take part; `'` between two letters is an apostrophe.
 */
function findPairs(cells: Cell[]): Pairs {
  const result: Pairs = { pairs: [], unmatched: [] };
  type Frame = { bracket: number; double: number | null; single: number | null };
  let stack: Frame[] = [];
  const closeFrame = (f: Frame) => {
    if (f.double !== null && f.double >= 0) result.unmatched.push({ at: f.double, kind: 'double', role: 'open' });
    if (f.single !== null && f.single >= 0) result.unmatched.push({ at: f.single, kind: 'single', role: 'open' });
  };
  const closeAll = () => {
    for (const f of stack) {
      closeFrame(f);
      if (f.bracket >= 0 && cells[f.bracket]!.src === '(') result.unmatched.push({ at: f.bracket, kind: 'paren', role: 'open' });
    }
    stack = [{ bracket: -1, double: null, single: null }];
  };
  closeAll();
  cells.forEach((c, i) => {
    const top = stack.at(-1)!;
    const ch = c.src;
    if (ch === '\n') return closeAll();
    if (OPENERS.has(ch)) stack.push({ bracket: i, double: null, single: null });
    else if (CLOSERS.has(ch)) closeBracket(top, ch, i);
    else if (ch === '"' || ch === '“' || ch === '”') quote(top, 'double', i, ch === '"' ? 'ascii' : ch === '“' ? 'open' : 'close');
    else if (ch === "'" || ch === '‘' || ch === '’') {
      if (ch === "'" && isLetter(cells[i - 1]?.src) && isLetter(cells[i + 1]?.src)) return; // apostrophe: don't
      quote(top, 'single', i, ch === "'" ? 'ascii' : ch === '‘' ? 'open' : 'close');
    }
  });
  closeAll();
  return result;

  function closeBracket(top: Frame, ch: string, i: number): void {
    if (stack.length === 1) {
      if (ch === ')') result.unmatched.push({ at: i, kind: 'paren', role: 'close' });
      return;
    }
    stack.pop();
    closeFrame(top);
    const open = cells[top.bracket]!.src;
    const parens = (open === '(' || open === '（') && (ch === ')' || ch === '）');
    if (parens && (open === '(' || ch === ')')) result.pairs.push({ open: top.bracket, close: i, kind: 'paren' });
    else if (!parens) {
      if (open === '(') result.unmatched.push({ at: top.bracket, kind: 'paren', role: 'open' });
      if (ch === ')') result.unmatched.push({ at: i, kind: 'paren', role: 'close' });
    }
  }

  function quote(frame: Frame, kind: 'double' | 'single', i: number, how: 'ascii' | 'open' | 'close'): void {
    // A curly mark is stored as -1 - index so it can close an ASCII partner but is never converted itself.
    const openAt = frame[kind];
    const opening = how === 'open' || (how === 'ascii' && openAt === null);
    if (opening) {
      if (openAt !== null && openAt >= 0) result.unmatched.push({ at: openAt, kind, role: 'open' });
      frame[kind] = how === 'ascii' ? i : -1 - i;
      return;
    }
    if (openAt === null) {
      if (how === 'ascii') result.unmatched.push({ at: i, kind, role: 'close' });
    } else if (openAt >= 0 || how === 'ascii') result.pairs.push({ open: openAt >= 0 ? openAt : -1 - openAt, close: i, kind });
    frame[kind] = null;
  }
}

const PAIR_OUT: Record<Pair['kind'], [string, string, string]> = {
  paren: ['（', '）', 'punct/half-width-paren'],
  double: ['“', '”', 'punct/straight-double-quote'],
  single: ['‘', '’', 'punct/straight-single-quote'],
};

function convertCell(c: Cell | undefined, out: string, rule: string): boolean {
  if (!c || c.rule !== undefined || !CONVERTIBLE.test(c.src)) return false;
  c.out = out;
  c.rule = rule;
  return true;
}

/** One pass over sequences, pairs, unmatched marks and single marks; true when anything changed. */
function convertOnce(cells: Cell[], n: Neighbours, sequences: Sequence[], found: Pairs): boolean {
  let changed = false;
  for (const q of sequences) {
    if (cells[q.from]!.rule !== undefined || !(q.always || n.chinese(q.from, q.to - 1))) continue;
    replaceRun(cells, q.from, q.to, q.out, q.rule);
    changed = true;
  }
  for (const p of found.pairs) {
    const [o, c, rule] = PAIR_OUT[p.kind];
    if (cells[p.open]!.rule !== undefined && cells[p.close]!.rule !== undefined) continue;
    const inside = cells.slice(p.open + 1, p.close).some((x) => isChinese([...x.out][0]));
    // Brackets around digits/Latin in Latin text stay half-width; around Chinese, or in Chinese text, full-width.
    if (inside || isChinese(cells[p.open]!.out) || isChinese(cells[p.close]!.out) || n.chinese(p.open, p.close)) {
      changed = convertCell(cells[p.open], o, rule) || changed;
      changed = convertCell(cells[p.close], c, rule) || changed;
    }
  }
  for (const s of found.unmatched) {
    const [o, c, rule] = PAIR_OUT[s.kind];
    if (n.chinese(s.at)) changed = convertCell(cells[s.at], s.role === 'open' ? o : c, rule) || changed;
  }
  cells.forEach((cell, i) => {
    if (cell.rule !== undefined) return;
    const simple = SIMPLE[cell.src];
    if (simple) {
      // 3,218 and 10:30 keep their ASCII marks: a digit on both sides means a number, not a sentence.
      const numeric = (cell.src === ',' || cell.src === ':') && /\d/.test(cells[i - 1]?.src ?? '') && /\d/.test(cells[i + 1]?.src ?? '');
      if (!numeric && n.chinese(i)) changed = convertCell(cell, simple[0], simple[1]) || changed;
    } else if (cell.src === '.') {
      // Only a sentence end after Chinese: never 46.8, never the "1." of a numbering, never a domain name.
      const before = n.near(i, -1);
      const next = cells[i + 1]?.src;
      const prev = cells[i - 1]?.src;
      if ((HAN.test(before ?? '') || CJK_CLOSING.test(before ?? '')) && !isLetter(next) && next !== '.' && prev !== '.') changed = convertCell(cell, '。', 'punct/half-width-period') || changed;
    }
  });
  return changed;
}

/** Spaces between Chinese characters, or between Chinese and digits or full-width marks, are removed. */
function markSpaces(cells: Cell[], n: Neighbours): void {
  for (let i = 0; i < cells.length; ) {
    if (!SPACE.test(cells[i]!.src)) {
      i++;
      continue;
    }
    let j = i;
    while (j < cells.length && SPACE.test(cells[j]!.src)) j++;
    const l = n.near(i, -1, false);
    const r = n.near(j - 1, 1, false);
    if (l && r && spaceIsRedundant(l, r)) replaceRun(cells, i, j, '', 'punct/space-in-chinese');
    i = j;
  }
}

/**
 * A full-width mark carries its own spacing, and Chinese takes no spaces between characters or next to numbers.
 * Marks Chinese shares with Latin text (“ ” ‘ ’ … — ·) only count next to a Han character, so `He said “hi”`
 * keeps its space.
 */
function spaceIsRedundant(l: string, r: string): boolean {
  const fullWidth = (ch: string) => CJK_PUNCT.test(ch) && !SHARED.test(ch);
  const nearHan = (ch: string) => HAN.test(ch) || NUMERIC.test(ch) || SHARED.test(ch);
  return fullWidth(l) || fullWidth(r) || (HAN.test(l) && nearHan(r)) || (HAN.test(r) && nearHan(l));
}

/** Joins the cells into the output text and one change per rule application, in input order. */
function collect(cells: Cell[]): NormalizedText {
  const changes: PunctuationChange[] = [];
  let text = '';
  for (let i = 0; i < cells.length; ) {
    const c = cells[i]!;
    let j = i + 1;
    if (c.group !== undefined) while (cells[j]?.group === c.group) j++;
    // A lone cell (nearly all of them) is read directly: no slice, map and join per character.
    let from = c.src;
    let to = c.out;
    for (let k = i + 1; k < j; k++) {
      from += cells[k]!.src;
      to += cells[k]!.out;
    }
    text += to;
    if (c.rule !== undefined && from !== to) changes.push({ index: c.index, length: from.length, from, to, rule: c.rule });
    i = j;
  }
  return { text, changes };
}
