// Stand-in faces are the same on every machine (issue #16). With gongwen build's own font options (official faces from
// the system folders, nothing else from there): installing CJK font packages that are not the official faces changes
// no output byte; an official face on the machine is used; --system-fonts uses the machine's other faces as well; the
// PDF's title, level-1, level-2 and body are four different faces; two distinguished roles in one face are warned about.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Compiler, compileRequest } from '../src/compile/index.ts';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { resolveFonts, warnSharedFaces } from '../src/fonts/index.ts';
import type { FontOptions } from '../src/fonts/types.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { withNames } from './support/font-names.ts';
import { useTempDirs } from './support/temp-dirs.ts';
import { needs } from './support/tools.ts';

const tempDir = useTempDirs();
const compiler = new Compiler();
const NOTO = path.join(PACKAGE_ROOT, 'node_modules/@expo-google-fonts');
/** gongwen build's font options (src/cli.ts): official system faces only. */
const BUILD_FONTS: FontOptions = { fontPaths: [], systemFonts: false, officialSystemFonts: true };

/** A home folder whose ~/.fonts holds `fonts` (file name → bytes): a machine with those fonts installed. */
function machine(fonts: Record<string, Buffer>): Record<string, string> {
  const home = tempDir(path.join(tmpdir(), 'gongwen-home-'));
  mkdirSync(path.join(home, '.fonts'), { recursive: true });
  for (const [name, bytes] of Object.entries(fonts)) writeFileSync(path.join(home, '.fonts', name), bytes);
  return { HOME: home };
}

const renamed = (file: string, family: string, postscript: string, familyZh = family) => withNames(readFileSync(file), { family, familyZh, postscript });

/** What Debian CJK packages add: candidates of the roles, none of them an official face. */
const debianLike = () =>
  machine({
    'lxgw.ttf': renamed(`${NOTO}/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf`, 'LXGW WenKai', 'LXGWWenKai-Regular', '霞鹜文楷'),
    'gkai.ttf': renamed(`${NOTO}/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf`, 'AR PL KaitiM GB', 'ARPLKaitiMGB'),
    'cjk.ttf': renamed(`${NOTO}/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf`, 'Noto Serif CJK SC', 'NotoSerifCJKsc-Regular'),
    'fandol.ttf': renamed(`${NOTO}/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf`, 'FandolFang R', 'FandolFang-Regular'),
  });

async function build(env: Record<string, string>, fonts: FontOptions = BUILD_FONTS, formats: ('pdf' | 'docx')[] = ['pdf', 'docx']) {
  const diag = new DiagnosticSink();
  const request = compileRequest({ dataFile: 'data/report.yaml', fonts, formats });
  const result = await compiler.compile(request, nodeWorld(PACKAGE_ROOT, env), diag);
  return { result, diag, bytes: Object.fromEntries(result.outputs.map((o) => [o.path, o.bytes])) };
}

describe('stand-in faces on any machine', () => {
  it('gives the same PDF and DOCX bytes whether or not CJK font packages are installed', async () => {
    const bare = await build(machine({}));
    const debian = await build(debianLike());
    expect(Object.keys(debian.bytes).sort()).toEqual(Object.keys(bare.bytes).sort());
    for (const [file, bytes] of Object.entries(bare.bytes)) expect(debian.bytes[file]?.equals(bytes), file).toBe(true);
    for (const e of debian.result.editions) for (const r of Object.values(e.fonts.roles)) expect(r.chain[0]?.source).toBe('default');
  }, 120_000);

  it('uses an official face found on the machine', async () => {
    const official = machine({ 'fs.ttf': renamed(`${NOTO}/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf`, 'FangSong_GB2312', 'FangSong_GB2312', '仿宋_GB2312') });
    const { result } = await build(official, BUILD_FONTS, []);
    const body = result.editions[0]!.fonts.roles.body;
    expect(body.chain[0]?.source).toBe('system');
    expect(body.substitute).toBe(false);
  }, 60_000);

  it('uses the machine’s other faces only with --system-fonts', async () => {
    const home = debianLike();
    const { result } = await build(home, { ...BUILD_FONTS, systemFonts: true }, []);
    const kai = result.editions[0]!.fonts.roles.heading2.chain[0]!;
    expect(kai.source).toBe('system');
    expect(kai.postscriptName).toBe('LXGWWenKai-Regular');
  }, 60_000);

  needs('pdffonts').it('draws the title, level-1 and level-2 headings and the body in four different faces (pdffonts)', async () => {
    const { result } = await build(machine({}), BUILD_FONTS, ['pdf']);
    const edition = result.editions[0]!;
    const lines = edition.layout.pages.flatMap((p) => p.lines.map((l) => ({ ...l, runs: p.runs })));
    const faceOf = (role: 'title' | 'heading1' | 'heading2' | 'body') => edition.fonts.roles[role].chain[0]!.postscriptName;
    const faces = new Set([faceOf('title'), faceOf('heading1'), faceOf('heading2'), faceOf('body')]);
    expect(faces.size).toBe(4);
    expect(lines.some((l) => l.kind === 'heading')).toBe(true);
    const dir = tempDir(path.join(tmpdir(), 'gongwen-pdffonts-'));
    const pdf = path.join(dir, 'a.pdf');
    writeFileSync(pdf, result.outputs.find((o) => o.path.endsWith('（简体）.pdf'))!.bytes);
    const listed = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    for (const name of faces) expect(listed).toMatch(new RegExp(`[A-Z]{6}\\+${name}\\s+CID TrueType\\s+Identity-H\\s+yes yes yes`));
    console.info(`PDF faces: title ${faceOf('title')}, level 1 ${faceOf('heading1')}, level 2 ${faceOf('heading2')}, body ${faceOf('body')}, page number ${edition.fonts.roles.pagenumber.chain[0]!.postscriptName}`);
  }, 60_000);

  it('warns when two roles the standard tells apart fall to one face', async () => {
    const root = tempDir(path.join(tmpdir(), 'gongwen-shared-'));
    mkdirSync(path.join(root, 'fonts'), { recursive: true });
    const table = readFileSync(path.join(PACKAGE_ROOT, 'fonts/fonts.yaml'), 'utf8').replaceAll('lxgw-wenkai-webfont/lxgwwenkai-regular.css', '@expo-google-fonts/noto-serif-sc/300Light/NotoSerifSC_300Light.ttf');
    writeFileSync(path.join(root, 'fonts/fonts.yaml'), table);
    const diag = new DiagnosticSink();
    warnSharedFaces(resolveFonts(nodeWorld(root, {}), BUILD_FONTS, 'zh-Hans', diag, compiler.fonts), diag);
    const warnings = diag.items.filter((d) => d.code === 'fonts/roles-share-face');
    expect(warnings.map((w) => w.message)).toEqual(['简体版的副标题（楷体_GB2312）、正文（仿宋_GB2312）都用同一个字体 Noto Serif SC Light，GB/T 9704 要求它们字体不同']);
  }, 60_000);
});
