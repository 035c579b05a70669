/**
 * Stage: bundle — names. Input: a file name or a relative path from the build → a name that is safe on Windows,
 * macOS and Linux and inside a zip (sanitizeFileName), or a Chinese reason why a path is unsafe (checkEntryPath).
 *
 * One sanitiser serves output file names in out/ and zip entry names, so a link in index.html, a line in SHA256SUMS
 * and an entry in the zip always spell the same name (users.md §8, §12).
 */
import type { Edition } from '../model/types.ts';

/**
 * The edition's label in file names, titles and the download page, each written in its own script (简体 / 繁體), so a
 * reader of either edition recognises it and every place spells it the same way.
 */
export const EDITION_LABEL: Readonly<Record<Edition, string>> = { 'zh-Hans': '简体', 'zh-Hant': '繁體' };

/** Characters Windows refuses in a file name: `<>:"/\|?*` and the controls 0–31 (users.md §12). */
const RESERVED_CHARS = /[<>:"/\\|?*\u0000-\u001f]/g;

/**
 * Device names Windows reserves in every folder, with or without an extension (`CON.txt` opens the console).
 * COM¹²³/LPT¹²³ are reserved too (python/cpython#95486 lists the same set for os.path.isreserved).
 */
const RESERVED_STEMS = new Set([
  'CON',
  'PRN',
  'AUX',
  'NUL',
  'CONIN$',
  'CONOUT$',
  ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '¹', '²', '³'].flatMap((d) => [`COM${d}`, `LPT${d}`]),
]);

/** Longest file name we write, in UTF-16 code units (users.md §12: ≤ 120; leaves room for folders under MAX_PATH 260). */
export const MAX_FILE_NAME_UNITS = 120;
/**
 * Longest file name we write, in UTF-8 bytes. Linux and macOS file systems allow 255 bytes per name — only 85 hanzi —
 * and tools add suffixes beside a file (a browser's " (1)", an unzip "_1", an editor's "~"): 200 keeps 55 bytes free.
 */
export const MAX_FILE_NAME_BYTES = 200;

/** An extension is kept whole when shortening only if it looks like one (short, no spaces). */
const EXTENSION = /\.[\p{L}\p{N}_-]{1,16}$/u;

/** Windows silently drops trailing dots and spaces, so `a.txt.` and `a.txt` would be the same file there. */
function stripTrailingDotsAndSpaces(s: string): string {
  return s.replace(/[. ]+$/u, '');
}

/** True when Windows treats `name` as a device: the part before the first dot, trailing spaces ignored. */
export function isReservedDeviceName(name: string): boolean {
  const stem = (name.split('.')[0] ?? '').replace(/ +$/u, '').toUpperCase();
  return RESERVED_STEMS.has(stem);
}

/** Cuts `s` to at most `units` UTF-16 code units and `bytes` UTF-8 bytes, never inside a character. */
function cutUnits(s: string, units: number, bytes: number = Infinity): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (out.length + ch.length > units || used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

const fits = (s: string) => s.length <= MAX_FILE_NAME_UNITS && Buffer.byteLength(s, 'utf8') <= MAX_FILE_NAME_BYTES;

/**
 * Makes one path segment safe as a file name on every system we ship to:
 * NFC; `<>:"/\|?*` and controls → `_`; trailing dots/spaces stripped; reserved device names (`CON`, `com1.txt`,
 * `CONIN$` …) prefixed with `_`; at most 120 UTF-16 units and 200 UTF-8 bytes, keeping the extension. Idempotent:
 * `sanitizeFileName(sanitizeFileName(x)) === sanitizeFileName(x)`. An empty result becomes `_`.
 */
export function sanitizeFileName(name: string): string {
  let s = stripTrailingDotsAndSpaces(name.normalize('NFC').replace(RESERVED_CHARS, '_'));
  if (s === '') return '_';
  if (isReservedDeviceName(s)) s = `_${s}`;
  if (!fits(s)) {
    const ext = EXTENSION.exec(s)?.[0] ?? '';
    const stem = stripTrailingDotsAndSpaces(cutUnits(s.slice(0, s.length - ext.length), MAX_FILE_NAME_UNITS - ext.length, MAX_FILE_NAME_BYTES - Buffer.byteLength(ext, 'utf8')));
    s = (stem === '' ? '_' : stem) + ext;
  }
  return s;
}

/**
 * A sanitised file name `head + middle + tail` within the length limits, shortening only `middle` (an attachment's
 * title), so the label before it and the edition and extension after it survive: two editions of a long title
 * still get two names.
 */
export function fitFileName(head: string, middle: string, tail: string): string {
  const name = head + middle + tail;
  const units = MAX_FILE_NAME_UNITS - head.length - tail.length;
  const bytes = MAX_FILE_NAME_BYTES - Buffer.byteLength(head + tail, 'utf8');
  if (fits(name) || units <= 0 || bytes <= 0) return sanitizeFileName(name);
  return sanitizeFileName(head + stripTrailingDotsAndSpaces(cutUnits(middle, units, bytes)) + tail);
}

/**
 * Checks a relative posix path (an output path or zip entry name). Returns a Chinese reason when it is unsafe
 * — empty, absolute, a drive letter, a backslash, `.`/`..`/empty segments (zip-slip, CVE-2018-1002204) — and
 * undefined when it is acceptable. Segment spelling (reserved names and characters) is checked separately with
 * {@link sanitizeFileName}.
 */
export function checkEntryPath(path: string): string | undefined {
  if (path === '') return '路径为空';
  if (path.includes('\\')) return '路径含反斜杠“\\”（请用“/”分隔，且文件名中不能含“\\”）';
  if (/^[A-Za-z]:/.test(path)) return '路径以盘符开头（须为相对路径）';
  if (path.startsWith('/')) return '路径是绝对路径（须为相对路径）';
  const segments = path.split('/');
  if (segments.includes('..')) return '路径含“..”，会指向上级目录';
  if (segments.includes('.')) return '路径含“.”段';
  if (segments.includes('')) return '路径含空段（如“a//b”或以“/”结尾）';
  return undefined;
}

/**
 * Checks a whole relative path: {@link checkEntryPath}, then every segment must already be in sanitised form.
 * Returns a Chinese reason or undefined.
 */
export function checkSafePath(path: string): string | undefined {
  const reason = checkEntryPath(path);
  if (reason) return reason;
  for (const segment of path.split('/')) {
    const clean = sanitizeFileName(segment);
    if (clean !== segment) return `文件名“${segment}”在 Windows 上不可用或不规范，应为“${clean}”`;
  }
  return undefined;
}

/**
 * The key under which two names collide on a case-insensitive file system (Windows, macOS):
 * NFC, then lower case. Two outputs with the same key would overwrite each other after download.
 */
export function collisionKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}
