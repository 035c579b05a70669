/**
 * Stage: the standard as data — the red of the 版头 (GB/T 9704-2012 §7.2.4 发文机关标志 … 颜色为红色; §7.2.7 红色分隔线;
 * §10.1 红色双线). The standard names no colour value (§6: the print shop's red ink); peers print #FF0000 in RGB
 * (practice), a print shop may want process CMYK. Input: the `--red` setting → the ink every writer uses; all other
 * text and rules stay black (§5.2.4).
 */

/** A red as the writers draw it: RGB (0–255 each) or CMYK (0–100 % each). */
export type RedInk = { readonly space: 'rgb'; readonly rgb: readonly [number, number, number] } | { readonly space: 'cmyk'; readonly cmyk: readonly [number, number, number, number] };

/** #FF0000 in DeviceRGB (the default). */
export const DEFAULT_RED: RedInk = { space: 'rgb', rgb: [255, 0, 0] };

/** What a layout item is inked with, when not black. */
export type Ink = 'red';

/**
 * Parses `--red`: `#RRGGBB` (DeviceRGB) or `cmyk:C,M,Y,K` in percent (DeviceCMYK, e.g. cmyk:0,100,100,0). Returns the
 * ink, or a Chinese message saying what is wrong.
 */
export function parseRedInk(text: string): RedInk | string {
  const value = text.trim();
  const hex = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  if (hex) return { space: 'rgb', rgb: [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16), parseInt(hex[3] ?? '0', 16)] };
  const cmyk = /^cmyk:\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)$/i.exec(value);
  if (cmyk) {
    const parts = cmyk.slice(1, 5).map(Number);
    if (parts.every((p) => Number.isFinite(p) && p >= 0 && p <= 100)) return { space: 'cmyk', cmyk: parts as [number, number, number, number] };
  }
  return `--red 应为 #RRGGBB（如 #FF0000）或 cmyk:C,M,Y,K（0–100，如 cmyk:0,100,100,0）（实为 ${text}）`;
}

/** The ink as #RRGGBB (DOCX and the preview have RGB only: CMYK is converted naively, 1 − C/100 … × (1 − K/100)). */
export function redHex(ink: RedInk): string {
  const rgb = ink.space === 'rgb' ? ink.rgb : ink.cmyk.slice(0, 3).map((c) => Math.round(255 * (1 - c / 100) * (1 - (ink.cmyk[3] ?? 0) / 100)));
  return rgb.map((v) => v.toString(16).padStart(2, '0').toUpperCase()).join('');
}
