/**
 * Stage: DOCX writer — title lines (§7.3.1 回行时要做到词意完整，排列对称 … 标题排列应当使用梯形或菱形). Input: a title
 * string + the role's face → the lines, joined in the DOCX by line breaks (`w:br`). Left to themselves, editors fill
 * the first line and may break inside a number: LibreOffice 7.4 set “…和202 / 2年工作计划的报告” (measured). The split
 * follows the PDF layout's rule (src/layout/title.ts): the fewest lines, as equal as possible, upper lines never
 * longer than lower ones (正梯形), breaking only between characters the line breaker allows.
 */
import { TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import type { FontRole } from '../model/types.ts';

/**
 * clreq “basic” prohibitions: characters that never start / never end a line. The same lists as the PDF layout's
 * src/layout/char-class.ts (stages do not import each other; both belong in src/gbt9704 when it grows a §9 module).
 */
const NO_START = new Set([...'，。、；：？！）］｝】》〉」』〕〗”’…—–·・々ー〜％‰℃,.;:?!)]}%']);
const NO_END = new Set([...'（［｛【《〈「『〔〖“‘([{']);
/** Digits and Latin letters with their joiners stay together (2021, 5G, 91.6%). */
const WORD = /^[0-9A-Za-z][0-9A-Za-z.,%+\-/]*/;

interface Token {
  text: string;
  width: number;
}

function tokens(text: string, advance: (ch: string) => number): Token[] {
  const out: Token[] = [];
  let rest = text;
  while (rest.length > 0) {
    const word = WORD.exec(rest)?.[0];
    const piece = word ?? [...rest][0] ?? '';
    out.push({ text: piece, width: [...piece].reduce((w, ch) => w + advance(ch), 0) });
    rest = rest.slice(piece.length);
  }
  return out;
}

/** Splits a title into lines of at most the 版心 width (one line when it fits). */
export function titleLines(text: string, role: FontRole, sizePt: number, fonts: FontSet, width: number = TYPE_AREA_WIDTH_PT): string[] {
  const advance = (ch: string) => {
    const cp = ch.codePointAt(0) ?? 0;
    return fonts.faceFor(role, cp)?.advancePt(cp, sizePt) ?? sizePt;
  };
  const toks = tokens(text, advance);
  const total = toks.reduce((w, t) => w + t.width, 0);
  if (total <= width) return [text];
  const breaks: { at: number; before: number }[] = [];
  let acc = 0;
  toks.forEach((t, i) => {
    acc += t.width;
    const next = toks[i + 1];
    const lastChar = [...t.text].at(-1) ?? '';
    const firstChar = [...(next?.text ?? '')][0] ?? '';
    if (next && !NO_START.has(firstChar) && !NO_END.has(lastChar)) breaks.push({ at: i + 1, before: acc });
  });
  for (let lines = 2; lines <= 6; lines++) {
    const chosen: number[] = [];
    let startWidth = 0;
    let ok = true;
    for (let k = 1; k < lines && ok; k++) {
      const target = (total * k) / lines;
      const pick = breaks.filter((b) => b.before <= target + 1e-6 && b.before - startWidth <= width && b.at > (chosen.at(-1) ?? 0)).at(-1);
      if (pick) {
        chosen.push(pick.at);
        startWidth = pick.before;
      } else ok = false;
    }
    if (ok && total - startWidth <= width) {
      const bounds = [0, ...chosen, toks.length];
      return bounds.slice(0, -1).map((s, i) => toks.slice(s, bounds[i + 1]).map((t) => t.text).join(''));
    }
  }
  return [text];
}
