/**
 * Stage: fonts — resolution. Input: World + FontOptions + edition → FontSet: for each role (GB/T 9704 §5.2.2,
 * §7.3.1, §7.3.3, §7.5) the chain of faces in fallback order and whether the primary substitutes the official font.
 *
 * Chain of a role = the faces of its candidates found in the project fonts/ folder, then on the font path, then in
 * the system folders (source order first, candidate order within a source: a font the user deliberately provided
 * beats whatever the machine has), then the role's open default, then the edition's other defaults, then the other
 * edition's defaults. chain[0] is the primary; later faces only draw characters the earlier ones lack (per character,
 * see coverage.ts).
 */
import { createHash } from 'node:crypto';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import { FONT_ROLES, type Edition, type FontRole } from '../model/types.ts';
import type { World } from '../world.ts';
import { discoverFaces, type Discovery } from './discover.ts';
import { type DiscoveredFace, LazyFontFace } from './face.ts';
import { FontLibrary } from './library.ts';
import { nameKey } from './names.ts';
import { loadRoleTable, type RoleSpec, type RoleTable } from './role-table.ts';
import type { FontFace, FontOptions, FontSet, RoleResolution } from './types.ts';

/** A FontSet plus what `gongwen fonts` reports about how it was found. */
export interface ResolvedFonts {
  readonly fonts: FontSet;
  readonly table: RoleTable;
  readonly discovery: Discovery;
}

/**
 * Resolves every role of `edition`. Problems (missing defaults, WOFF files, a broken role table) go to `diag`.
 * `library` is the compiler's font cache (a fresh one reads and parses every face again).
 */
export function resolveFonts(world: World, opts: FontOptions, edition: Edition, diag: DiagnosticSink, library: FontLibrary = new FontLibrary()): FontSet {
  return resolveFontsDetailed(world, opts, edition, diag, library).fonts;
}

/** resolveFonts with the role table and discovery details (for the report). */
export function resolveFontsDetailed(world: World, opts: FontOptions, edition: Edition, diag: DiagnosticSink, library: FontLibrary = new FontLibrary()): ResolvedFonts {
  const table = loadRoleTable(world, diag);
  const discovery = discoverFaces(world, opts, diag, library);
  const defaults = editionDefaults(table, edition, diag, world, library);
  // Last resort: the other edition's open fonts (a Simplified name left in Traditional text, or the reverse). They are
  // only read if a character reaches them, and a missing one is not an error for this edition.
  const lastResort = editionDefaults(table, edition === 'zh-Hans' ? 'zh-Hant' : 'zh-Hans', undefined, world, library);

  const chains = {} as Record<FontRole, DiscoveredFace[]>;
  for (const role of FONT_ROLES) {
    const spec = table.roles[role];
    // Without --system-fonts, a system face counts only when it is the role's official font: the stand-ins then come
    // from npm on every machine, and installing a Debian font package changes no output.
    const found = opts.systemFonts ? discovery.faces : discovery.faces.filter((f) => f.source !== 'system' || isOfficialInfo(f, spec.official(edition)));
    const chain = uniqueFaces([...candidateFaces(spec, spec.candidates(edition), found), ...(defaults.byRole[role] ?? []), ...defaults.all, ...lastResort.all]);
    if (chain.length === 0) throw new Error(`没有可用于「${role}」的字体，npm 默认字体也缺失：请重新运行 npm ci`);
    chains[role] = chain;
  }

  const keys = faceKeys(FONT_ROLES.flatMap((r) => chains[r]));
  const faces = new Map<string, LazyFontFace>();
  const faceOf = (d: DiscoveredFace) => {
    const id = faceId(d);
    let face = faces.get(id);
    if (!face) {
      face = new LazyFontFace(d, keys.get(id) ?? id, world, library);
      faces.set(id, face);
    }
    return face;
  };

  const roles = {} as Record<FontRole, RoleResolution>;
  for (const role of FONT_ROLES) {
    const spec = table.roles[role];
    const chain = chains[role].map(faceOf);
    const primary = chain[0] as FontFace;
    const official = spec.official(edition);
    roles[role] = { role, officialName: official[0] ?? '', chain, substitute: !isOfficial(primary, official) };
  }
  return { fonts: fontSet(edition, roles), table, discovery };
}

function fontSet(edition: Edition, roles: Record<FontRole, RoleResolution>): FontSet {
  const memo = new Map<FontRole, Map<number, FontFace | null>>();
  return {
    edition,
    roles,
    faceFor(role, cp) {
      let perRole = memo.get(role);
      if (!perRole) memo.set(role, (perRole = new Map()));
      let face = perRole.get(cp);
      if (face === undefined) {
        face = roles[role].chain.find((f) => f.hasCodePoint(cp)) ?? null;
        perRole.set(cp, face);
      }
      return face ?? undefined;
    },
  };
}

/** Whether a face is the role's official font under one of its names (仿宋_GB2312 = FangSong_GB2312). */
function isOfficial(face: FontFace, officialNames: readonly string[]): boolean {
  const official = new Set(officialNames.map(nameKey));
  return [...face.familyNames, face.postscriptName].some((n) => official.has(nameKey(n)));
}

/** isOfficial for a discovered face (names from discovery, before the face is loaded). */
function isOfficialInfo(face: DiscoveredFace, officialNames: readonly string[]): boolean {
  const official = new Set(officialNames.map(nameKey));
  return [...face.info.familyNames, ...face.info.fullNames, face.info.postscriptName].some((n) => official.has(nameKey(n)));
}

/** Faces matching the candidates: source order (project, path, system), then candidate order; best face per family. */
function candidateFaces(spec: RoleSpec, candidates: readonly string[], found: readonly DiscoveredFace[]): DiscoveredFace[] {
  const out: DiscoveredFace[] = [];
  for (const source of ['project', 'path', 'system'] as const) {
    const inSource = found.filter((f) => f.source === source);
    if (inSource.length === 0) continue;
    for (const candidate of candidates) {
      const key = nameKey(candidate);
      const matching = inSource.filter((f) => matchKeys(f).has(key));
      const best = bestFace(matching, spec.weight);
      if (best) out.push(best);
    }
  }
  return out;
}

const matchKeyCache = new WeakMap<DiscoveredFace, Set<string>>();

/** A face answers to its family names (all languages), full names and PostScript name. */
function matchKeys(face: DiscoveredFace): Set<string> {
  let keys = matchKeyCache.get(face);
  if (!keys) {
    keys = new Set([...face.info.familyNames, ...face.info.fullNames, face.info.postscriptName].filter(Boolean).map(nameKey));
    matchKeyCache.set(face, keys);
  }
  return keys;
}

/** Upright before italic, then the weight nearest the role's (title prefers a heavy face), then discovery order. */
function bestFace(faces: readonly DiscoveredFace[], weight: number): DiscoveredFace | undefined {
  let best: DiscoveredFace | undefined;
  const cost = (f: DiscoveredFace) => (f.info.italic ? 10_000 : 0) + Math.abs(f.info.weight - weight);
  for (const f of faces) if (!best || cost(f) < cost(best)) best = f;
  return best;
}

interface EditionDefaults {
  byRole: Partial<Record<FontRole, DiscoveredFace[]>>;
  /** Every default of the edition, in role order: the tail of every chain (rare characters, Ext-B). */
  all: DiscoveredFace[];
}

function editionDefaults(table: RoleTable, edition: Edition, diag: DiagnosticSink | undefined, world: World, library: FontLibrary): EditionDefaults {
  const byRole: EditionDefaults['byRole'] = {};
  const all: DiscoveredFace[] = [];
  for (const role of FONT_ROLES) {
    const file = table.roles[role].defaults[edition];
    const entry = library.identify(world, file);
    const faces = entry.faces.map((info) => ({ file, info, source: 'default' as const }));
    if (faces.length === 0 && diag) {
      const same = diag.items.some((d) => d.code === 'fonts/default-missing' && d.message.includes(file));
      if (!same) {
        diag.error('fonts/default-missing', `找不到默认字体文件：${file}（${entry.error ?? entry.kind}）`, undefined, [
          `默认字体随 npm 安装（${table.file} 的 default）：请在项目目录运行 npm ci。`,
        ]);
      }
    }
    byRole[role] = faces;
    all.push(...faces);
  }
  return { byRole, all };
}

const faceId = (f: DiscoveredFace) => `${f.file}#${f.info.collectionIndex ?? ''}`;

function uniqueFaces(faces: readonly DiscoveredFace[]): DiscoveredFace[] {
  const seen = new Set<string>();
  return faces.filter((f) => {
    const id = faceId(f);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * pdfmake font names: the PostScript name, made unique with a short hash of the path when two different files
 * declare the same PostScript name (a user copy of Noto Serif SC in fonts/ next to the npm default).
 */
function faceKeys(faces: readonly DiscoveredFace[]): Map<string, string> {
  const byName = new Map<string, Set<string>>();
  const baseOf = (f: DiscoveredFace) => f.info.postscriptName || `${f.info.family}-${f.info.style}`.replace(/\s+/g, '');
  for (const f of faces) {
    const base = baseOf(f);
    if (!byName.has(base)) byName.set(base, new Set());
    byName.get(base)?.add(faceId(f));
  }
  const keys = new Map<string, string>();
  for (const f of faces) {
    const base = baseOf(f);
    const shared = (byName.get(base)?.size ?? 0) > 1;
    keys.set(faceId(f), shared ? `${base}~${createHash('sha256').update(faceId(f)).digest('hex').slice(0, 8)}` : base);
  }
  return keys;
}
