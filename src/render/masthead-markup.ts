/**
 * Stage: render — the 版头/版记 part of the markup vocabulary (templates/partials/masthead.hbs, colophon.hbs and
 * report.hbs): <masthead format signer-label>/<issuer>/<suffix>/<doc-number>/<signer>, <recipients>, <note>,
 * <attendance>/<attendance-line label>, <colophon ruled>/<copy-to label>/<imprint organ date/> → DocModel blocks, each
 * text with the span of its data node.
 */
import type { AttendanceBlock, Block, ColophonBlock, MastheadBlock, SourcedText } from '../model/types.ts';
import { MarkupError, attr, spanOf, textOf, type Frame } from './markup-frame.ts';

const children = (f: Frame, name: string): Frame[] => f.children.filter((c) => c.tag.name === name);
const sourced = (f: Frame, file: string): SourcedText => ({ text: textOf(f), ...spanOf(f, file) });

function masthead(f: Frame, file: string): MastheadBlock {
  const format = attr(f, 'format');
  if (format !== 'file' && format !== 'letter' && format !== 'minutes') throw new MarkupError(`<masthead format="${format}"> 应为 file、letter 或 minutes`, 1, 1);
  const suffix = children(f, 'suffix')[0];
  const docNumber = children(f, 'doc-number')[0];
  return {
    type: 'masthead',
    format,
    issuers: children(f, 'issuer').map((c) => sourced(c, file)),
    ...(suffix && textOf(suffix) ? { suffix: sourced(suffix, file) } : {}),
    ...(docNumber && textOf(docNumber) ? { docNumber: sourced(docNumber, file) } : {}),
    signers: children(f, 'signer').map((c) => sourced(c, file)).filter((s) => s.text),
    signerLabel: attr(f, 'signer-label'),
  };
}

function attendance(f: Frame, file: string): AttendanceBlock {
  return { type: 'attendance', lines: children(f, 'attendance-line').map((c) => ({ label: attr(c, 'label'), text: textOf(c), ...spanOf(c, file) })) };
}

function colophon(f: Frame, file: string): ColophonBlock {
  const copyTo = children(f, 'copy-to')[0];
  const imprint = children(f, 'imprint')[0];
  return {
    type: 'colophon',
    ruled: attr(f, 'ruled') !== 'false',
    ...(copyTo ? { copyTo: { label: attr(copyTo, 'label'), text: textOf(copyTo), ...spanOf(copyTo, file) } } : {}),
    ...(imprint ? { imprint: { organ: attr(imprint, 'organ'), date: attr(imprint, 'date'), ...spanOf(imprint, file) } } : {}),
  };
}

/** The elements this module reads, by tag name. */
export const MASTHEAD_ELEMENTS: Readonly<Record<string, (f: Frame, file: string) => Block>> = {
  masthead,
  recipients: (f, file) => ({ type: 'recipients', text: textOf(f), ...spanOf(f, file) }),
  note: (f, file) => ({ type: 'note', text: textOf(f), ...spanOf(f, file) }),
  attendance,
  colophon,
};
