// Editions: OpenCC phrase-level conversion with the project dictionary (data/terms.yaml), the residue and
// round-trip checks on the whole seed report, and the edition walk over the report data.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { loadReportText } from '../src/load/index.ts';
import type { Report } from '../src/load/schema.ts';
import { mapReportTexts } from '../src/load/walk-text.ts';
import { editionConverter, editionReport } from '../src/normalize/edition.ts';
import { TraditionalConverters } from '../src/normalize/opencc.ts';
import { findSimplifiedResidue, findTraditionalOnly, simplifiedConverter } from '../src/normalize/script-check.ts';
import { loadTerms, NO_TERMS, type Terms } from '../src/normalize/terms.ts';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.ts';

const world = nodeWorld(PACKAGE_ROOT);
const diag = new DiagnosticSink();
const terms = loadTerms(world, diag);
const converters = new TraditionalConverters();
const traditionalConverter = (variant: 'tw' | 'hk', t: Terms) => converters.converter(variant, t);
const tw = traditionalConverter('tw', terms);
const hk = traditionalConverter('hk', terms);
const toHans = simplifiedConverter();

/** The seed is a badly converted Traditional text; OpenCC tw→cn repairs it into the Simplified source. */
const seed = readFileSync(path.join(PACKAGE_ROOT, 'tests/fixtures/seed-report.txt'), 'utf8');
const seedHans = toHans(seed);

/** The 51 wrong characters of the seed's naive conversion, as words. */
const SEED_ERRORS = ['全麵', '製定', '同誌', '曆程', '係列', '複綠', '機製', '局麵', '遏製', '負麵', '對錶', '鬥山', '學曆', '製度', '體係', '康複', '複耕'];

describe('the project dictionary', () => {
  it('data/terms.yaml loads without diagnostics', () => {
    expect(diag.items).toEqual([]);
    expect(terms.terms.map((t) => t.hans)).toContain('对标对表');
    expect(terms.protect.map((p) => p.text)).toEqual(expect.arrayContaining(['柞市', '斗山']));
  });
});

describe('traditionalConverter (tw)', () => {
  it.each([
    ['全面推进', '全面推進'],
    ['制定', '制定'],
    ['同志', '同志'],
    ['历程', '歷程'],
    ['系列', '系列'],
    ['复绿', '復綠'],
    ['机制', '機制'],
    ['局面', '局面'],
    ['遏制', '遏制'],
    ['负面', '負面'],
    ['对标对表', '對標對表'],
    ['严格对标对表，研究提升举措', '嚴格對標對表，研究提升舉措'],
    ['3000只羊', '3000隻羊'],
    ['年出栏黑山羊3000只，', '年出欄黑山羊3000隻，'],
    ['３只', '３隻'],
    ['一只羊三棵树', '一隻羊三棵樹'],
    ['只跑一次', '只跑一次'],
    ['斗山', '斗山'],
    ['凡云至斗山', '凡雲至斗山'],
    ['柞市镇', '柞市鎮'],
    ['生态柞市·幸福柞市', '生態柞市·幸福柞市'],
    ['斗争', '鬥爭'],
    ['党百年历程中', '黨百年歷程中'],
    ['学历结构', '學歷結構'],
    ['2021年', '2021年'],
  ])('%s → %s', (hans, hant) => {
    expect(tw(hans)).toBe(hant);
  });

  it('without the dictionary shows the OpenCC errors the dictionary fixes', () => {
    const plain = traditionalConverter('tw', NO_TERMS);
    expect(plain('对标对表')).toBe('對標對錶');
    expect(plain('3000只')).toBe('3000只');
    expect(plain('党百年历程中')).toBe('黨百年曆程中');
  });

  it('equals OpenCC.Converter({from: cn, to: tw|hk}) when the dictionary is empty', () => {
    // The pipeline re-implements OpenCC's segmentation on a shared trie; it must not change OpenCC's output.
    const phrases = (OpenCC.Locale.configs['s2tw']?.conversionChain[0]?.[0] as string).split('|');
    const sample = phrases.filter((_, i) => i % 40 === 0).map((l) => l.split(' ')[0]).join('');
    // Every phrase key, back to back: matches that start inside one key and run into the next are exercised too.
    const every = phrases.map((l) => l.split(' ')[0]).join('');
    for (const variant of ['tw', 'hk'] as const) {
      const builtin = OpenCC.Converter({ from: 'cn', to: variant });
      const ours = traditionalConverter(variant, NO_TERMS);
      expect(ours(seedHans)).toBe(builtin(seedHans));
      expect(ours(sample)).toBe(builtin(sample));
      expect(ours(every)).toBe(builtin(every));
    }
  });
});

describe('simplifiedConverter (tw → cn on lazily filled tries)', () => {
  it('equals OpenCC.Converter({from: tw, to: cn}) on the seed, every dictionary key and the converted report', () => {
    const builtin = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const config = OpenCC.Locale.configs['tw2s'];
    const dicts = [...(config?.conversionChain.flat() ?? []), ...[config?.segmentation ?? []].flat()];
    const keys = dicts.flatMap((d) => (typeof d === 'string' ? d.split('|').map((l) => l.split(' ')[0] ?? '') : d.map(([k]: readonly [string, string]) => k)));
    expect(keys.length).toBeGreaterThan(5000);
    // One text of all keys (matches across key boundaries are exercised too), and each key alone in chunks.
    const ours = simplifiedConverter();
    expect(ours(seed)).toBe(builtin(seed));
    expect(ours(keys.join(''))).toBe(builtin(keys.join('')));
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500).join('，');
      expect(ours(chunk)).toBe(builtin(chunk));
    }
    expect(ours(tw(seedHans))).toBe(builtin(tw(seedHans)));
  });
});

describe('traditionalConverter (hk)', () => {
  it('uses Hong Kong forms and the same project entries', () => {
    expect(hk('群众')).toBe('羣眾');
    expect(hk('对标对表')).toBe('對標對表');
    expect(hk('3000只')).toBe('3000隻');
    expect(hk('斗山')).toBe('斗山');
  });

  it('takes zh-Hant-hk when an entry has one', () => {
    const custom: Terms = { terms: [{ hans: '出台', hant: '出臺', hantHk: '出台', why: 'test' }], afterDigits: [], protect: [] };
    expect(traditionalConverter('tw', custom)('已出台')).toBe('已出臺');
    expect(traditionalConverter('hk', custom)('已出台')).toBe('已出台');
  });

  it('lets the first of two identical keys win and protects before terms', () => {
    const custom: Terms = { terms: [{ hans: '斗山', hant: '鬥山', why: 'test' }], afterDigits: [], protect: [{ text: '斗山' }] };
    expect(traditionalConverter('tw', custom)('凡云至斗山')).toBe('凡雲至斗山');
  });
});

describe('the whole seed report (tw→cn, then our cn→tw)', () => {
  const hant = tw(seedHans);

  it('contains none of the seed conversion errors', () => {
    for (const wrong of SEED_ERRORS) expect(hant, wrong).not.toContain(wrong);
    expect(hant).toContain('對標對表');
    expect(hant).toContain('3000隻');
    expect(hant).toContain('凡雲至斗山');
    expect(hant).toContain('柞市鎮');
  });

  it('has no Simplified residue', () => {
    expect(findSimplifiedResidue(hant)).toEqual([]);
  });

  it('converts back with OpenCC tw→cn to the Simplified text', () => {
    // Deliberate exceptions would be listed here as [zh-Hans, back-converted]; the current dictionary needs none:
    // 對標對表, 歷程, 3000隻 and the protected names all convert back to their source.
    const exceptions: [string, string][] = [];
    let back = toHans(hant);
    for (const [hans, returned] of exceptions) back = back.replaceAll(returned, hans);
    expect(back).toBe(seedHans);
  });

  it('converts back for every dictionary entry on its own', () => {
    for (const t of terms.terms) expect(toHans(t.hant)).toBe(t.hans);
    for (const r of terms.afterDigits) expect(toHans(`12${r.hant}`)).toBe(`12${r.hans}`);
    for (const p of terms.protect) expect(toHans(tw(p.text))).toBe(p.text);
  });
});

describe('the default data (data/report.yaml) in zh-Hant', () => {
  const text = readFileSync(path.join(PACKAGE_ROOT, 'data/report.yaml'), 'utf8');
  const d = new DiagnosticSink();
  const loaded = loadReportText(text, 'data/report.yaml', d);

  it('converts every field without residue and converts back field by field', () => {
    expect(d.items).toEqual([]);
    const hans = loaded!.report;
    const hant = editionReport(hans, 'zh-Hant', tw);
    const pairs: [string, string][] = [];
    const hantTexts: string[] = [];
    mapReportTexts(hant, (t) => (hantTexts.push(t), t));
    mapReportTexts(hans, (t) => (pairs.push([t, hantTexts[pairs.length] ?? '']), t));
    expect(pairs.length).toBeGreaterThan(50);
    for (const [source, converted] of pairs) {
      expect(findSimplifiedResidue(converted), converted).toEqual([]);
      expect(toHans(converted)).toBe(source);
      for (const wrong of SEED_ERRORS) expect(converted).not.toContain(wrong);
    }
    const all = hantTexts.join('\n');
    for (const right of ['對標對表', '3000隻', '凡雲至斗山', '柞市鎮', '黨百年歷程中']) expect(all).toContain(right);
    expect(hant.figures?.find((f) => f.id === 'black_goats')?.unit).toBe('隻');
  });
});

describe('script checks', () => {
  it('finds Simplified-only characters and leaves characters valid in both scripts alone', () => {
    expect(findSimplifiedResidue('嚴格对標们').map((h) => h.char)).toEqual(['对', '们']);
    expect(findSimplifiedResidue('平台里干后斗云群只着')).toEqual([]);
    expect(findSimplifiedResidue('𠀀对')).toEqual([{ char: '对', index: 2 }]);
  });

  it('finds Traditional-only characters (the seed is full of them)', () => {
    expect(findTraditionalOnly('全麵製定').map((h) => h.char)).toEqual(['麵', '製']);
    expect(findTraditionalOnly('著名乾坤于是')).toEqual([]);
    expect(findTraditionalOnly(seedHans)).toEqual([]);
    expect(findTraditionalOnly(seed).length).toBeGreaterThan(500);
  });
});

describe('editionReport', () => {
  const report: Report = Object.freeze({
    meta: { id: '柞市镇报告', title: '柞市镇工作报告', subtitle: ['——在镇人代会上'], organ: '柞市镇人民政府', date: '2022-01-05' },
    body: [
      { p: '全面推进对标对表。' },
      { heading: '乡村振兴', runIn: '养羊3000只。', body: [{ p: '复绿工作。' }] },
    ],
    figures: [{ id: 'sheep', category: '产业发展', item: '黑山羊出栏', value: 3000, unit: '只', text: '3000只' }],
    relations: [{ total: 'sheep', parts: ['sheep', 'sheep'] }],
    attachments: [{ title: '数据统计表', table: 'figures' as const }, { title: '现场照片', file: 'attachments/照片说明.pdf' }],
  }) as Report;

  it('returns the Simplified report itself', () => {
    expect(editionReport(report, 'zh-Hans')).toBe(report);
  });

  it('converts every text field and no id, date, number or path', () => {
    const hant = editionReport(report, 'zh-Hant', tw);
    expect(hant.meta).toEqual({ id: '柞市镇报告', title: '柞市鎮工作報告', subtitle: ['——在鎮人代會上'], organ: '柞市鎮人民政府', date: '2022-01-05' });
    expect(hant.body).toEqual([{ p: '全面推進對標對表。' }, { heading: '鄉村振興', runIn: '養羊3000隻。', body: [{ p: '復綠工作。' }] }]);
    expect(hant.figures).toEqual([{ id: 'sheep', category: '產業發展', item: '黑山羊出欄', value: 3000, unit: '隻', text: '3000隻' }]);
    expect(hant.relations).toEqual(report.relations);
    expect(hant.attachments).toEqual([{ title: '數據統計表', table: 'figures' }, { title: '現場照片', file: 'attachments/照片说明.pdf' }]);
    expect(Object.isFrozen(hant.body[1])).toBe(true);
  });

  it('needs a converter for zh-Hant', () => {
    expect(() => editionReport(report, 'zh-Hant')).toThrow(/converter/);
  });

  it('editionConverter reads data/terms.yaml through the World', () => {
    const w = nodeWorld(PACKAGE_ROOT);
    const d = new DiagnosticSink();
    const convert = editionConverter(converters, w, d, 'tw');
    expect(convert('对标对表')).toBe('對標對表');
    expect([...w.deps.files].map((f) => w.rel(f))).toEqual(['data/terms.yaml']);
    expect(d.items).toEqual([]);
  });
});
