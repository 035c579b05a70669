/**
 * Stage: DOCX writer — SVG pictures' fallback. Input: an SVG and its print width → a PNG of it at 300 dpi, which a
 * DOCX must carry next to the SVG (ECMA-376 allows SVG only as an extension of a raster blip; Word 2013, WPS and
 * LibreOffice 7.4 show the PNG). resvg (WebAssembly build, no native binary) renders it; it is loaded only when a
 * document has an SVG picture, and gives the same bytes for the same input.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Raster resolution of the fallback: print resolution. */
const FALLBACK_DPI = 300;

let ready: Promise<typeof import('@resvg/resvg-wasm')> | undefined;

async function resvg(): Promise<typeof import('@resvg/resvg-wasm')> {
  ready ??= (async () => {
    const mod = await import('@resvg/resvg-wasm');
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
    await mod.initWasm(wasm);
    return mod;
  })();
  return ready;
}

/** The PNG fallback of an SVG printed `widthPt` wide. */
export async function svgFallbackPng(svg: Buffer, widthPt: number): Promise<Buffer> {
  const { Resvg } = await resvg();
  const image = new Resvg(svg.toString('utf8'), { fitTo: { mode: 'width', value: Math.max(1, Math.round((widthPt / 72) * FALLBACK_DPI)) }, background: 'white' });
  return Buffer.from(image.render().asPng());
}
