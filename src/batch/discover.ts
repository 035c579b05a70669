/**
 * Stage: batch — which files are reports. Input: the paths after `gongwen build` (files, folders, a shell glob such as
 * data/*.yaml) → the report data files in order, the files skipped with the reason, and each report's folder in out/.
 *
 * The rule (README): every `.yaml`/`.yml` file named, or lying directly in a folder named, is a report — except a
 * file whose name starts with `_` or `.`, and a YAML mapping without a `meta` key (data/terms.yaml, the Traditional
 * dictionary, has `terms`/`protect`; fonts.yaml has `roles`). A file that does not parse at all is still a report, so
 * its syntax error is reported rather than the file silently skipped. Two reports with the same meta.id would write
 * the same folder: the later one in the list fails with an error at its meta.id.
 */
import { isMap, parseDocument } from 'yaml';
import { sanitizeFileName } from '../bundle/index.ts';
import { MAX_DATA_BYTES } from '../load/source.ts';
import type { World } from '../world.ts';

/** One report to build. */
export interface BatchReport {
  /** Absolute path. */
  dataFile: string;
  /** Project-relative, for messages. */
  rel: string;
  /** Its folder in out/ (sanitised meta.id), when the file says; undefined when it cannot be read. */
  folder?: string;
  /** `file:line:col` of its meta.id (for the duplicate-id message). */
  idPlace?: string;
  /** Set when an earlier report in the list has the same folder. */
  duplicateOf?: string;
}

export interface BatchInputs {
  reports: BatchReport[];
  skipped: { rel: string; why: string }[];
}

const YAML_FILE = /\.ya?ml$/i;

/** The reports named by `paths`, or a usage error (a path that does not exist). */
export function findReports(world: World, paths: readonly string[]): BatchInputs | { usage: string } {
  const files: string[] = [];
  const skipped: BatchInputs['skipped'] = [];
  for (const p of paths) {
    const stat = world.stat(p);
    if (!stat) return { usage: `找不到数据文件或文件夹：${p}` };
    if (stat.isDirectory) {
      for (const name of world.listDir(p)) if (YAML_FILE.test(name) && world.stat(world.abs(`${p}/${name}`))?.isFile) files.push(world.abs(`${p}/${name}`));
    } else files.push(world.abs(p));
  }
  const reports: BatchReport[] = [];
  const byFolder = new Map<string, string>();
  for (const file of [...new Set(files)]) {
    const rel = world.rel(file);
    const name = rel.split('/').pop() ?? rel;
    if (name.startsWith('_') || name.startsWith('.')) {
      skipped.push({ rel, why: '以“_”或“.”开头的文件不是报告（留给共用数据）' });
      continue;
    }
    const report = inspect(world, file, rel);
    if (report === 'not-a-report') {
      skipped.push({ rel, why: '没有 meta，不是报告数据' });
      continue;
    }
    if (report.folder !== undefined) {
      const first = byFolder.get(report.folder);
      if (first !== undefined) report.duplicateOf = first;
      else byFolder.set(report.folder, rel);
    }
    reports.push(report);
  }
  return { reports, skipped };
}

/** Reads just enough of a data file to tell whether it is a report and which folder it writes. */
function inspect(world: World, file: string, rel: string): BatchReport | 'not-a-report' {
  const report: BatchReport = { dataFile: file, rel };
  const stat = world.stat(file);
  if (!stat?.isFile || stat.size > MAX_DATA_BYTES || !YAML_FILE.test(file)) return report; // the build says what is wrong
  const text = world.readText(file);
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return report;
  if (!doc.contents.has('meta')) return 'not-a-report';
  const id = doc.getIn(['meta', 'id'], true) as { value?: unknown; range?: [number, number, number] } | undefined;
  if (typeof id?.value === 'string' && id.value !== '') {
    report.folder = sanitizeFileName(id.value);
    const offset = id.range?.[0] ?? 0;
    const before = text.slice(0, offset).split(/\r\n|\n|\r/);
    report.idPlace = `${rel}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
  }
  return report;
}
