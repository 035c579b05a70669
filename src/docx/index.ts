/**
 * Stage: DOCX writer. Input: ComposedDocument + the edition's FontSet + the build clock → DOCX bytes in GB/T 9704
 * format that stay editable in Word, WPS and LibreOffice.
 *
 * Page and grid (§5): A4, margins 37/28/26/35 mm, `w:docGrid type="lines"` with a 579-twip pitch and exact 579-twip
 * line spacing (22 lines). Characters: the body styles carry −5 twip letter spacing, which gives 28 characters per
 * full line. Trade-off, by measurement (measured-facts.md §6): Word's usual `linesAndChars` grid (charSpace −849)
 * also means 28 per line in Word, but LibreOffice 7.4 renders it at ≈ 14 characters per line (each 16 pt glyph takes
 * two 15.79 pt cells). Letter spacing works in both: 28 × 15.75 pt = 441.0 pt ≤ 442.2 pt and 29 would not fit.
 * The cost: Word's 文档网格 dialog shows "只指定行网格" and a clerk who adds text in another size gets no cell grid.
 *
 * Reproducible: parts compiled under a seeded Math.random, core.xml dates from the clock, one zip with fixed times
 * (reproducible.ts). The document is built and zipped once, with or without embedded fonts.
 */
import { Document, DocumentGridType, Footer, LineRuleType, PageOrientation, Paragraph, type ISectionOptions } from 'docx';
import type { MediaStore } from '../media/types.ts';
import type { FontSet } from '../fonts/types.ts';
import type { ComposedDocument } from '../model/composed.ts';
import { FONT_ROLES } from '../model/types.ts';
import { embeddedFonts } from './embed-fonts.ts';
import { pageNumberFooters } from './footer.ts';
import { buildBody, type DocxPlacement, type DocxSection } from './handlers.ts';
import { LETTER_FOOTER_TWIP } from './masthead.ts';
import { MASTHEAD_STYLE, mastheadStyles } from './masthead-styles.ts';
import { DEFAULT_RED, redHex, type RedInk } from '../gbt9704/ink.ts';
import { documentIndents } from './indents.ts';
import {
  LANDSCAPE_MARGINS_TWIP,
  LINE_TWIP,
  MARGIN_BOTTOM_TWIP,
  MARGIN_LEFT_TWIP,
  MARGIN_RIGHT_TWIP,
  MARGIN_TOP_TWIP,
  PAGE_HEIGHT_TWIP,
  PAGE_WIDTH_TWIP,
  footerMetrics,
} from './metrics.ts';
import { packDocument } from './reproducible.ts';
import { STYLE, buildStyles, buildTheme } from './styles.ts';
import { offGridStyles, patchFontTable, patchSettings, patchStyles, pinCoreDates, renumberDrawings, type PartPatch } from './xml-patches.ts';

export interface DocxOptions {
  /** The build clock as a UTC instant: docProps/core.xml created/modified and the zip entry times (its UTC fields). */
  clock: Date;
  fonts: FontSet;
  /** Embed subsets of the faces under the office family names: all (true), the stand-ins only, or none. */
  embedFonts: boolean | 'substitutes';
  /** Bytes of the pictures the document shows (by media key). */
  media?: MediaStore;
  /** Where the PDF layout put the 版头 and the 版记 (required when the document has them). */
  placement?: DocxPlacement;
  /** The 版头's red (`--red`; DOCX colours are RGB, a CMYK red is converted). */
  red?: RedInk;
}

export interface DocxResult {
  bytes: Buffer;
  /** Bytes the embedded font files hold inside the package (present when embedFonts is on). */
  embeddedBytes?: number;
}

/** PNG fallbacks of the document's SVG pictures, rendered at their print width (loaded only when there are any). */
async function svgFallbacks(doc: ComposedDocument, media: MediaStore): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const svgs = doc.blocks.filter((b) => b.kind === 'image' && b.format === 'svg');
  if (svgs.length === 0) return out;
  const { svgFallbackPng } = await import('./svg-fallback.ts');
  for (const b of svgs) {
    if (b.kind !== 'image' || out.has(b.ref)) continue;
    const item = media.get(b.ref);
    if (item) out.set(b.ref, await svgFallbackPng(item.bytes, b.widthPt));
  }
  return out;
}

/**
 * A section's options: its page (portrait or landscape), its footers — the page numbers (§7.5), none for the blank
 * and 版记 pages (§7.5), and for a 信函 (§10.1) a first page with the lower red double rule in its footer instead of
 * a number (the footer distance is the rule's 20 mm; the number footers are padded so their
 * numbers stay at 269 mm).
 */
function sectionOptions(s: DocxSection, properties: NonNullable<ISectionOptions['properties']>, fonts: DocxOptions['fonts']): ISectionOptions {
  const children = s.children.length > 0 ? s.children : [new Paragraph({})];
  if (s.unnumbered) {
    // An empty line of the page-number style: a footer as tall as the numbered ones (an empty 正文 line would snap to
    // the grid in LibreOffice and grow the footer into the 版心, pushing the 版记 off the page, measured).
    const empty = () => new Footer({ children: [new Paragraph({ style: STYLE.pageNumberOdd })] });
    return { properties, footers: { default: empty(), even: empty() }, children };
  }
  if (!s.letter) return { properties, footers: pageNumberFooters(), children };
  const pad = footerMetrics(fonts).distanceTwip - LETTER_FOOTER_TWIP;
  const padded = (f: Footer) => new Footer({ children: [...(f.options.children ?? []), new Paragraph({ style: MASTHEAD_STYLE.spacer, spacing: { line: Math.max(1, pad), lineRule: LineRuleType.EXACT, before: 0, after: 0 } })] });
  const numbers = pageNumberFooters();
  const page = properties.page ?? {};
  return {
    properties: { ...properties, titlePage: true, page: { ...page, margin: { ...(page.margin ?? {}), footer: LETTER_FOOTER_TWIP } } },
    footers: { first: new Footer({ children: [s.letter.footerRule] }), default: padded(numbers.default), even: padded(numbers.even) },
    children,
  };
}

/** Seed of the generator `docx` draws ids from: any constant works, the same one every build. */
const RANDOM_SEED = 9704;

/** Writes the document as DOCX. */
export async function writeDocx(doc: ComposedDocument, opts: DocxOptions): Promise<DocxResult> {
  const { meta } = doc;
  const media = opts.media ?? new Map();
  const red = redHex(opts.red ?? DEFAULT_RED);
  const body = buildBody(doc, opts.fonts, media, await svgFallbacks(doc, media), opts.placement ?? {}, red);
  const mediaStyles = doc.blocks.some((b) => b.kind === 'image' || b.kind === 'pdfPages' || (b.kind === 'table' && b.caption !== undefined));
  const extra = mastheadStyles(doc, opts.fonts, red);
  const styles = buildStyles(opts.fonts, meta, documentIndents(doc), body.usedCharRoles, mediaStyles, extra.styles);
  const fonts = opts.embedFonts === false ? [] : embeddedFonts(doc, opts.fonts, opts.embedFonts === 'substitutes');
  const portrait: ISectionOptions['properties'] = {
    page: {
      size: { width: PAGE_WIDTH_TWIP, height: PAGE_HEIGHT_TWIP },
      margin: {
        top: MARGIN_TOP_TWIP,
        left: MARGIN_LEFT_TWIP,
        right: MARGIN_RIGHT_TWIP,
        bottom: MARGIN_BOTTOM_TWIP,
        footer: footerMetrics(opts.fonts).distanceTwip,
      },
    },
    grid: { type: DocumentGridType.LINES, linePitch: LINE_TWIP },
  };
  // §8 横排: the same sheet turned (docx swaps the size for a landscape orientation); the page number keeps the
  // section footer (Word has no portrait footer on a landscape page).
  const landscape: ISectionOptions['properties'] = {
    page: { size: { width: PAGE_WIDTH_TWIP, height: PAGE_HEIGHT_TWIP, orientation: PageOrientation.LANDSCAPE }, margin: { ...LANDSCAPE_MARGINS_TWIP, footer: footerMetrics(opts.fonts).distanceTwip } },
    grid: { type: DocumentGridType.LINES, linePitch: LINE_TWIP },
  };
  const sections = body.sections.filter((s, i) => s.children.length > 0 || i === 0);

  const makeDocument = () =>
    new Document({
      title: meta.title,
      subject: meta.title,
      creator: meta.organ,
      lastModifiedBy: meta.organ,
      evenAndOddHeaderAndFooters: true,
      styles,
      theme: buildTheme(opts.fonts),
      ...(fonts.length > 0 ? { fonts } : {}),
      sections: sections.map((s) => sectionOptions(s, s.landscape ? landscape : portrait, opts.fonts)),
    });

  const patches: Record<string, PartPatch> = {
    'docProps/core.xml': pinCoreDates(opts.clock),
    'word/styles.xml': extra.offGrid.length > 0 ? (xml) => offGridStyles(extra.offGrid)(patchStyles(xml)) : patchStyles,
    'word/settings.xml': patchSettings(meta.language),
    'word/fontTable.xml': patchFontTable(
      FONT_ROLES.map((role) => opts.fonts.roles[role].officialName),
      opts.fonts.edition,
    ),
    ...(doc.blocks.some((b) => b.kind === 'image') ? { 'word/document.xml': renumberDrawings } : {}),
  };
  const bytes = await packDocument(makeDocument, RANDOM_SEED, opts.clock, patches);
  return fonts.length > 0 ? { bytes, embeddedBytes: fonts.reduce((n, f) => n + f.data.length, 0) } : { bytes };
}
