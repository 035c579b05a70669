/**
 * Stage: DOCX writer — optional font embedding (`--embed-fonts`). Input: ComposedDocument + FontSet → one subset font per
 * office family the document names, holding only the characters set in it, renamed to that family
 * (仿宋_GB2312, 黑体 …), so a recipient without the office fonts still sees the intended glyphs.
 *
 * Subsetting uses `subset-font` (HarfBuzz; keeps cmap, name, OS/2 and GSUB, deterministic, measured-facts.md §5):
 * three full CJK faces would add ≈ 19 MB, subsets add tens of KB. The cost: an editor cannot type characters
 * outside the subset in that face. The face embedded for a family is chain[0] of the first role naming it.
 */
import { createRequire } from 'node:module';
import { CharacterSet } from 'docx';
import type { FontSet } from '../fonts/types.ts';
import { composedTexts, type ComposedDocument } from '../model/composed.ts';
import { FONT_ROLES, type FontRole } from '../model/types.ts';
import { extractFace, renameFont } from './sfnt.ts';

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: 'truetype' }) => Promise<Buffer>;
const require = createRequire(import.meta.url);
/** Loaded on first use: only `--embed-fonts` needs HarfBuzz. */
let subsetFont: SubsetFont | undefined;

/** What `docx` embeds: `Document({ fonts })`. */
export interface EmbeddedFont {
  name: string;
  data: Buffer;
  characterSet: (typeof CharacterSet)[keyof typeof CharacterSet];
}

/** The characters of the document per office family name (the composition's texts, page numbers included). */
export function charactersByFamily(doc: ComposedDocument, fonts: FontSet): Map<string, { role: FontRole; chars: Set<string> }> {
  const byFamily = new Map<string, { role: FontRole; chars: Set<string> }>();
  // Roles in FONT_ROLES order, so the role whose face is embedded for a shared family is stable.
  for (const role of FONT_ROLES) {
    const name = fonts.roles[role].officialName;
    if (!byFamily.has(name)) byFamily.set(name, { role, chars: new Set() });
  }
  for (const { text, role } of composedTexts(doc)) {
    const entry = byFamily.get(fonts.roles[role].officialName);
    for (const ch of text) entry?.chars.add(ch);
  }
  for (const [name, entry] of byFamily) if (entry.chars.size === 0) byFamily.delete(name);
  return byFamily;
}

/** Subsets and renames one font per family used. */
export async function embeddedFonts(doc: ComposedDocument, fonts: FontSet): Promise<EmbeddedFont[]> {
  const { meta } = doc;
  const characterSet = meta.language === 'zh-CN' ? CharacterSet.GB_2312 : CharacterSet.CHINESEBIG5;
  const result: EmbeddedFont[] = [];
  const families = [...charactersByFamily(doc, fonts)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, { role, chars }] of families) {
    const face = fonts.roles[role].chain[0];
    if (!face) continue;
    const text = [...chars].sort().join('');
    const source = extractFace(face.bytes(), face.postscriptName, face.collectionIndex);
    subsetFont ??= require('subset-font') as SubsetFont;
    const subset = await subsetFont(source, text, { targetFormat: 'truetype' });
    result.push({ name, data: renameFont(Buffer.from(subset), name, meta.language), characterSet });
  }
  return result;
}
