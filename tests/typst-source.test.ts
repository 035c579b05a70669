// Bench: the Typst peer's source — report text only ever inside escaped string literals; the default report
// flattens with gongwen's numbering. Pure (no Typst run; src/bench/typst-check.ts compiles and measures).
import { describe, expect, it } from 'vitest';
import { flattenBody } from '../src/bench/typst-report.ts';
import { typstSource, typstString, type TypstReportInput } from '../src/bench/typst-source.ts';

const FONTS = { title: 'T', body: 'B', heading1: 'H1', heading2: 'H2', pagenumber: 'P' };

describe('typstString', () => {
  it('escapes only backslash, quote and control characters', () => {
    expect(typstString('#*_<@$`[]')).toBe('"#*_<@$`[]"');
    expect(typstString('a\\b"c')).toBe('"a\\\\b\\"c"');
    expect(typstString('x\ny\tz\u0001')).toBe('"x\\ny\\tz\\u{1}"');
  });
});

describe('typstSource', () => {
  it('puts every text into a string literal', () => {
    const input: TypstReportInput = {
      title: '标题#1',
      blocks: [
        { kind: 'heading', level: 1, text: '一、*总结*' },
        { kind: 'paragraph', text: '正文 $x$ @ref <a> "引"' },
        { kind: 'heading', level: 2, text: '（一）标题。', runIn: '一是[注]。' },
      ],
      fonts: FONTS,
    };
    const source = typstSource(input);
    expect(source).toContain('#heading(level: 1, "一、*总结*")');
    expect(source).toContain('#par("正文 $x$ @ref <a> \\"引\\"")');
    expect(source).toContain('#par({ text(font: "H2", weight: 400, "（一）标题。"); "一是[注]。" })');
    expect(source).toContain('align(center, "标题#1")');
  });
});

describe('flattenBody', () => {
  it('numbers headings 一、（一）1.（1） among sibling sections, paragraphs not counted', () => {
    const blocks = flattenBody([
      { p: '导语' },
      { heading: '甲', body: [{ heading: '乙', runIn: '文', body: [{ heading: '丙', body: [{ heading: '丁' }] }] }, { heading: '戊' }] },
      { heading: '己' },
    ]);
    expect(blocks.map((b) => (b.kind === 'heading' ? `${b.level}:${b.text}${b.runIn ?? ''}` : b.text))).toEqual([
      '导语',
      '1:一、甲',
      '2:（一）乙文',
      '3:1.丙',
      '4:（1）丁',
      '2:（二）戊',
      '1:二、己',
    ]);
  });
});
