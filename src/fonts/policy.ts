/**
 * Stage: fonts — what the build demands of a FontSet. Input: one edition's FontSet (+ whether official fonts are
 * required) → diagnostics:
 *   - `fonts/not-official` (error, exit 6) for each role drawn by a stand-in under `--require-official-fonts`, for
 *     offices that must print with the licensed faces;
 *   - `fonts/roles-share-face` (warning) when two roles whose official families differ — the distinctions GB/T 9704
 *     draws: 小标宋 title (§7.3.1), 黑体 level 1 and 楷体 level 2 (§7.3.3), 仿宋 body (§5.2.2), 宋体 page number
 *     (§7.5) — are drawn by one face, so the reader could not tell a heading from the body.
 */
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import { FONT_ROLES, type FontRole } from '../model/types.ts';
import { EDITION_NAME, ROLE_LABEL, SOURCE_NOTE, faceLabel } from './names.ts';
import type { FontSet } from './types.ts';

/** Errors for the roles that would use a stand-in, when the official faces are required. */
export function requireOfficialFonts(fonts: FontSet, diag: DiagnosticSink): void {
  for (const role of FONT_ROLES) {
    const r = fonts.roles[role];
    const face = r.chain[0];
    if (!r.substitute || !face) continue;
    diag.error(
      'fonts/not-official',
      `${EDITION_NAME[fonts.edition]}${ROLE_LABEL[role]}没有找到公文字体 ${r.officialName}（只有替代字体 ${faceLabel(face)}，${SOURCE_NOTE[face.source]}）`,
      undefined,
      [`把 ${r.officialName} 的字体文件放进 fonts/ 文件夹或用 --font-path 指定；gongwen fonts 列出找到的字体。不加 --require-official-fonts 时用替代字体照样生成。`],
    );
  }
}

/** Warns once per pair of roles with different official families that resolve to the same primary face. */
export function warnSharedFaces(fonts: FontSet, diag: DiagnosticSink): void {
  const byFace = new Map<string, FontRole[]>();
  for (const role of FONT_ROLES) {
    const face = fonts.roles[role].chain[0];
    if (!face) continue;
    const id = `${face.file}#${face.collectionIndex ?? ''}`;
    byFace.set(id, [...(byFace.get(id) ?? []), role]);
  }
  for (const roles of byFace.values()) {
    const families = new Map<string, FontRole>();
    for (const role of roles) if (!families.has(fonts.roles[role].officialName)) families.set(fonts.roles[role].officialName, role);
    if (families.size < 2) continue;
    const face = fonts.roles[roles[0] as FontRole].chain[0];
    const list = [...families].map(([name, role]) => `${ROLE_LABEL[role]}（${name}）`).join('、');
    const message = `${EDITION_NAME[fonts.edition]}的${list}都用同一个字体 ${face ? faceLabel(face) : ''}，GB/T 9704 要求它们字体不同`;
    if (diag.items.some((d) => d.code === 'fonts/roles-share-face' && d.message === message)) continue;
    diag.warning('fonts/roles-share-face', message, undefined, [
      '把相应的公文字体放进 fonts/ 文件夹，或在 fonts/fonts.yaml 中给这些角色指定不同的字体。',
    ]);
  }
}
