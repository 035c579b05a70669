/**
 * Stage: bundle — packBundle. Input: the report documents and attachment files as they will sit in out/, report
 * metadata, fonts, the version and the build clock → the files the bundle adds to out/ (index.html, manifest.json,
 * SHA256SUMS and `<id>-附件下载.zip`) plus the manifest. Writes nothing; build.ts/emit write the outputs.
 *
 * Two views of the same files (see manifest.ts for why the hash chain ends at SHA256SUMS):
 *
 *   in the zip (flat, same relative paths as out/)      in out/
 *   ─────────────────────────────────────────────      ─────────────────────────────────────────────
 *   files…                                              files…                       (written by the lead)
 *   index.html   lists files                           index.html   lists files + the zip
 *   manifest.json files + index.html                   manifest.json files + index.html + the zip
 *   SHA256SUMS   files + index.html + manifest.json    SHA256SUMS   files + index.html + zip + manifest.json
 *
 * The inner page cannot list the zip (the zip contains it), so out/ gets its own page, manifest and sums; in both
 * places every link resolves and `sha256sum -c SHA256SUMS` passes.
 */
import type { Span } from '../model/types.ts';
import { TemplateEngine } from '../templating/engine.ts';
import type { World } from '../world.ts';
import { BundleError } from './errors.ts';
import { INDEX_FILE, MANIFEST_FILE, SUMS_FILE, renderIndexPage } from './index-page.ts';
import { buildManifest, manifestFile, serializeManifest, sha256sums, type FileWithBytes, type Manifest, type ManifestFile, type ManifestReport } from './manifest.ts';
import { checkEntryNames, writeZip } from './zip.ts';

export { BundleError } from './errors.ts';
export { sanitizeFileName, checkEntryPath, fitFileName, EDITION_LABEL } from './names.ts';
export { resolveExternalAttachment, ATTACHMENTS_DIR } from './external.ts';
export { writeXlsx, writeCsv, type TableFileInput, type TableFileColumn } from './table-files.ts';
export { writeZip } from './zip.ts';
export { sha256sums, type Manifest, type ManifestFile, type FileKind, type FileRole, type CopyRange } from './manifest.ts';

/** A document or attachment file as it will sit in out/ (path relative to out/, posix, already sanitised). */
export interface BundleFile extends FileWithBytes {
  /** Where the name came from in the data (an attachment's title or file), for name diagnostics. */
  origin?: Span;
}

/** Input of {@link packBundle}. */
export interface PackBundleInput {
  /** Title of the zip's row in index.html and the manifest, e.g. "柞市镇2021年工作总结和2022年工作计划（全部文件）". */
  title: string;
  /** File name of the zip in out/, e.g. `<report id>-附件下载.zip` (sanitised). */
  zipName: string;
  /** Documents (role report) and attachment files (role attachment), in display order. */
  files: readonly BundleFile[];
  /**
   * Files that sit in out/ and are listed in its manifest.json and SHA256SUMS, but are neither in the zip nor on the
   * download pages: numbered meeting copies and their register are for paper, not the website (unless the build
   * asks for them in the bundle, and passes them in `files`).
   */
  paperFiles?: readonly BundleFile[];
  report: ManifestReport;
  /** `{ 'zh-Hans': FontManifestEntry[], 'zh-Hant': [...] }`, stored as given. */
  fonts: unknown;
  /** package.json version. */
  version: string;
  /** The build clock (a UTC instant, see world.buildClock): zip entry times. */
  clock: Date;
  world: World;
  /** The compiler's template engine (the page template is compiled once per text); a fresh one when absent. */
  templates?: TemplateEngine;
}

/** A file for build.ts to write into out/. */
export interface BundleOutput {
  path: string;
  bytes: Buffer;
}

/** Result of {@link packBundle}. */
export interface PackBundleResult {
  /** index.html, manifest.json, SHA256SUMS and the zip — the out/ versions. */
  outputs: BundleOutput[];
  /** out/manifest.json as data (files + index.html + zip). */
  manifest: Manifest;
  /** The manifest.json inside the zip (files + index.html). */
  zipManifest: Manifest;
}

/** Paths the bundle itself writes; input files may not use them. */
const RESERVED_OUTPUTS = [INDEX_FILE, MANIFEST_FILE, SUMS_FILE];

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** The page, its manifest entry, the manifest and its sums for one view (inside the zip, or out/). */
function packView(input: PackBundleInput, templates: TemplateEngine, listed: readonly ManifestFile[], extra: readonly ManifestFile[], paper: readonly ManifestFile[] = []) {
  const generator = `gongwen ${input.version}`;
  const page = utf8(renderIndexPage(templates, input.world, { report: input.report, files: [...listed, ...extra], generator }));
  const pageEntry = manifestFile({ path: INDEX_FILE, title: '附件下载页', kind: 'html', edition: null, role: 'index', bytes: page });
  const manifest = buildManifest({ version: input.version, report: input.report, fonts: input.fonts, files: [...listed, pageEntry, ...extra, ...paper] });
  const manifestBytes = utf8(serializeManifest(manifest));
  const manifestEntry = manifestFile({ path: MANIFEST_FILE, title: '文件清单', kind: 'json', edition: null, role: 'index', bytes: manifestBytes });
  const sums = utf8(sha256sums([...manifest.files, manifestEntry]));
  return { page, manifest, manifestBytes, sums };
}

/**
 * Packs the download bundle. Throws BundleError (with diagnostics located at each file's `origin`) when a name is
 * unsafe, collides with another on Windows/macOS or with index.html/manifest.json/SHA256SUMS, or when the index
 * template is broken.
 */
export async function packBundle(input: PackBundleInput): Promise<PackBundleResult> {
  const problems = checkEntryNames([
    ...RESERVED_OUTPUTS.map((name) => ({ name })),
    { name: input.zipName },
    ...[...input.files, ...(input.paperFiles ?? [])].map((f) => ({ name: f.path, ...(f.origin ? { origin: f.origin } : {}) })),
  ]);
  if (problems.length > 0) throw new BundleError(problems);

  const listed = input.files.map(manifestFile);

  const templates = input.templates ?? new TemplateEngine();
  const inner = packView(input, templates, listed, []);
  const zip = await writeZip(
    [
      ...input.files.map((f) => ({ name: f.path, bytes: f.bytes })),
      { name: INDEX_FILE, bytes: inner.page },
      { name: MANIFEST_FILE, bytes: inner.manifestBytes },
      { name: SUMS_FILE, bytes: inner.sums },
    ],
    input.clock,
  );

  const zipEntry = manifestFile({ path: input.zipName, title: input.title, kind: 'zip', edition: null, role: 'bundle', bytes: zip });
  const outer = packView(input, templates, listed, [zipEntry], (input.paperFiles ?? []).map(manifestFile));
  return {
    outputs: [
      { path: INDEX_FILE, bytes: outer.page },
      { path: MANIFEST_FILE, bytes: outer.manifestBytes },
      { path: SUMS_FILE, bytes: outer.sums },
      { path: input.zipName, bytes: zip },
    ],
    manifest: outer.manifest,
    zipManifest: inner.manifest,
  };
}
