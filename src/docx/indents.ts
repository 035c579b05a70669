/**
 * Stage: DOCX writer — text-dependent indents. Input: the DocModel + FontSet → the twip values that the 附件说明 and
 * 署名/成文日期 styles need (§7.3.4, §7.3.5.2). They depend on this document's text, so they are computed per
 * document and written into the styles, not onto the paragraphs.
 */
import { SIGNATURE_DATE_SHIFT_CELLS } from '../gbt9704/page.ts';
import { BODY_SIZE_PT } from '../gbt9704/type-sizes.ts';
import type { FontSet } from '../fonts/types.ts';
import type { AttachmentNoteBlock, DocModel, SignatureBlock } from '../model/types.ts';
import { ATTACHMENT_NOTE_PREFIX } from '../gbt9704/page.ts';
import { BODY_CHAR_SPACING_TWIP, CELL_TWIP, FIRST_LINE_TWIP, TYPE_AREA_WIDTH_TWIP, reservedWidthTwip, textWidthTwip } from './metrics.ts';
import { SIGNATURE_INSET_TWIP, type DocumentIndents } from './styles.ts';

/** “附件：” (§7.3.4), shared with the PDF layout and the glyph coverage check. */
export const ATTACHMENT_PREFIX = ATTACHMENT_NOTE_PREFIX;

/** Computes the per-document indents. */
export function documentIndents(model: DocModel, fonts: FontSet): DocumentIndents {
  const note = model.blocks.find((b): b is AttachmentNoteBlock => b.type === 'attachmentNote');
  const signature = model.blocks.find((b): b is SignatureBlock => b.type === 'signature');
  return { attachmentNote: noteIndents(note, fonts), signature: signatureIndents(signature, fonts) };
}

/**
 * §7.3.4: the first item starts 左空二字 with “附件：”; its number (“1.”) is followed by a tab that stops at the hanging
 * indent, where the name starts and where its wrapped lines align. Later items start under the first item's number.
 * The number column is wide enough for the widest number in both the open faces and GB2312 office fonts.
 */
function noteIndents(note: AttachmentNoteBlock | undefined, fonts: FontSet): DocumentIndents['attachmentNote'] {
  const prefix = textWidthTwip(ATTACHMENT_PREFIX, 'body', BODY_SIZE_PT, fonts, BODY_CHAR_SPACING_TWIP);
  const numbers = (note?.items ?? []).map((i) => i.number).filter((n) => n.length > 0);
  const numberColumn = numbers.length === 0 ? 0 : Math.max(...numbers.map((n) => reservedWidthTwip(`${n} `, 'body', BODY_SIZE_PT, fonts)));
  return { left: FIRST_LINE_TWIP + prefix + numberColumn, firstHanging: prefix + numberColumn, itemHanging: numberColumn };
}

/**
 * §7.3.5.2: 署名 右空二字; 成文日期 on the next line, its first character two characters right of the 署名's first.
 * A date longer than that is set 右空二字 and the 署名 moves left so the two-character shift stays. The date is then
 * right-aligned with a 2-character inset, which holds in every renderer whatever its digit widths (LibreOffice also
 * adds ≈ 0.2 em between digits and CJK); the 署名's position follows from the date width measured here.
 */
function signatureIndents(sig: SignatureBlock | undefined, fonts: FontSet): DocumentIndents['signature'] {
  const width = (s: string) => textWidthTwip(s, 'body', BODY_SIZE_PT, fonts, BODY_CHAR_SPACING_TWIP);
  const organ = width(sig?.organ ?? '');
  const date = width(sig?.date ?? '');
  const rightEdge = TYPE_AREA_WIDTH_TWIP - SIGNATURE_INSET_TWIP;
  const shift = SIGNATURE_DATE_SHIFT_CELLS * CELL_TWIP;
  const organStart = rightEdge - organ;
  if (organStart + shift + date <= rightEdge) {
    // The date fits under the 署名: its start is fixed by the 署名 (CJK only, the same width in every face).
    return { organRight: SIGNATURE_INSET_TWIP, date: { alignment: 'left', indent: organStart + shift } };
  }
  const dateStart = rightEdge - date;
  const movedOrganStart = Math.min(organStart, dateStart - shift);
  return { organRight: TYPE_AREA_WIDTH_TWIP - movedOrganStart - organ, date: { alignment: 'right', indent: SIGNATURE_INSET_TWIP } };
}
