// Fonts stage: discovery (project fonts/, --font-path), the role table, resolution, substitution lines and manifest.
// Hermetic: systemFonts is false and every project root is a temporary folder; fonts are copied from node_modules.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { location } from '../src/diag/format.ts';
import { fontManifest, resolveFonts, substitutionLines } from '../src/fonts/index.ts';
import { readFaceInfos, sniffKind } from '../src/fonts/sfnt-names.ts';
import type { FontOptions } from '../src/fonts/types.ts';
import { FONT_ROLES, type Edition, type FontRole } from '../src/model/types.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { useTempDirs } from './support/temp-dirs.ts';

/** A temporary folder, removed after the file's tests. */
const tempDir = useTempDirs();


const ROBOTO_DIR = path.join(PACKAGE_ROOT, 'node_modules/pdfmake/fonts/Roboto');
const roboto = (style: string) => path.join(ROBOTO_DIR, `Roboto-${style}.ttf`);
/** The body's stand-in: the light weight of Noto Serif SC (fonts/README.md says why). */
const NOTO_SERIF_SC_LIGHT = path.join(PACKAGE_ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc/300Light/NotoSerifSC_300Light.ttf');
const HERMETIC: FontOptions = { fontPaths: [], systemFonts: false };

type RoleEdit = Partial<Record<FontRole, { candidates?: string[]; official?: string[] }>>;

/** A temporary project root; `table` edits gongwen's own fonts/fonts.yaml, `fonts` copies files into fonts/. */
function project(opts: { table?: RoleEdit; tableText?: string; fonts?: Record<string, string | Buffer> } = {}): string {
  const root = tempDir(path.join(tmpdir(), 'gongwen-fonts-'));
  mkdirSync(path.join(root, 'fonts'));
  if (opts.table || opts.tableText) {
    const table = parse(readFileSync(path.join(PACKAGE_ROOT, 'fonts/fonts.yaml'), 'utf8')) as { roles: Record<string, Record<string, unknown>> };
    for (const [role, edit] of Object.entries(opts.table ?? {})) {
      const r = table.roles[role] as Record<string, unknown>;
      if (edit.candidates) {
        r['candidates'] = edit.candidates;
        delete r['editions'];
      }
      if (edit.official) r['official'] = edit.official;
    }
    writeFileSync(path.join(root, 'fonts/fonts.yaml'), opts.tableText ?? stringify(table));
  }
  for (const [name, from] of Object.entries(opts.fonts ?? {})) {
    const to = path.join(root, 'fonts', name);
    mkdirSync(path.dirname(to), { recursive: true });
    if (typeof from === 'string') copyFileSync(from, to);
    else writeFileSync(to, from);
  }
  return root;
}

function resolve(root: string, edition: Edition = 'zh-Hans', opts: FontOptions = HERMETIC) {
  const world = nodeWorld(root, {});
  const diag = new DiagnosticSink();
  const fonts = resolveFonts(world, opts, edition, diag);
  return { fonts, diag, world };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A TrueType collection of whole fonts: one offset table per face, tables copied and re-pointed (OpenType "TTC"). */
function makeTtc(fonts: Buffer[]): Buffer {
  const headerSize = 12 + 4 * fonts.length;
  const dirs = fonts.map((f) => 12 + 16 * f.readUInt16BE(4));
  let cursor = headerSize + dirs.reduce((a, b) => a + b, 0);
  const header = Buffer.alloc(headerSize);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(fonts.length, 8);
  const directories: Buffer[] = [];
  const data: Buffer[] = [];
  let dirOffset = headerSize;
  fonts.forEach((font, i) => {
    header.writeUInt32BE(dirOffset, 12 + 4 * i);
    const numTables = font.readUInt16BE(4);
    const dir = Buffer.from(font.subarray(0, 12 + 16 * numTables));
    for (let t = 0; t < numTables; t++) {
      const rec = 12 + 16 * t;
      const offset = dir.readUInt32BE(rec + 8);
      const length = dir.readUInt32BE(rec + 12);
      dir.writeUInt32BE(cursor, rec + 8);
      const padded = Buffer.alloc((length + 3) & ~3);
      font.copy(padded, 0, offset, offset + length);
      data.push(padded);
      cursor += padded.length;
    }
    directories.push(dir);
    dirOffset += dir.length;
  });
  return Buffer.concat([header, ...directories, ...data]);
}

describe('resolveFonts without official fonts', () => {
  it('uses the npm defaults for every role and marks each as substituted (zh-Hans)', () => {
    const { fonts, diag } = resolve(project());
    expect(diag.items).toEqual([]);
    const primary = Object.fromEntries(FONT_ROLES.map((r) => [r, fonts.roles[r].chain[0]?.postscriptName]));
    expect(primary).toEqual({
      title: 'NotoSerifSC-Bold',
      subtitle: 'LXGWWenKai-Regular',
      body: 'NotoSerifSC-Light',
      heading1: 'NotoSansSC-Regular',
      heading2: 'LXGWWenKai-Regular',
      pagenumber: 'NotoSerifSC-Regular',
    });
    for (const role of FONT_ROLES) {
      expect(fonts.roles[role].substitute).toBe(true);
      expect(fonts.roles[role].chain.every((f) => f.source === 'default')).toBe(true);
    }
    expect(Object.fromEntries(FONT_ROLES.map((r) => [r, fonts.roles[r].officialName]))).toEqual({
      title: '方正小标宋简体',
      subtitle: '楷体_GB2312',
      body: '仿宋_GB2312',
      heading1: '黑体',
      heading2: '楷体_GB2312',
      pagenumber: '宋体',
    });
    const lines = substitutionLines(fonts);
    expect(lines).toHaveLength(6);
    expect(lines).toContain('字体替代：正文（仿宋_GB2312）→ Noto Serif SC Light（npm 默认字体）');
    expect(lines).toContain('字体替代：二级标题（楷体_GB2312）→ LXGW WenKai（npm 默认字体）');
    expect(lines).toContain('字体替代：页码（宋体）→ Noto Serif SC（npm 默认字体）');
    expect(lines).toContain('字体替代：标题（方正小标宋简体）→ Noto Serif SC Bold（npm 默认字体）');
    expect(lines).toContain('字体替代：一级标题（黑体）→ Noto Sans SC（npm 默认字体）');
  });

  it('uses the Traditional open fonts for zh-Hant, with the Simplified ones as a last resort', () => {
    const { fonts } = resolve(project(), 'zh-Hant');
    expect(fonts.roles.title.chain[0]?.postscriptName).toBe('NotoSerifTC-Bold');
    expect(fonts.roles.body.chain[0]?.postscriptName).toBe('NotoSerifTC-Light');
    expect(fonts.roles.heading2.chain[0]?.postscriptName).toBe('LXGWWenKaiTC-Regular');
    expect(fonts.roles.heading1.chain[0]?.postscriptName).toBe('NotoSansTC-Regular');
    expect(fonts.roles.body.chain.map((f) => f.postscriptName).slice(-3)).toEqual(['NotoSerifSC-Light', 'NotoSansSC-Regular', 'NotoSerifSC-Regular']);
  });

  it('measures faces from the font file: cmap, advances, vertical metrics', () => {
    const { fonts } = resolve(project());
    const face = fonts.roles.body.chain[0];
    if (!face) throw new Error('no face');
    expect(face.hasCodePoint(0x4e2d)).toBe(true); // 中
    expect(face.hasCodePoint(0x20000)).toBe(false); // 𠀀 Ext-B: not in Noto Serif SC
    expect(face.hasCodePoint(0xe000)).toBe(false);
    expect(face.unitsPerEm).toBe(1000);
    expect(face.advancePt(0x4e2d, 16)).toBe(16);
    expect(face.ascent).toBe(1151);
    expect(face.descent).toBe(-286);
    expect(face.bytes().length).toBe(readFileSync(NOTO_SERIF_SC_LIGHT).length);
    expect(fonts.faceFor('body', 0x20000)).toBeUndefined();
    expect(fonts.faceFor('body', 0x4e2d)).toBe(face);
  });

  it('writes manifest entries sorted by role, with base names and the real sha256', async () => {
    const { fonts } = resolve(project());
    const manifest = await fontManifest(fonts);
    expect(manifest.map((m) => m.role)).toEqual(['body', 'heading1', 'heading2', 'pagenumber', 'subtitle', 'title']);
    const body = manifest[0];
    expect(body).toEqual({
      role: 'body',
      official: '仿宋_GB2312',
      family: 'Noto Serif SC',
      postscriptName: 'NotoSerifSC-Light',
      file: 'NotoSerifSC_300Light.ttf',
      source: 'default',
      sha256: sha256(NOTO_SERIF_SC_LIGHT),
      substitute: true,
    });
  });
});

describe('resolveFonts with user fonts', () => {
  it('picks a font dropped into fonts/ whose family is a candidate (source project)', async () => {
    const root = project({ table: { body: { candidates: ['仿宋_GB2312', 'ROBO to'] } }, fonts: { 'Roboto-Regular.ttf': roboto('Regular') } });
    const { fonts, diag, world } = resolve(root);
    expect(diag.items).toEqual([]);
    const body = fonts.roles.body;
    expect(body.chain[0]?.file).toBe(path.join(root, 'fonts/Roboto-Regular.ttf'));
    expect(body.chain[0]?.source).toBe('project');
    expect(body.chain[0]?.family).toBe('Roboto');
    expect(body.substitute).toBe(true);
    expect(body.chain[1]?.postscriptName).toBe('NotoSerifSC-Light');
    expect(fonts.roles.title.chain[0]?.source).toBe('default');
    // The project font is read through the World: watch mode sees it.
    expect(body.chain[0]?.hasCodePoint(0x41)).toBe(true);
    expect(world.deps.files.has(path.join(root, 'fonts/Roboto-Regular.ttf'))).toBe(true);
    expect((await fontManifest(fonts)).find((m) => m.role === 'body')).toMatchObject({ file: 'Roboto-Regular.ttf', source: 'project', sha256: sha256(roboto('Regular')) });
    expect(substitutionLines(fonts)).toContain('字体替代：正文（仿宋_GB2312）→ Roboto（项目 fonts/ 文件夹）');
  });

  it('is not a substitute when the found family is one of the official names', () => {
    const root = project({ table: { body: { candidates: ['Roboto'], official: ['仿宋_GB2312', 'Roboto'] } }, fonts: { 'sub/dir/r.ttf': roboto('Regular') } });
    const { fonts } = resolve(root);
    expect(fonts.roles.body.chain[0]?.family).toBe('Roboto');
    expect(fonts.roles.body.substitute).toBe(false);
    expect(substitutionLines(fonts).some((l) => l.includes('正文'))).toBe(false);
    expect(substitutionLines(fonts)).toHaveLength(5);
  });

  it('finds fonts on --font-path (source path); fonts/ wins over the path; same PostScript name gets distinct keys', () => {
    const elsewhere = tempDir(path.join(tmpdir(), 'gongwen-fontpath-'));
    copyFileSync(roboto('Regular'), path.join(elsewhere, 'Roboto-Regular.ttf'));
    const table = { body: { candidates: ['Roboto'] } };
    const viaPath = resolve(project({ table }), 'zh-Hans', { fontPaths: [elsewhere], systemFonts: false });
    expect(viaPath.fonts.roles.body.chain[0]?.source).toBe('path');
    expect(viaPath.fonts.roles.body.chain[0]?.file).toBe(path.join(elsewhere, 'Roboto-Regular.ttf'));

    const both = resolve(project({ table, fonts: { 'Roboto-Regular.ttf': roboto('Regular') } }), 'zh-Hans', { fontPaths: [elsewhere], systemFonts: false });
    const chain = both.fonts.roles.body.chain;
    expect(chain.map((f) => f.source).slice(0, 2)).toEqual(['project', 'path']);
    expect(chain[0]?.postscriptName).toBe(chain[1]?.postscriptName);
    expect(chain[0]?.key).not.toBe(chain[1]?.key);
    expect(chain[0]?.key).toMatch(/^Roboto-Regular~[0-9a-f]{8}$/);
    // Keys are unique per face across the whole set.
    const byKey = new Map<string, string>();
    for (const role of FONT_ROLES) for (const f of both.fonts.roles[role].chain) {
      const id = `${f.file}#${f.collectionIndex ?? ''}`;
      expect(byKey.get(f.key) ?? id).toBe(id);
      byKey.set(f.key, id);
    }
  });

  it('warns about a missing --font-path folder', () => {
    const { diag } = resolve(project(), 'zh-Hans', { fontPaths: [path.join(tmpdir(), 'gongwen-no-such-dir-6d1f')], systemFonts: false });
    expect(diag.items.map((d) => d.code)).toEqual(['fonts/font-path-missing']);
  });

  it('prefers the upright face nearest the role weight (title 700 → Medium, body 400 → Regular, never Italic)', () => {
    const root = project({
      table: { title: { candidates: ['Roboto'] }, body: { candidates: ['Roboto'] } },
      fonts: { 'a-Italic.ttf': roboto('Italic'), 'b-Regular.ttf': roboto('Regular'), 'c-Medium.ttf': roboto('Medium') },
    });
    const { fonts } = resolve(root);
    expect(fonts.roles.title.chain[0]?.postscriptName).toBe('Roboto-Medium');
    expect(fonts.roles.body.chain[0]?.postscriptName).toBe('Roboto-Regular');
    expect(fonts.roles.title.chain[0]?.style).toBe('Medium');
  });

  it('reads each face of a TTC collection and keeps its PostScript name and index', () => {
    const ttc = makeTtc([readFileSync(roboto('Regular')), readFileSync(roboto('Medium'))]);
    const root = project({ table: { title: { candidates: ['Roboto'] }, body: { candidates: ['Roboto'] } }, fonts: { 'Roboto.ttc': ttc } });
    const { fonts, diag } = resolve(root);
    expect(diag.items).toEqual([]);
    const title = fonts.roles.title.chain[0];
    const body = fonts.roles.body.chain[0];
    expect([title?.postscriptName, title?.collectionIndex]).toEqual(['Roboto-Medium', 1]);
    expect([body?.postscriptName, body?.collectionIndex]).toEqual(['Roboto-Regular', 0]);
    expect(title?.file).toBe(path.join(root, 'fonts/Roboto.ttc'));
    // Metrics come from the right face of the collection.
    const medium = resolve(project({ table: { title: { candidates: ['Roboto'] } }, fonts: { 'm.ttf': roboto('Medium') } })).fonts.roles.title.chain[0];
    const regular = resolve(project({ table: { body: { candidates: ['Roboto'] } }, fonts: { 'r.ttf': roboto('Regular') } })).fonts.roles.body.chain[0];
    expect(title?.advancePt(0x57, 16)).toBe(medium?.advancePt(0x57, 16)); // W
    expect(body?.advancePt(0x57, 16)).toBe(regular?.advancePt(0x57, 16));
    expect(title?.advancePt(0x57, 16)).not.toBe(body?.advancePt(0x57, 16));
    expect(title?.hasCodePoint(0x41)).toBe(true);
    expect(title?.hasCodePoint(0x4e2d)).toBe(false);
  });

  it('refuses WOFF/WOFF2 files (also when misnamed .ttf) with one warning per file per build', () => {
    const woff2 = Buffer.concat([Buffer.from('wOF2', 'latin1'), Buffer.alloc(60)]);
    const root = project({ table: { body: { candidates: ['Roboto'] } }, fonts: { 'web.woff2': woff2, 'renamed.ttf': woff2 } });
    const world = nodeWorld(root, {});
    const diag = new DiagnosticSink();
    const hans = resolveFonts(world, HERMETIC, 'zh-Hans', diag);
    resolveFonts(world, HERMETIC, 'zh-Hant', diag);
    expect(diag.items.map((d) => [d.severity, d.code, d.span?.file])).toEqual([
      ['warning', 'fonts/woff-refused', 'fonts/renamed.ttf'],
      ['warning', 'fonts/woff-refused', 'fonts/web.woff2'],
    ]);
    expect(diag.items[1]?.message).toContain('WOFF2');
    expect(hans.roles.body.chain[0]?.source).toBe('default');
  });

  it('reports a broken project role table at its line and column and falls back to the built-in table', () => {
    const text = 'roles:\n  body:\n    official: [仿宋_GB2312]\n    candidates: 仿宋\n';
    const root = project({ tableText: text });
    const { fonts, diag } = resolve(root);
    expect(diag.hasErrors()).toBe(true);
    const candidates = diag.items.find((d) => d.message.includes('roles.body.candidates'));
    expect(candidates?.code).toBe('fonts/role-table-invalid');
    expect(location(candidates ?? diag.items[0]!, () => text)).toBe('fonts/fonts.yaml:4:17');
    expect(fonts.roles.body.officialName).toBe('仿宋_GB2312');
  });
});

describe('name table reading', () => {
  /** A minimal sfnt holding only a name table with the given records [platform, encoding, language, nameId, bytes]. */
  function sfntWithNames(records: [number, number, number, number, Buffer][]): Buffer {
    const header = Buffer.alloc(6 + 12 * records.length);
    header.writeUInt16BE(records.length, 2);
    header.writeUInt16BE(header.length, 4);
    let offset = 0;
    records.forEach(([platform, encoding, language, nameId, bytes], i) => {
      const o = 6 + 12 * i;
      [platform, encoding, language, nameId, bytes.length, offset].forEach((v, k) => header.writeUInt16BE(v, o + 2 * k));
      offset += bytes.length;
    });
    const name = Buffer.concat([header, ...records.map((r) => r[4])]);
    const dir = Buffer.alloc(12 + 16);
    dir.writeUInt32BE(0x00010000, 0);
    dir.writeUInt16BE(1, 4);
    dir.write('name', 12, 'latin1');
    dir.writeUInt32BE(28, 20);
    dir.writeUInt32BE(name.length, 24);
    return Buffer.concat([dir, name]);
  }
  const access = (b: Buffer) => ({ size: b.length, read: (o: number, n: number) => b.subarray(o, o + n) });
  const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16();
  // Windows PRC encoding: GB2312 codes stored as 16-bit values, ASCII with a zero high byte.
  const prc = Buffer.from([0xb7, 0xc2, 0xcb, 0xce, ...[...'_GB2312'].flatMap((c) => [0, c.charCodeAt(0)])]);

  it('decodes Unicode, legacy PRC (GB2312) and Mac Roman names and prefers the English family', () => {
    const font = sfntWithNames([
      [1, 0, 0, 1, Buffer.from('FangSong_GB2312', 'latin1')],
      [3, 1, 0x409, 6, utf16('FangSong_GB2312')],
      [3, 3, 0x804, 1, prc],
      [3, 1, 0x804, 4, utf16('仿宋_GB2312 常规')],
    ]);
    expect(sniffKind(font)).toBe('sfnt');
    const [face] = readFaceInfos(access(font));
    expect(face).toEqual({
      collectionIndex: undefined,
      family: 'FangSong_GB2312',
      familyNames: ['FangSong_GB2312', '仿宋_GB2312'],
      fullNames: ['仿宋_GB2312 常规'],
      style: 'Regular',
      postscriptName: 'FangSong_GB2312',
      weight: 400,
      italic: false,
    });
  });

  it('uses the typographic family (ID 16) as the family when present', () => {
    const font = sfntWithNames([
      [3, 1, 0x409, 1, utf16('Noto Serif SC ExtraLight')],
      [3, 1, 0x409, 16, utf16('Noto Serif SC')],
      [3, 1, 0x409, 17, utf16('ExtraLight')],
    ]);
    const [face] = readFaceInfos(access(font));
    expect([face?.family, face?.style, face?.familyNames]).toEqual(['Noto Serif SC', 'ExtraLight', ['Noto Serif SC', 'Noto Serif SC ExtraLight']]);
  });
});
