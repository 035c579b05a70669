/**
 * Stage: DOCX writer — optional font embedding (`--embed-fonts`). Input: ComposedDocument + FontSet → one subset font per
 * office family the document names, holding only the characters set in it, renamed to that family
 * (仿宋_GB2312, 黑体 …), so a recipient without the office fonts still sees the intended glyphs.
 *
 * Subsets are written by src/fonts/truetype-subset.ts from the outlines the build has read (cmap, name, OS/2 kept;
 * deterministic): three full CJK faces would add ≈ 19 MB, subsets add tens of KB. The cost: an editor cannot type
 * characters outside the subset in that face. The face embedded for a family is chain[0] of the first role naming it.
 */
import { CharacterSet } from 'docx';
import type { FontSet } from '../fonts/types.ts';
import { composedTexts, type ComposedDocument } from '../model/composed.ts';
import { FONT_ROLES, type FontRole } from '../model/types.ts';
import { trueTypeSubset } from '../fonts/truetype-subset.ts';
import { familyNameTable } from './sfnt.ts';


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

/** Subsets and renames one font per family used (`substitutesOnly`: of the families drawn by a stand-in). */
export function embeddedFonts(doc: ComposedDocument, fonts: FontSet, substitutesOnly = false): EmbeddedFont[] {
  const { meta } = doc;
  const characterSet = meta.language === 'zh-CN' ? CharacterSet.GB_2312 : CharacterSet.CHINESEBIG5;
  const result: EmbeddedFont[] = [];
  const families = [...charactersByFamily(doc, fonts)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, { role, chars }] of families) {
    const face = fonts.roles[role].chain[0];
    if (!face || (substitutesOnly && !fonts.roles[role].substitute)) continue;
    const text = [...chars].sort().join('');
    // Written under the family's name directly (sfnt.ts: the name Word and LibreOffice activate an embedded face by).
    result.push({ name, data: trueTypeSubset(face.fontkitFont(), text, (cp) => face.glyphId(cp), familyNameTable(name, meta.language)), characterSet });
  }
  return result;
}
