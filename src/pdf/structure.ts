/**
 * Stage: PDF writer — tagged PDF. Input: each drawn item's place in the layout's structure (StructureSpan paths, or
 * "artifact" for page numbers and rules) → marked content around the item's drawing operators and the structure tree
 * (Document → H1…H5 / P / Table → TR → TH / TD) through pdfkit's marking API, so screen readers and reflow know the
 * title, the heading levels, the paragraphs and the table cells, and skip the page numbers and rules (ISO 32000-1
 * §14.7–14.8; pdfkit 0.19 `markStructureContent`, `struct`).
 *
 * pdfmake's renderer draws the items and knows nothing of tags; the PDF writer wraps its renderLine / renderVector
 * calls with `around`, which opens the marked content before and closes it after.
 */
import type { StructureNode } from '../layout/types.ts';

/** What one drawn item is in the structure. */
export type ItemStructure = { path: readonly StructureNode[] } | { artifact: 'Pagination' | 'Layout' };

/** pdfkit's structure element and content, as far as this module uses them. */
interface StructElement {
  add(child: unknown): StructElement;
}
export interface TaggingDocument {
  struct(type: string, options?: Record<string, unknown>): StructElement;
  addStructure(element: StructElement): unknown;
  markStructureContent(tag: string, options?: Record<string, unknown>): unknown;
  markContent(tag: string, options?: Record<string, unknown>): unknown;
  endMarkedContent(): unknown;
}

/** Builds the structure tree while the renderer draws. */
export class StructureWriter {
  private readonly root: StructElement;
  private readonly elements = new Map<string, StructElement>();

  constructor(private readonly doc: TaggingDocument) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** The element at the end of `path`, creating it and its parents (in document order) on first use. */
  private element(path: readonly StructureNode[]): StructElement {
    let parent = this.root;
    for (const node of path) {
      let el = this.elements.get(node.id);
      if (!el) {
        el = this.doc.struct(node.type);
        parent.add(el);
        this.elements.set(node.id, el);
      }
      parent = el;
    }
    return parent;
  }

  /** Draws `draw` inside marked content for `item`. */
  around(item: ItemStructure | undefined, draw: () => void): void {
    if (!item) return draw();
    if ('artifact' in item) {
      this.doc.markContent('Artifact', { type: item.artifact });
      draw();
      this.doc.endMarkedContent();
      return;
    }
    const leaf = item.path.at(-1);
    if (!leaf) return draw();
    const element = this.element(item.path);
    const content = this.doc.markStructureContent(leaf.type);
    draw();
    this.doc.endMarkedContent();
    element.add(content);
  }
}
