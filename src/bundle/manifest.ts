/**
 * Stage: bundle — the manifest and checksums. Input: the files of a build (path, title, kind, bytes …) →
 * `manifest.json` text (fixed key order, files sorted by path, 2-space JSON + newline) and `SHA256SUMS` text
 * (`sha256sum -c` format).
 *
 * Which file lists which (no file can contain its own hash, so the chain must end somewhere):
 *   files ─┬─ listed in index.html (title, edition, format, size, SHA-256)
 *          ├─ listed in manifest.json (+ index.html, and in out/ also the zip)
 *          └─ listed in SHA256SUMS (+ index.html + manifest.json, and in out/ also the zip)
 * SHA256SUMS is the root: `sha256sum -c SHA256SUMS` verifies every other file. It is not listed in the manifest.
 */
import { createHash } from 'node:crypto';
import type { Edition } from '../model/types.ts';
import { compareNames } from './zip.ts';

/** File kinds; an external attachment keeps its own extension (lower case), e.g. "pdf", "jpg". */
export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'csv' | 'html' | 'zip' | 'json' | 'txt' | (string & {});

/**
 * What a file is for. report = the report PDF/DOCX of an edition; attachment = a generated or external attachment;
 * copies = numbered meeting copies (the print file, or one copy's PDF); register = the 份号登记表 of those copies;
 * bundle = the zip; index = index.html; checksums = reserved for SHA256SUMS, which is never listed (see header).
 */
export type FileRole = 'report' | 'attachment' | 'copies' | 'register' | 'bundle' | 'index' | 'checksums';

/** The 份号 a copies or register file covers (six-digit strings, §7.2.1). */
export interface CopyRange {
  first: string;
  last: string;
  count: number;
}

/** One file in manifest.json; keys are written in this order. */
export interface ManifestFile {
  /** Relative to the output folder (or the unzipped folder), posix separators. */
  path: string;
  /** Chinese title shown in index.html (附件名称 for attachments, 标题 for the report). */
  title: string;
  kind: FileKind;
  /** zh-Hans / zh-Hant, or null for files without an edition (manifest, zip, an external scan). */
  edition: Edition | null;
  role: FileRole;
  /** Lower-case hex. */
  sha256: string;
  bytes: number;
  /** Page count, for PDFs. */
  pages?: number;
  /** 份号 range, for numbered copies and their register. */
  copies?: CopyRange;
}

/** Report metadata in the manifest (dates 'YYYY-MM-DD' or ''). */
export interface ManifestReport {
  id: string;
  title: string;
  organ: string;
  date: string;
}

/** The whole of manifest.json. `fonts` entries are opaque objects made by the fonts stage. */
export interface Manifest {
  generator: { name: 'gongwen'; version: string };
  report: ManifestReport;
  fonts: { 'zh-Hans': unknown[]; 'zh-Hant': unknown[] };
  files: ManifestFile[];
}

/** A file as the build hands it over: the manifest fields without hash and size, plus the bytes. */
export interface FileWithBytes {
  path: string;
  title: string;
  kind: FileKind;
  edition: Edition | null;
  role: FileRole;
  bytes: Buffer;
  pages?: number;
  copies?: CopyRange;
}

/** Lower-case hex SHA-256 of the bytes. */
export function sha256Hex(bytes: Buffer | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest entry of a file, keys in the documented order. */
export function manifestFile(f: FileWithBytes): ManifestFile {
  return {
    path: f.path,
    title: f.title,
    kind: f.kind,
    edition: f.edition,
    role: f.role,
    sha256: sha256Hex(f.bytes),
    bytes: f.bytes.length,
    ...(f.pages !== undefined ? { pages: f.pages } : {}),
    ...(f.copies !== undefined ? { copies: { first: f.copies.first, last: f.copies.last, count: f.copies.count } } : {}),
  };
}

/** Fonts as the manifest stores them; a missing edition is an empty list. */
export interface ManifestFonts {
  'zh-Hans'?: unknown[];
  'zh-Hant'?: unknown[];
}

/** Reads `fonts` defensively: the lead passes `{ 'zh-Hans': [...], 'zh-Hant': [...] }` (anything else → empty lists). */
export function manifestFonts(fonts: unknown): Manifest['fonts'] {
  const f = (typeof fonts === 'object' && fonts !== null ? fonts : {}) as ManifestFonts;
  return { 'zh-Hans': Array.isArray(f['zh-Hans']) ? f['zh-Hans'] : [], 'zh-Hant': Array.isArray(f['zh-Hant']) ? f['zh-Hant'] : [] };
}

/** Builds a manifest with keys in the fixed order and files sorted by path. */
export function buildManifest(input: { version: string; report: ManifestReport; fonts: unknown; files: readonly ManifestFile[] }): Manifest {
  return {
    generator: { name: 'gongwen', version: input.version },
    report: { id: input.report.id, title: input.report.title, organ: input.report.organ, date: input.report.date },
    fonts: manifestFonts(input.fonts),
    files: [...input.files].sort((a, b) => compareNames(a.path, b.path)).map((f) => ({ ...f })),
  };
}

/** manifest.json text: 2-space indentation, trailing newline, UTF-8 without BOM. */
export function serializeManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/**
 * SHA256SUMS text for `sha256sum -c`: `<hex>  <name>\n` (two spaces = text mode, what GNU writes), sorted by name.
 * Names never need GNU's backslash escaping: sanitised names contain no `\` and no line breaks.
 */
export function sha256sums(files: readonly { path: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => compareNames(a.path, b.path))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
}
