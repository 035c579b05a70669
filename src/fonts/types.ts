/**
 * Stage: fonts — shared types. A FontSet is what the fonts stage hands to layout, the PDF writer, the DOCX
 * writer and the manifest: for each role, the faces in fallback order and the official name for DOCX.
 */
import type * as Fontkit from 'fontkit';
import type { Edition, FontRole } from '../model/types.ts';

/** Where a face was found, in discovery order. */
export type FontSource = 'project' | 'path' | 'system' | 'default';

/** One face of one font file (a TTC holds several), measured with fontkit. */
export interface FontFace {
  /** Unique, stable key (the PDF writer uses it as the pdfmake font name). */
  readonly key: string;
  /** Family name as read from the file's name table (English/default entry). */
  readonly family: string;
  /** Every family name the file declares (localized names included: 仿宋 / FangSong). */
  readonly familyNames: readonly string[];
  /** PostScript name; pdfmake needs it to pick a face from a TTC. */
  readonly postscriptName: string;
  /** Style from the name table ("Regular", "Bold"): tells faces of one family apart in reports. */
  readonly style?: string;
  /**
   * Index of the face inside a TTC/OTC collection; undefined for a single-face file. When defined, pdfmake must be
   * given `[file, postscriptName]` (a bare collection path crashes pdfkit), whatever the file extension.
   */
  readonly collectionIndex?: number | undefined;
  /** Absolute path of the font file. */
  readonly file: string;
  readonly source: FontSource;
  /** sha256 of the file, hex (computed off the main thread, once per file). */
  sha256(): Promise<string>;
  readonly unitsPerEm: number;
  /** hhea ascent/descent in font units (descent negative). */
  readonly ascent: number;
  readonly descent: number;
  /** Whether the face maps this code point to a real glyph (not .notdef). */
  hasCodePoint(cp: number): boolean;
  /** Horizontal advance of one code point, in pt at `sizePt`. */
  advancePt(cp: number, sizePt: number): number;
  /** The same advance in font units (what the PDF's /W array holds, scaled to 1000). */
  advanceUnits(cp: number): number;
  /** The glyph id the cmap maps `cp` to (0: none), memoised per face. */
  glyphId(cp: number): number;
  /** Top of the ink of the glyph `cp` maps to (its glyph box yMax), pt above the baseline at `sizePt`. */
  inkTopPt(cp: number, sizePt: number): number;
  /**
   * The font program (read once per process, cached by the compiler's FontLibrary): the file's bytes, or for a
   * web-font stylesheet of WOFF2 pieces the pieces joined into one TrueType font (joined-face.ts).
   */
  bytes(): Buffer;
  /** The parsed face (shared with pdfkit by the PDF writer). */
  fontkitFont(): Fontkit.Font;
}

/** A role resolved for one edition. */
export interface RoleResolution {
  readonly role: FontRole;
  /** The official office family for the role (what DOCX names in w:eastAsia), e.g. 仿宋_GB2312. */
  readonly officialName: string;
  /** Faces in fallback order; chain[0] is the primary face. Never empty. */
  readonly chain: readonly FontFace[];
  /** True when chain[0] is not one of the role's official families. */
  readonly substitute: boolean;
}

/** Fonts for one edition. */
export interface FontSet {
  readonly edition: Edition;
  readonly roles: Readonly<Record<FontRole, RoleResolution>>;
  /** The face that draws `cp` in `role`, following the chain; undefined when no face has it. */
  faceFor(role: FontRole, cp: number): FontFace | undefined;
}

/** Options from the command line (each has an env twin, see README). */
export interface FontOptions {
  /** Extra folders searched after fonts/ (`--font-path`, env GONGWEN_FONT_PATH, path-delimiter separated). */
  fontPaths: string[];
  /**
   * Use any face of the operating system's font folders (`--system-fonts`). Off by default: a build then gives the
   * same bytes whatever fonts the machine happens to have — except the official faces below.
   */
  systemFonts: boolean;
  /**
   * Look in the operating system's font folders for the roles' official faces (仿宋_GB2312, 黑体 …), which win over
   * the open stand-ins. On for `gongwen build` unless `--no-system-fonts`; absent means off (tests stay hermetic).
   */
  officialSystemFonts?: boolean;
}
