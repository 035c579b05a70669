/**
 * Stage: compile — what part of a build each output is. Input: an output's edition, role and kind, or a request →
 * part names (`zh-Hans/pdf`, `zh-Hant/tables`, `tables`, `bundle`, `debug`) that emit records in its ledger. A build
 * is responsible for the parts its request asks for: cleanup after it removes stale files of those parts only, so a
 * `--edition zh-Hans` build keeps the zh-Hant files and a `--format pdf` build keeps the DOCX.
 */
import type { FileRole } from '../bundle/index.ts';
import { EDITIONS, type Edition } from '../model/types.ts';
import { OUTPUT_FORMATS, type CompileRequest } from './request.ts';

/** The part of files the bundle stage writes (index.html, manifest.json, SHA256SUMS, the zip). */
export const BUNDLE_PART = 'bundle';
/** The part of the intermediates written under debug/ (`--emit`). */
export const DEBUG_PART = 'debug';
/** Files whose part is unknown (published by an older gongwen): only a full build removes them (emit/ledger.ts). */
const ANY_PART = '*';

/**
 * The part of a report document or attachment file. Numbered copies (print files, per-copy PDFs, the register) are
 * made from an edition's PDF and belong to its part: rebuilding the PDF without --copies removes the old copies, so
 * copies of an outdated text are never left beside the new PDF to be printed by mistake.
 */
export function partOf(file: { role: FileRole; edition: Edition | null; kind: string }): string {
  if (file.role === 'copies' || file.role === 'register') return `${file.edition ?? 'shared'}/pdf`;
  if (file.role === 'report') return `${file.edition ?? 'shared'}/${file.kind}`;
  return file.edition ? `${file.edition}/tables` : 'tables';
}

/** Every part a request makes (and `*` for a full build: every edition, every format). */
export function requestParts(request: Pick<CompileRequest, 'editions' | 'formats' | 'debug'>): string[] {
  const parts: string[] = [];
  for (const edition of request.editions)
    for (const format of request.formats) if (format !== 'bundle') parts.push(`${edition}/${format}`);
  if (request.formats.includes('tables')) parts.push('tables');
  if (request.formats.includes('bundle')) parts.push(BUNDLE_PART);
  if (request.debug.length > 0) parts.push(DEBUG_PART);
  const full = EDITIONS.every((e) => request.editions.includes(e)) && OUTPUT_FORMATS.every((f) => request.formats.includes(f));
  if (full) parts.push(ANY_PART);
  return parts;
}
