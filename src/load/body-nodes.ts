/**
 * Stage: load — telling body nodes apart. Input: a body node of the report → which kind it is (paragraph, section,
 * table, image), by the one key each kind has. Every walk over the body (normalise, editions, lint, render, import)
 * asks these instead of assuming "not a paragraph means a section".
 */
import type { BodyNode, ImageNode, ParagraphNode, SectionNode, TableNode } from './schema.ts';

export const isParagraphNode = (n: BodyNode): n is ParagraphNode => 'p' in n;
export const isSectionNode = (n: BodyNode): n is SectionNode => 'heading' in n;
export const isTableNode = (n: BodyNode): n is TableNode => 'table' in n;
export const isImageNode = (n: BodyNode): n is ImageNode => 'image' in n;

/** Visits every body node, depth first in document order, with its data path (['body', 2, 'body', 0]). */
export function walkBody(nodes: readonly BodyNode[], visit: (node: BodyNode, path: readonly (string | number)[]) => void, base: readonly (string | number)[] = ['body']): void {
  nodes.forEach((node, i) => {
    const path = [...base, i];
    visit(node, path);
    if (isSectionNode(node) && node.body) walkBody(node.body, visit, [...path, 'body']);
  });
}

/** Every `{ figure: id }` cell of the body's tables, with its data path. */
export function figureCells(nodes: readonly BodyNode[]): { id: string; path: (string | number)[] }[] {
  const out: { id: string; path: (string | number)[] }[] = [];
  walkBody(nodes, (node, path) => {
    if (!isTableNode(node)) return;
    node.table.rows.forEach((row, r) =>
      row.forEach((cell, k) => {
        if (typeof cell === 'object') out.push({ id: cell.figure, path: [...path, 'table', 'rows', r, k, 'figure'] });
      }),
    );
  });
  return out;
}
