/**
 * Stage: shared — display width. Input: a string → its width in terminal columns / spreadsheet character units:
 * East Asian wide and full-width characters take two, others one (the diagnostics caret, xlsx column widths).
 */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Width of `s` with wide characters counted twice. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}
