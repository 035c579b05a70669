/**
 * Stage: fonts — the role table. Input: fonts/fonts.yaml (the project's, else gongwen's own) → RoleTable: for each
 * font role (GB/T 9704 §5.2.2, §7.3.1, §7.3.3, §7.5) the official family the DOCX names, the candidate families to
 * look for, the preferred weight and the open default per edition. Errors carry a span into fonts.yaml.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeCacheFile } from '../cache-file.ts';
import { parseDocument } from 'yaml';
import { pathSpan } from '../load/yaml-spans.ts';
import { z } from 'zod';
import type { DiagnosticSink } from '../diag/diagnostic.ts';
import type { Edition, FontRole, Span } from '../model/types.ts';
import { PACKAGE_ROOT, type World } from '../world.ts';

/** Resolves from src/fonts/, i.e. gongwen's own node_modules, wherever the user's project is. */
const requireFromHere = createRequire(import.meta.url);

/** gongwen's package.json (its version and dependencies): part of the cache key of validated tables. */
const GONGWEN_PACKAGE = readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8');
/** Bumped whenever TableSchema (below) changes what a valid table is or how it is stored. */
const TABLE_SCHEMA_VERSION = 1;

/** Where the role table lives, relative to a project root. */
export const ROLE_TABLE_PATH = 'fonts/fonts.yaml';

const names = z.array(z.string().min(1)).min(1);
const RoleSchema = z
  .object({
    official: names.describe('公文规定的字体名，第一个写入 DOCX；其余是同一字体的别名'),
    weight: z.number().int().min(100).max(1000).default(400).describe('同一字族有多个字重时优先选的字重'),
    candidates: names.describe('按优先顺序查找的字族名'),
    default: z.object({ 'zh-Hans': z.string().min(1), 'zh-Hant': z.string().min(1) }).strict(),
    editions: z
      .object({
        'zh-Hans': z.object({ candidates: names, official: names.optional() }).strict().optional(),
        'zh-Hant': z.object({ candidates: names, official: names.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
const TableSchema = z
  .object({
    roles: z
      .object({ title: RoleSchema, subtitle: RoleSchema, body: RoleSchema, heading1: RoleSchema, heading2: RoleSchema, pagenumber: RoleSchema })
      .strict(),
  })
  .strict();

/** One role of the table, with defaults resolved to absolute file paths. */
export interface RoleSpec {
  /**
   * Official family names for an edition; [0] is what the DOCX names, the rest are other names of the same font
   * (FangSong_GB2312). The Traditional edition may name a GBK font instead (仿宋 rather than 仿宋_GB2312, which has no
   * Traditional glyphs), so Word and WPS draw its characters with the family the document names.
   */
  official(edition: Edition): readonly string[];
  /** Preferred usWeightClass when a family has several faces (the title prefers a heavy face). */
  readonly weight: number;
  /** Candidate family names for an edition, in order of preference. */
  candidates(edition: Edition): readonly string[];
  /** Absolute path of the open default face of an edition. */
  readonly defaults: Readonly<Record<Edition, string>>;
}

export interface RoleTable {
  /** Project-relative path of the table that was read (for messages). */
  readonly file: string;
  readonly roles: Readonly<Record<FontRole, RoleSpec>>;
}

/**
 * Reads the project's fonts/fonts.yaml, or gongwen's own when the project has none. A broken project table is
 * reported (with its span) and the built-in table is used so the caller still gets a FontSet; the build stops on the
 * error anyway.
 */
export function loadRoleTable(world: World, diag: DiagnosticSink): RoleTable {
  const own = path.join(PACKAGE_ROOT, ROLE_TABLE_PATH);
  const projectFile = world.abs(ROLE_TABLE_PATH);
  if (projectFile !== own && world.exists(projectFile)) {
    const table = parseRoleTable(world.readText(projectFile), projectFile, world.rel(projectFile), diag);
    if (table) return table;
  }
  const builtIn = parseRoleTable(world.readText(own), own, world.rel(own), diag);
  if (!builtIn) throw new Error(`gongwen's own ${ROLE_TABLE_PATH} is invalid`);
  return builtIn;
}

/** The validated table, as plain data (what the cache keeps). */
type TableData = z.infer<typeof TableSchema>;

/** Where validated role tables are remembered across runs (gongwen's own derived data, like the templates' code). */
export const ROLE_TABLE_CACHE_DIR = path.join(PACKAGE_ROOT, '.build', 'role-tables');

/** The cache file of a table text: keyed by the text and gongwen's package.json (a new schema is a new gongwen). */
function cacheFileOf(text: string, dir: string): string {
  const key = createHash('sha256').update(`gongwen role table v${TABLE_SCHEMA_VERSION}\n${GONGWEN_PACKAGE}\n`).update(text).digest('hex').slice(0, 32);
  return path.join(dir, `${key}.json`);
}

/**
 * Parses and validates a role table text; `absFile` anchors relative default paths. A text that validated before
 * (the same bytes, the same gongwen) is taken from the cache of validated tables instead of being parsed and checked
 * again (YAML + schema: ≈ 20–30 ms of every cold build, in each thread, measured); a table with any problem is never
 * cached, so every diagnostic is reported on every run, and the result does not depend on the cache.
 */
export function parseRoleTable(text: string, absFile: string, relFile: string, diag: DiagnosticSink, cacheDir: string = ROLE_TABLE_CACHE_DIR): RoleTable | undefined {
  const cacheFile = cacheFileOf(text, cacheDir);
  let data: TableData | undefined;
  try {
    data = JSON.parse(readFileSync(cacheFile, 'utf8')) as TableData;
  } catch {
    data = validateRoleTable(text, relFile, diag);
    if (!data) return undefined;
    writeCacheFile(cacheFile, JSON.stringify(data));
  }
  return roleTableOf(data, absFile, relFile);
}

/** YAML → the validated table, or undefined after reporting every problem with its span. */
function validateRoleTable(text: string, relFile: string, diag: DiagnosticSink): TableData | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const span = (start = 0, end = 0): Span => ({ file: relFile, start, end });
  for (const e of doc.errors) diag.error('fonts/role-table-yaml', `字体角色表 YAML 有误：${e.message.split('\n')[0] ?? ''}`, span(e.pos[0], e.pos[1]));
  if (doc.errors.length > 0) return undefined;
  const parsed = TableSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.map(String).join('.');
      diag.error('fonts/role-table-invalid', `字体角色表 ${where || '（根）'} 不符合格式：${issue.message}`, pathSpan(doc, issue.path as (string | number)[], relFile) ?? span(), [
        '每个角色（title、subtitle、body、heading1、heading2、pagenumber）需要 official、candidates 和 default（zh-Hans、zh-Hant）；格式见 fonts/README.md。',
      ]);
    }
    return undefined;
  }
  return parsed.data;
}

function roleTableOf(data: TableData, absFile: string, relFile: string): RoleTable {
  const roles = {} as Record<FontRole, RoleSpec>;
  for (const [role, r] of Object.entries(data.roles) as [FontRole, z.infer<typeof RoleSchema>][]) {
    const byEdition = r.editions;
    roles[role] = {
      official: (edition) => byEdition?.[edition]?.official ?? r.official,
      weight: r.weight,
      candidates: (edition) => byEdition?.[edition]?.candidates ?? r.candidates,
      defaults: { 'zh-Hans': resolveDefault(r.default['zh-Hans'], absFile), 'zh-Hant': resolveDefault(r.default['zh-Hant'], absFile) },
    };
  }
  return { file: relFile, roles };
}

/**
 * A default is an npm module path (`@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf`),
 * resolved from gongwen's own node_modules, or a path relative to the table (`./x.ttf`). Unresolvable specs come back
 * unchanged; resolve.ts reports them when the file is missing.
 */
function resolveDefault(spec: string, tableFile: string): string {
  if (spec.startsWith('.') || path.isAbsolute(spec)) return path.resolve(path.dirname(tableFile), spec);
  try {
    return requireFromHere.resolve(spec);
  } catch {
    return spec;
  }
}

