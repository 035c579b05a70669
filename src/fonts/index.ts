/**
 * Stage: fonts — public API. Input: World + FontOptions (+ DocModel for coverage) → FontSet per edition, coverage
 * diagnostics, the build's substitution lines and manifest entries, and the `gongwen fonts` report.
 *
 *   resolveFonts(world, opts, edition, diag) → FontSet      (role → chain of faces; fonts/fonts.yaml is the role table)
 *   checkCoverage(model, fonts, diag, opts)                  (before layout: fallback warnings, missing-glyph errors)
 *   substitutionLines(fonts) / fontManifest(fonts)           (build summary, out/manifest.json)
 *   fontsReport(world, opts) → string                        (`gongwen fonts`)
 */
export { resolveFonts, resolveFontsDetailed, type ResolvedFonts } from './resolve.ts';
export { checkCoverage, codePointLabel, type CoverageOptions } from './coverage.ts';
export { substitutionLines, fontManifest, type FontManifestEntry } from './summary.ts';
export { fontsReport } from './report.ts';
export { gb2312Coverage, gb2312Hanzi, GB2312_HANZI_COUNT } from './gb2312.ts';
export { systemFontDirs } from './system-dirs.ts';
export { ROLE_TABLE_PATH } from './role-table.ts';
export { PROJECT_FONT_DIR } from './discover.ts';
export { ROLE_LABEL, displayFamily, faceLabel } from './names.ts';
