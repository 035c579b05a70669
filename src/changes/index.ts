/**
 * Stage: change summary — after every build (build, watch, preview). Input: the Compilation and the previous build's
 * record, read through the World from the same output folder → the ChangeSet to print, and two more output files
 * handed to emit with the build's own: `changes.json` (the ChangeSet) and `.gongwen-record.json` (what the next build
 * compares itself with). Both sit beside the build's manifest.json, with paths relative to the output folder as every
 * output has, so they follow the manifest wherever the output set is placed. Nothing is written here.
 */
import path from 'node:path';
import type { Compilation } from '../compile/index.ts';
import type { OutputFile } from '../emit.ts';
import type { World } from '../world.ts';
import { compareRecords, type ChangeSet } from './compare.ts';
import { serializeChanges } from './format.ts';
import { CHANGES_NAME, RECORD_NAME, buildRecord, parseRecord, serializeRecord, type BuildRecord } from './record.ts';

export { changeSummaryLines } from './format.ts';
export type { ChangeSet } from './compare.ts';

/** The folder of the build's output set (where its manifest.json goes), relative to the output folder; '' = the folder itself. */
function outputSetFolder(outputs: readonly OutputFile[]): string {
  const manifest = outputs.find((o) => path.posix.basename(o.path) === 'manifest.json') ?? outputs.find((o) => o.path.endsWith('.pdf'));
  const dir = manifest ? path.posix.dirname(manifest.path) : '.';
  return dir === '.' ? '' : dir;
}

const inSet = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);

/** The record a previous build left in `outDir` for this output set, if any (read through the World). */
export function previousRecord(world: World, outDir: string, outputs: readonly OutputFile[]): BuildRecord | undefined {
  const file = path.join(outDir, ...inSet(outputSetFolder(outputs), RECORD_NAME).split('/'));
  return world.exists(file) ? parseRecord(world.readText(file)) : undefined;
}

/** What a build adds to its outputs: the change set and the two files that carry it. */
export interface BuildChanges {
  changes: ChangeSet;
  record: BuildRecord;
  files: OutputFile[];
}

/**
 * The change summary of a compilation against the previous build in `outDir`. `replacesAll` says whether this build
 * replaces the whole previous output set (emit's clean-up: a build with the bundle); a partial build (`--format pdf`,
 * one edition) keeps what it did not rebuild in the record, and removes nothing.
 */
export function summarizeBuild(compilation: Compilation, world: World, outDir: string, replacesAll: boolean): BuildChanges {
  const previous = previousRecord(world, outDir, compilation.outputs);
  let record = buildRecord(compilation);
  if (previous && !replacesAll) {
    const rebuilt = new Set(record.editions.map((e) => e.edition));
    record = {
      ...record,
      editions: [...record.editions, ...previous.editions.filter((e) => !rebuilt.has(e.edition))],
      outputs: Object.fromEntries(Object.entries({ ...previous.outputs, ...record.outputs }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
  }
  const changes = compareRecords(previous, record);
  const folder = outputSetFolder(compilation.outputs);
  return {
    changes,
    record,
    files: [
      { path: inSet(folder, CHANGES_NAME), bytes: Buffer.from(serializeChanges(changes)) },
      { path: inSet(folder, RECORD_NAME), bytes: Buffer.from(serializeRecord(record)) },
    ],
  };
}
