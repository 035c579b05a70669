/**
 * Stage: render — the parsed markup's elements and the error about them, shared by markup.ts and masthead-markup.ts.
 * Input: saxes tags with their text and children → attribute, text and span readers.
 */
import type { SaxesTagPlain } from 'saxes';
import type { Span } from '../model/types.ts';

/**
 * A problem in the markup the templates produced, with the markup's line and column and, when the element came from
 * a data node (its `src` attribute), that node's span: the problem is then the data's (a control character in a
 * title), not the template's.
 */
export class MarkupError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly origin?: Span,
  ) {
    super(message);
  }
}

/** An element of the markup with its text and child elements (text runs are `#text` frames). */
export interface Frame {
  tag: SaxesTagPlain;
  text: string;
  children: Frame[];
}

/** An attribute's value ('' when absent). */
export const attr = (f: Frame, name: string): string => {
  const v = f.tag.attributes[name];
  return typeof v === 'string' ? v : '';
};

/** Text content of a frame with whitespace-only runs from template indentation removed at the edges. */
export const textOf = (f: Frame): string => f.children.filter((c) => c.tag.name === '#text').map((c) => c.text).join('').trim();

/** The span a `src="start-end"` attribute names in `file`. */
export function spanOf(f: Frame, file: string): { origin?: Span } {
  const m = /^(\d+)-(\d+)$/.exec(attr(f, 'src'));
  return m ? { origin: { file, start: Number(m[1]), end: Number(m[2]) } } : {};
}

