/**
 * Stage: bench — the Typst peer's input. Input: data/report.yaml and fonts/fonts.yaml (gongwen's own) and a scale
 * N → a TypstReportInput with the body repeated N times (headings numbered 一、（一）1.（1） as gongwen numbers them,
 * numbering running on through the copies like src/bench/once.ts) and the open default font files of the
 * Simplified edition — the very files gongwen's benchmark uses (no system fonts) — with the family names and
 * weights read from the files themselves.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { parse } from 'yaml';
import { headingNumber } from '../gbt9704/numerals.ts';
import { FontLibrary } from '../fonts/library.ts';
import { isSplitStylesheet } from '../fonts/split-face.ts';
import { PACKAGE_ROOT, nodeWorld } from '../world.ts';
import type { TypstBlock, TypstFontRole, TypstReportInput } from './typst-source.ts';

/** A body node as data/report.yaml writes it (the loader's schema, read here without validation). */
interface YamlNode {
  p?: string;
  heading?: string;
  runIn?: string;
  body?: YamlNode[];
}

export interface TypstPeerReport {
  input: TypstReportInput;
  /** Absolute paths of the font files, one per distinct file, for `fontArgs: [{ fontPaths }]`. */
  fontFiles: string[];
  /** Characters of the body text as src/bench/once.ts counts them (headings + run-in + paragraphs, no numbers). */
  characters: number;
}

const ROLES: readonly TypstFontRole[] = ['title', 'body', 'heading1', 'heading2', 'pagenumber'];

/** The default report at `scale` × its body, with the open default fonts. */
export function defaultTypstReport(scale = 1, root: string = PACKAGE_ROOT): TypstPeerReport {
  const data = parse(readFileSync(path.join(root, 'data/report.yaml'), 'utf8')) as { meta: { title: string }; body: YamlNode[] };
  const body = Array.from({ length: scale }, () => data.body).flat();
  const blocks = flattenBody(body);
  const faces = defaultFontFaces(root);
  const input: TypstReportInput = {
    title: data.meta.title,
    blocks,
    fonts: mapRoles((role) => faces[role].family),
    weights: mapRoles((role) => faces[role].weight),
  };
  const fontFiles = [...new Set(ROLES.map((role) => faces[role].file))].sort();
  return { input, fontFiles, characters: countCharacters(body) };
}

/** Depth-first: a section gives its numbered heading (with run-in text), then its children one level down. */
export function flattenBody(nodes: readonly YamlNode[], level = 1): TypstBlock[] {
  const out: TypstBlock[] = [];
  let ordinal = 0;
  for (const node of nodes) {
    if (node.heading === undefined) {
      out.push({ kind: 'paragraph', text: node.p ?? '' });
      continue;
    }
    ordinal++;
    const number = level <= 4 ? headingNumber(level, ordinal) : '';
    const text = number + node.heading;
    const headingLevel = Math.min(level, 4) as 1 | 2 | 3 | 4;
    out.push(node.runIn !== undefined ? { kind: 'heading', level: headingLevel, text, runIn: node.runIn } : { kind: 'heading', level: headingLevel, text });
    out.push(...flattenBody(node.body ?? [], level + 1));
  }
  return out;
}

function countCharacters(nodes: readonly YamlNode[]): number {
  const own = (n: YamlNode) => [...(n.p ?? '')].length + [...(n.heading ?? '')].length + [...(n.runIn ?? '')].length;
  return nodes.reduce((sum, n) => sum + own(n) + countCharacters(n.body ?? []), 0);
}

function mapRoles<T>(f: (role: TypstFontRole) => T): Record<TypstFontRole, T> {
  return Object.fromEntries(ROLES.map((role) => [role, f(role)])) as Record<TypstFontRole, T>;
}

interface FontFace {
  file: string;
  family: string;
  weight: number;
}

/** Each role's zh-Hans `default` from fonts/fonts.yaml, resolved like gongwen resolves it (npm path or ./file). */
function defaultFontFaces(root: string): Record<TypstFontRole, FontFace> {
  const tableFile = path.join(root, 'fonts/fonts.yaml');
  const table = parse(readFileSync(tableFile, 'utf8')) as { roles: Record<string, { default: Record<string, string> }> };
  const requireFromRoot = createRequire(path.join(root, 'package.json'));
  const seen = new Map<string, FontFace>();
  return mapRoles((role) => {
    const spec = table.roles[role]?.default['zh-Hans'];
    if (!spec) throw new Error(`fonts/fonts.yaml has no zh-Hans default for ${role}`);
    const resolved = spec.startsWith('.') ? path.resolve(path.dirname(tableFile), spec) : requireFromRoot.resolve(spec);
    const file = isSplitStylesheet(resolved) ? joinedFace(resolved, root) : resolved;
    const face = seen.get(file) ?? { file, ...readFamilyAndWeight(file) };
    seen.set(file, face);
    return face;
  });
}

/**
 * A face npm ships as unicode-range WOFF2 pieces (LXGW WenKai, the 楷体 stand-in) as the one TrueType file gongwen
 * itself draws from (src/fonts/joined-face.ts: the pieces joined, cached in .build/fonts/), copied to
 * .build/bench-fonts/ under a stable name for Typst to load.
 */
function joinedFace(stylesheet: string, root: string): string {
  const bytes = new FontLibrary().sfntBytes(nodeWorld(root, {}), stylesheet);
  const dir = path.join(root, '.build', 'bench-fonts');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${path.basename(stylesheet, '.css')}.ttf`);
  writeFileSync(out, bytes);
  return out;
}

/** The parts of a fontkit face that name it (the package ships no types; src/fonts/fontkit.d.ts omits these). */
interface NamedFace {
  familyName: string | null;
  name?: { records?: { preferredFamily?: Record<string, string> } };
  'OS/2'?: { usWeightClass?: number };
}

/**
 * The family Typst matches on — the typographic family (name ID 16) when the file has one, else the family (ID 1)
 * — and the face's usWeightClass.
 */
function readFamilyAndWeight(file: string): { family: string; weight: number } {
  const font = fontkit.create(readFileSync(file));
  if ('fonts' in font) throw new Error(`${file}: a font collection; the peer expects one face per file`);
  const face = font as unknown as NamedFace;
  const family = face.name?.records?.preferredFamily?.['en'] ?? face.familyName;
  if (!family) throw new Error(`${file}: no family name`);
  return { family, weight: face['OS/2']?.usWeightClass ?? 400 };
}
