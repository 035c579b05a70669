/**
 * Stage: batch — the folder index page. Input: the reports of a batch build with what each one's folder in out/ now
 * holds (its manifest.json: title, page count, zip) → out/index.html text, rendered from
 * templates/bundle/folder-index.hbs: one row per report linking its 附件下载 page and its zip. A report that failed
 * this time is listed with its status and, when an earlier build left its files, links to those.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hrefFor } from '../bundle/index-page.ts';
import { TemplateEngine } from '../templating/engine.ts';
import type { World } from '../world.ts';

/** The template, relative to the project root. */
const FOLDER_INDEX_TEMPLATE = 'templates/bundle/folder-index.hbs';

/** One report's row. */
export interface FolderIndexEntry {
  /** Shown when the folder has no manifest yet (the data file). */
  fallbackTitle: string;
  folder: string | undefined;
  status: string;
  failed: boolean;
}

interface ManifestView {
  report?: { title?: string };
  files?: { path?: string; role?: string; kind?: string; edition?: string | null; pages?: number }[];
}

function readManifest(outDir: string, folder: string): ManifestView | undefined {
  try {
    return JSON.parse(readFileSync(path.join(outDir, folder, 'manifest.json'), 'utf8')) as ManifestView;
  } catch {
    return undefined;
  }
}

/** out/index.html for the reports of a batch build, in their order. */
export function folderIndexPage(world: World, outDir: string, entries: readonly FolderIndexEntry[], generator: string): string {
  const rows = entries.map((e) => {
    const manifest = e.folder === undefined ? undefined : readManifest(outDir, e.folder);
    const zip = manifest?.files?.find((f) => f.role === 'bundle' && typeof f.path === 'string')?.path;
    const pdf = manifest?.files?.find((f) => f.kind === 'pdf' && f.role === 'report');
    const folder = e.folder ?? '';
    return {
      title: manifest?.report?.title ?? e.fallbackTitle,
      pages: pdf?.pages ?? '—',
      folder,
      pageHref: manifest ? hrefFor(`${folder}/index.html`) : '',
      zipHref: zip ? hrefFor(`${folder}/${zip}`) : '',
      zipName: zip ?? '',
      status: e.status,
      failed: e.failed,
    };
  });
  return new TemplateEngine().template(world, FOLDER_INDEX_TEMPLATE, { knownHelpersOnly: true })({ count: rows.length, rows, generator });
}
