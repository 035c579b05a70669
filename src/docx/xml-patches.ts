/**
 * Stage: DOCX writer — the few settings the `docx` package has no option for. Input: a part's XML as `docx` wrote it
 * → the same part, edited as a parsed tree (@xmldom/xmldom) with each element inserted at its schema position
 * (ECMA-376 CT_PPrBase / CT_Settings order). Each patch checks that its anchor exists and throws otherwise (a `docx`
 * upgrade that moves it is a bug to see). What `docx` can write itself (autoSpaceDN through
 * `autoSpaceEastAsianText`) is written by `docx`, not here.
 */
import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import type { Edition } from '../model/types.ts';
import { fontDescriptor } from './font-table.ts';
import { STYLE } from './styles.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A part rewrite applied before zipping. */
export type PartPatch = (xml: string) => string;

/** CT_PPrBase children in schema order (ECMA-376 Part 1 §17.3.1.26), for inserting at the right place. */
const PPR_ORDER = [
  'pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr', 'suppressLineNumbers', 'pBdr', 'shd',
  'tabs', 'suppressAutoHyphens', 'kinsoku', 'wordWrap', 'overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi',
  'adjustRightInd', 'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection',
  'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange',
];

/** CT_Settings children up to the ones we insert (ECMA-376 Part 1 §17.15.1.78), in schema order. */
const SETTINGS_ORDER = [
  'writeProtection', 'view', 'zoom', 'removePersonalInformation', 'removeDateAndTime', 'doNotDisplayPageBoundaries', 'displayBackgroundShape',
  'printPostScriptOverText', 'printFractionalCharacterWidth', 'printFormsData', 'embedTrueTypeFonts', 'embedSystemFonts', 'saveSubsetFonts',
  'saveFormsData', 'mirrorMargins', 'alignBordersAndEdges', 'bordersDoNotSurroundHeader', 'bordersDoNotSurroundFooter', 'gutterAtTop',
  'hideSpellingErrors', 'hideGrammaticalErrors', 'activeWritingStyle', 'proofState', 'formsDesign', 'attachedTemplate', 'linkStyles',
  'stylePaneFormatFilter', 'stylePaneSortMethod', 'documentType', 'mailMerge', 'revisionView', 'trackRevisions', 'doNotTrackMoves',
  'doNotTrackFormatting', 'documentProtection', 'autoFormatOverride', 'styleLockTheme', 'styleLockQFSet', 'defaultTabStop', 'autoHyphenation',
  'consecutiveHyphenLimit', 'hyphenationZone', 'doNotHyphenateCaps', 'showEnvelope', 'summaryLength', 'clickAndTypeStyle',
  'defaultTableStyle', 'evenAndOddHeaders', 'bookFoldRevPrinting', 'bookFoldPrinting', 'bookFoldPrintingSheets',
  'drawingGridHorizontalSpacing', 'drawingGridVerticalSpacing', 'displayHorizontalDrawingGridEvery', 'displayVerticalDrawingGridEvery',
  'doNotUseMarginsForDrawingGridOrigin', 'drawingGridHorizontalOrigin', 'drawingGridVerticalOrigin', 'doNotShadeFormData', 'noPunctuationKerning',
  'characterSpacingControl', 'printTwoOnOne', 'strictFirstAndLastChars', 'noLineBreaksAfter', 'noLineBreaksBefore', 'savePreviewPicture',
  'doNotValidateAgainstSchema', 'saveInvalidXml', 'ignoreMixedContent', 'alwaysShowPlaceholderText', 'doNotDemarcateInvalidXml',
  'saveXmlDataOnly', 'useXSLTWhenSaving', 'saveThroughXslt', 'showXMLTags', 'alwaysMergeEmptyNamespace', 'updateFields', 'hdrShapeDefaults',
  'footnotePr', 'endnotePr', 'compat', 'docVars', 'rsids', 'mathPr', 'attachedSchema', 'themeFontLang', 'clrSchemeMapping',
  'doNotIncludeSubdocsInStats', 'doNotAutoCompressPictures', 'forceUpgrade', 'captions', 'readModeInkLockDown', 'smartTagType',
  'schemaLibrary', 'shapeDefaults', 'doNotEmbedSmartTags', 'decimalSymbol', 'listSeparator',
];

/** Parses a part, applies `edit`, serialises it back (the XML declaration and namespaces are kept). */
function editPart(edit: (doc: XmlDocument) => void): PartPatch {
  return (xml) => {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    edit(doc);
    return new XMLSerializer().serializeToString(doc);
  };
}

const localName = (e: Element): string => e.localName ?? '';
const elementChildren = (parent: Element): Element[] => {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
};

/** `<w:name w:val="value"/>` (or without a value). */
function wElement(doc: XmlDocument, name: string, attrs: Readonly<Record<string, string>> = {}): Element {
  const el = doc.createElementNS(W, `w:${name}`);
  for (const [k, v] of Object.entries(attrs)) el.setAttributeNS(W, `w:${k}`, v);
  return el;
}

/** Inserts `child` into `parent` before the first child that comes later in `order`. */
function insertOrdered(parent: Element, child: Element, order: readonly string[]): void {
  const rank = order.indexOf(localName(child));
  if (rank < 0) throw new Error(`docx patch: ${localName(child)} has no schema position`);
  const after = elementChildren(parent).find((c) => order.indexOf(localName(c)) > rank);
  parent.insertBefore(child, after ?? null);
}

/** Puts the children of `parent` in schema order (a stable sort; unknown elements keep their place at the end). */
function sortOrdered(parent: Element, order: readonly string[]): void {
  const rank = (e: Element) => {
    const r = order.indexOf(localName(e));
    return r < 0 ? order.length : r;
  };
  const children = elementChildren(parent);
  const sorted = [...children].sort((a, b) => rank(a) - rank(b));
  if (sorted.every((c, i) => c === children[i])) return;
  for (const c of sorted) parent.appendChild(c);
}

function firstByName(root: XmlDocument | Element, name: string): Element {
  const found = root.getElementsByTagNameNS(W, name)[0];
  if (!found) throw new Error(`docx patch: w:${name} not found`);
  return found;
}

/** The style's pPr, created at its schema place (after name/basedOn/next/…, before rPr) when missing. */
function stylePPr(doc: XmlDocument, style: Element): Element {
  const existing = elementChildren(style).find((c) => localName(c) === 'pPr');
  if (existing) return existing;
  const pPr = wElement(doc, 'pPr');
  style.insertBefore(pPr, elementChildren(style).find((c) => ['rPr', 'tblPr', 'trPr', 'tcPr', 'tblStylePr'].includes(localName(c))) ?? null);
  return pPr;
}

/**
 * Styles whose lines must not snap to the document grid: in LibreOffice 7.4 a line taller than the 579-twip pitch
 * (2号 titles) takes two grid lines, and table text (4号, 19.6 pt) is pulled onto the 28.95 pt grid (measured).
 * Word already exempts exact line spacing from the grid; `w:snapToGrid w:val="0"` says so for every renderer.
 */
export const OFF_GRID_STYLES: readonly string[] = [
  STYLE.title,
  STYLE.attachmentTitle,
  ...Object.values(STYLE.tableText),
  STYLE.tableHeader,
  STYLE.pageNumberOdd,
  STYLE.pageNumberEven,
];

/**
 * styles.xml:
 * - document defaults: `w:kinsoku` on (GB/T 9704 §9 → GB/T 15834; clreq); `w:overflowPunct` off, so no punctuation
 *   hangs past the 版心 edge, as in the PDF; `w:autoSpaceDE` off, so no extra space between CJK and Latin (its twin
 *   autoSpaceDN is written by `docx`); digits sit on the same grid as in the PDF (LibreOffice 7.4 adds ≈ 0.2 em
 *   regardless, measured-facts.md §6);
 * - OFF_GRID_STYLES get `w:snapToGrid w:val="0"`.
 */
export const patchStyles: PartPatch = editPart((doc) => {
  const pPr = firstByName(firstByName(doc, 'pPrDefault'), 'pPr');
  // docx 9.15 writes the default paragraph's autoSpaceDN after w:spacing; the schema wants it before.
  sortOrdered(pPr, PPR_ORDER);
  insertOrdered(pPr, wElement(doc, 'kinsoku'), PPR_ORDER);
  insertOrdered(pPr, wElement(doc, 'overflowPunct', { val: '0' }), PPR_ORDER);
  insertOrdered(pPr, wElement(doc, 'autoSpaceDE', { val: '0' }), PPR_ORDER);
  const styles = Array.from(doc.getElementsByTagNameNS(W, 'style'));
  for (const id of OFF_GRID_STYLES) {
    const style = styles.find((s) => s.getAttributeNS(W, 'styleId') === id);
    if (!style) throw new Error(`docx patch: style ${id} not found in styles.xml`);
    insertOrdered(stylePPr(doc, style), wElement(doc, 'snapToGrid', { val: '0' }), PPR_ORDER);
  }
});

/** `w:snapToGrid w:val="0"` on these styles too (the 版头's and 版记's of documents that have them). */
export function offGridStyles(ids: readonly string[]): PartPatch {
  return editPart((doc) => {
    const styles = Array.from(doc.getElementsByTagNameNS(W, 'style'));
    for (const id of ids) {
      const style = styles.find((s) => s.getAttributeNS(W, 'styleId') === id);
      if (!style) throw new Error(`docx patch: style ${id} not found in styles.xml`);
      insertOrdered(stylePPr(doc, style), wElement(doc, 'snapToGrid', { val: '0' }), PPR_ORDER);
    }
  });
}

/**
 * settings.xml:
 * - `w:characterSpacingControl doNotCompress`: full-width punctuation keeps its whole cell, as on the grid of the
 *   PDF (gbt9704.md §13: do not compress);
 * - `w:themeFontLang eastAsia`: the theme's East Asian slot is read for the document's language.
 */
export function patchSettings(language: string): PartPatch {
  return editPart((doc) => {
    const settings = firstByName(doc, 'settings');
    insertOrdered(settings, wElement(doc, 'characterSpacingControl', { val: 'doNotCompress' }), SETTINGS_ORDER);
    insertOrdered(settings, wElement(doc, 'themeFontLang', { val: language, eastAsia: language }), SETTINGS_ORDER);
  });
}

/** CT_Font children in schema order (ECMA-376 Part 1 §17.8.3.10). */
const FONT_ORDER = ['altName', 'panose1', 'charset', 'family', 'notTrueType', 'pitch', 'sig', 'embedRegular', 'embedBold', 'embedItalic', 'embedBoldItalic'];

/**
 * fontTable.xml: one `w:font` per office family the document names, described for substitution (font-table.ts), in
 * name order; embedded faces (`--embed-fonts`, written by `docx`) keep their entries and are marked as subsets
 * (`w:subsetted`), so Word does not offer them for new characters.
 */
export function patchFontTable(names: readonly string[], edition: Edition): PartPatch {
  return editPart((doc) => {
    const fonts = firstByName(doc, 'fonts');
    for (const embed of Array.from(doc.getElementsByTagNameNS(W, 'embedRegular'))) embed.setAttributeNS(W, 'w:subsetted', '1');
    const existing = new Map(Array.from(doc.getElementsByTagNameNS(W, 'font')).map((f) => [f.getAttributeNS(W, 'name') ?? '', f]));
    for (const name of [...new Set(names)].sort()) {
      let font = existing.get(name);
      if (!font) {
        font = wElement(doc, 'font', { name });
        fonts.appendChild(font);
      }
      const d = fontDescriptor(name, edition);
      if (!d) continue;
      // `docx` writes a charset of its own for an embedded face: ours replaces it.
      for (const old of elementChildren(font)) if (['altName', 'panose1', 'charset', 'family', 'pitch', 'sig'].includes(localName(old))) font.removeChild(old);
      for (const child of [
        wElement(doc, 'altName', { val: d.altName }),
        wElement(doc, 'panose1', { val: d.panose }),
        wElement(doc, 'charset', { val: d.charset }),
        wElement(doc, 'family', { val: d.family }),
        wElement(doc, 'pitch', { val: d.pitch }),
        wElement(doc, 'sig', d.sig),
      ])
        insertOrdered(font, child, FONT_ORDER);
    }
  });
}

/** W3CDTF without milliseconds, in UTC: the form Word writes in core.xml. */
export function w3cdtf(clock: Date): string {
  return clock.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DCTERMS = 'http://purl.org/dc/terms/';

/** docProps/core.xml: `dcterms:created` and `dcterms:modified` become the build clock (docx stamps the wall clock). */
export function pinCoreDates(clock: Date): PartPatch {
  const stamp = w3cdtf(clock);
  return editPart((doc) => {
    for (const name of ['created', 'modified']) {
      const el = doc.getElementsByTagNameNS(DCTERMS, name)[0];
      if (!el) throw new Error(`docx patch: dcterms:${name} not found in core.xml`);
      el.textContent = stamp;
    }
  });
}

const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';

/**
 * document.xml of a document with pictures: `docx` numbers each picture's `wp:docPr` from a counter that lives as
 * long as the process, so the second build in a process (watch, tests, both editions) numbers them differently;
 * they are renumbered 1, 2, … in document order (ECMA-376 only asks them to be unique).
 */
export const renumberDrawings: PartPatch = editPart((doc) => {
  Array.from(doc.getElementsByTagNameNS(WP, 'docPr')).forEach((e, i) => e.setAttribute('id', String(i + 1)));
});
