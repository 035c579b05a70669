/**
 * Stage: DOCX writer — the few settings the `docx` package has no option for. Input: part XML as `docx` wrote it →
 * the same part with elements inserted at their schema position (ECMA-376 CT_PPrBase / CT_Settings order).
 * Each patch checks that its anchor exists and throws otherwise (a `docx` upgrade that moves it is a bug to see).
 */
import type { PartPatch } from './reproducible.ts';
import { STYLE } from './styles.ts';

function insertBefore(xml: string, anchor: RegExp, insert: string, part: string): string {
  const m = anchor.exec(xml);
  if (!m) throw new Error(`docx patch: anchor ${anchor} not found in ${part}`);
  return xml.slice(0, m.index) + insert + xml.slice(m.index);
}

/** CT_PPrBase children in schema order (ECMA-376 Part 1 §17.3.1.26), for inserting at the right place. */
const PPR_ORDER = [
  'pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr', 'suppressLineNumbers', 'pBdr', 'shd',
  'tabs', 'suppressAutoHyphens', 'kinsoku', 'wordWrap', 'overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi',
  'adjustRightInd', 'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection',
  'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange',
];

/** Inserts `element` (named `name`) into a `<w:pPr>…</w:pPr>` string at its schema position. */
export function insertIntoPPr(pPr: string, name: string, element: string): string {
  const rank = PPR_ORDER.indexOf(name);
  const children = [...pPr.matchAll(/<w:([A-Za-z]+)\b/g)].slice(1); // skip <w:pPr itself
  const after = children.find((m) => PPR_ORDER.indexOf(m[1] ?? '') > rank);
  const at = after?.index ?? pPr.lastIndexOf('</w:pPr>');
  return pPr.slice(0, at) + element + pPr.slice(at);
}

/** Adds a paragraph property to the named styles (creating their pPr when missing). */
function addToStyles(xml: string, styleIds: readonly string[], name: string, element: string): string {
  let out = xml;
  for (const id of styleIds) {
    const re = new RegExp(`(<w:style\\b[^>]*w:styleId="${id}"[^>]*>)([\\s\\S]*?)(</w:style>)`);
    const m = re.exec(out);
    if (!m) throw new Error(`docx patch: style ${id} not found in styles.xml`);
    const [whole, open = '', inner = '', close = ''] = m;
    const pPr = /<w:pPr>[\s\S]*?<\/w:pPr>|<w:pPr\/>/.exec(inner);
    const patched = pPr
      ? inner.replace(pPr[0], insertIntoPPr(pPr[0] === '<w:pPr/>' ? '<w:pPr></w:pPr>' : pPr[0], name, element))
      : inner.replace(/(<w:rPr>|$)/, `<w:pPr>${element}</w:pPr>$1`);
    out = out.replace(whole, open + patched + close);
  }
  return out;
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
 * styles.xml, document defaults (pPrDefault):
 * - `w:kinsoku`: line-start/line-end prohibition on (GB/T 9704 §9 → GB/T 15834 punctuation; clreq);
 * - `w:overflowPunct` off: no punctuation hangs past the 版心 edge, as in the PDF (lines stay within 156 mm);
 * - `w:autoSpaceDE`/`w:autoSpaceDN` off: no extra space between CJK and Latin/digits, so digits sit on the same
 *   grid as in the PDF (LibreOffice 7.4 adds ≈ 0.2 em regardless, measured-facts.md §6).
 */
export const patchStyles: PartPatch = (xml) => {
  const m = /<w:pPrDefault>(<w:pPr>[\s\S]*?<\/w:pPr>)<\/w:pPrDefault>/.exec(xml);
  if (!m?.[1]) throw new Error('docx patch: pPrDefault not found in styles.xml');
  let pPr = m[1];
  pPr = insertIntoPPr(pPr, 'kinsoku', '<w:kinsoku/>');
  pPr = insertIntoPPr(pPr, 'overflowPunct', '<w:overflowPunct w:val="0"/>');
  pPr = insertIntoPPr(pPr, 'autoSpaceDE', '<w:autoSpaceDE w:val="0"/>');
  pPr = insertIntoPPr(pPr, 'autoSpaceDN', '<w:autoSpaceDN w:val="0"/>');
  const withDefaults = xml.replace(m[1], pPr);
  return addToStyles(withDefaults, OFF_GRID_STYLES, 'snapToGrid', '<w:snapToGrid w:val="0"/>');
};

/**
 * settings.xml:
 * - `w:characterSpacingControl doNotCompress`: full-width punctuation keeps its whole cell, as on the grid of the
 *   PDF (gbt9704.md §13: do not compress);
 * - `w:themeFontLang eastAsia`: the theme's East Asian slot is read for the document's language.
 */
export function patchSettings(language: string): PartPatch {
  return (xml) => {
    const withSpacing = insertBefore(xml, /<w:compat\b/, '<w:characterSpacingControl w:val="doNotCompress"/>', 'settings.xml');
    return insertBefore(withSpacing, /<\/w:settings>/, `<w:themeFontLang w:val="${language}" w:eastAsia="${language}"/>`, 'settings.xml');
  };
}

/** fontTable.xml: embedded faces are subsets (`w:subsetted`), so Word does not offer them for new characters. */
export const patchFontTable: PartPatch = (xml) => xml.replace(/<w:embedRegular\b(?![^>]*w:subsetted)/g, '<w:embedRegular w:subsetted="1"');
