/**
 * Stage: diagnostics. Input: a source text and a UTF-16 offset → 1-based line and column.
 * Columns count UTF-16 code units, as VS Code does, so CJK text lines up with editors.
 */

export interface LineCol {
  line: number;
  col: number;
}

/** Maps offsets to line:col for one text; line starts are computed once. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // LF, CRLF and a lone CR (old Mac files; YAML 1.2 counts it as a line break too) end a line.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** 1-based line and column of `offset`. */
  at(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: o - (this.starts[lo] ?? 0) + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? 0;
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}
