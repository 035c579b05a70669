// The CJK line breaker on synthetic glyphs: grid fill, justification, kinsoku, unbreakable runs.
import { describe, expect, it } from 'vitest';
import { breakLines, tokenize, type MeasuredGlyph } from '../src/measure/line-breaker.ts';
import { NO_LINE_END, NO_LINE_START, isFullWidth } from '../src/measure/char-class.ts';
import { CELL_PT, TYPE_AREA_WIDTH_PT } from '../src/gbt9704/page.ts';

const SIZE = 16;
/** Full-width characters advance 1 em; digits and Latin 0.55 em, like Noto Serif SC. */
const glyphs = (text: string): MeasuredGlyph[] =>
  [...text].map((ch) => ({ ch, sizePt: SIZE, faceKey: 'f', advance: isFullWidth(ch.codePointAt(0) ?? 0) ? SIZE : SIZE * 0.55 }));
const widths = (indentCells = 2) => ({ firstIndent: indentCells * CELL_PT, restIndent: 0, right: TYPE_AREA_WIDTH_PT, justify: true });
const lineText = (text: string, l: { start: number; end: number }) => [...text].slice(l.start, l.end).join('');

describe('grid fill', () => {
  const text = '以习近平新时代中国特色社会主义思想为指导全面贯彻党的十九大和十九届历次全会精神深入贯彻习近平总书记考察湖南重要讲话精神紧紧围绕县委规划和高质量发展的工作要求统筹推进疫情防控和经济社会发展';
  const lines = breakLines(glyphs(text), widths());

  it('puts 26 characters on the indented first line and 28 on every other full line', () => {
    expect(lines[0]!.end - lines[0]!.start).toBe(26);
    for (const l of lines.slice(1, -1)) expect(l.end - l.start).toBe(28);
  });

  it('ends every non-last line exactly on the right edge of the 版心', () => {
    for (const l of lines.slice(0, -1)) expect(Math.abs(l.right - TYPE_AREA_WIDTH_PT)).toBeLessThan(1e-6);
  });

  it('starts the first line two cells in and wrapped lines flush left', () => {
    expect(lines[0]!.xs[0]).toBeCloseTo(2 * CELL_PT, 6);
    expect(lines[1]!.xs[0]).toBe(0);
  });

  it('keeps the last line on the same character pitch as the full lines (not stretched)', () => {
    const last = lines.at(-1)!;
    const full = lines[1]!;
    expect(last.last).toBe(true);
    expect(last.xs[1]! - last.xs[0]!).toBeCloseTo(full.xs[1]! - full.xs[0]!, 6);
    expect(last.right).toBeLessThan(TYPE_AREA_WIDTH_PT);
  });
});

describe('kinsoku (避头尾)', () => {
  // 27 characters then a comma: the comma would start line 2 unless pushed in or the previous character carried down.
  const base = '一二三四五六七八九十一二三四五六七八九十一二三四五六七';
  it('never starts a line with closing punctuation: pushes one mark onto the line (先挤进)', () => {
    const text = base + '八，后面还有很多文字继续写下去直到第二行结束为止再多写几个字好了';
    const lines = breakLines(glyphs(text), widths(0));
    expect(NO_LINE_START.has([...text][lines[1]!.start]!)).toBe(false);
    expect(lines[0]!.adjustment).toBe('push-in');
    expect(lineText(text, lines[0]!).endsWith('八，')).toBe(true);
    expect(Math.abs(lines[0]!.right - TYPE_AREA_WIDTH_PT)).toBeLessThan(1e-6);
  });

  it('carries the previous character down when two closing marks would have to be squeezed (后推出)', () => {
    const text = base + '八。”后面还有很多文字继续写下去直到第二行结束为止再多写几个字';
    const lines = breakLines(glyphs(text), widths(0));
    expect(lines[0]!.adjustment).toBe('carry-down');
    expect(lineText(text, lines[1]!).startsWith('八。”')).toBe(true);
    expect(Math.abs(lines[0]!.right - TYPE_AREA_WIDTH_PT)).toBeLessThan(1e-6);
  });

  it('never ends a line with an opening quote or bracket', () => {
    const text = base + '“八九”十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十';
    const lines = breakLines(glyphs(text), widths(0));
    for (const l of lines) expect(NO_LINE_END.has([...text][l.end - 1]!)).toBe(false);
    expect(lineText(text, lines[1]!).startsWith('“八')).toBe(true);
  });

  it('holds on stress text with punctuation at every position of the line', () => {
    for (let k = 0; k < 28; k++) {
      const text = '甲'.repeat(k) + '（乙）“丙”，丁。《戊》、己；庚：辛？壬！' + '癸'.repeat(40) + '，结束。';
      const lines = breakLines(glyphs(text), widths(2));
      const chars = [...text];
      lines.forEach((l, i) => {
        if (i > 0) expect(NO_LINE_START.has(chars[l.start]!)).toBe(false);
        if (!l.last) {
          expect(NO_LINE_END.has(chars[l.end - 1]!)).toBe(false);
          expect(Math.abs(l.right - TYPE_AREA_WIDTH_PT)).toBeLessThan(1e-6);
        }
        expect(l.right).toBeLessThanOrEqual(TYPE_AREA_WIDTH_PT + 1e-6);
      });
      expect(lines.map((l) => lineText(text, l)).join('')).toBe(text);
    }
  });
});

describe('half-width runs', () => {
  it('never breaks inside a number, a percentage or a Latin word', () => {
    const text = '全年检查巡查各类生产经营单位或场所200余家，3000余次，执行率100%，5G基站3,218座，人均46.8岁，' + '数'.repeat(10) + 'ABCDEFGHIJ2021';
    const lines = breakLines(glyphs(text), widths(2));
    const tokens = tokenize(glyphs(text)).filter((t) => t.end - t.start > 1);
    for (const l of lines) for (const t of tokens) expect(t.start >= l.start && t.end <= l.end || t.end <= l.start || t.start >= l.end).toBe(true);
  });

  it('justifies mixed lines to the right edge by spreading the slack between characters', () => {
    const text = '2021年以来镇党委深入推进党史学习教育紧扣学史明理学史增信学史崇德学史力行主题把学党史悟思想办实事开新局贯穿始终';
    const lines = breakLines(glyphs(text), widths(2));
    expect(Math.abs(lines[0]!.right - TYPE_AREA_WIDTH_PT)).toBeLessThan(1e-6);
    const gaps = lines[0]!.xs.slice(1).map((x, i) => x - lines[0]!.xs[i]! - glyphs(text)[i + lines[0]!.start]!.advance);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(1e-6);
  });

  it('keeps “——” and “……” together', () => {
    expect(tokenize(glyphs('好——是……')).map((t) => t.end - t.start)).toEqual([1, 2, 1, 2]);
  });
});
