/**
 * Stage: bundle — the 附件下载 page. Input: the files of the bundle (manifest entries) and report metadata →
 * index.html text rendered from templates/bundle/index.hbs.
 *
 * The page is static and self-contained (inline CSS, no scripts, no external assets) and links by relative,
 * percent-encoded paths, so it works in the unzipped folder, beside the files on a website and from file://.
 * The compiler's TemplateEngine renders it (isolated environment, strict, escaping on, known helpers only), with the
 * template read through the World from the project's templates/ folder — never from data (users.md §12).
 */
import { chineseDate, thousands } from '../gbt9704/numerals.ts';
import { TemplateError, type TemplateEngine } from '../templating/engine.ts';
import type { World } from '../world.ts';
import { BundleError } from './errors.ts';
import type { FileRole, ManifestFile, ManifestReport } from './manifest.ts';
import { EDITION_LABEL } from './names.ts';

/** The template, relative to the project root. */
export const INDEX_TEMPLATE = 'templates/bundle/index.hbs';
export const INDEX_FILE = 'index.html';
export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';

/** Table groups in display order; files keep the caller's order within a group. */
const GROUPS: readonly { role: FileRole; heading: string }[] = [
  { role: 'report', heading: '报告正文' },
  { role: 'attachment', heading: '附件' },
  // Only when the build puts numbered copies into the bundle (--bundle-copies); they are for paper otherwise.
  { role: 'copies', heading: '会议份号印制文件' },
  { role: 'register', heading: '份号登记表' },
  { role: 'bundle', heading: '打包下载（以上全部文件）' },
];

/** Percent-encodes each segment of a relative posix path for an href (UTF-8, RFC 3986). */
export function hrefFor(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** "1.2 MB" style, 1024-based as Windows Explorer shows sizes; under 1 KB in 字节. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** One row of the page's table. */
interface IndexRow {
  title: string;
  edition: string;
  format: string;
  size: string;
  /** The exact byte count is shown under the human size once they differ (≥ 1 KB). */
  showBytes: boolean;
  bytes: string;
  sha256: string;
  href: string;
  name: string;
}

function rowOf(f: ManifestFile): IndexRow {
  return {
    title: f.title,
    edition: f.edition ? EDITION_LABEL[f.edition] : '—',
    format: f.kind.toUpperCase(),
    size: humanSize(f.bytes),
    showBytes: f.bytes >= 1024,
    bytes: thousands(f.bytes),
    sha256: f.sha256,
    href: hrefFor(f.path),
    name: f.path.split('/').pop() ?? f.path,
  };
}

/** Input of {@link renderIndexPage}. */
export interface IndexPageInput {
  report: ManifestReport;
  /** Files to list, in display order (role report, attachment, bundle; others are not shown). */
  files: readonly ManifestFile[];
  /** "gongwen 0.1.0". */
  generator: string;
}

/** The view the template sees: plain JSON, so Handlebars' prototype-access guard never triggers. */
function viewOf(input: IndexPageInput): object {
  const groups = GROUPS.map((g) => ({ heading: g.heading, rows: input.files.filter((f) => f.role === g.role).map(rowOf) })).filter(
    (g) => g.rows.length > 0,
  );
  return {
    pageTitle: `${input.report.title} 附件下载`,
    reportTitle: input.report.title,
    metaLine: [input.report.organ, chineseDate(input.report.date)].filter((s) => s !== '').join('　'),
    fileCount: groups.reduce((n, g) => n + g.rows.length, 0),
    groups,
    sumsHref: hrefFor(SUMS_FILE),
    manifestHref: hrefFor(MANIFEST_FILE),
    generator: input.generator,
  };
}

/**
 * Renders index.html. Throws BundleError (`bundle/template-error`, located in the .hbs file) when the template is
 * broken or refers to a missing field.
 */
export function renderIndexPage(engine: TemplateEngine, world: World, input: IndexPageInput): string {
  try {
    return engine.template(world, INDEX_TEMPLATE, { knownHelpersOnly: true })(viewOf(input));
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    throw new BundleError([
      {
        severity: 'error',
        code: 'bundle/template-error',
        message: `附件下载页模板出错：${e.detail}`,
        span: e.span,
        hints: ['请检查 templates/bundle/index.hbs 中引用的字段名'],
      },
    ]);
  }
}
