/**
 * Stage: DOCX writer — text-dependent indents. Input: the ComposedDocument → the twips that the 附件说明 and
 * 署名/成文日期 styles need (§7.3.4, §7.3.5.2), converted from the composition's grid cells. They depend on this
 * document's text, so they are written into the styles of this document, not onto the paragraphs.
 */
import { CELL_PT } from '../gbt9704/page.ts';
import { ptToTwip } from '../gbt9704/units.ts';
import type { Anchor, ComposedDocument, HangingListBlock, PlacedLinesBlock } from '../model/composed.ts';
import type { DocumentIndents } from './styles.ts';

const cellsToTwip = (cells: number): number => ptToTwip(cells * CELL_PT);

/** Computes the per-document indents. */
export function documentIndents(doc: ComposedDocument): DocumentIndents {
  const note = doc.blocks.find((b): b is HangingListBlock => b.kind === 'hangingList');
  const signature = doc.blocks.find((b): b is PlacedLinesBlock => b.kind === 'placed' && b.style === 'signature');
  return { attachmentNote: noteIndents(note), signature: signatureIndents(signature) };
}

/**
 * §7.3.4: the first item starts at its lead position with “附件：”; its number (“1.”) is followed by a tab that stops
 * at the hanging position, where the name starts and where its wrapped lines align; later items start under the
 * first item's number.
 */
function noteIndents(note: HangingListBlock | undefined): DocumentIndents['attachmentNote'] {
  const first = note?.items[0];
  if (!note || !first) return { left: 0, firstHanging: 0, itemHanging: 0 };
  const left = cellsToTwip(first.hangCells);
  return { left, firstHanging: left - cellsToTwip(first.leadStartCells), itemHanging: left - cellsToTwip(note.numberStartCells) };
}

/**
 * §7.3.5.2: the 署名 right-aligned at its inset; the 成文日期 left-aligned at its start when the composition anchored
 * it there (its first character two characters right of the 署名's), or right-aligned 右空二字 when it is longer —
 * which holds in every renderer whatever its digit widths (LibreOffice also adds ≈ 0.2 em between digits and CJK).
 */
function signatureIndents(sig: PlacedLinesBlock | undefined): DocumentIndents['signature'] {
  const anchorOf = (part: 'organ' | 'date'): Anchor => sig?.lines.find((l) => l.part === part)?.anchor ?? { edge: 'end', insetCells: 0 };
  const organ = anchorOf('organ');
  const date = anchorOf('date');
  return {
    organRight: organ.edge === 'end' ? cellsToTwip(organ.insetCells) : 0,
    date: date.edge === 'start' ? { alignment: 'left', indent: cellsToTwip(date.cells) } : { alignment: 'right', indent: cellsToTwip(date.insetCells) },
  };
}
