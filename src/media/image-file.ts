/**
 * Stage: content — picture files. Input: a file's bytes (a body picture or an image attachment) → its format (PNG,
 * JPEG or SVG, told by the bytes, not the name) and intrinsic size, or a located error: not one of those formats,
 * unreadable, or oversized (bytes or pixels); and the print resolution, reported as a warning below 300 dpi.
 */
import { imageSize } from 'image-size';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Span } from '../model/types.ts';
import type { ImageInfo } from './types.ts';

/** Larger files are refused: a 30 MB picture is a scan at far more than print resolution, or the wrong file. */
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024;
/** 100 megapixels: an A4 page at 1200 dpi is 140 million; the PDF writer decodes every pixel. */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** Print resolution below which a picture looks blurred on paper (offset and laser printing practice). */
export const MIN_PRINT_DPI = 300;

/** The format the bytes are in, or undefined. */
export function sniffImage(bytes: Buffer): ImageInfo['format'] | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

/** Reads and checks a picture; undefined after an error at `span`. `noun` names it in messages (图片, 附件). */
export function readImage(bytes: Buffer, file: string, span: Span | undefined, diag: DiagnosticSink, code: string, noun: string): ImageInfo | undefined {
  if (bytes.length > MAX_IMAGE_BYTES) {
    diag.error(`${code}/too-large`, `${noun}“${file}”过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB）`, span, [`图片应小于 ${MAX_IMAGE_BYTES / 1024 / 1024} MB；按印刷尺寸 300 dpi 导出即可。`]);
    return undefined;
  }
  const format = sniffImage(bytes);
  if (!format) {
    diag.error(`${code}/unsupported-format`, `${noun}“${file}”不是 PNG、JPEG 或 SVG 图片`, span, ['请另存为 PNG（图表、截图）或 JPEG（照片），矢量图可用 SVG。']);
    return undefined;
  }
  let size: { width?: number; height?: number };
  try {
    size = imageSize(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    diag.error(`${code}/unreadable`, `${noun}“${file}”无法读取（${(e as Error).message}）`, span, ['文件可能已损坏；请重新导出。']);
    return undefined;
  }
  const pixelWidth = size.width ?? 0;
  const pixelHeight = size.height ?? 0;
  if (!(pixelWidth > 0 && pixelHeight > 0)) {
    diag.error(`${code}/unreadable`, `${noun}“${file}”没有可用的宽度和高度`, span, format === 'svg' ? ['SVG 须有 viewBox 或 width、height。'] : ['文件可能已损坏；请重新导出。']);
    return undefined;
  }
  if (format !== 'svg' && pixelWidth * pixelHeight > MAX_IMAGE_PIXELS) {
    diag.error(`${code}/too-large`, `${noun}“${file}”像素过多（${pixelWidth} × ${pixelHeight}）`, span, ['按印刷尺寸 300 dpi 导出即可（版心宽 156 mm ≈ 1843 像素）。']);
    return undefined;
  }
  return { format, pixelWidth, pixelHeight };
}

/** Warns when a raster picture printed `widthMm` wide has fewer than 300 dots per inch. */
export function checkResolution(info: ImageInfo, widthMm: number, file: string, span: Span | undefined, diag: DiagnosticSink, code: string): void {
  if (info.format === 'svg') return;
  const dpi = info.pixelWidth / (widthMm / 25.4);
  if (dpi >= MIN_PRINT_DPI) return;
  diag.warning(`${code}/low-resolution`, `图片“${file}”印刷分辨率约 ${Math.round(dpi)} dpi（${info.pixelWidth} 像素印 ${widthMm.toFixed(0)} mm 宽），低于 ${MIN_PRINT_DPI} dpi，印出来可能模糊`, span, [
    `换用更大的图片（至少 ${Math.ceil((MIN_PRINT_DPI * widthMm) / 25.4)} 像素宽），或用 width 缩小印刷宽度（毫米）。`,
  ]);
}
