/**
 * Stage: load — reading the data file. Input: the World and the data file's path → its text, or located errors for
 * a file that cannot be data: absent, not a regular file (a folder, a FIFO that would block the build), over the size
 * limit (checked before reading, so a wrong multi-gigabyte file is never loaded), UTF-16 (a BOM), or not valid UTF-8
 * — reported at the first bad bytes, with a hint when the bytes are GBK/GB18030 (Notepad's "ANSI" on Chinese
 * Windows). Any other file text is returned as it is.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { World } from '../world.ts';
import { describeEncoding, firstInvalidUtf8 } from '../text/encoding.ts';

/** Data files larger than this are refused (a YAML alias bomb or a wrong file). */
export const MAX_DATA_BYTES = 20 * 1024 * 1024;
/** At most this many invalid byte sequences are reported one by one. */
const MAX_REPORTED_BYTES = 5;

/** The data file's text, or undefined when an error was reported. */
export function readDataSource(world: World, dataFile: string, diag: DiagnosticSink): string | undefined {
  const file = world.rel(dataFile);
  const stat = world.stat(dataFile);
  if (!stat) {
    diag.error('load/missing-file', `找不到数据文件：${file}`, undefined, ['默认数据在 data/report.yaml；也可用 gongwen import 从文本生成。']);
    return undefined;
  }
  if (!stat.isFile) {
    diag.error('load/not-a-file', `数据文件不是普通文件：${file}${stat.isDirectory ? '（是文件夹）' : ''}`, undefined, [stat.isDirectory ? '构建整个文件夹中的报告：gongwen build data/（每份报告各自生成）。' : '请指定一个 .yaml 数据文件。']);
    return undefined;
  }
  if (stat.size > MAX_DATA_BYTES) {
    diag.error('load/too-large', `数据文件过大（${(stat.size / 1024 / 1024).toFixed(1)} MB，最多 ${MAX_DATA_BYTES / 1024 / 1024} MB）：${file}`, undefined, ['数据文件只写报告的文字和数据；附件文件请放在 data/attachments/ 下，用 file: 引用。']);
    return undefined;
  }
  const text = world.readText(dataFile);
  if (!text.includes('\uFFFD')) return text; // every invalid byte sequence decodes to U+FFFD: none, so valid UTF-8
  const bytes = world.readBytes(dataFile);
  const encoding = describeEncoding(bytes);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    diag.error('load/utf16', `数据文件是 UTF-16 编码（${encoding === 'utf-16le' ? '小端' : '大端'}，以字节顺序标记开头），gongwen 只读 UTF-8`, { file, start: 0, end: 0 }, ['在编辑器中“另存为”UTF-8 编码（记事本：编码选“UTF-8”）。']);
    return undefined;
  }
  const hint = encoding === 'gb18030' ? '这个文件看来是 GBK/GB18030 编码（Windows 记事本的“ANSI”）：在编辑器中另存为 UTF-8，或用 gongwen import 导入文本。' : '在编辑器中另存为 UTF-8 编码；若文件是从别处复制拼接的，检查该处。';
  let reported = 0;
  for (let at = firstInvalidUtf8(bytes, 0); at !== undefined && reported < MAX_REPORTED_BYTES; at = firstInvalidUtf8(bytes, at.end), reported++) {
    // The bytes before `at` are valid UTF-8, so their decoding is exactly the text up to the U+FFFD they became.
    const offset = bytes.subarray(0, at.start).toString('utf8').length;
    const shown = [...bytes.subarray(at.start, Math.min(at.end, at.start + 4))].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    diag.error('load/invalid-utf8', `第 ${at.start + 1} 字节起不是有效的 UTF-8（${shown}）`, { file, start: offset, end: offset + 1 }, [hint]);
  }
  // A literal U+FFFD typed into valid UTF-8 is refused later, at its character (load/validate.ts).
  return reported > 0 ? undefined : text;
}
