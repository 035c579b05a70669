// Import stage: the seed text → the body of data/report.yaml; heading levels from nesting, run-in splitting,
// Traditional → Simplified, punctuation, BOM/CRLF, titles, attachments, diagnostics at input lines; and the
// canonical data file's figures and relations against its own text.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { LineIndex } from '../src/diag/span.ts';
import { importReport } from '../src/import/index.ts';
import { twToCn } from '../src/import/to-simplified.ts';
import { loadReportText } from '../src/load/index.ts';
import { ReportSchema, type BodyNode, type Report } from '../src/load/schema.ts';

const SEED_FILE = 'tests/fixtures/seed-report.txt';
const TITLE = '柞市镇2021年工作总结和2022年工作计划';
const seed = readFileSync(new URL('./fixtures/seed-report.txt', import.meta.url), 'utf8');
const dataText = readFileSync(new URL('../data/report.yaml', import.meta.url), 'utf8');
const data = ReportSchema.parse(parse(dataText)) as Report;
const imported = importReport(seed, { title: TITLE, file: SEED_FILE });

/** Every text of a body, in document order. */
function texts(nodes: readonly BodyNode[]): string[] {
  return nodes.flatMap((n) => ('p' in n ? [n.p] : 'heading' in n ? [n.heading, ...(n.runIn ? [n.runIn] : []), ...texts(n.body ?? [])] : []));
}

/** [level, heading] for every section, in document order. */
function outline(nodes: readonly BodyNode[], level = 1): [number, string][] {
  return nodes.flatMap((n): [number, string][] => ('heading' in n ? [[level, n.heading], ...outline(n.body ?? [], level + 1)] : []));
}

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('importReport on the seed', () => {
  it('reproduces the body of data/report.yaml exactly', () => {
    expect(imported.report.body).toEqual(data.body);
    expect(imported.report.meta.title).toBe(data.meta.title);
    expect(imported.report.meta.id).toBe(data.meta.id);
    expect(codes(imported)).not.toContain('import/empty-body');
  });

  it('recognises headings at their levels from nesting, whatever the numbering style', () => {
    expect(outline(imported.report.body)).toEqual([
      [1, '2021年工作总结'],
      [2, '筑牢强党根基，培育担当作为干部队伍。'],
      [2, '突出宜居理念，营造良好生态文明环境。'],
      [2, '坚持精准发力，大力实施乡村振兴战略。'],
      [2, '加强民生保障，坚决维护社会稳定繁荣。'],
      [2, '强化依法治理，持续增强群众安全感。'],
      [1, '2022年工作计划'],
      [2, '全力推进政策执行，推进底线工作抓好落实。'],
      [2, '全力实施乡村振兴，推进生态文明建设深入。'],
      [2, '全力提升服务水平，推进政府治理创新实践。'],
    ]);
    // "1、" under "二、" is level 2: reported as renumbered to （一）, at the "1、" of its input line.
    const renumbered = imported.diagnostics.filter((d) => d.code === 'import/heading-renumbered');
    expect(renumbered.map((d) => seed.slice(d.span!.start, d.span!.end))).toEqual(['1、', '2、', '3、']);
    expect(renumbered[0]!.message).toContain('（一）');
    expect(new LineIndex(seed).at(renumbered[0]!.span!.start)).toEqual({ line: 10, col: 1 });
  });

  it('splits run-in headings after their first full stop and keeps unnumbered lines as paragraphs', () => {
    const [intro, summary] = imported.report.body;
    expect(intro).toEqual({ p: expect.stringMatching(/^2021年，柞市镇党委、政府在县委、县政府坚强领导下，/) });
    const first = (summary as { body: BodyNode[] }).body[0] as { heading: string; runIn: string };
    expect(first.heading).toBe('筑牢强党根基，培育担当作为干部队伍。');
    expect(first.runIn).toMatch(/^一是强化理论学习，抓好政治建设。结合工作实际，制定/);
    const fifth = (summary as { body: BodyNode[] }).body[4] as { heading: string; runIn: string; body: BodyNode[] };
    expect(fifth.runIn).toMatch(/^一是扎实开展禁毒戒毒工作。/);
    expect(fifth.runIn).toMatch(/已有效化解两起信访积案。$/);
    expect(fifth.body).toEqual([{ p: expect.stringMatching(/^四是建立行政综合执法机制。加强镇综合执法队伍建设/) }]);
    const plan = imported.report.body[2] as { heading: string; runIn?: string };
    expect(plan.runIn).toBeUndefined();
  });

  it('converts the Traditional seed to Simplified, repairing the character-by-character errors', () => {
    const all = texts(imported.report.body).join('\n');
    for (const wrong of ['全麵', '製定', '同誌', '曆程', '係列', '複綠', '機製', '局麵', '遏製', '負麵', '鬥山']) expect(all).not.toContain(wrong);
    for (const right of ['全面', '制定', '同志', '历程', '系列', '复绿', '机制', '局面', '遏制', '负面', '斗山']) expect(all).toContain(right);
    // The stray 剛 is the proofreading lint's business, not a silent fix.
    expect(all).toContain('各项刚工作');
    expect(codes(imported)).toContain('import/traditional-converted');
  });

  it('leaves Simplified input unconverted and gets the same body', () => {
    const simplified = importReport(twToCn(seed), { title: TITLE, file: SEED_FILE });
    expect(codes(simplified)).not.toContain('import/traditional-converted');
    expect(simplified.report.body).toEqual(imported.report.body);
  });

  it('normalises punctuation: no half-width , : ; ( ) or straight quotes next to Chinese', () => {
    for (const t of texts(imported.report.body)) {
      expect(t).not.toMatch(/[,:;()"'](?=\p{Script=Han})|(?<=\p{Script=Han})[,:;()"']/u);
      expect(t).not.toMatch(/\p{Script=Han} +[\p{Script=Han}\d“]/u);
    }
    const all = texts(imported.report.body).join('');
    expect(all).toContain('“十四五”规划');
    expect(all).toContain('现有残疾人588人');
    expect(all).toContain('要做好对接“一门集中');
    expect(all).toContain('人均46.8岁降低到40.6岁');
  });

  it('gives the same result for BOM + CRLF input, with spans still on the right lines', () => {
    const crlf = `\uFEFF${seed.replace(/\n/g, '\r\n')}`;
    const again = importReport(crlf, { title: TITLE, file: SEED_FILE });
    expect(again.report).toEqual(imported.report);
    expect(again.yaml).toBe(imported.yaml);
    const source = crlf.slice(1); // spans count in the text without its BOM, as World.readText returns it
    const d = again.diagnostics.find((x) => x.code === 'import/heading-renumbered')!;
    expect(source.slice(d.span!.start, d.span!.end)).toBe('1、');
    expect(new LineIndex(source).at(d.span!.start)).toEqual({ line: 10, col: 1 });
  });

  it('writes YAML that starts with the schema modeline, keeps Chinese plain and loads cleanly', () => {
    const lines = imported.yaml.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=./report.schema.json');
    expect(imported.yaml).toMatch(/^ {2}- p: 2021年，柞市镇党委/m);
    expect(imported.yaml).toMatch(/^ {6}- heading: 筑牢强党根基，培育担当作为干部队伍。$/m);
    expect(imported.yaml).toContain('# （一）（原文“1、”）');
    expect(parse(imported.yaml)).toEqual(imported.report);
    const diag = new DiagnosticSink();
    expect(loadReportText(imported.yaml, 'data/x.yaml', diag)).toBeDefined();
    expect(diag.items).toEqual([]);
  });

  it('imports the seed\'s empty 附件下载 list as an empty list and notes the title came from --title', () => {
    expect(imported.report.attachments).toEqual([]);
    expect(imported.report.meta).toMatchObject({ organ: '', date: '' });
    expect(imported.yaml).toMatch(/^ {2}title: 柞市镇2021年工作总结和2022年工作计划 # 编者所加/m);
  });
});

describe('importReport on small inputs', () => {
  const nested = ['一、总体情况', '（一）工作进展', '1.第一项。内容一。', '（1）细项。内容。', '(2)细项二', '2．第二项', '二、下一步', '正文段落。'].join('\n');

  it('nests 1. and （1） as levels 3 and 4 under a level 2', () => {
    const r = importReport(nested, { title: '测试' });
    expect(outline(r.report.body)).toEqual([
      [1, '总体情况'],
      [2, '工作进展'],
      [3, '第一项。'],
      [4, '细项。'],
      [4, '细项二'],
      [3, '第二项'],
      [1, '下一步'],
    ]);
    expect(r.report.body[1]).toEqual({ heading: '下一步', body: [{ p: '正文段落。' }] });
    expect(r.yaml).toContain('# （1）');
  });

  it('returns a numbering style seen before to its level; unrecognised numbers stay paragraphs', () => {
    const r = importReport('一、甲\n（一）乙\n1.丙\n①戊\n（二）丁\n二、己', { title: '测试' });
    expect(outline(r.report.body)).toEqual([
      [1, '甲'],
      [2, '乙'],
      [3, '丙'],
      [2, '丁'],
      [1, '己'],
    ]);
    expect(texts(r.report.body)).toContain('①戊');
  });

  it('warns when heading numbers skip, at the number in the input', () => {
    const text = '一、甲\n（一）乙\n（三）丙\n（四）丁';
    const r = importReport(text, { title: '测试', file: 'in.txt' });
    const gap = r.diagnostics.find((d) => d.code === 'import/heading-number-gap')!;
    expect(gap.severity).toBe('warning');
    expect(text.slice(gap.span!.start, gap.span!.end)).toBe('（三）');
    expect(gap.message).toContain('（二）');
    expect(codes(r).filter((c) => c === 'import/heading-number-gap')).toHaveLength(1);
    // Numbers are printed by position, so the comments show （二）（三）, not the typed （三）（四）.
    expect(r.yaml).toContain('# （二）（原文“（三）”）');
    expect(r.yaml).toContain('# （三）（原文“（四）”）');
  });

  it('takes a short unnumbered first line as the title, and subtitle lines under it', () => {
    const r = importReport('　　某镇2022年工作报告\n——在镇第十八届人民代表大会第二次会议上\n各位代表：\n一、回顾', {});
    expect(r.report.meta).toMatchObject({ title: '某镇2022年工作报告', id: '某镇2022年工作报告', subtitle: ['——在镇第十八届人民代表大会第二次会议上'] });
    expect(r.report.body[0]).toEqual({ p: '各位代表：' });
    expect(codes(r)).not.toContain('import/title-from-file-name');
  });

  it('derives the title from the file name with a warning when there is no title line', () => {
    const r = importReport('第一段很长，有标点。', { file: 'reports/某镇 2022年报告.txt' });
    expect(r.report.meta.title).toBe('某镇 2022年报告');
    expect(r.report.meta.id).toBe('某镇_2022年报告');
    expect(r.diagnostics.find((d) => d.code === 'import/title-from-file-name')).toMatchObject({ severity: 'warning' });
    expect(r.yaml).toContain('暂取自文件名');
  });

  it('reads the attachment list after 附件：, each title warned as having no file, at its line', () => {
    const text = '正文。\n附件：\n1. 2021年数据表\n2.名单。';
    const r = importReport(text, { title: '测试', file: 'in.txt' });
    expect(r.report.attachments).toEqual([{ title: '2021年数据表' }, { title: '名单' }]);
    const warned = r.diagnostics.filter((d) => d.code === 'import/attachment-without-file');
    expect(warned.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(warned.map((d) => new LineIndex(text).at(d.span!.start).line)).toEqual([3, 4]);
    expect(warned[0]!.span!.file).toBe('in.txt');
    expect(ReportSchema.safeParse(parse(r.yaml)).success).toBe(true);
    expect(importReport('正文。\n附件下载: 1. 名单\n2、数据表', { title: '测试' }).report.attachments).toEqual([{ title: '名单' }, { title: '数据表' }]);
  });

  it('reports an input without body text as an error', () => {
    const r = importReport('\uFEFF\r\n  \r\n', { file: 'empty.txt' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['import/empty-body']);
  });
});

describe('data/report.yaml', () => {
  const body = texts(data.body).join('\n');

  it('states only figures whose text occurs in the body, not as the tail of a longer number', () => {
    expect(data.figures!.length).toBeGreaterThanOrEqual(20);
    expect(data.figures!.length).toBeLessThanOrEqual(35);
    for (const f of data.figures!) {
      const text = f.text ?? `${f.value}${f.unit}`;
      expect(text, f.id).toContain(String(f.value));
      const escaped = text.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');
      expect(body, `${f.id}: ${text}`).toMatch(new RegExp(`(?<![\\d.])${escaped}`));
    }
    expect(new Set(data.figures!.map((f) => f.id)).size).toBe(data.figures!.length);
  });

  it('has relations whose parts sum to their totals', () => {
    const value = new Map(data.figures!.map((f) => [f.id, f.value]));
    expect(data.relations!.length).toBeGreaterThanOrEqual(1);
    expect(data.relations).toContainEqual({ total: 'wubao_total', parts: ['wubao_scattered', 'wubao_centralised'] });
    for (const r of data.relations!) {
      const parts = r.parts.map((p) => value.get(p));
      expect(parts.every((v) => v !== undefined), r.total).toBe(true);
      expect(parts.reduce((a, b) => a! + b!, 0)).toBe(value.get(r.total));
    }
  });

  it('attaches the generated data table, leaves 署名 and 成文日期 empty, and marks the title as editorial', () => {
    expect(data.attachments).toEqual([{ title: '柞市镇2021年主要工作数据一览表', table: 'figures' }]);
    expect(data.meta).toMatchObject({ organ: '', date: '' });
    expect(dataText.split('\n')[0]).toBe('# yaml-language-server: $schema=./report.schema.json');
    expect(dataText).toMatch(/^ {2}title: 柞市镇2021年工作总结和2022年工作计划 # 编者所加/m);
  });
});
