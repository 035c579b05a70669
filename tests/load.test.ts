// Load stage: YAML and schema errors become Chinese diagnostics at file:line:col; valid data is frozen.
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { formatDiagnostics, location } from '../src/diag/format.ts';
import { loadReportText } from '../src/load/index.ts';

const FILE = 'data/t.yaml';
const good = `meta:
  id: 测试
  title: 测试标题
  date: "2022-01-05"
body:
  - p: 第一段。
  - heading: 总结
    runIn: 正文。
    body:
      - p: 第二段。
`;

function load(text: string) {
  const diag = new DiagnosticSink();
  const loaded = loadReportText(text, FILE, diag);
  const where = diag.items.map((d) => `${location(d, () => text)} ${d.code}`);
  return { diag, loaded, where, printed: formatDiagnostics(diag.items, () => text) };
}

describe('loadReportText', () => {
  it('returns frozen data with spans for valid input', () => {
    const { loaded, diag } = load(good);
    expect(diag.items).toEqual([]);
    expect(Object.isFrozen(loaded!.report.body)).toBe(true);
    const span = loaded!.spanOf(['body', 1, 'runIn'])!;
    expect(good.slice(span.start, span.end)).toBe('正文。');
    const ch = loaded!.spanOfChar(['body', 1, 'body', 0, 'p'], 2)!;
    expect(good.slice(ch.start, ch.end)).toBe('段');
  });

  it('reports a YAML syntax error at its line and column, in Chinese', () => {
    const { loaded, where, printed } = load(good.replace('  - p: 第一段。', '  - p: "第一段。'));
    expect(loaded).toBeUndefined();
    expect(where[0]).toMatch(/^data\/t\.yaml:\d+:\d+ load\/yaml-/);
    expect(printed).toContain('YAML 语法错误');
  });

  it('reports each YAML fault once, though the parser reports an unclosed flow map twice', () => {
    const { loaded, where } = load('{{{ broken\n');
    expect(loaded).toBeUndefined();
    expect(where.length).toBeGreaterThan(0);
    expect(new Set(where).size).toBe(where.length);
  });

  it('reports a duplicate key at the second key', () => {
    const { where } = load(good.replace('  title: 测试标题\n', '  title: 测试标题\n  title: 又一个\n'));
    expect(where).toContain('data/t.yaml:4:3 load/yaml-duplicate-key');
  });

  it('reports every schema problem, each at its node', () => {
    const text = good.replace('"2022-01-05"', '2022.1.5').replace('  - p: 第二段。', '  - para: 第二段。');
    const { where, printed } = load(text);
    expect(where).toContain('data/t.yaml:4:9 load/schema-invalid-format');
    expect(printed).toContain('成文日期应为 YYYY-MM-DD（实为 "2022.1.5"）');
    expect(where.some((w) => w.startsWith('data/t.yaml:10:9 load/schema-invalid-union'))).toBe(true);
    expect(printed).toContain('正文的每一项应为段落');
  });

  it('points a missing key at its parent mapping and hints the fix', () => {
    const { where, printed } = load(good.replace('  title: 测试标题\n', ''));
    expect(where).toEqual(['data/t.yaml:2:3 load/schema-invalid-type']);
    expect(printed).toContain('缺少标题（title）');
  });

  it('suggests quotes when a number stands where text belongs', () => {
    const { printed } = load(good.replace('id: 测试', 'id: 000123'));
    expect(printed).toContain('输出文件名（id）应为文本');
    expect(printed).toContain('请加引号');
  });

  it('refuses an alias bomb', () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`;
    const { loaded, diag } = load(bomb);
    expect(loaded).toBeUndefined();
    expect(diag.hasErrors()).toBe(true);
  });
});

describe('formatDiagnostics', () => {
  it('shows a window of a long line with the caret under the place, two columns per ideograph', () => {
    const text = `p: ${'甲'.repeat(100)}乙${'丙'.repeat(100)}\n`;
    const at = text.indexOf('乙');
    const printed = formatDiagnostics([{ severity: 'warning', code: 'lint/x', message: '测试', span: { file: FILE, start: at, end: at + 1 }, hints: [] }], () => text);
    const [head, src, caret] = printed.split('\n');
    expect(head).toBe(`data/t.yaml:1:${at + 1}: 警告[lint/x]: 测试`);
    expect(src).toMatch(/^ {2}1 \| …甲+乙丙+…$/);
    const col = caret!.indexOf('^') - caret!.indexOf('|') - 2;
    const before = src!.slice(src!.indexOf('|') + 2, src!.indexOf('乙'));
    expect(col).toBe([...before].reduce((w, c) => w + (c === '…' ? 1 : 2), 0));
    expect(caret!.trim().endsWith('^^')).toBe(true);
  });
});
