/**
 * Stage: import — reading. Input: the text file's content (UTF-8; BOM and CRLF allowed) → its non-blank lines,
 * trimmed, each with its UTF-16 position so diagnostics print as `file:line:col`.
 */

/** One non-blank input line. */
export interface SourceLine {
  /** The line without surrounding whitespace (ASCII, full-width U+3000 indents, no-break spaces). */
  text: string;
  /** 1-based line number in the input. */
  line: number;
  /** UTF-16 offset of `text` in the input after the BOM is removed (the text the World keeps for diagnostics). */
  start: number;
  end: number;
}

/** Removes a leading byte-order mark; offsets are counted in the text without it, as `World.readText` returns it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits into lines (\r\n, \n or \r) and keeps the non-blank ones, trimmed; `text` must already be BOM-free. */
export function readLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  let line = 1;
  for (;;) {
    const m = breaks.exec(text);
    const end = m ? m.index : text.length;
    const raw = text.slice(start, end);
    // \s covers U+3000 and U+00A0 too: pasted Chinese text often indents paragraphs with two ideographic spaces.
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) lines.push({ text: trimmed, line, start: start + lead, end: start + lead + trimmed.length });
    if (!m) break;
    start = m.index + m[0].length;
    line++;
  }
  return lines;
}
