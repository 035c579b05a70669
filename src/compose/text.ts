/**
 * Stage: compose — making composed texts. Input: a string, its element style and origin → ComposedText.
 */
import type { FontRole, Span } from '../model/types.ts';
import type { ComposedText } from '../model/composed.ts';

/** A composed text; `origin` and `generated` only when given (optional fields stay absent). */
export function composedText(text: string, style: { role: FontRole; sizePt: number }, origin?: Span, generated = false): ComposedText {
  return { text, role: style.role, sizePt: style.sizePt, ...(origin ? { origin } : {}), ...(generated ? { generated } : {}) };
}
