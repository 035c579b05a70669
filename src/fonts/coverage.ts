/**
 * Stage: fonts — glyph coverage before layout. Input: ComposedDocument + FontSet → diagnostics for every character its role's
 * primary face lacks: `fonts/fallback-glyph` (warning) when a later face of the chain draws it, `fonts/missing-glyph`
 * (error, or warning with --allow-missing-glyphs) when no available face has it. pdfmake/pdfkit have no fallback and
 * draw .notdef boxes silently (measured-facts.md §1), so this check is what keeps tofu out of the PDF.
 * Each diagnostic points at the character in the data file when it can be found there, else at the node's origin.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import { composedTexts, type ComposedDocument } from '../model/composed.ts';
import { occurrenceSpan } from '../load/yaml-spans.ts';
import type { Span } from '../model/types.ts';
import { ROLE_LABEL, displayFamily, faceLabel } from './names.ts';
import type { FontSet } from './types.ts';

export interface CoverageOptions {
  /** Report characters no font has as warnings instead of errors (`--allow-missing-glyphs`). */
  allowMissingGlyphs: boolean;
  /** Source text of a data file by project-relative path, to point at the exact character. */
  sourceText?: (file: string) => string | undefined;
}

/** `U+5586`, `U+20000`. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Checks every character the composed document draws against its role's chain; reports fallbacks and missing glyphs. */
export function checkCoverage(doc: ComposedDocument, fonts: FontSet, diag: DiagnosticSink, opts: CoverageOptions): void {
  const texts = composedTexts(doc);
  const reported = new Set<string>();
  const locator = new CharLocator(opts.sourceText);
  for (const t of texts) {
    const primary = fonts.roles[t.role].chain[0];
    if (!primary) continue;
    for (const ch of t.text) {
      if (/^[\s\p{Cc}]$/u.test(ch)) continue;
      const cp = ch.codePointAt(0) ?? 0;
      const face = fonts.faceFor(t.role, cp);
      if (face === primary) continue;
      const span = t.generated ? t.origin : locator.locate(t.origin, ch);
      const dedupe = `${t.role}|${cp}|${span ? `${span.file}:${span.start}:${span.end}` : '-'}`;
      if (reported.has(dedupe)) continue;
      reported.add(dedupe);
      const label = `'${ch}' ${codePointLabel(cp)}`;
      const roleName = ROLE_LABEL[t.role];
      if (face) {
        diag.warning('fonts/fallback-glyph', `${label} 不在 ${displayFamily(primary)} 中，已用 ${displayFamily(face)} 代替`, span, [
          `${roleName}字体缺这个字，替代字形的风格可能与周围不同。`,
          `如需统一，把含有该字的字体文件放入 fonts/ 文件夹，并在 fonts/fonts.yaml 中把它列为 ${t.role} 的候选。`,
        ]);
      } else {
        const chain = [...new Set(fonts.roles[t.role].chain.map(faceLabel))].join('、');
        const add = opts.allowMissingGlyphs ? diag.warning.bind(diag) : diag.error.bind(diag);
        add('fonts/missing-glyph', `${label} 没有任何可用字体能显示（${roleName}：${chain}）`, span, [
          '把含有该字的字体放入 fonts/ 文件夹或用 --font-path 指定，并在 fonts/fonts.yaml 中把它列为候选；或改用常见写法。',
          opts.allowMissingGlyphs ? '已按 --allow-missing-glyphs 继续：PDF 中该字会显示为空框。' : '用 --allow-missing-glyphs 可以照样生成，但 PDF 中该字会显示为空框。',
        ]);
      }
    }
  }
}

/**
 * Finds a character of a node's text in the data source: the k-th occurrence of a character in the node's texts is
 * matched with its k-th occurrence inside the node's span. When the text is not in the source (template literals,
 * the Traditional edition's converted text), the node's span is used.
 */
class CharLocator {
  private readonly seen = new Map<string, number>();

  constructor(private readonly sourceText: CoverageOptions['sourceText']) {}

  locate(origin: Span | undefined, ch: string): Span | undefined {
    if (!origin) return undefined;
    const source = this.sourceText?.(origin.file);
    if (source === undefined) return origin;
    const key = `${origin.file}:${origin.start}:${origin.end}:${ch}`;
    const k = this.seen.get(key) ?? 0;
    this.seen.set(key, k + 1);
    return occurrenceSpan(source, origin.file, origin.start, origin.end, ch, k) ?? origin;
  }
}
