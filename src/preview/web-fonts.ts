/**
 * Stage: preview — the faces as web fonts. Input: the FontSets of the editions shown → for every face a layout
 * uses, a CSS family name and a URL under /fonts/, and the font file served there: the compiler's own bytes (read
 * once per process by its FontLibrary), or for a face inside a TTC collection that face alone as a standalone font
 * (browsers take one face per file). The URL carries the file's SHA-256, so a browser may cache it for good and a
 * replaced font file gets a new URL.
 *
 * Whole faces rather than subsets: a subset would change with every new character typed, and the browser would
 * fetch and swap fonts on every save; a CJK face is 10–20 MB, read once from localhost.
 */
import { createHash } from 'node:crypto';
import { extractFace } from '../docx/sfnt.ts';
import type { FontFace, FontSet } from '../fonts/types.ts';
import { FONT_ROLES } from '../model/types.ts';

/** One face as the page uses it. */
export interface WebFont {
  family: string;
  url: string;
  face: FontFace;
}

/** SHA-256 of the served file's bytes, once per file per process (the font library's own digest is asynchronous). */
const digests = new WeakMap<Buffer, string>();
const digestOf = (bytes: Buffer): string => {
  let hex = digests.get(bytes);
  if (hex === undefined) digests.set(bytes, (hex = createHash('sha256').update(bytes).digest('hex')));
  return hex;
};
const tokenOf = (face: FontFace) => `gw-${digestOf(face.bytes()).slice(0, 16)}-${face.collectionIndex ?? 0}`;

/** The faces of some font sets by key, with their web names; the served bytes are made on first request. */
export class WebFonts {
  private readonly byKey = new Map<string, WebFont>();
  private readonly byUrl = new Map<string, WebFont>();
  private readonly files = new Map<string, Buffer>();

  /** Registers every face of the font sets (idempotent). */
  add(fontSets: readonly FontSet[]): void {
    for (const set of fontSets)
      for (const role of FONT_ROLES)
        for (const face of set.roles[role].chain) {
          if (this.byKey.has(face.key)) continue;
          const token = tokenOf(face);
          const font: WebFont = { family: token, url: `/fonts/${token}.ttf`, face };
          this.byKey.set(face.key, font);
          this.byUrl.set(font.url, font);
        }
  }

  /** The web font of a face key. */
  get(key: string): WebFont | undefined {
    return this.byKey.get(key);
  }

  /** The faces by key (what the SVG writer measures with). */
  faces(): Map<string, FontFace> {
    return new Map([...this.byKey].map(([k, f]) => [k, f.face]));
  }

  /** The bytes served at a /fonts/ URL, or undefined when no face has that URL. */
  file(url: string): Buffer | undefined {
    const font = this.byUrl.get(url);
    if (!font) return undefined;
    let bytes = this.files.get(url);
    if (!bytes) {
      const { face } = font;
      bytes = face.collectionIndex === undefined ? face.bytes() : extractFace(face.bytes(), face.postscriptName, face.collectionIndex);
      this.files.set(url, bytes);
    }
    return bytes;
  }
}
