/**
 * Stage: import — reading the text file. Input: the World, a path and an optional `--encoding` → the file's text, or
 * a usage error (no such file, a folder) or a refusal with a hint. Text from Windows comes in three encodings: UTF-8
 * (with or without BOM), UTF-16 with a BOM (Notepad's "Unicode"), and GBK/GB18030 (Notepad's "ANSI" on Chinese
 * Windows); each is detected and decoded — with a note saying which — and anything else is refused rather than
 * imported as mojibake. `--encoding` overrides the detection (e.g. big5 for Traditional text from Taiwan).
 */
import { NAMED_ENCODINGS, decodeText, describeEncoding } from '../text/encoding.ts';
import type { World } from '../world.ts';

/** What reading gave: text (with a note about a non-UTF-8 encoding), a usage error, or a refusal. */
export type ImportText = { text: string; note?: string } | { usage: string } | { refused: string; hint: string };

const NAMES: Record<string, string> = { 'utf-16le': 'UTF-16（小端，记事本的“Unicode”）', 'utf-16be': 'UTF-16（大端）', gb18030: 'GBK/GB18030（记事本的“ANSI”）' };

/** Reads the file to import. */
export function readImportText(world: World, input: string, encoding: string | undefined): ImportText {
  const stat = world.stat(input);
  if (!stat) return { usage: `找不到要导入的文件：${input}` };
  if (!stat.isFile) return { usage: `要导入的不是文本文件：${input}${stat.isDirectory ? '（是文件夹）' : ''}` };
  const bytes = world.readBytes(input);
  if (encoding !== undefined) {
    const named = encoding.toLowerCase();
    if (!NAMED_ENCODINGS.includes(named as (typeof NAMED_ENCODINGS)[number])) return { usage: `--encoding 应为 ${NAMED_ENCODINGS.join('、')} 之一（实为 ${encoding}）` };
    return { text: decodeText(bytes, named as (typeof NAMED_ENCODINGS)[number]) };
  }
  const found = describeEncoding(bytes);
  if (found === 'unknown')
    return {
      refused: `无法识别 ${input} 的编码：既不是 UTF-8，也不像 GBK/GB18030 或 UTF-16`,
      hint: '在编辑器中另存为 UTF-8 后再导入；或用 --encoding 指定编码（如台湾的繁体文本用 --encoding big5）。',
    };
  const text = decodeText(bytes, found);
  return found === 'utf-8' ? { text } : { text, note: `已按 ${NAMES[found] ?? found} 编码读取 ${input}（用 --encoding 可指定其他编码）` };
}
