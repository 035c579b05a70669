/**
 * Stage: fonts — public API. Input: World + FontOptions (+ the composed document for coverage) → FontSet per edition, coverage
 * diagnostics, the build's substitution lines and manifest entries, and the `gongwen fonts` report.
 *
 *   resolveFonts(world, opts, edition, diag, library) → FontSet   (role → chain of faces; fonts/fonts.yaml is the role table)
 *   checkCoverage(composed, fonts, diag, opts)                    (before layout: fallback warnings, missing-glyph errors)
 *   substitutionLines(fonts) / fontManifest(fonts)                (build summary, out/manifest.json)
 *   requireOfficialFonts / warnSharedFaces(fonts, diag)           (--require-official-fonts; two roles, one face)
 *   (`gongwen fonts` is src/fonts/report.ts, loaded only by that command, with the GB2312/Big5 tables.)
 */
export { resolveFonts, resolveFontsDetailed, type ResolvedFonts } from './resolve.ts';
export { FontLibrary, type FontLibraryStats } from './library.ts';
export { checkCoverage, codePointLabel, type CoverageOptions } from './coverage.ts';
export { substitutionLines, fontManifest, type FontManifestEntry } from './summary.ts';
export { requireOfficialFonts, warnSharedFaces } from './policy.ts';
export { systemFontDirs } from './system-dirs.ts';
export { ROLE_TABLE_PATH } from './role-table.ts';
export { PROJECT_FONT_DIR } from './discover.ts';
export { ROLE_LABEL, displayFamily, faceLabel } from './names.ts';
