// The data of mark lines and numbered copies (issue #11): every form of `copies` gives the 份号 it says, six-digit
// strings from the first to the last; bad data gives a Chinese error at its line and column with a hint (exit 4),
// a command line that contradicts the data is a usage error (exit 2); the mark lines reach the model in order.
import { describe, expect, it } from 'vitest';
import { BuildFailure, Compiler, compileRequest } from '../src/compile/index.ts';
import { parseCopiesArg, planCopies, type CopiesRequest } from '../src/copies/plan.ts';
import { DiagnosticSink, EXIT } from '../src/diag/diagnostic.ts';
import { formatDiagnostics, location } from '../src/diag/format.ts';
import { loadReportText } from '../src/load/index.ts';
import { PACKAGE_ROOT, nodeWorld, overlayWorld } from '../src/world.ts';

const FILE = 'data/t.yaml';
const head = `meta:
  id: 测试
  title: 测试标题
body:
  - p: 第一段。
`;
const FLAGS: CopiesRequest = { split: false, bundle: false, watermark: false };

function plan(copiesYaml: string, request: Partial<CopiesRequest> = {}) {
  const text = `${head}${copiesYaml}`;
  const diag = new DiagnosticSink();
  const loaded = loadReportText(text, FILE, diag);
  const outcome = loaded ? planCopies(loaded, { ...FLAGS, ...request }, diag) : undefined;
  return {
    numbers: outcome && 'plan' in outcome ? outcome.plan?.copies.map((c) => c.number) : undefined,
    plan: outcome && 'plan' in outcome ? outcome.plan : undefined,
    exit: outcome && 'failed' in outcome ? outcome.failed : loaded ? undefined : EXIT.dataInvalid,
    where: diag.items.map((d) => `${location(d, () => text)} ${d.code}`),
    printed: formatDiagnostics(diag.items, () => text),
  };
}

describe('copies in the data', () => {
  it('takes a count, a range, a recipient list and the full form; 份号 are six-digit strings', () => {
    expect(plan('copies: 3\n').numbers).toEqual(['000001', '000002', '000003']);
    expect(plan('copies: 31-33\n').numbers).toEqual(['000031', '000032', '000033']);
    expect(plan('copies: "000998-001001"\n').numbers).toEqual(['000998', '000999', '001000', '001001']);
    const listed = plan('copies:\n  - { name: 张三, unit: 办公室 }\n  - { name: 李四 }\n');
    expect(listed.numbers).toEqual(['000001', '000002']);
    expect(listed.plan?.copies.map((c) => c.recipient)).toEqual([{ name: '张三', unit: '办公室' }, { name: '李四' }]);
    expect(plan('copies:\n  first: "000031"\n  recipients:\n    - { name: 张三 }\n    - { name: 李四 }\n').numbers).toEqual(['000031', '000032']);
    expect(plan('copies: { first: "999998", count: 2 }\n').numbers).toEqual(['999998', '999999']);
    expect(plan('').numbers).toBeUndefined();
  });

  it('refuses copies: 0 at its place', () => {
    const r = plan('copies: 0\n');
    expect(r.exit).toBe(EXIT.dataInvalid);
    expect(r.where).toEqual(['data/t.yaml:6:9 load/schema-too-small']);
    expect(r.printed).toContain('份数应至少为 1');
    expect(plan('copies: []\n').exit).toBe(EXIT.dataInvalid);
    expect(plan('copies: { recipients: [] }\n').where).toEqual(['data/t.yaml:6:23 load/schema-too-small']);
  });

  it('refuses a reversed range and a 份号 over 999999', () => {
    const reversed = plan('copies: 60-31\n');
    expect(reversed.where).toEqual(['data/t.yaml:6:9 copies/bad-range']);
    expect(reversed.printed).toContain('份号范围倒置');
    expect(plan('copies: 999990-1000005\n').printed).toContain('份号不能超过 999999');
    const past = plan('copies: { first: "999999", count: 2 }\n');
    expect(past.where).toEqual(['data/t.yaml:6:9 copies/number-too-large']);
    expect(plan('copies: 1000000\n').printed).toContain('份数最多 999999');
  });

  it('refuses a 份号 written as a number, with the hint to quote what was typed', () => {
    const r = plan('copies:\n  first: 000031\n  count: 2\n');
    expect(r.where).toEqual(['data/t.yaml:7:10 load/schema-invalid-type']);
    expect(r.printed).toContain('请加引号：first: "000031"');
    expect(r.printed).toContain('开头的 0 会丢失');
  });

  it('refuses duplicate recipients at the second one, and a count that disagrees with the list at the count', () => {
    const dup = plan('copies:\n  - { name: 张三, unit: 办公室 }\n  - { name: 李四 }\n  - { name: 张三, unit: 办公室 }\n');
    expect(dup.where).toEqual(['data/t.yaml:9:5 copies/duplicate-recipient']);
    expect(dup.printed).toContain('领取人重复：张三（办公室） 已在第 1 项');
    const mismatch = plan('copies:\n  count: 3\n  recipients:\n    - { name: 张三 }\n    - { name: 李四 }\n');
    expect(mismatch.where).toEqual(['data/t.yaml:7:10 copies/count-mismatch']);
    expect(mismatch.printed).toContain('份数 3 与领取人人数 2 不一致');
    expect(mismatch.exit).toBe(EXIT.dataInvalid);
  });

  it('lets --copies override the count, but not a recipient list of another length (a usage error at the list)', () => {
    expect(plan('copies: 3\n', { numbers: { first: 31, count: 2 } }).numbers).toEqual(['000031', '000032']);
    const r = plan('copies:\n  - { name: 张三 }\n  - { name: 李四 }\n', { numbers: { first: 1, count: 120 } });
    expect(r.exit).toBe(EXIT.usage);
    expect(r.where).toEqual(['data/t.yaml:7:3 copies/count-mismatch']);
    expect(r.printed).toContain('--copies 要印 120 份，但数据中的领取人有 2 人');
    expect(plan('copies:\n  - { name: 张三 }\n  - { name: 李四 }\n', { numbers: { first: 31, count: 2 } }).numbers).toEqual(['000031', '000032']);
  });

  it('refuses a copy flag when nothing is to be numbered (usage)', () => {
    const r = plan('', { watermark: true, split: true });
    expect(r.exit).toBe(EXIT.usage);
    expect(r.printed).toContain('--copies-split、--watermark 需要会议份号');
  });
});

describe('--copies on the command line', () => {
  it('parses counts and ranges and explains what it cannot take', () => {
    expect(parseCopiesArg('120')).toEqual({ first: 1, count: 120 });
    expect(parseCopiesArg('31-60')).toEqual({ first: 31, count: 30 });
    expect(parseCopiesArg('0')).toMatch(/应至少为 1/);
    expect(parseCopiesArg('60-31')).toMatch(/倒置/);
    expect(parseCopiesArg('0-5')).toMatch(/从 000001 起/);
    expect(parseCopiesArg('999999-1000000')).toMatch(/不能超过 999999/);
    expect(parseCopiesArg('1000000')).toMatch(/最多 999999/);
    expect(parseCopiesArg('十份')).toMatch(/应为份数/);
  });
});

describe('mark lines in the data', () => {
  const marks = '  secret: { level: 机密, period: 6个月 }\n  urgency: 加急\n  mark: 内部资料,注意保存\n';
  const compile = async (text: string) => {
    const diag = new DiagnosticSink();
    const world = overlayWorld(nodeWorld(PACKAGE_ROOT, {}), { 'data/report.yaml': text });
    const request = compileRequest({ dataFile: 'data/report.yaml', editions: ['zh-Hans', 'zh-Hant'], fonts: { fontPaths: [], systemFonts: false }, formats: [] });
    const result = await new Compiler().compile(request, world, diag).catch((e: unknown) => (e instanceof BuildFailure ? e.exitCode : -1));
    return { result, diag };
  };

  it('reach the model top to bottom as 密级★期限, 紧急程度, the local mark (punctuation normalised, converted for zh-Hant)', async () => {
    const data = nodeWorld(PACKAGE_ROOT, {}).readText('data/report.yaml').replace(/^meta:\n/m, `meta:\n${marks}`);
    const { result } = await compile(data);
    if (typeof result === 'number') throw new Error(`exit ${result}`);
    const lines = result.editions.map((e) => (e.model.blocks[0]?.type === 'marks' ? e.model.blocks[0].lines.map((l) => l.text) : []));
    expect(lines).toEqual([
      ['机密★6个月', '加急', '内部资料，注意保存'],
      ['機密★6個月', '加急', '內部資料，注意保存'],
    ]);
  }, 60_000);

  it('refuse an unknown 密级 or 紧急程度 and a ★ in the period, each at its place', () => {
    const text = `meta:\n  id: 测试\n  title: 测试标题\n  secret: { level: 内部, period: 1★年 }\n  urgency: 急件\nbody:\n  - p: 第一段。\n`;
    const diag = new DiagnosticSink();
    expect(loadReportText(text, FILE, diag)).toBeUndefined();
    const printed = formatDiagnostics(diag.items, () => text);
    expect(diag.items.map((d) => location(d, () => text))).toEqual(['data/t.yaml:4:20', 'data/t.yaml:4:32', 'data/t.yaml:5:12']);
    expect(printed).toContain('可选：秘密、机密、绝密');
    expect(printed).toContain('可选：特急、加急');
    expect(printed).toContain('保密期限不能含“★”');
  });
});
