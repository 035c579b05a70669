/**
 * Stage: fonts — what a build tells about its fonts. Input: FontSet → one Chinese line per substituted role (printed
 * before the build summary) and the manifest entries (out/manifest.json: which file drew each role, with sha256).
 */
import path from 'node:path';
import { FONT_ROLES, type FontRole } from '../model/types.ts';
import { ROLE_LABEL, SOURCE_NOTE, faceLabel } from './names.ts';
import type { FontSet, FontSource } from './types.ts';

/** One role's primary font, as recorded in out/manifest.json. */
export interface FontManifestEntry {
  role: FontRole;
  /** The official family (what the DOCX names). */
  official: string;
  /** Family of the face that draws the role. */
  family: string;
  postscriptName: string;
  /** Base name only: absolute paths would make the manifest machine-dependent. */
  file: string;
  source: FontSource;
  sha256: string;
  substitute: boolean;
}

/** `字体替代：正文（仿宋_GB2312）→ Noto Serif SC（npm 默认字体）`, one per substituted role, in role order. */
export function substitutionLines(fonts: FontSet): string[] {
  return FONT_ROLES.filter((role) => fonts.roles[role].substitute).map((role) => {
    const r = fonts.roles[role];
    const face = r.chain[0];
    const used = face ? `${faceLabel(face)}（${SOURCE_NOTE[face.source]}）` : '无';
    return `字体替代：${ROLE_LABEL[role]}（${r.officialName}）→ ${used}`;
  });
}

/** Manifest entries of the primary face of every role, sorted by role name. */
export async function fontManifest(fonts: FontSet): Promise<FontManifestEntry[]> {
  const entries: FontManifestEntry[] = [];
  for (const role of [...FONT_ROLES].sort()) {
    const r = fonts.roles[role];
    const face = r.chain[0];
    if (!face) continue;
    entries.push({
      role,
      official: r.officialName,
      family: face.family,
      postscriptName: face.postscriptName,
      file: path.basename(face.file),
      source: face.source,
      sha256: await face.sha256(),
      substitute: r.substitute,
    });
  }
  return entries;
}
