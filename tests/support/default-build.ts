/**
 * Test support: one in-process build of the default report (both editions, hermetic fonts), shared by the tests
 * that inspect its outputs, plus helpers to read text back out of the files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { Compiler, compileRequest, type Compilation } from '../../src/compile/index.ts';
import { DiagnosticSink } from '../../src/diag/diagnostic.ts';
import { PACKAGE_ROOT, nodeWorld } from '../../src/world.ts';

let cached: Promise<{ result: Compilation; diag: DiagnosticSink }> | undefined;

/** Builds data/report.yaml once per test file (both editions, hermetic fonts, every output). */
export function defaultBuild(): Promise<{ result: Compilation; diag: DiagnosticSink }> {
  cached ??= (async () => {
    const diag = new DiagnosticSink();
    const request = compileRequest({ dataFile: 'data/report.yaml', fonts: { fontPaths: [], systemFonts: false }, debug: ['model'] });
    const result = await new Compiler().compile(request, nodeWorld(PACKAGE_ROOT, {}), diag);
    return { result, diag };
  })();
  return cached;
}

/** The output whose path ends with `suffix`. */
export function output(result: Compilation, suffix: string): Buffer {
  const file = result.outputs.find((o) => o.path.endsWith(suffix));
  if (!file) throw new Error(`no output ending with ${suffix}: ${result.outputs.map((o) => o.path).join(', ')}`);
  return file.bytes;
}

/** Text of a PDF as Poppler extracts it (reading order, one line per text line). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-text-'));
  try {
    writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One XML part of a DOCX, as text. */
export function docxPart(docx: Buffer, name: string): string {
  const part = unzipSync(new Uint8Array(docx))[name];
  if (!part) throw new Error(`no ${name}`);
  return strFromU8(part);
}

/** word/document.xml of a DOCX. */
export const docxXml = (docx: Buffer): string => docxPart(docx, 'word/document.xml');

/** The visible text of document.xml (w:t contents joined per paragraph). */
export function docxText(docx: Buffer): string {
  return docxXml(docx)
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean)
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

/** Removes line breaks and spaces so texts wrapped differently compare equal. */
export const flat = (s: string): string => s.replace(/\s+/g, '');
