/**
 * Test support: the default report with mark lines (秘密★1年, 特急, 会后收回) and numbered copies, compiled by the
 * build's pipeline in memory (hermetic fonts, data served from memory over the project's files), plus readers for
 * what the tests measure in the print file (MuPDF's outline).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Compiler, compileRequest, type CompileRequest, type Compilation } from '../../src/compile/index.ts';
import { DiagnosticSink } from '../../src/diag/diagnostic.ts';
import { PACKAGE_ROOT, nodeWorld, overlayWorld } from '../../src/world.ts';

const BASE = nodeWorld(PACKAGE_ROOT, {});

/** The marks every copies test prints, as data lines under `meta:`. */
export const MARKS_YAML = '  secret: { level: 秘密, period: 1年 }\n  urgency: 特急\n  mark: 会后收回\n';

/** data/report.yaml with the marks (unless `marks` is false) and a `copies:` section (YAML text, may be empty). */
export function reportWith(copiesYaml: string, marks = true): string {
  const text = BASE.readText('data/report.yaml');
  const withMarks = marks ? text.replace(/^meta:\n/m, `meta:\n${MARKS_YAML}`) : text;
  return copiesYaml ? `${withMarks.trimEnd()}\n${copiesYaml.trimEnd()}\n` : withMarks;
}

/** Five recipients from 份号 000031 (one without a unit). */
export const RECIPIENTS_YAML = `copies:
  first: "000031"
  recipients:
    - { name: 张三, unit: 县政府办公室 }
    - { name: 李四, unit: 县发展和改革局 }
    - { name: 王五 }
    - { name: 赵六, unit: 县财政局 }
    - { name: 钱七, unit: 县教育局 }
`;

/** Compiles `data` (the text of data/report.yaml) with the request's fields; throws with the diagnostics on failure. */
export async function compileData(data: string, fields: Partial<CompileRequest> = {}, compiler = new Compiler()): Promise<{ result: Compilation; diag: DiagnosticSink }> {
  const diag = new DiagnosticSink();
  const world = overlayWorld(BASE, { 'data/report.yaml': data });
  const request = compileRequest({ dataFile: 'data/report.yaml', editions: ['zh-Hans'], fonts: { fontPaths: [], systemFonts: false }, ...fields });
  const result = await compiler.compile(request, world, diag).catch((e: unknown) => {
    throw new Error(`compile failed: ${JSON.stringify(diag.items.filter((d) => d.severity === 'error'))} ${String(e)}`);
  });
  return { result, diag };
}

/** One entry of a PDF outline: its title, 1-based page and depth (0 = top level). */
export interface OutlineEntry {
  title: string;
  page: number;
  depth: number;
}

/** The PDF outline as MuPDF reads it (`mutool show … outline`). */
export function pdfOutline(pdf: Buffer): OutlineEntry[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-outline-'));
  try {
    writeFileSync(path.join(dir, 'a.pdf'), pdf);
    const text = execFileSync('mutool', ['show', path.join(dir, 'a.pdf'), 'outline'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return text
      .split('\n')
      .filter((l) => l.includes('"'))
      .map((l) => {
        const m = /^[+|-](\t+)"(.*)"\t#page=(\d+)/.exec(l);
        if (!m) throw new Error(`outline line: ${l}`);
        return { title: m[2] ?? '', page: Number(m[3]), depth: (m[1] ?? '').length - 1 };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
