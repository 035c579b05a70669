/**
 * Stage: fonts — the `gongwen fonts` report. Input: World + FontOptions → text: where fonts were searched, then for
 * each edition and role the official font, the face actually used (family, file, PostScript name, source), whether it
 * is a substitute, its GB2312 coverage and the fallback chain. Deterministic: same fonts, same text.
 */
import path from 'node:path';
import { DiagnosticSink } from '../diag/diagnostic.ts';
import { formatDiagnostics } from '../diag/format.ts';
import { EDITIONS, FONT_ROLES } from '../model/types.ts';
import type { World } from '../world.ts';
import { big5Coverage } from './big5.ts';
import { gb2312Coverage } from './gb2312.ts';
import { FontLibrary } from './library.ts';
import { EDITION_NAME, ROLE_LABEL, SOURCE_LABEL, faceLabel } from './names.ts';
import { warnSharedFaces } from './policy.ts';
import { resolveFontsDetailed, type ResolvedFonts } from './resolve.ts';
import type { FontFace, FontOptions } from './types.ts';

/** What `gongwen fonts` prints. */
export function fontsReport(world: World, opts: FontOptions, library: FontLibrary = new FontLibrary()): string {
  const diag = new DiagnosticSink();
  const resolved = EDITIONS.map((edition) => resolveFontsDetailed(world, opts, edition, diag, library));
  const first = resolved[0];
  const lines: string[] = ['gongwen 字体报告（GB/T 9704 字体角色 → 实际使用的字体）', ''];
  if (first) lines.push(...searchSection(world, opts, first), '');
  const coverage = new Map<string, string>();
  /** GB2312 for every face; Big5 常用字 too in the Traditional edition, where GB2312's Simplified forms are not the measure. */
  const coverageOf = (face: FontFace, withBig5: boolean) => {
    const id = `${face.file}#${face.collectionIndex ?? ''}#${withBig5}`;
    let text = coverage.get(id);
    if (text === undefined) {
      text = ratio('GB2312', gb2312Coverage(face));
      if (withBig5) text += `；${ratio('Big5 常用字', big5Coverage(face))}`;
      coverage.set(id, text);
    }
    return text;
  };
  for (const { fonts } of resolved) {
    lines.push(`${EDITION_NAME[fonts.edition]}（${fonts.edition}）`);
    for (const role of FONT_ROLES) {
      const r = fonts.roles[role];
      const face = r.chain[0];
      if (!face) continue;
      lines.push(
        `  ${ROLE_LABEL[role]}（${role}）`,
        `    公文字体：${r.officialName}`,
        `    使用字体：${faceLabel(face)}`,
        `    替代：${r.substitute ? '是（未找到公文字体）' : '否'}`,
        `    文件：${path.basename(face.file)}`,
        `    字面：${face.postscriptName}${face.collectionIndex !== undefined ? `（字体集合中第 ${face.collectionIndex + 1} 个字面）` : ''}`,
        `    来源：${SOURCE_LABEL[face.source]}`,
        `    覆盖：${coverageOf(face, fonts.edition === 'zh-Hant')}`,
        `    回退链：${r.chain.map((f) => `${faceLabel(f)}（${SOURCE_LABEL[f.source]}）`).join(' → ')}`,
      );
    }
    lines.push('');
  }
  lines.push('gongwen 不使用伪粗体：标题的开放替代字体是真正较粗的字面（Noto Serif SC Bold）。');
  for (const { fonts } of resolved) warnSharedFaces(fonts, diag);
  if (diag.items.length > 0) lines.push('', '问题：', formatDiagnostics(diag.items, (f) => world.source(f), 'short'));
  return lines.join('\n').replace(/\n+$/, '');
}

function ratio(name: string, { covered, total }: { covered: number; total: number }): string {
  return `${name} ${covered}/${total}${covered < total ? `（缺 ${total - covered} 字，缺的字逐字回退）` : ''}`;
}

function searchSection(world: World, opts: FontOptions, first: ResolvedFonts): string[] {
  const { discovery, table } = first;
  const lines = ['查找顺序：项目 fonts/ → --font-path → 系统字体 → npm 默认字体', `角色表：${table.file}`];
  const count = (n: number) => `${n} 个字体文件`;
  const project = discovery.folders.find((f) => f.source === 'project');
  lines.push(`  项目：${world.rel(project?.dir ?? 'fonts')}/（${project?.exists ? count(project.files) : '不存在'}）`);
  const paths = discovery.folders.filter((f) => f.source === 'path');
  if (paths.length === 0) lines.push('  路径：未指定（--font-path 或 GONGWEN_FONT_PATH）');
  for (const f of paths) lines.push(`  路径：${f.dir}（${f.exists ? count(f.files) : '不存在'}）`);
  if (!opts.systemFonts && !opts.officialSystemFonts) lines.push('  系统：未搜索（--no-system-fonts）');
  else {
    if (!opts.systemFonts) lines.push('  系统：只用其中的公文字体，其他系统字体不用（--system-fonts 才用），替代字体总是 npm 安装的那几款');
    const found = discovery.folders.filter((f) => f.source === 'system' && f.exists);
    if (found.length === 0) lines.push('  系统：没有找到系统字体文件夹');
    for (const f of found) lines.push(`  系统：${f.dir}（${count(f.files)}）`);
  }
  const userSkipped = discovery.skipped.filter((s) => s.source !== 'system');
  for (const s of userSkipped) lines.push(`  已跳过：${world.rel(s.file)}（${s.reason}）`);
  const systemSkipped = discovery.skipped.length - userSkipped.length;
  if (systemSkipped > 0) lines.push(`  已跳过系统字体文件 ${systemSkipped} 个（网页字体或无法读取）`);
  return lines;
}
