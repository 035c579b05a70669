/**
 * Stage: command — `gongwen changes`. Input: the current data, and `--since` the old build (its manifest.json, or the
 * folder holding it, beside which that build left its record) or the old data file → a 修改说明 (revision note) as
 * Markdown on stdout, or as PDF/DOCX in the official format written to `-o` (default out/<id>-修改说明.pdf).
 * Without `--since` it prints the change summary of the last build in the output folder (changes.json).
 *
 * The old data file is compiled with the same request, in memory, at the current data file's path (so its
 * attachments and templates resolve as they did), and laid out with the same fonts; both sides become the same
 * records a build writes (./record.ts), compared by ./compare.ts.
 */
import path from 'node:path';
import { sanitizeFileName } from '../bundle/index.ts';
import { BuildFailure, compileModel, type Compiler, type CompileRequest, type EditionResult } from '../compile/index.ts';
import { DiagnosticSink, EXIT } from '../diag/diagnostic.ts';
import { formatDiagnostics } from '../diag/format.ts';
import { writeOneFile } from '../emit.ts';
import { chineseDate } from '../gbt9704/numerals.ts';
import type { Edition } from '../model/types.ts';
import { buildClock, clockAsUtc, overlayWorld, type World } from '../world.ts';
import type { BuildConsole } from '../build/index.ts';
import { compareEditions, type ChangeSet } from './compare.ts';
import { changeSummaryLines } from './format.ts';
import { CHANGES_NAME, RECORD_NAME, editionRecord, parseRecord, type EditionRecord } from './record.ts';
import { noteWording, revisionEntries, revisionNoteMarkdown, revisionNoteModel, type RevisionNote } from './revision-note.ts';

export type NoteFormat = 'md' | 'pdf' | 'docx';
export const NOTE_FORMATS: readonly NoteFormat[] = ['md', 'pdf', 'docx'];

export interface ChangesCommandOptions {
  request: CompileRequest;
  /** Absolute output folder (where the last build's changes.json is; default folder of the note). */
  outDir: string;
  since?: string;
  format: NoteFormat;
  /** Where to write the note; stdout (md) or out/<id>-修改说明.<ext> when absent. */
  output?: string;
  json: boolean;
  edition: Edition;
}

/** A user-facing failure of the command: message, hint, exit code. */
class ChangesError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** Runs `gongwen changes`; returns the exit code. */
export async function changesCommand(options: ChangesCommandOptions, compiler: Compiler, world: World, out: BuildConsole): Promise<number> {
  try {
    if (options.since === undefined) return lastBuildChanges(options, world, out);
    return await revisionNote(options, options.since, compiler, world, out);
  } catch (e) {
    if (!(e instanceof ChangesError)) throw e;
    out.message(`错误[changes/since]: ${e.message}\n  提示: ${e.hint}`);
    return e.code;
  }
}

/** `gongwen changes` without --since: the change summary the last build left. */
function lastBuildChanges(options: ChangesCommandOptions, world: World, out: BuildConsole): number {
  const candidates = [path.join(options.outDir, CHANGES_NAME), ...world.listDir(options.outDir).map((d) => path.join(options.outDir, d, CHANGES_NAME))];
  const file = candidates.find((f) => world.stat(f)?.isFile);
  if (!file) throw new ChangesError(`${world.rel(options.outDir)} 中没有构建留下的变更记录`, '先运行 gongwen build；或用 --since 指定旧的 manifest.json 或旧数据文件。', EXIT.usage);
  const text = world.readText(file);
  if (options.json) out.data(text.trimEnd());
  else for (const line of changeSummaryLines(JSON.parse(text) as ChangeSet)) out.message(line);
  return EXIT.ok;
}

/** One edition of the data laid out, and the report's id (the note's file name). */
interface LaidOut {
  id: string;
  edition: EditionResult;
}

/** Lays out one edition of the data (no output formats); throws BuildFailure with the diagnostics printed. */
async function layOut(request: CompileRequest, edition: Edition, compiler: Compiler, world: World, out: BuildConsole, what: string): Promise<LaidOut> {
  const diag = new DiagnosticSink();
  try {
    const c = await compiler.compile({ ...request, editions: [edition], formats: [], debug: [] }, world, diag);
    return { id: c.report.meta.id, edition: c.editions[0]! };
  } catch (e) {
    if (e instanceof BuildFailure) {
      out.message(formatDiagnostics(diag.items, (f) => world.source(f), 'human'));
      out.message(`${what}无法排版：${diag.errorCount} 个错误。`);
    }
    throw e;
  }
}

/** The old side: a record beside an old manifest, or the old data file laid out now. */
async function oldEdition(options: ChangesCommandOptions, since: string, compiler: Compiler, world: World, out: BuildConsole): Promise<EditionRecord> {
  const stat = world.stat(since);
  if (!stat) throw new ChangesError(`找不到 --since 指定的文件：${since}`, '给出旧构建的 manifest.json（或它所在的文件夹），或旧的数据文件（.yaml）。', EXIT.usage);
  if (/\.ya?ml$/i.test(since) && stat.isFile) {
    const old = overlayWorld(world, { [world.rel(options.request.dataFile)]: world.readText(since) });
    return editionRecord((await layOut(options.request, options.edition, compiler, old, out, `旧数据 ${since} `)).edition);
  }
  const folder = stat.isDirectory ? world.abs(since) : path.dirname(world.abs(since));
  const recordFile = path.join(folder, RECORD_NAME);
  if (!world.exists(recordFile))
    throw new ChangesError(`${world.rel(folder)} 中没有旧构建的记录（${RECORD_NAME}）`, '记录由 gongwen build 写在 manifest.json 旁边；较早版本生成的文件没有它，请改用旧的数据文件：--since 旧数据.yaml。', EXIT.usage);
  const record = parseRecord(world.readText(recordFile));
  const found = record?.editions.find((e) => e.edition === options.edition);
  if (!found) throw new ChangesError(`${world.rel(recordFile)} 不是可读的构建记录，或没有 ${options.edition} 版本`, '改用旧的数据文件：--since 旧数据.yaml。', EXIT.usage);
  return found;
}

async function revisionNote(options: ChangesCommandOptions, since: string, compiler: Compiler, world: World, out: BuildConsole): Promise<number> {
  let old: EditionRecord;
  let laidOut: LaidOut;
  try {
    old = await oldEdition(options, since, compiler, world, out);
    laidOut = await layOut(options.request, options.edition, compiler, world, out, '当前数据');
  } catch (e) {
    if (e instanceof BuildFailure) return e.exitCode;
    throw e;
  }
  const current = laidOut.edition;
  const changes = compareEditions(old, editionRecord(current));
  const entries = revisionEntries(changes);
  if (options.json) out.data(JSON.stringify({ changes, entries }));
  if (entries.length === 0) {
    out.message('与旧版本相比没有文字变化，不需要修改说明。');
    return EXIT.ok;
  }
  const note = await noteOf(current, entries, options, compiler, world);
  if (options.format === 'md') {
    const text = revisionNoteMarkdown(note);
    if (options.output) writeOneFile(world.abs(options.output), Buffer.from(text));
    else if (!options.json) out.data(text.trimEnd());
    out.message(`修改说明：${entries.length} 处修改${options.output ? ` → ${options.output}` : ''}`);
    return EXIT.ok;
  }
  const diag = new DiagnosticSink();
  const clock = clockAsUtc(buildClock(world.env, note.isoDate));
  let built;
  try {
    built = await compileModel(revisionNoteModel(note), current.fonts, { formats: [options.format], embedFonts: options.request.embedFonts, allowMissingGlyphs: options.request.allowMissingGlyphs, clock }, diag);
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e;
    out.message(formatDiagnostics(diag.items, () => undefined, 'human'));
    return e.exitCode;
  }
  const bytes = options.format === 'pdf' ? built.pdf : built.docx;
  if (!bytes) throw new Error(`compileModel made no ${options.format}`);
  const label = options.edition === 'zh-Hant' ? '（繁體）' : '';
  const target = world.abs(options.output ?? path.join(options.outDir, `${sanitizeFileName(laidOut.id)}-修改说明${label}.${options.format}`));
  writeOneFile(target, bytes);
  out.message(`修改说明：${entries.length} 处修改，${built.layout.pages.length} 页 → ${path.relative(process.cwd(), target)}`);
  return EXIT.ok;
}

/** The note's texts; for the Traditional edition its own words are converted like the report's. */
async function noteOf(current: EditionResult, entries: string[], options: ChangesCommandOptions, compiler: Compiler, world: World): Promise<RevisionNote> {
  const { meta } = current.model;
  // The note is dated like the build: SOURCE_DATE_EPOCH, else the report's 成文日期; undated when neither is set.
  const epoch = world.env['SOURCE_DATE_EPOCH'];
  const clock = buildClock(world.env, meta.date);
  const iso = epoch || meta.date ? `${clock.getFullYear()}-${String(clock.getMonth() + 1).padStart(2, '0')}-${String(clock.getDate()).padStart(2, '0')}` : '';
  const note: RevisionNote = { ...noteWording(meta.title), organ: meta.organ, date: chineseDate(iso), isoDate: iso, edition: options.edition, entries };
  if (options.edition === 'zh-Hans') return note;
  // The report's title and organ are already Traditional here; the note's own words are converted like its literals.
  const { editionConverter } = await import('../normalize/edition.ts');
  const convert = editionConverter(await compiler.converters(), world, new DiagnosticSink(), options.request.variant);
  return { ...note, title: convert(note.title), intro: convert(note.intro), date: convert(note.date), entries: entries.map(convert) };
}
