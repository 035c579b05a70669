/**
 * Stage: normalise (edition). Input: data/terms.yaml (the project dictionary, read through the World) → Terms:
 * entries that override OpenCC where it is wrong for this report, measure-word rules after digits, and protected
 * proper nouns. Every problem is a diagnostic at `file:line:col` (parsed with the `yaml` document API).
 *
 * File format (documented for users in data/terms.yaml itself):
 *   terms:        [ { zh-Hans: 对标对表, zh-Hant: 對標對表, zh-Hant-hk?: …, why: 原因 } ]
 *   after-digits: [ { zh-Hans: 只, zh-Hant: 隻, why: … } ]     # applies right after Arabic digits: 3000只 → 3000隻
 *   protect:      [ 柞市, { term: 斗山, why: … } ]             # kept exactly as written in every edition
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair } from 'yaml';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import { yamlErrorMessage } from '../load/yaml-messages.ts';
import { nodeSpan, scalarCharSpan } from '../load/yaml-spans.ts';
import type { Span } from '../model/types.ts';
import type { World } from '../world.ts';
import { findSimplifiedResidue, findTraditionalOnly, simplifiedConverter } from './script-check.ts';

/** One dictionary line: Simplified text → its Traditional form (optionally a Hong Kong form). */
export interface TermEntry {
  readonly hans: string;
  readonly hant: string;
  /** Hong Kong form when it differs from `hant` (used with `--variant hk`). */
  readonly hantHk?: string;
  /** Why OpenCC's own output is wrong here (shown to whoever maintains the file). */
  readonly why: string;
  readonly span?: Span;
}

/** A proper noun kept as written in every edition (place names such as 柞市, 斗山). */
export interface ProtectedTerm {
  readonly text: string;
  readonly why?: string;
  readonly span?: Span;
}

/** The project dictionary. */
export interface Terms {
  readonly terms: readonly TermEntry[];
  /** Measure words after Arabic digits (3000只 → 3000隻): one rule instead of one entry per number. */
  readonly afterDigits: readonly TermEntry[];
  readonly protect: readonly ProtectedTerm[];
}

/** No project dictionary: plain OpenCC. */
export const NO_TERMS: Terms = Object.freeze({ terms: [], afterDigits: [], protect: [] });

/** Where the project dictionary lives, relative to the project root. */
export const TERMS_FILE = 'data/terms.yaml';

const SECTION_NAMES = { terms: '词条', 'after-digits': '数字后的量词', protect: '保护词' } as const;
type Section = keyof typeof SECTION_NAMES;
const ENTRY_KEYS = new Set(['zh-Hans', 'zh-Hant', 'zh-Hant-hk', 'why']);
const PROTECT_KEYS = new Set(['term', 'why']);
const HOW_TO = '格式见 data/terms.yaml 文件开头的说明。';

/**
 * Reads the project dictionary through the World (recorded as a dependency, so watch mode rebuilds when it
 * changes). A missing file means no project entries. Errors go to `diag`; the returned Terms keeps valid entries.
 */
export function loadTerms(world: World, diag: DiagnosticSink, file: string = TERMS_FILE): Terms {
  if (!world.exists(file)) return NO_TERMS;
  return parseTerms(world.readText(file), world.rel(file), diag);
}

/** Parses and validates the text of a terms file (`file` is the project-relative path used in spans). */
export function parseTerms(text: string, file: string, diag: DiagnosticSink): Terms {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const spanOf = (node: unknown): Span | undefined => nodeSpan(node, file);
  // Entry texts are the scalars' values trimmed: an index into one counts the leading spaces back in.
  const charAt: CharAt = (node, index) => scalarCharSpan(node, index + (isScalar(node) ? String(node.value).length - String(node.value).trimStart().length : 0), text, file);
  for (const e of doc.errors) {
    const { message, hints } = yamlErrorMessage(e.code, e.message);
    diag.error(`terms/yaml-${e.code.toLowerCase().replace(/_/g, '-')}`, message, { file, start: e.pos[0], end: e.pos[1] }, hints);
  }
  if (doc.errors.length > 0) return NO_TERMS;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return NO_TERMS;
  if (!isMap(root)) {
    diag.error('terms/invalid', '项目词典应为映射，包含 terms、after-digits、protect', spanOf(root) ?? { file, start: 0, end: 0 }, [HOW_TO]);
    return NO_TERMS;
  }

  const seen = new Map<string, Span | undefined>();
  const claim = (hans: string, span: Span | undefined): boolean => {
    if (seen.has(hans)) {
      const first = seen.get(hans);
      const where = first ? `（第一次在第 ${lineCounter.linePos(first.start).line} 行）` : '';
      diag.error('terms/duplicate', `“${hans.replace(/^#/, '')}”在项目词典中重复${where}`, span, ['同一个简体词只能有一个条目；请删除或合并其中一条。']);
      return false;
    }
    seen.set(hans, span);
    return true;
  };
  const out = { terms: [] as TermEntry[], afterDigits: [] as TermEntry[], protect: [] as ProtectedTerm[] };

  for (const pair of root.items as Pair<unknown, unknown>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(key in SECTION_NAMES)) {
      diag.error('terms/unknown-key', `项目词典中未知的项“${key}”`, spanOf(pair.key), ['顶层只能有 terms、after-digits、protect。']);
      continue;
    }
    const section = key as Section;
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
    if (!isSeq(pair.value)) {
      diag.error('terms/invalid', `${SECTION_NAMES[section]}（${section}）应为列表`, spanOf(pair.value) ?? spanOf(pair.key), [HOW_TO]);
      continue;
    }
    for (const item of pair.value.items) {
      if (section === 'protect') {
        const p = readProtected(item, spanOf, diag);
        if (!p || !claim(p.text, p.span)) continue;
        warnSimplifiedInProtected(p, charAt, diag);
        const { node: _node, ...term } = p;
        out.protect.push(term);
      } else {
        const entry = readEntry(item, section, spanOf, charAt, diag);
        if (entry && claim(section === 'after-digits' ? `#${entry.hans}` : entry.hans, entry.span)) {
          (section === 'terms' ? out.terms : out.afterDigits).push(entry);
        }
      }
    }
  }
  return Object.freeze({ terms: Object.freeze(out.terms), afterDigits: Object.freeze(out.afterDigits), protect: Object.freeze(out.protect) });
}

type SpanOf = (node: unknown) => Span | undefined;
/** The span of the character at `index` of a (trimmed) scalar's text. */
type CharAt = (node: unknown, index: number) => Span | undefined;

/** A string scalar's value, trimmed; undefined (with an error) when it is not text. */
function textOf(node: unknown, what: string, spanOf: SpanOf, diag: DiagnosticSink, at: unknown): string | undefined {
  if (node === undefined || node === null || (isScalar(node) && (node.value === null || node.value === ''))) {
    diag.error('terms/empty', `${what}为空`, spanOf(node) ?? spanOf(at), ['每个条目都要写出简体和繁体两侧；不需要的条目请删除。']);
    return undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'string' && typeof node.value !== 'number') {
    diag.error('terms/invalid', `${what}应为文本`, spanOf(node), [HOW_TO]);
    return undefined;
  }
  const value = String(node.value).trim();
  if (value === '') diag.error('terms/empty', `${what}为空`, spanOf(node), ['每个条目都要写出简体和繁体两侧；不需要的条目请删除。']);
  return value === '' ? undefined : value;
}

function readEntry(item: unknown, section: 'terms' | 'after-digits', spanOf: SpanOf, charAt: CharAt, diag: DiagnosticSink): TermEntry | undefined {
  if (!isMap(item)) {
    const empty = item === null || (isScalar(item) && (item.value === null || item.value === ''));
    diag.error(empty ? 'terms/empty' : 'terms/invalid', `${SECTION_NAMES[section]}的每一项应为 { zh-Hans, zh-Hant, why }`, spanOf(item), [HOW_TO]);
    return undefined;
  }
  for (const pair of item.items as Pair<unknown, unknown>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!ENTRY_KEYS.has(key)) diag.error('terms/unknown-key', `条目中未知的键“${key}”`, spanOf(pair.key), ['条目的键为 zh-Hans、zh-Hant、zh-Hant-hk（可选）、why。']);
  }
  const hansNode = item.get('zh-Hans', true);
  const hantNode = item.get('zh-Hant', true);
  const hkNode = item.get('zh-Hant-hk', true);
  const hans = textOf(hansNode, '简体（zh-Hans）', spanOf, diag, item);
  const hant = textOf(hantNode, '繁体（zh-Hant）', spanOf, diag, item);
  const hantHk = hkNode === undefined ? undefined : textOf(hkNode, '香港繁体（zh-Hant-hk）', spanOf, diag, item);
  const whyNode = item.get('why', true);
  const why = whyNode === undefined ? '' : (textOf(whyNode, '原因（why）', spanOf, diag, item) ?? '');
  if (whyNode === undefined) diag.warning('terms/missing-why', '条目没有写原因（why）', spanOf(item), ['写明 OpenCC 为何在此处出错，便于日后维护。']);
  if (hans === undefined || hant === undefined) return undefined;

  const scriptErrors = [
    ...findTraditionalOnly(hans).map((h) => ({ node: hansNode, h, msg: `简体一侧含繁体字“${h.char}”`, code: 'terms/not-simplified' })),
    ...[hant, hantHk ?? ''].flatMap((t, i) =>
      findSimplifiedResidue(t).map((h) => ({ node: i === 0 ? hantNode : hkNode, h, msg: `繁体一侧含简体字“${h.char}”`, code: 'terms/not-traditional' })),
    ),
  ];
  for (const e of scriptErrors) diag.error(e.code, e.msg, charAt(e.node, e.h.index), ['zh-Hans 写数据中的简体原文，zh-Hant 写正确的繁体。']);
  if (scriptErrors.length > 0) return undefined;
  // The zh-Hant edition must convert back to the data with OpenCC tw→cn (issue #6); say so when an entry breaks that.
  const back = simplifiedConverter()(section === 'after-digits' ? `1${hant}` : hant).slice(section === 'after-digits' ? 1 : 0);
  if (back !== hans) {
    diag.warning('terms/no-round-trip', `繁体“${hant}”用 OpenCC 转回简体是“${back}”，不是“${hans}”`, spanOf(hantNode), [
      '繁体版转回简体时此处将与简体版不同；确认写法无误后可保留。',
    ]);
  }
  const span = spanOf(hansNode);
  return { hans, hant, ...(hantHk !== undefined ? { hantHk } : {}), why, ...(span ? { span } : {}) };
}

function readProtected(item: unknown, spanOf: SpanOf, diag: DiagnosticSink): (ProtectedTerm & { node: unknown }) | undefined {
  let node: unknown = item;
  let why: string | undefined;
  if (isMap(item)) {
    for (const pair of item.items as Pair<unknown, unknown>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!PROTECT_KEYS.has(key)) diag.error('terms/unknown-key', `保护词中未知的键“${key}”`, spanOf(pair.key), ['保护词写作“- 柞市”或“- { term: 柞市, why: 地名 }”。']);
    }
    node = item.get('term', true);
    const whyNode = item.get('why', true);
    why = whyNode === undefined ? undefined : textOf(whyNode, '原因（why）', spanOf, diag, item);
  }
  const text = textOf(node, '保护词', spanOf, diag, item);
  if (text === undefined) return undefined;
  const span = spanOf(node);
  return { text, ...(why !== undefined ? { why } : {}), ...(span ? { span } : {}), node };
}

/** A protected word appears unchanged in the Traditional edition: a Simplified-only character would stay there. */
function warnSimplifiedInProtected(p: ProtectedTerm & { node: unknown }, charAt: CharAt, diag: DiagnosticSink): void {
  const hits = findSimplifiedResidue(p.text);
  const first = hits[0];
  if (!first) return;
  diag.warning(
    'terms/protect-simplified',
    `保护词“${p.text}”含简体字“${hits.map((h) => h.char).join('、')}”，繁体版中将原样保留`,
    charAt(p.node, first.index),
    ['保护词在两个版本中都不转换；若繁体应写作别的字，请改用 terms 条目。'],
  );
}
