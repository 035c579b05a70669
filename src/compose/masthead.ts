/**
 * Stage: compose — the 版头 (GB/T 9704 §7.2.4–§7.2.7, §10.1, §10.3). Input: the model's masthead block + fonts → the
 * composed 版头: the 发文机关标志 in the title role at the largest size (≤ 初号, half-point steps) at which its widest
 * line fits the 版心 (a single issuer on one line with its suffix; 联合行文 names stacked, spread to the widest name,
 * the suffix beside them); the 发文字号 centred, or 居左空一字 on the last 签发人 line of an upward document (§7.2.5),
 * or at the right edge of a 信函 (§10.1); the 签发人 label and names in two columns ending 一字 from the right (§7.2.6).
 * Also the mark lines' move into the 版头 (withMasthead): a document with a 版头 places its 份号/密级/紧急 lines there.
 */
import { ELEMENT_STYLE } from '../gbt9704/elements.ts';
import {
  JOINT_SUFFIX_GAP_EM,
  MARK_SIZE_STEP_PT,
  SIGNERS_PER_LINE,
  SIGNER_NAME_GAP_CELLS,
  SIGNER_RIGHT_INSET_CELLS,
  UPWARD_DOC_NUMBER_START_CELLS,
} from '../gbt9704/masthead.ts';
import { CHARS_PER_LINE, TYPE_AREA_WIDTH_PT } from '../gbt9704/page.ts';
import type { FontSet } from '../fonts/types.ts';
import { gridCells, measureText, naturalWidth } from '../measure/measure.ts';
import type { ComposedBlock, ComposedText, MastheadBlock as ComposedMasthead } from '../model/composed.ts';
import type { MastheadBlock, SourcedText } from '../model/types.ts';
import { composedText } from './text.ts';

const markStyle = (sizePt: number) => ({ role: ELEMENT_STYLE.issuerMark.role, sizePt });

/** Natural width of `text` in the 标志's role at the largest size, pt. */
const widthAtMax = (text: string, fonts: FontSet): number => naturalWidth(measureText(text, ELEMENT_STYLE.issuerMark.role, ELEMENT_STYLE.issuerMark.sizePt, fonts));

/** The largest size in half-point steps (≤ 初号) at which a line `emAtMax` pt wide at 初号 fits the 版心. */
function fittingSize(widthAtMaxPt: number): number {
  const max = ELEMENT_STYLE.issuerMark.sizePt;
  if (widthAtMaxPt <= TYPE_AREA_WIDTH_PT) return max;
  return Math.floor(((TYPE_AREA_WIDTH_PT / widthAtMaxPt) * max) / MARK_SIZE_STEP_PT) * MARK_SIZE_STEP_PT;
}

/** The composed 版头 (its mark lines are added by withMasthead). */
export function composeMasthead(b: MastheadBlock, fonts: FontSet): ComposedMasthead {
  const suffix = b.suffix?.text ?? '';
  const stacked = b.format === 'file' && b.issuers.length > 1;
  return {
    kind: 'masthead',
    format: b.format,
    ...(stacked ? stackedMark(b.issuers, b.suffix, fonts) : oneLineMark(b.issuers[0], suffix, b.suffix, fonts)),
    markLines: [],
    ...docNumberAndSigners(b, fonts),
  };
}

function oneLineMark(issuer: SourcedText | undefined, suffix: string, suffixSource: SourcedText | undefined, fonts: FontSet): Pick<ComposedMasthead, 'mark'> {
  const text = `${issuer?.text ?? ''}${suffix}`;
  const sizePt = fittingSize(widthAtMax(text, fonts));
  // The line's glyphs point at the issuer in the data (the suffix's own span, when it has one, is the suffix's).
  return {
    mark: [
      ...(issuer?.text ? [composedText(issuer.text, markStyle(sizePt), issuer.origin)] : []),
      ...(suffix ? [composedText(suffix, markStyle(sizePt), suffixSource?.origin, suffixSource === undefined)] : []),
    ],
  };
}

/** §7.2.4 联合行文: the names stacked, each spread to the widest name's width, the suffix beside them. */
function stackedMark(issuers: readonly SourcedText[], suffix: SourcedText | undefined, fonts: FontSet): Omit<ComposedMasthead, 'kind' | 'format' | 'markLines'> {
  const names = Math.max(...issuers.map((i) => widthAtMax(i.text, fonts)));
  const max = ELEMENT_STYLE.issuerMark.sizePt;
  const suffixWidth = suffix ? widthAtMax(suffix.text, fonts) + JOINT_SUFFIX_GAP_EM * max : 0;
  const sizePt = fittingSize(names + suffixWidth);
  const scale = sizePt / max;
  return {
    mark: issuers.map((i) => composedText(i.text, markStyle(sizePt), i.origin)),
    ...(suffix ? { suffix: composedText(suffix.text, markStyle(sizePt), suffix.origin, suffix.origin === undefined), suffixGapPt: JOINT_SUFFIX_GAP_EM * sizePt } : {}),
    namesWidthPt: names * scale,
  };
}

/**
 * The 发文字号 and 签发人 lines (§7.2.5, §7.2.6): the names in rows of two, each column as wide as the widest name,
 * one cell apart, the second column ending one cell from the right edge; the label before the first column.
 */
function docNumberAndSigners(b: MastheadBlock, fonts: FontSet): Pick<ComposedMasthead, 'docNumber' | 'signers'> {
  const docNumber = b.docNumber ? composedText(b.docNumber.text, ELEMENT_STYLE.docNumber, b.docNumber.origin) : undefined;
  if (b.format === 'letter') return docNumber ? { docNumber: { text: docNumber, align: 'end', startCells: 0 } } : {};
  if (b.signers.length === 0) return docNumber ? { docNumber: { text: docNumber, align: 'centre', startCells: 0 } } : {};
  const name = ELEMENT_STYLE.signerName;
  const nameCells = Math.max(...b.signers.map((s) => gridCells(measureText(s.text, name.role, name.sizePt, fonts))));
  const columns = Math.min(SIGNERS_PER_LINE, b.signers.length);
  const lastStart = CHARS_PER_LINE - SIGNER_RIGHT_INSET_CELLS - nameCells;
  const columnStartCells = Array.from({ length: columns }, (_, c) => lastStart - (columns - 1 - c) * (nameCells + SIGNER_NAME_GAP_CELLS));
  const label = composedText(b.signerLabel, ELEMENT_STYLE.docNumber, undefined, true);
  const labelCells = gridCells(measureText(label.text, label.role, label.sizePt, fonts));
  const rows: ComposedText[][] = [];
  for (let i = 0; i < b.signers.length; i += columns) rows.push(b.signers.slice(i, i + columns).map((s) => composedText(s.text, name, s.origin)));
  return {
    ...(docNumber ? { docNumber: { text: docNumber, align: 'start' as const, startCells: UPWARD_DOC_NUMBER_START_CELLS } } : {}),
    signers: { label, labelStartCells: (columnStartCells[0] ?? 0) - labelCells, columnStartCells, rows },
  };
}

/**
 * A document with a 版头 places its mark lines (份号, 密级和保密期限, 紧急程度, the local mark) in it: above the 标志
 * of a 文件 or 纪要 (§7.2.1–§7.2.3), under the upper double rule of a 信函 (§10.1). The marks block and the blank
 * line after it (which only separates marks from a title) leave the flow.
 */
export function withMasthead(blocks: readonly ComposedBlock[]): ComposedBlock[] {
  const masthead = blocks.find((b): b is ComposedMasthead => b.kind === 'masthead');
  if (!masthead) return [...blocks];
  const at = blocks.findIndex((b) => b.kind === 'marks');
  const marks = blocks[at];
  if (marks?.kind !== 'marks') return [...blocks];
  const placed: ComposedMasthead = { ...masthead, markLines: [...marks.lines, ...masthead.markLines] };
  // The marks block is followed by its gap (blank lines) up to the next block that is not blank.
  let end = at + 1;
  while (blocks[end]?.kind === 'blank') end++;
  return [...blocks.slice(0, at), ...blocks.slice(end)].map((b) => (b === masthead ? placed : b));
}
