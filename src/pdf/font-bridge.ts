/**
 * Stage: PDF writer — handing the compiler's parsed faces to pdfkit. Input: the FontFaces a layout uses → names in
 * pdfmake's virtual file system whose contents pdfkit turns back into those very faces, wrapped so that pdfkit does
 * not shape again what the layout already placed.
 *
 * Why a bridge: pdfmake and pdfkit take a font as a path or a buffer and parse it again for every PDF (pdfkit calls
 * `fontkit.create`), and then lay out every text node with fontkit's OpenType shaper (GSUB/GPOS) to measure it and
 * to find its glyphs. The layout has already chosen every glyph's position, and every run it draws is shaping-safe
 * by construction (src/layout/runs.ts: only full-width characters share a run; dashes, Latin and digits are drawn one
 * per run), so the glyphs are the cmap's and the advances are hmtx's. The bridge:
 *   1. registers each face's bytes in pdfmake's virtual file system under a stable name (no path is opened);
 *   2. makes `fontkit.create` (the CommonJS instance pdfkit and src/fonts/library.ts share) return, for exactly those
 *      buffers, the already parsed face behind a Proxy whose `layout` maps code points through the cmap — the same
 *      glyphs and advances the shaper gives for these runs (tests compare the PDFs byte for byte);
 *   3. memoises each face's subset (`createSubset().encode()`) by its glyph list, so a warm rebuild whose text uses
 *      the same characters in the same order reuses the embedded font program, and skips decoding the outline of
 *      every simple glyph, which fontkit's TrueType subsetter does only to learn whether the glyph is composite.
 * Any other buffer (none in gongwen) is read by fontkit's own formats, as before.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { faceTables } from '../fonts/sfnt-tables.ts';
import { ensureGlyphs } from '../fonts/sparse-font.ts';
import type { FontFace } from '../fonts/types.ts';

/** fontkit's format registry: a format probes a buffer and constructs a font from it. */
interface FontFormat {
  probe(buffer: Uint8Array): boolean;
  new (stream: { buffer: Uint8Array }): object;
}
const fontkit = createRequire(import.meta.url)('fontkit') as { registerFormat(format: FontFormat): void };

/** What pdfkit reads of a glyph: its id, the code points it stands for (ToUnicode) and its advance (font units). */
interface BridgeGlyph {
  readonly id: number;
  readonly codePoints: number[];
  readonly advanceWidth: number;
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A glyph run as pdfkit reads fontkit's: glyphs, positions it scales in place, and the summed advance. */
class BridgeRun {
  constructor(
    readonly glyphs: BridgeGlyph[],
    readonly positions: Position[],
  ) {}

  get advanceWidth(): number {
    let w = 0;
    for (const p of this.positions) w += p.xAdvance;
    return w;
  }
}

/** The subset memo of one face: glyph list → encoded font program. A few entries: editions and recent edits. */
const SUBSETS_KEPT = 4;

interface BridgedFace {
  readonly name: string;
  readonly token: Buffer;
  readonly proxy: Fontkit.Font;
}

/** Tokens start with this; no real font file does (sfnt, TTC, WOFF and DFont headers differ). */
const TOKEN_MAGIC = 'gongwen-bridged-face:';
const byToken = new Map<string, BridgedFace>();
const byFace = new WeakMap<Fontkit.Font, BridgedFace>();
let registered = false;

const tokenOf = (buffer: Uint8Array): string | undefined => {
  if (buffer.length > 200 || buffer.length <= TOKEN_MAGIC.length) return undefined;
  const text = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).toString('latin1');
  return text.startsWith(TOKEN_MAGIC) ? text : undefined;
};

/** The format that turns a token back into its bridged face (registered once per process). */
function register(): void {
  if (registered) return;
  registered = true;
  class BridgedFormat {
    static probe(buffer: Uint8Array): boolean {
      const token = tokenOf(buffer);
      return token !== undefined && byToken.has(token);
    }

    constructor(stream: { buffer: Uint8Array }) {
      const face = byToken.get(tokenOf(stream.buffer) ?? '');
      if (!face) throw new Error('font-bridge: unknown token');
      // A constructor may return another object: fontkit's create() hands pdfkit the parsed face itself.
      return face.proxy;
    }
  }
  fontkit.registerFormat(BridgedFormat);
}

/** A Proxy over the parsed face: `layout` through the cmap, `createSubset` memoised and without outline decoding. */
function bridgeProxy(font: Fontkit.Font): Fontkit.Font {
  const glyphs = new Map<number, BridgeGlyph>();
  const tables = faceTables(font);
  const glyphOf = (cp: number): BridgeGlyph => {
    let g = glyphs.get(cp);
    if (!g) {
      const id = tables.glyphId(cp);
      g = { id, codePoints: [cp], advanceWidth: tables.advance(id) };
      glyphs.set(cp, g);
    }
    return g;
  };
  const layout = (text: string): BridgeRun => {
    const run = new BridgeRun([], []);
    for (const ch of text) {
      const g = glyphOf(ch.codePointAt(0) ?? 0);
      run.glyphs.push(g);
      run.positions.push({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    return run;
  };
  const subsets = new Map<string, Uint8Array>();
  const createSubset = () => memoisedSubset(font, subsets);
  return new Proxy(font, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      if (prop === 'createSubset') return createSubset;
      return Reflect.get(target, prop, target) as unknown;
    },
  });
}

/** fontkit's subset object, as far as the bridge uses it. */
interface Subset {
  glyphs: number[];
  encode(): Uint8Array;
  _addGlyph?: (gid: number) => number;
  includeGlyph(gid: number): number;
}

/** A TrueType subset whose `encode` is memoised by glyph list; CFF faces keep fontkit's subsetter as it is. */
function memoisedSubset(font: Fontkit.Font, memo: Map<string, Uint8Array>): Subset {
  const subset = (font as unknown as { createSubset(): Subset }).createSubset();
  const encode = subset.encode.bind(subset);
  const variable = Boolean((font as unknown as { _variationProcessor?: unknown })._variationProcessor);
  if (typeof subset._addGlyph === 'function' && !variable) subset._addGlyph = fastAddGlyph(font, subset, subset._addGlyph.bind(subset));
  subset.encode = () => {
    const key = subset.glyphs.join(',');
    let bytes = memo.get(key);
    if (!bytes) {
      bytes = encode();
      if (memo.size >= SUBSETS_KEPT) memo.delete(memo.keys().next().value as string);
      memo.set(key, bytes);
    }
    return bytes;
  };
  return subset;
}

/** The raw parts of fontkit's TrueType face the subsetter reads. */
interface TrueTypeInternals {
  loca: { offsets: number[] };
  hmtx: { metrics: { length: number; get(i: number): { advance: number; bearing: number } | undefined }; bearings: { get(i: number): number | undefined } };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
}

/**
 * Advance and left side bearing from hmtx, as fontkit's glyph metrics read them for a face without variations
 * (glyphs past the last long metric share its advance and have their own bearing).
 */
function horizontalMetrics(tt: TrueTypeInternals, gid: number): { advance: number; bearing: number } {
  const { metrics, bearings } = tt.hmtx;
  if (gid < metrics.length) {
    const m = metrics.get(gid);
    return { advance: m?.advance ?? 0, bearing: m?.bearing ?? 0 };
  }
  return { advance: metrics.get(metrics.length - 1)?.advance ?? 0, bearing: bearings.get(gid - metrics.length) ?? 0 };
}

/**
 * fontkit's TTFSubset._addGlyph decodes every glyph's outline only to see whether it is composite; a simple glyph
 * (numberOfContours ≥ 0, the first int16 of its glyf entry) is copied as is. For those this does the same work
 * without the decode; composite glyphs (their components must be renumbered) go to fontkit's own method.
 */
function fastAddGlyph(font: Fontkit.Font, subset: Subset, original: (gid: number) => number): (gid: number) => number {
  const tt = font as unknown as TrueTypeInternals;
  const state = subset as unknown as { glyf: Uint8Array[]; loca: { offsets: number[] }; hmtx: { metrics: { advance: number; bearing: number }[] }; offset: number };
  return (gid) => {
    ensureGlyphs(font, [gid]);
    const cur = tt.loca.offsets[gid] ?? 0;
    const next = tt.loca.offsets[gid + 1] ?? cur;
    const stream = tt._getTableStream('glyf');
    stream.pos += cur;
    const buffer = stream.readBuffer(next - cur);
    const contours = buffer.length >= 2 ? ((buffer[0] ?? 0) << 24) >> 16 | (buffer[1] ?? 0) : 0;
    if (contours < 0) return original(gid);
    state.glyf.push(buffer);
    state.loca.offsets.push(state.offset);
    state.hmtx.metrics.push(horizontalMetrics(tt, gid));
    state.offset += buffer.length;
    return state.glyf.length - 1;
  };
}

/**
 * Reads the outlines of every glyph `text` draws in `face` at once (sparse-font.ts: one read of merged ranges,
 * instead of one per glyph when the subset asks for them).
 */
export function prefetchGlyphs(face: FontFace, text: Iterable<number>): void {
  const font = face.fontkitFont();
  const ids = new Set<number>();
  for (const cp of text) ids.add(font.glyphForCodePoint(cp).id);
  ensureGlyphs(font, ids);
}

/**
 * The virtual-file name under which pdfmake finds `face`, after registering its token and parsed face. Stable for a
 * face of a file (so the same name means the same face).
 */
export function bridgeFace(face: FontFace, virtualfs: { writeFileSync(name: string, content: Buffer): void }): string {
  register();
  const font = face.fontkitFont();
  let bridged = byFace.get(font);
  if (!bridged) {
    const id = createHash('sha256').update(`${face.file}#${face.collectionIndex ?? ''}#${byToken.size}`).digest('hex').slice(0, 16);
    const token = Buffer.from(`${TOKEN_MAGIC}${id}`, 'latin1');
    bridged = { name: `gongwen-face-${id}`, token, proxy: bridgeProxy(font) };
    byFace.set(font, bridged);
    byToken.set(token.toString('latin1'), bridged);
  }
  virtualfs.writeFileSync(bridged.name, bridged.token);
  return bridged.name;
}
