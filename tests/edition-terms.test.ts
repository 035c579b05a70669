// The project dictionary file: every problem in data/terms.yaml is reported at file:line:col, in Chinese.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { location } from '../src/diag/format.ts';
import { loadTerms, NO_TERMS, parseTerms } from '../src/normalize/terms.ts';
import { nodeWorld } from '../src/world.ts';

const FILE = 'data/terms.yaml';

function parse(text: string) {
  const diag = new DiagnosticSink();
  const terms = parseTerms(text, FILE, diag);
  const where = diag.items.map((d) => `${location(d, () => text)} ${d.severity} ${d.code}`);
  return { terms, diag, where };
}

const good = `terms:
  - zh-Hans: 对标对表
    zh-Hant: 對標對表
    why: 对表不是手表
after-digits:
  - { zh-Hans: 只, zh-Hant: 隻, why: 量词 }
protect:
  - 柞市
  - term: 斗山
    why: 地名
`;

describe('parseTerms', () => {
  it('reads terms, measure-word rules and protected names with their spans', () => {
    const { terms, where } = parse(good);
    expect(where).toEqual([]);
    expect(terms.terms).toEqual([{ hans: '对标对表', hant: '對標對表', why: '对表不是手表', span: { file: FILE, start: 20, end: 24 } }]);
    expect(terms.afterDigits.map((t) => [t.hans, t.hant])).toEqual([['只', '隻']]);
    expect(terms.protect.map((p) => [p.text, p.why])).toEqual([
      ['柞市', undefined],
      ['斗山', '地名'],
    ]);
  });

  it('treats an empty file as no entries', () => {
    expect(parse('').terms).toEqual(NO_TERMS);
    expect(parse('# 只有注释\n').terms).toEqual(NO_TERMS);
  });

  it('reports a zh-Hans key given twice at the second one, across sections', () => {
    const { where, diag, terms } = parse(`${good}  - 对标对表\n`);
    expect(where).toEqual(['data/terms.yaml:11:5 error terms/duplicate']);
    expect(diag.items[0]?.message).toBe('“对标对表”在项目词典中重复（第一次在第 2 行）');
    expect(terms.protect.map((p) => p.text)).toEqual(['柞市', '斗山']);
  });

  it('reports empty sides and empty list items', () => {
    const { where } = parse(`terms:
  - zh-Hans: 对表
    zh-Hant:
    why: x
  -
  - zh-Hans: ""
    zh-Hant: 錶
    why: x
protect:
  - ""
`);
    expect(where).toEqual([
      'data/terms.yaml:3:13 error terms/empty',
      'data/terms.yaml:5:4 error terms/empty',
      'data/terms.yaml:6:14 error terms/empty',
      'data/terms.yaml:10:5 error terms/empty',
    ]);
  });

  it('points at a Traditional character on the zh-Hans side and a Simplified one on the zh-Hant side', () => {
    const { where, diag, terms } = parse(`terms:
  - zh-Hans: 严格對标
    zh-Hant: 嚴格對標
    why: x
  - zh-Hans: 对标
    zh-Hant: "對标"
    why: x
`);
    expect(where).toEqual(['data/terms.yaml:2:16 error terms/not-simplified', 'data/terms.yaml:6:16 error terms/not-traditional']);
    expect(diag.items.map((d) => d.message)).toEqual(['简体一侧含繁体字“對”', '繁体一侧含简体字“标”']);
    expect(terms.terms).toEqual([]);
  });

  it('warns when an entry does not convert back to its zh-Hans text', () => {
    const { where, diag } = parse('terms:\n  - zh-Hans: 出台\n    zh-Hant: 出枱\n    why: x\n');
    expect(where).toEqual(['data/terms.yaml:3:14 warning terms/no-round-trip']);
    expect(diag.items[0]?.message).toBe('繁体“出枱”用 OpenCC 转回简体是“出枱”，不是“出台”');
  });

  it('warns when a protected word holds a Simplified-only character', () => {
    const { where, diag } = parse('protect:\n  - 对标山\n');
    expect(where).toEqual(['data/terms.yaml:2:5 warning terms/protect-simplified']);
    expect(diag.items[0]?.message).toBe('保护词“对标山”含简体字“对、标”，繁体版中将原样保留');
  });

  it('reports unknown keys, a missing why, and YAML duplicate keys', () => {
    expect(parse('term:\n  - { zh-Hans: 对表, zh-Hant: 對表, why: x }\n').where).toEqual(['data/terms.yaml:1:1 error terms/unknown-key']);
    expect(parse('terms:\n  - zh-Hans: 对表\n    zh-hant: 對表\n    zh-Hant: 對表\n').where).toEqual([
      'data/terms.yaml:3:5 error terms/unknown-key',
      'data/terms.yaml:2:5 warning terms/missing-why',
    ]);
    expect(parse('terms:\n  - zh-Hans: 对表\n    zh-Hans: 对表\n').where).toEqual(['data/terms.yaml:3:5 error terms/yaml-duplicate-key']);
  });

  it('reports a YAML syntax error and a wrong shape', () => {
    const syntax = parse('terms:\n  - zh-Hans: "对表\n');
    expect(syntax.where[0]).toMatch(/^data\/terms\.yaml:\d+:\d+ error terms\/yaml-/);
    expect(syntax.diag.items[0]?.message).toContain('YAML 语法错误');
    expect(parse('- 对表\n').where).toEqual(['data/terms.yaml:1:1 error terms/invalid']);
    expect(parse('terms: 对表\n').where).toEqual(['data/terms.yaml:1:8 error terms/invalid']);
  });
});

describe('loadTerms', () => {
  it('reads the file through the World and records it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-terms-'));
    mkdirSync(path.join(root, 'data'));
    writeFileSync(path.join(root, 'data/terms.yaml'), 'protect:\n  - 斗山\n  - 斗山\n');
    const world = nodeWorld(root);
    const diag = new DiagnosticSink();
    const terms = loadTerms(world, diag);
    expect(terms.protect.map((p) => p.text)).toEqual(['斗山']);
    expect(diag.items.map((d) => `${location(d, (f) => world.source(f))} ${d.code}`)).toEqual(['data/terms.yaml:3:5 terms/duplicate']);
    expect([...world.deps.files]).toEqual([path.join(root, 'data/terms.yaml')]);
  });

  it('gives no entries when the project has no terms file', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-terms-'));
    const diag = new DiagnosticSink();
    expect(loadTerms(nodeWorld(root), diag)).toBe(NO_TERMS);
    expect(diag.items).toEqual([]);
  });
});
