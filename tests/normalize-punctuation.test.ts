// Punctuation normalisation (GB/T 15834 practice, GB/T 9704 §9): input → output tables, the reported changes,
// idempotence, and that wording (Han, Latin, digits) never changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizePunctuation, type PunctuationChange } from '../src/normalize/punctuation.ts';

/** [input, expected output, expected rules in input order (omitted: not checked)] */
type Case = [string, string, string[]?];

const CASES: Record<string, Case[]> = {
  'half-width marks next to Chinese': [
    ['2021年,柞市镇', '2021年，柞市镇', ['punct/half-width-comma']],
    ['现具体报告如下:', '现具体报告如下：', ['punct/half-width-colon']],
    ['已竣工投入使用;原有', '已竣工投入使用；原有', ['punct/half-width-semicolon']],
    ['为什么?因为!', '为什么？因为！', ['punct/half-width-question', 'punct/half-width-exclamation']],
    ['报到率100%,执行率100%。', '报到率100%，执行率100%。', ['punct/half-width-comma']],
    ['Hello, 世界', 'Hello，世界', ['punct/half-width-comma', 'punct/space-in-chinese']],
  ],
  'digits and Latin stay half-width': [
    ['46.8岁,3,218人,100%完成,5G基站', '46.8岁，3,218人，100%完成，5G基站', ['punct/half-width-comma', 'punct/half-width-comma', 'punct/half-width-comma']],
    ['时间10:30,地点', '时间10:30，地点', ['punct/half-width-comma']],
    ['从2016年人均46.8岁降低到40.6岁', '从2016年人均46.8岁降低到40.6岁', []],
    ['He said "hi", then left.', 'He said "hi", then left.', []],
    ["don't 中文", "don't 中文", []],
    ['Word 文档', 'Word 文档', []],
    ['www.gov.cn', 'www.gov.cn', []],
  ],
  'full stop only at a sentence end after Chinese': [
    ['完成.下一步', '完成。下一步', ['punct/half-width-period']],
    ['人均46.8岁. 下降', '人均46.8岁。下降', ['punct/half-width-period', 'punct/space-in-chinese']],
    ['1.全力推进', '1.全力推进', []],
    ['完成了(见附件).', '完成了（见附件）。', ['punct/half-width-paren', 'punct/half-width-paren', 'punct/half-width-period']],
    ['访问中国.cn', '访问中国.cn', []],
  ],
  brackets: [
    ['(一)筑牢强党根基', '（一）筑牢强党根基', ['punct/half-width-paren', 'punct/half-width-paren']],
    ['选优配强村(社区)两委干部', '选优配强村（社区）两委干部', ['punct/half-width-paren', 'punct/half-width-paren']],
    ['见附件(1)说明', '见附件（1）说明', ['punct/half-width-paren', 'punct/half-width-paren']],
    ['Word(2016) and a(1)b', 'Word(2016) and a(1)b', []],
    ['ABC(1),中文', 'ABC（1），中文'],
    ['中文(ab),cd', '中文（ab），cd'],
  ],
  quotes: [
    ['紧紧围绕县委"十四五"规划', '紧紧围绕县委“十四五”规划', ['punct/straight-double-quote', 'punct/straight-double-quote']],
    ['宣传一批"新乡贤"、"好婆婆"的', '宣传一批“新乡贤”、“好婆婆”的'],
    ['配备村(社区)"两委"成员', '配备村（社区）“两委”成员'],
    ['"他说("好")"', '“他说（“好”）”'],
    ['（一）"五化"建设', '（一）“五化”建设'],
    ['《关于"三农"的意见》', '《关于“三农”的意见》'],
    ['“甲"和"乙”', '“甲”和“乙”', ['punct/straight-double-quote', 'punct/straight-double-quote']],
    ['使用"Word"软件', '使用“Word”软件'],
    ["他说'好'吧", '他说‘好’吧', ['punct/straight-single-quote', 'punct/straight-single-quote']],
    ['"公司+村支部+农户"的发展模式', '“公司+村支部+农户”的发展模式'],
  ],
  'ellipsis and dash': [
    ['等...', '等……', ['punct/ellipsis']],
    ['等......', '等……', ['punct/ellipsis']],
    ['我们…', '我们……', ['punct/ellipsis']],
    ['我们……', '我们……', []],
    ['etc... x...y', 'etc... x...y', []],
    ['他说--好', '他说——好', ['punct/dash']],
    ['他说――好', '他说——好', ['punct/dash']],
    ['北京—上海', '北京—上海', []],
    ['使用--title参数', '使用--title参数', []],
  ],
  spaces: [
    ['现有残疾人 588人', '现有残疾人588人', ['punct/space-in-chinese']],
    ['要做好对接 "一门集中"', '要做好对接“一门集中”'],
    ['2021 年 1 月', '2021年1月', ['punct/space-in-chinese', 'punct/space-in-chinese', 'punct/space-in-chinese']],
    ['中\u3000\u3000文', '中文', ['punct/space-in-chinese']],
    ['100% 的', '100%的', ['punct/space-in-chinese']],
    ['He said “hi”', 'He said “hi”', []],
    ['5G 基站', '5G 基站', []],
  ],
};

/** Applies reported changes to the input: they must rebuild the output exactly. */
function apply(input: string, changes: PunctuationChange[]): string {
  let out = '';
  let at = 0;
  for (const c of changes) {
    expect(c.index).toBeGreaterThanOrEqual(at);
    expect(input.slice(c.index, c.index + c.length)).toBe(c.from);
    out += input.slice(at, c.index) + c.to;
    at = c.index + c.length;
  }
  return out + input.slice(at);
}

/** Han characters, Latin letters and digits in order: the wording, which must never change. */
const wording = (s: string) => s.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '');

const allCases = Object.values(CASES).flat();
const seedLines = readFileSync(new URL('./fixtures/seed-report.txt', import.meta.url), 'utf8').split('\n');

describe('normalizePunctuation', () => {
  for (const [group, cases] of Object.entries(CASES)) {
    describe(group, () => {
      it.each(cases)('%s → %s', (input, expected, rules) => {
        const result = normalizePunctuation(input);
        expect(result.text).toBe(expected);
        expect(apply(input, result.changes)).toBe(expected);
        if (rules) expect(result.changes.map((c) => c.rule)).toEqual(rules);
      });
    });
  }

  it('reports each change at its UTF-16 offset in the input', () => {
    const { changes } = normalizePunctuation('县委"十四五"规划,残疾人 588人...');
    expect(changes).toEqual([
      { index: 2, length: 1, from: '"', to: '“', rule: 'punct/straight-double-quote' },
      { index: 6, length: 1, from: '"', to: '”', rule: 'punct/straight-double-quote' },
      { index: 9, length: 1, from: ',', to: '，', rule: 'punct/half-width-comma' },
      { index: 13, length: 1, from: ' ', to: '', rule: 'punct/space-in-chinese' },
      { index: 18, length: 3, from: '...', to: '……', rule: 'punct/ellipsis' },
    ]);
  });

  it('counts offsets in UTF-16 units after a character outside the BMP', () => {
    const { text, changes } = normalizePunctuation('𠀀,好');
    expect(text).toBe('𠀀，好');
    expect(changes[0]).toMatchObject({ index: 2, from: ',' });
  });

  it('pairs quotes per paragraph: a line break resets an unclosed quote', () => {
    expect(normalizePunctuation('他说"好\n"再见"吧').text).toBe('他说“好\n“再见”吧');
  });

  it('is idempotent: normalising twice equals normalising once', () => {
    for (const input of [...allCases.map((c) => c[0]), ...seedLines]) {
      const once = normalizePunctuation(input).text;
      const twice = normalizePunctuation(once);
      expect(twice.text, input).toBe(once);
      expect(twice.changes, input).toEqual([]);
    }
  });

  it('never changes wording: Han, Latin letters and digits stay in order', () => {
    for (const input of [...allCases.map((c) => c[0]), ...seedLines]) expect(wording(normalizePunctuation(input).text)).toBe(wording(input));
  });

  it('leaves no half-width , : ; ( ) or straight quote next to Chinese in the seed', () => {
    for (const line of seedLines) {
      const out = normalizePunctuation(line).text;
      expect(out).not.toMatch(/[,:;()"](?=\p{Script=Han})|(?<=\p{Script=Han})[,:;()"]/u);
      expect(out).not.toContain('"');
    }
  });
});
