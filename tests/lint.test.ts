// Proofreading lint: each rule on an inline YAML fixture, located at the exact file:line:col of the character.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { location } from '../src/diag/format.ts';
import { LineIndex } from '../src/diag/span.ts';
import { lintReport } from '../src/lint/index.ts';
import { findBrokenPhrases } from '../src/lint/rules/broken-phrase.ts';
import { loadReportText } from '../src/load/index.ts';
import { PACKAGE_ROOT } from '../src/world.ts';

const FILE = 'data/t.yaml';

/** Loads an inline report (the real loader: YAML + schema + spans) and lints it. */
function lint(yaml: string) {
  const diag = new DiagnosticSink();
  const loaded = loadReportText(yaml, FILE, diag);
  if (!loaded) throw new Error(`fixture does not load: ${diag.items.map((d) => d.message).join('; ')}`);
  lintReport(loaded, diag);
  const found = diag.items.map((d) => `${location(d, () => yaml)} ${d.severity} ${d.code}`);
  return { diag, found, covered: diag.items.map((d) => yaml.slice(d.span?.start, d.span?.end)) };
}

/** A report whose body is the given paragraphs (one per line, as plain YAML scalars). */
const paragraphs = (...ps: string[]) => `meta:\n  id: t\n  title: 测试\nbody:\n${ps.map((p) => `  - p: ${p}\n`).join('')}`;
// Line 5 holds the first paragraph; its text starts at column 8 ("  - p: " is 7 characters).

describe('lint/unbalanced-bracket', () => {
  it('flags an unclosed opener, a stray closer and a crossed pair, and accepts mixed widths', () => {
    const { found, diag } = lint(paragraphs('村（社区两委。', '多余的）括号。', '他说“（好”）。', '村(社区）和《办法》。', `'"十四五'`));
    expect(found).toEqual([
      'data/t.yaml:5:9 warning lint/unbalanced-bracket',
      'data/t.yaml:6:11 warning lint/unbalanced-bracket',
      'data/t.yaml:7:11 warning lint/unbalanced-bracket',
      'data/t.yaml:7:14 warning lint/unbalanced-bracket',
      'data/t.yaml:9:9 warning lint/unbalanced-bracket',
    ]);
    expect(diag.items.map((d) => d.message).filter((m) => !m.startsWith('汉字旁'))).toEqual([
      '“（”没有配对的“）”',
      '多余的“）”：前面没有与之配对的“（”',
      '“（”没有配对的“）”',
      '多余的“）”：前面没有与之配对的“（”',
      '直引号“"”没有配对',
    ]);
  });
});

describe('lint/doubled-char', () => {
  it('flags 的的 and 了了 at the second character, not reduplicated words', () => {
    const { found, covered } = lint(
      paragraphs('我们的的工作完成了了。', '常常认认真真一一落实，不了了之，谢谢。', '好好婆婆三三两两。', '句号重复。。'),
    );
    expect(found).toEqual([
      'data/t.yaml:5:11 warning lint/doubled-char',
      'data/t.yaml:5:17 warning lint/doubled-char',
      'data/t.yaml:8:13 warning lint/doubled-punctuation',
    ]);
    expect(covered).toEqual(['的', '了', '。']);
  });
});

describe('lint/broken-phrase', () => {
  it('finds the seed’s stray 刚 inside 各项工作 with the exact column and a hint', () => {
    const { found, diag } = lint(paragraphs('统筹推进发展，各项刚工作稳中求进。', '深入地开展活动，稳中又求进。'));
    expect(found).toEqual(['data/t.yaml:5:17 warning lint/broken-phrase', 'data/t.yaml:6:18 warning lint/broken-phrase']);
    expect(diag.items[0]?.message).toBe('“各项刚工作”中的“刚”疑似多余');
    expect(diag.items[0]?.hints).toEqual(['是否应为“各项工作”？']);
    expect(diag.items[1]?.hints).toEqual(['是否应为“稳中求进”？']);
  });

  it('works on any phrase list', () => {
    expect(findBrokenPhrases('乡村大振兴', ['乡村振兴'])).toEqual([{ index: 2, char: '大', phrase: '乡村振兴', head: 2 }]);
    expect(findBrokenPhrases('乡村振兴', ['乡村振兴'])).toEqual([]);
  });
});

const withFigures = (figures: string, relations: string, body = '五保对象364名，其中分散供养283人，敬老院集中供养81人。') => `meta:
  id: t
  title: 测试
body:
  - p: ${body}
figures:
${figures}relations:
${relations}`;

const WUBAO = `  - { id: total, category: 民生, item: 五保对象, value: 364, unit: 名 }
  - { id: scattered, category: 民生, item: 分散供养, value: 283, unit: 人 }
  - { id: centralised, category: 民生, item: 集中供养, value: 81, unit: 人 }
`;

describe('totals and figures', () => {
  it('accepts a total that equals its parts', () => {
    expect(lint(withFigures(WUBAO, '  - { total: total, parts: [scattered, centralised] }\n')).found).toEqual([]);
  });

  it('warns when the parts do not add up, with both numbers', () => {
    const { found, diag } = lint(withFigures(WUBAO.replace('value: 81', 'value: 80'), '  - { total: total, parts: [scattered, centralised] }\n', '五保对象364名，其中分散供养283人，敬老院集中供养80人。'));
    expect(found).toEqual(['data/t.yaml:11:5 warning lint/total-mismatch']);
    expect(diag.items[0]?.message).toBe('合计不符：五保对象 364名，分项之和为 363（283 + 80）');
  });

  it('reports an unknown id as an error at the id, and a duplicate id', () => {
    const { found, diag } = lint(withFigures(`${WUBAO}  - { id: total, category: 民生, item: 重复, value: 364, unit: 名 }\n`, '  - { total: total, parts: [scattered, centralized] }\n'));
    expect(found).toEqual(['data/t.yaml:10:11 error lint/duplicate-figure', 'data/t.yaml:12:40 error lint/unknown-figure']);
    expect(diag.items[1]?.message).toBe('合计关系引用了不存在的数据“centralized”');
  });

  it('warns when a figure is not in the text, or only inside a longer number', () => {
    const figures = `  - { id: a, category: 民生, item: 岗位, value: 72, unit: 个 }
  - { id: b, category: 平安, item: 场所, value: 200, unit: 家, text: 200余家 }
  - { id: c, category: 平安, item: 次数, value: 3000, unit: 次 }
`;
    const { found, diag } = lint(withFigures(figures, '  []\n', '公益性岗位172个，检查场所200余家，3000余次。'));
    expect(found).toEqual(['data/t.yaml:7:45 warning lint/figure-not-in-text', 'data/t.yaml:9:45 warning lint/figure-not-in-text']);
    expect(diag.items[0]?.message).toBe('数据“岗位”（72个）在正文中找不到');
  });
});

describe('structure', () => {
  it('leaves a fifth heading level (§7.3.3) to the loader, which refuses it at that heading’s key', () => {
    const yaml = `meta: { id: t, title: 测试 }
body:
  - heading: 一
    body:
      - heading: 二
        body:
          - heading: 三
            body:
              - heading: 四
                body:
                  - heading: 五
                    body:
                      - heading: 六
`;
    const diag = new DiagnosticSink();
    expect(loadReportText(yaml, FILE, diag)).toBeUndefined();
    expect(diag.items.map((d) => `${location(d, () => yaml)} ${d.severity} ${d.code}`)).toEqual(['data/t.yaml:11:21 error load/heading-too-deep']);
  });

  it('warns when an attachment title ends with punctuation (§7.3.4)', () => {
    const yaml = `meta: { id: t, title: 测试 }
body:
  - p: 正文。
attachments:
  - { title: 数据一览表。, table: figures }
  - { title: 《实施意见》 }
`;
    const { found, covered } = lint(yaml);
    expect(found).toEqual(['data/t.yaml:5:19 warning lint/attachment-title-punctuation']);
    expect(covered).toEqual(['。']);
  });
});

describe('the default data', () => {
  const file = path.join(PACKAGE_ROOT, 'data/report.yaml');
  const text = readFileSync(file, 'utf8');

  it('gets exactly one warning: the stray 刚 of 各项刚工作, at its line and column', () => {
    const diag = new DiagnosticSink();
    const loaded = loadReportText(text, 'data/report.yaml', diag)!;
    lintReport(loaded, diag);
    const at = new LineIndex(text).at(text.indexOf('各项刚工作') + 2);
    expect(diag.items.map((d) => `${location(d, () => text)} ${d.code}`)).toEqual([`data/report.yaml:${at.line}:${at.col} lint/broken-phrase`]);
  });

  it('is clean once the stray character is removed', () => {
    const fixed = text.replace('各项刚工作', '各项工作');
    const diag = new DiagnosticSink();
    lintReport(loadReportText(fixed, 'data/report.yaml', diag)!, diag);
    expect(diag.items).toEqual([]);
  });
});
