// Bundle stage (issue #7): names, external attachments, xlsx/csv, the zip, manifest, SHA256SUMS and index.html —
// every claim is checked on real output with real tools: Info-ZIP unzip, Python's zipfile and csv, GNU sha256sum,
// 7-Zip (Debian p7zip-full), exceljs reading the xlsx back, saxes parsing the page strictly.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { hasTool, needs } from './support/tools.ts';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { formatDiagnostics } from '../src/diag/format.ts';
import { BundleError, packBundle, type BundleFile, type PackBundleResult } from '../src/bundle/index.ts';
import { resolveExternalAttachment } from '../src/bundle/external.ts';
import { checkEntryPath, sanitizeFileName } from '../src/bundle/names.ts';
import { writeCsv, writeXlsx, type TableFileInput } from '../src/bundle/table-files.ts';
import { writeZip } from '../src/bundle/zip.ts';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.ts';

const ROOT = PACKAGE_ROOT;
const CLOCK = new Date(Date.UTC(2022, 0, 5, 9, 30, 0)); // a UTC instant, like world.buildClock
const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'gongwen-bundle-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');
const run = (cmd: string, args: string[], cwd?: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });

const TABLE: TableFileInput = {
  title: '柞市镇2021年主要工作数据一览表',
  columns: [
    { title: '序号', align: 'center', weight: 2 },
    { title: '类别', align: 'left', weight: 4 },
    { title: '项目', align: 'left', weight: 8 },
    { title: '数值', align: 'right', weight: 4, numeric: true },
    { title: '单位', align: 'center', weight: 2 },
    { title: '正文位置', align: 'center', weight: 4 },
  ],
  rows: [
    [1, '经济发展', '固定资产投资', '3,218', '万元', '一、（二）'],
    [2, '民生保障', '新农合参保率', '91.6%', '', '一、（三）'],
    [3, '乡村振兴', '油茶新造林', 1200.5, '亩', '一、（四）'],
    [4, '备注', '含"引号"、逗号,和\n换行', 12, '个', '二、'],
  ],
};

/** Deterministic filler bytes (a PDF is mostly incompressible). */
function filler(seed: number, size: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

async function sampleFiles(): Promise<BundleFile[]> {
  const t = '柞市镇2021年工作总结和2022年工作计划';
  const a = '柞市镇2021年主要工作数据一览表';
  return [
    { path: `${t}（简体）.pdf`, title: t, kind: 'pdf', edition: 'zh-Hans', role: 'report', bytes: filler(1, 40_000), pages: 9 },
    { path: `${t}（简体）.docx`, title: t, kind: 'docx', edition: 'zh-Hans', role: 'report', bytes: filler(2, 20_000) },
    { path: `${t}（繁體）.pdf`, title: '柞市鎮2021年工作總結和2022年工作計劃', kind: 'pdf', edition: 'zh-Hant', role: 'report', bytes: filler(3, 41_000), pages: 9 },
    { path: `附件1 ${a}.xlsx`, title: a, kind: 'xlsx', edition: 'zh-Hans', role: 'attachment', bytes: await writeXlsx(TABLE, CLOCK) },
    { path: `附件1 ${a}.csv`, title: a, kind: 'csv', edition: 'zh-Hans', role: 'attachment', bytes: writeCsv(TABLE) },
    { path: '附件2 柞市镇2021年项目现场照片（扫描件）.pdf', title: '柞市镇2021年项目现场照片（扫描件）', kind: 'pdf', edition: null, role: 'attachment', bytes: filler(4, 3000) },
  ];
}

const REPORT = { id: '柞市镇2021年工作总结和2022年工作计划', title: '柞市镇2021年工作总结和2022年工作计划', organ: '柞市镇人民政府', date: '2022-01-05' };
const ZIP_NAME = '柞市镇2021年工作总结和2022年工作计划-附件下载.zip';
const FONTS = { 'zh-Hans': [{ role: 'body', family: 'Noto Serif SC', sha256: 'ab' }], 'zh-Hant': [] };

async function pack(files?: BundleFile[]): Promise<PackBundleResult> {
  return packBundle({
    title: '全部文件（压缩包）',
    zipName: ZIP_NAME,
    files: files ?? (await sampleFiles()),
    report: REPORT,
    fonts: FONTS,
    version: '0.1.0',
    clock: CLOCK,
    world: nodeWorld(ROOT),
  });
}

/** Writes the files and the bundle outputs as the lead will write out/, then unzips the zip beside it. */
async function materialise(name: string) {
  const files = await sampleFiles();
  const result = await pack(files);
  const out = path.join(tmpRoot, name, 'out');
  const unzipped = path.join(tmpRoot, name, 'unzipped');
  mkdirSync(out, { recursive: true });
  mkdirSync(unzipped, { recursive: true });
  for (const f of [...files, ...result.outputs]) writeFileSync(path.join(out, f.path), f.bytes);
  if (hasTool('unzip')) run('unzip', ['-q', path.join(out, ZIP_NAME), '-d', unzipped]);
  const zip = result.outputs.find((o) => o.path === ZIP_NAME)!.bytes;
  return { files, result, out, unzipped, zip };
}

/** Walks a zip's central directory and local headers by hand: flags, made-by, DOS time, extra fields, names. */
function rawEntries(zip: Buffer) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    entries.push({
      name: zip.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
      madeBy: zip.readUInt8(p + 5),
      centralFlags: zip.readUInt16LE(p + 8),
      localFlags: zip.readUInt16LE(local + 6),
      centralTime: [zip.readUInt16LE(p + 12), zip.readUInt16LE(p + 14)],
      localTime: [zip.readUInt16LE(local + 10), zip.readUInt16LE(local + 12)],
      centralExtra: extraLen,
      localExtra: zip.readUInt16LE(local + 28),
      localName: zip.subarray(local + 30, local + 30 + zip.readUInt16LE(local + 26)).toString('utf8'),
      mode: zip.readUInt32LE(p + 38) >>> 16,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Tests that read the zip back with Info-ZIP, Python and 7-Zip. */
const withZipTools = needs('unzip', 'python3', '7z');
const withPython = needs('python3');

describe('sanitizeFileName and checkEntryPath', () => {
  it.each([
    ['附件1 数据表.xlsx', '附件1 数据表.xlsx'],
    ['a<b>c:d"e/f\\g|h?i*j.pdf', 'a_b_c_d_e_f_g_h_i_j.pdf'],
    ['tab\there\u0001.txt', 'tab_here_.txt'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['NUL.tar.gz', '_NUL.tar.gz'],
    ['COM1.pdf', '_COM1.pdf'],
    ['lpt9', '_lpt9'],
    ['CONIN$', '_CONIN$'],
    ['COM¹.txt', '_COM¹.txt'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['报告. . .', '报告'],
    ['报告.pdf  ', '报告.pdf'],
    ['CON .txt', '_CON .txt'],
    ['...', '_'],
    ['', '_'],
  ])('sanitises %j to %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('composes NFD names to NFC (macOS writes NFD)', () => {
    const nfd = 'Cafe\u0301 附件.pdf';
    expect(sanitizeFileName(nfd)).toBe('Caf\u00e9 附件.pdf');
  });

  it('shortens long names to 120 UTF-16 units, keeps the extension and never splits a surrogate pair', () => {
    const long = `${'柞市镇'.repeat(50)}.xlsx`;
    const s = sanitizeFileName(long);
    expect(s.length).toBeLessThanOrEqual(120);
    expect(s.endsWith('.xlsx')).toBe(true);
    expect(s.startsWith('柞市镇柞市镇')).toBe(true);
    const astral = sanitizeFileName(`${'a'.repeat(114)}𠀀𠀀𠀀.pdf`);
    expect(astral.length).toBeLessThanOrEqual(120);
    expect(astral).toMatch(/^a{114}𠀀?\.pdf$/u);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(astral)).toBe(false);
  });

  it('is idempotent', () => {
    for (const s of ['CON', 'a:b. ', `${'x'.repeat(200)}.pdf`, 'Cafe\u0301', 'LPT1.txt.', '附件<1>.csv', `${'名'.repeat(130)}`]) {
      const once = sanitizeFileName(s);
      expect(sanitizeFileName(once)).toBe(once);
    }
  });

  it.each([
    ['../x.pdf', '..'],
    ['a/../../x', '..'],
    ['/etc/passwd', '绝对路径'],
    ['C:/Windows/x.pdf', '盘符'],
    ['c:x', '盘符'],
    ['a\\b.pdf', '反斜杠'],
    ['a//b.pdf', '空段'],
    ['./a.pdf', '“.”段'],
    ['', '为空'],
  ])('refuses the entry path %j with a Chinese reason', (p, reason) => {
    expect(checkEntryPath(p)).toContain(reason);
  });

  it('accepts plain relative paths', () => {
    expect(checkEntryPath('附件1 数据表.xlsx')).toBeUndefined();
    expect(checkEntryPath('附件/附件1.xlsx')).toBeUndefined();
  });
});

describe('resolveExternalAttachment', () => {
  const project = path.join(tmpRoot, 'project');
  const outside = path.join(tmpRoot, 'outside-secret.txt');
  const yaml = [
    'attachments:',
    '  - title: 现场照片',
    '    file: attachments/附件2 照片.pdf',
    '  - title: 越界',
    '    file: ../secret.txt',
    '  - title: 绝对路径',
    `    file: ${outside}`,
    '  - title: 链接',
    '    file: attachments/link-out.pdf',
    '  - title: 保留名',
    '    file: attachments/CON.txt',
    '  - title: 缺失',
    '    file: attachments/不存在.xlsx',
    '  - title: 内部链接',
    '    file: attachments\\link-in.pdf',
    '  - title: 文件夹',
    '    file: attachments/sub',
    '  - title: 冒号',
    '    file: attachments/a:b.pdf',
    '',
  ].join('\n');
  mkdirSync(path.join(project, 'data', 'attachments', 'sub'), { recursive: true });
  writeFileSync(path.join(project, 'data', 'report.yaml'), yaml);
  writeFileSync(path.join(project, 'data', 'attachments', '附件2 照片.pdf'), filler(9, 500));
  writeFileSync(path.join(project, 'data', 'attachments', 'CON.txt'), 'x');
  writeFileSync(path.join(project, 'data', 'attachments', 'a:b.pdf'), 'x');
  writeFileSync(path.join(project, 'data', 'secret.txt'), 'secret');
  writeFileSync(outside, 'outside');
  symlinkSync(outside, path.join(project, 'data', 'attachments', 'link-out.pdf'));
  symlinkSync('附件2 照片.pdf', path.join(project, 'data', 'attachments', 'link-in.pdf'));

  /** Resolves the `file:` value on the given line of the YAML, with the span of that scalar. */
  function resolve(value: string) {
    const world = nodeWorld(project);
    world.readText('data/report.yaml');
    const start = yaml.indexOf(`file: ${value}`) + 'file: '.length;
    const diag = new DiagnosticSink();
    const got = resolveExternalAttachment(world, 'data/report.yaml', value, { file: 'data/report.yaml', start, end: start + value.length }, diag);
    const printed = formatDiagnostics(diag.items, (f) => world.source(f), 'short');
    return { got, diag, printed, world };
  }

  it('reads a file under data/attachments/ and records it as a dependency', () => {
    const { got, diag, world } = resolve('attachments/附件2 照片.pdf');
    expect(diag.items).toEqual([]);
    expect(got!.bytes.equals(filler(9, 500))).toBe(true);
    expect(world.deps.files.has(got!.abs)).toBe(true);
  });

  it('follows a symlink that stays inside data/attachments/ and reads backslash paths', () => {
    const { got, diag } = resolve('attachments\\link-in.pdf');
    expect(diag.items).toEqual([]);
    expect(got!.abs.endsWith('附件2 照片.pdf')).toBe(true);
  });

  it.each([
    ['../secret.txt', 'attachment/outside-project', 5, '之外'],
    [outside, 'attachment/outside-project', 7, '绝对路径'],
    ['attachments/link-out.pdf', 'attachment/outside-project', 9, '符号链接'],
    ['attachments/CON.txt', 'attachment/reserved-name', 11, '保留的设备名'],
    ['attachments/不存在.xlsx', 'attachment/missing-file', 13, '找不到'],
    ['attachments/sub', 'attachment/missing-file', 17, '文件夹'],
    ['attachments/a:b.pdf', 'attachment/reserved-name', 19, '不允许的字符'],
  ])('refuses %j with %s at its line, in Chinese with a hint', (value, code, line, words) => {
    const { got, diag, printed } = resolve(value);
    expect(got).toBeUndefined();
    expect(diag.items.map((d) => d.code)).toEqual([code]);
    expect(diag.items[0]!.message).toContain(words);
    expect(diag.items[0]!.hints.length).toBeGreaterThan(0);
    expect(printed).toContain(`data/report.yaml:${line}:11: 错误[${code}]`);
  });

  it('suggests the names that do exist when a file is missing', () => {
    const { diag } = resolve('attachments/不存在.xlsx');
    expect(diag.items[0]!.hints.join('')).toContain('附件2 照片.pdf');
  });
});

describe('writeXlsx and writeCsv', () => {
  it('writes a workbook exceljs reads back: title, bold frozen header, number formats, values, A4 print setup', async () => {
    const bytes = await writeXlsx(TABLE, CLOCK);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('柞市镇2021年主要工作数据一览表');
    expect([wb.title, wb.creator, wb.created]).toEqual([TABLE.title, 'gongwen', new Date(Date.UTC(2022, 0, 5, 9, 30))]);
    expect(ws.getCell('A1').value).toBe(TABLE.title);
    expect(ws.getCell('A1').font).toMatchObject({ name: '黑体', size: 14, bold: true });
    expect(ws.getCell('F1').isMerged).toBe(true);
    expect(ws.getRow(1).height).toBe(28);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '类别', '项目', '数值', '单位', '正文位置']);
    expect(ws.getCell('A2').font).toMatchObject({ name: '宋体', size: 11, bold: true });
    expect(ws.getCell('A2').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, topLeftCell: 'A3' });
    // 3,218 → number with thousands format; 91.6% → 0.916 as a percentage; 1200.5 → one decimal; text stays text.
    expect([ws.getCell('D3').value, ws.getCell('D3').numFmt]).toEqual([3218, '#,##0']);
    expect([ws.getCell('D4').value, ws.getCell('D4').numFmt]).toEqual([0.916, '0.0%']);
    expect([ws.getCell('D5').value, ws.getCell('D5').numFmt]).toEqual([1200.5, '0.0']);
    expect([ws.getCell('D6').value, ws.getCell('D6').numFmt]).toEqual([12, '#,##0']);
    expect(ws.getCell('C6').value).toBe('含"引号"、逗号,和\n换行');
    expect(ws.getCell('C6').alignment).toMatchObject({ horizontal: 'left', wrapText: true });
    expect(ws.getCell('A3').value).toBe(1);
    expect(ws.getCell('D3').alignment.horizontal).toBe('right');
    expect(ws.getCell('D3').font).toMatchObject({ name: '宋体', size: 11 });
    // An empty text cell is a blank cell that keeps its border.
    expect(ws.getCell('E4').value).toBeNull();
    expect(ws.getCell('E4').border).toEqual({ left: { style: 'thin' }, right: { style: 'thin' }, top: { style: 'thin' }, bottom: { style: 'thin' } });
    // Widths follow content: the 项目 column (long Chinese text) is wider than 序号.
    expect(ws.getColumn(3).width!).toBeGreaterThan(ws.getColumn(1).width!);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: '2:2' });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');

    const parts = unzipSync(new Uint8Array(bytes));
    const names = Object.keys(parts);
    expect(names.slice(0, 2)).toEqual(['[Content_Types].xml', '_rels/.rels']);
    expect(names.some((n) => n.endsWith('/'))).toBe(false);
    const text = (name: string) => Buffer.from(parts[name]!).toString();
    // Only 宋体 and 黑体: no part (there is no theme) names Calibri or another Latin default that WPS would miss.
    expect(new Set([...text('xl/styles.xml').matchAll(/<name val="([^"]+)"\/>/g)].map((m) => m[1]))).toEqual(new Set(['宋体', '黑体']));
    for (const name of names) expect(text(name), name).not.toMatch(/Calibri|Cambria|typeface/);
    const workbookXml = text('xl/workbook.xml');
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;柞市镇2021年主要工作数据一览表&apos;!$2:$2</definedName>');
    const sheetXml = text('xl/worksheets/sheet1.xml');
    expect(sheetXml).toMatch(/<pageSetup[^>]*paperSize="9"/);
    expect(sheetXml).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
    const core = text('docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2022-01-05T09:30:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2022-01-05T09:30:00Z</dcterms:modified>');
  });

  it('keeps characters XML cannot carry (control, lone surrogate) and literal _xHHHH_ text; quotes the sheet in print titles', async () => {
    const table: TableFileInput = {
      title: "It's 表",
      columns: [{ title: '项目', align: 'left', weight: 1 }],
      rows: [['a\u0001b'], ['_x0041_'], ['<&>'], ['𠀀\ud800']],
    };
    const bytes = await writeXlsx(table, CLOCK);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect([3, 4, 5, 6].map((r) => ws.getCell(`A${r}`).value)).toEqual(table.rows.map((r) => r[0]));
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    const workbookXml = Buffer.from(unzipSync(new Uint8Array(bytes))['xl/workbook.xml']!).toString();
    expect(workbookXml).toContain('>&apos;It&apos;&apos;s 表&apos;!$2:$2</definedName>');
  });

  it('is byte-identical when the wall clock differs between two builds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2030, 5, 1, 12, 0, 7));
      const a = await writeXlsx(TABLE, CLOCK);
      vi.setSystemTime(Date.UTC(2031, 0, 2, 3, 4, 5));
      const b = await writeXlsx(TABLE, CLOCK);
      expect(sha(a)).toBe(sha(b));
    } finally {
      vi.useRealTimers();
    }
  });

  withPython.it('writes CSV with a BOM, CRLF and RFC 4180 quoting that Python csv reads back exactly', () => {
    const csv = writeCsv(TABLE);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFF序号,类别,项目,数值,单位,正文位置');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false);
    const file = path.join(tmpRoot, 't.csv');
    writeFileSync(file, csv);
    const rows = JSON.parse(
      execFileSync('python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))), ensure_ascii=False))', file], { encoding: 'utf8' }),
    );
    expect(rows).toEqual([TABLE.columns.map((c) => c.title), ...TABLE.rows.map((r) => r.map(String))]);
  });
});

describe('writeZip', () => {
  it('refuses unsafe and colliding names with typed, coded errors', async () => {
    const b = Buffer.from('x');
    const codes = async (names: string[]) => {
      try {
        await writeZip(names.map((name) => ({ name, bytes: b })), CLOCK);
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(BundleError);
        return (e as BundleError).diagnostics.map((d) => d.code);
      }
    };
    expect(await codes(['../x.pdf'])).toEqual(['bundle/unsafe-name']);
    expect(await codes(['/abs.pdf'])).toEqual(['bundle/unsafe-name']);
    expect(await codes(['CON.txt'])).toEqual(['bundle/unsafe-name']);
    expect(await codes(['a?.pdf'])).toEqual(['bundle/unsafe-name']);
    expect(await codes(['附件.pdf', '附件.pdf'])).toEqual(['bundle/duplicate-name']);
    expect(await codes(['Report.PDF', 'report.pdf'])).toEqual(['bundle/duplicate-name']);
    expect(await codes(['ok.pdf'])).toEqual([]);
  });

  it('carries the origin span of a bad name into its diagnostic', async () => {
    const origin = { file: 'data/report.yaml', start: 10, end: 14 };
    const err = await writeZip([{ name: 'a/../b', bytes: Buffer.from('x'), origin }], CLOCK).catch((e: BundleError) => e);
    expect((err as BundleError).diagnostics[0]!.span).toEqual(origin);
  });
});

describe('packBundle', async () => {
  const { files, result, out, unzipped, zip } = await materialise('a');
  const zipEntryNames = [...files.map((f) => f.path), 'index.html', 'manifest.json', 'SHA256SUMS'];

  it('puts every file plus index.html, manifest.json and SHA256SUMS in the zip, sorted by name', () => {
    const names = rawEntries(zip).map((e) => e.name);
    expect(names).toEqual([...zipEntryNames].sort((a, b) => (a < b ? -1 : 1)));
    expect(result.outputs.map((o) => o.path)).toEqual(['index.html', 'manifest.json', 'SHA256SUMS', ZIP_NAME]);
  });

  it('sets bit 11 (UTF-8) in local and central headers, made-by Unix, mode 0644, no extra fields, fixed DOS time', () => {
    const dosDate = ((2022 - 1980) << 9) | (1 << 5) | 5;
    const dosTime = (9 << 11) | (30 << 5);
    for (const e of rawEntries(zip)) {
      expect(e.centralFlags & 0x800).toBe(0x800);
      expect(e.localFlags & 0x800).toBe(0x800);
      expect(e.localFlags & 0x8).toBe(0); // no data descriptor
      expect(e.madeBy).toBe(3);
      expect(e.mode).toBe(0o100644);
      expect(e.centralExtra).toBe(0);
      expect(e.localExtra).toBe(0);
      expect(e.localName).toBe(e.name);
      expect(e.centralTime).toEqual([dosTime, dosDate]);
      expect(e.localTime).toEqual([dosTime, dosDate]);
    }
  });

  withZipTools.it('lists the Chinese names correctly with Info-ZIP unzip -l, Python zipfile and 7-Zip', () => {
    const listing = run('unzip', ['-l', path.join(out, ZIP_NAME)]);
    for (const n of zipEntryNames) expect(listing).toContain(`2022-01-05 09:30   ${n}\n`);
    const py = JSON.parse(
      run('python3', [
        '-c',
        'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps([[i.filename, i.flag_bits & 0x800, i.create_system, list(i.date_time)] for i in z.infolist()], ensure_ascii=False)); assert z.testzip() is None',
        path.join(out, ZIP_NAME),
      ]),
    ) as [string, number, number, number[]][];
    expect(py.map((r) => r[0]).sort()).toEqual([...zipEntryNames].sort());
    for (const [, flag, system, time] of py) expect([flag, system, time]).toEqual([0x800, 3, [2022, 1, 5, 9, 30, 0]]);
    const seven = run('7z', ['l', '-ba', path.join(out, ZIP_NAME)]);
    for (const n of zipEntryNames) expect(seven).toContain(n);
    expect(run('7z', ['t', path.join(out, ZIP_NAME)])).toContain('Everything is Ok');
  });

  withZipTools.it('passes sha256sum -c SHA256SUMS in out/ and in the unzipped folder, covering every file but SHA256SUMS', () => {
    for (const dir of [out, unzipped]) {
      const report = run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], dir);
      const checked = report.trim().split('\n');
      expect(checked.every((l) => l.endsWith(': OK'))).toBe(true);
      const listed = checked.map((l) => l.slice(0, -': OK'.length)).sort();
      expect(listed).toEqual(readdirSync(dir).filter((n) => n !== 'SHA256SUMS').sort());
    }
  });

  withZipTools.it('has manifests whose hashes and sizes match the bytes on disk, files sorted, keys in order', () => {
    for (const [dir, expectedExtra] of [
      [out, ['index.html', ZIP_NAME]],
      [unzipped, ['index.html']],
    ] as const) {
      const text = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).toContain('\n  "generator": {\n    "name": "gongwen",\n    "version": "0.1.0"\n  },');
      const m = JSON.parse(text);
      expect(Object.keys(m)).toEqual(['generator', 'report', 'fonts', 'files']);
      expect(m.report).toEqual(REPORT);
      expect(m.fonts).toEqual(FONTS);
      const paths = m.files.map((f: { path: string }) => f.path);
      expect(paths).toEqual([...paths].sort((a: string, b: string) => (a < b ? -1 : 1)));
      expect([...paths].sort()).toEqual([...files.map((f) => f.path), ...expectedExtra].sort());
      for (const f of m.files) {
        expect(Object.keys(f)).toEqual(['path', 'title', 'kind', 'edition', 'role', 'sha256', 'bytes', ...(f.pages ? ['pages'] : [])]);
        const bytes = readFileSync(path.join(dir, f.path));
        expect([f.sha256, f.bytes]).toEqual([sha(bytes), bytes.length]);
      }
    }
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const byPath = (p: string) => m.files.find((f: { path: string }) => f.path === p);
    expect(byPath(ZIP_NAME)).toMatchObject({ kind: 'zip', role: 'bundle', edition: null });
    expect(byPath('index.html')).toMatchObject({ kind: 'html', role: 'index' });
    expect(byPath(files[0]!.path)).toMatchObject({ kind: 'pdf', role: 'report', edition: 'zh-Hans', pages: 9 });
    expect(byPath(files[3]!.path)).toMatchObject({ kind: 'xlsx', role: 'attachment' });
    expect(result.manifest).toEqual(m);
  });

  it('is byte-identical across two packs', async () => {
    const again = await pack();
    for (const [i, o] of again.outputs.entries()) expect(sha(o.bytes)).toBe(sha(result.outputs[i]!.bytes));
  });

  it('is byte-identical across time zones and locales (child processes with TZ=UTC, Asia/Shanghai, America/Los_Angeles)', () => {
    const script = path.join(tmpRoot, 'tz-child.mts');
    const src = (p: string) => JSON.stringify(path.join(ROOT, p));
    writeFileSync(
      script,
      `import { writeXlsx } from ${src('src/bundle/table-files.ts')};
import { packBundle } from ${src('src/bundle/index.ts')};
import { nodeWorld } from ${src('src/world.ts')};
import { createHash } from 'node:crypto';
const table = ${JSON.stringify(TABLE)};
const clock = new Date(Date.UTC(2022, 0, 5, 9, 30, 0));
const files = ${JSON.stringify(files.map((f) => ({ ...f, bytes: f.bytes.toString('base64') })))}.map((f) => ({ ...f, bytes: Buffer.from(f.bytes, 'base64') }));
const xlsx = await writeXlsx(table, clock);
const r = await packBundle({ title: '全部文件（压缩包）', zipName: ${JSON.stringify(ZIP_NAME)}, files, report: ${JSON.stringify(REPORT)}, fonts: ${JSON.stringify(FONTS)}, version: '0.1.0', clock, world: nodeWorld(${JSON.stringify(ROOT)}) });
const h = (b) => createHash('sha256').update(b).digest('hex');
console.log(JSON.stringify({ xlsx: h(xlsx), outputs: r.outputs.map((o) => [o.path, h(o.bytes)]) }));
`,
    );
    const expected = JSON.stringify({ xlsx: sha(files[3]!.bytes), outputs: result.outputs.map((o) => [o.path, sha(o.bytes)]) });
    for (const [TZ, LANG] of [
      ['UTC', 'C'],
      ['Asia/Shanghai', 'zh_CN.UTF-8'],
      ['America/Los_Angeles', 'en_US.UTF-8'],
    ]) {
      const got = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ, LANG, LC_ALL: LANG } });
      expect(got.trim(), TZ).toBe(expected);
    }
  }, 60_000);

  it('refuses a file named like a bundle output, and unsafe or colliding names, with every problem reported', async () => {
    const files = await sampleFiles();
    const origin = { file: 'data/report.yaml', start: 3, end: 9 };
    const bad: BundleFile[] = [
      ...files,
      { ...files[4]!, path: 'manifest.json' },
      { ...files[4]!, path: 'AUX.csv', origin },
      { ...files[4]!, path: files[3]!.path.toUpperCase() },
    ];
    const err = (await pack(bad).catch((e: unknown) => e)) as BundleError;
    expect(err).toBeInstanceOf(BundleError);
    expect(err.diagnostics.map((d) => d.code).sort()).toEqual(['bundle/duplicate-name', 'bundle/duplicate-name', 'bundle/unsafe-name']);
    expect(err.diagnostics.find((d) => d.code === 'bundle/unsafe-name')!.span).toEqual(origin);
    const xlsxCollision = await pack([...files, { ...files[3]!, path: files[3]!.path.replace('.xlsx', '.XLSX') }]).catch((e: unknown) => e);
    expect((xlsxCollision as BundleError).diagnostics.map((d) => d.message).join()).toContain('大小写');
  });

  withZipTools.it('renders an index page that parses as strict XML with HTML5 structure, no scripts and no external assets', () => {
    for (const dir of [out, unzipped]) {
      const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
      const found = checkHtml(html);
      expect(found.problems).toEqual([]);
      expect(found.title).toBe(`${REPORT.title} 附件下载`);
      const expectedLinks = [...files.map((f) => f.path), ...(dir === out ? [ZIP_NAME] : []), 'SHA256SUMS', 'manifest.json'];
      expect(found.hrefs.map(decodeURIComponent).sort()).toEqual(expectedLinks.sort());
      for (const href of found.hrefs) expect(href).toMatch(/^[A-Za-z0-9%._~!'()*-]+$/);
      for (const f of files) expect(html).toContain(sha(f.bytes));
    }
  });

  it('escapes data in the page', async () => {
    const files = await sampleFiles();
    files[5] = { ...files[5]!, title: '<script>alert("x")</script> & 附件' };
    const r = await pack(files);
    const html = r.outputs[0]!.bytes.toString('utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 附件');
    expect(checkHtml(html).problems).toEqual([]);
  });
});

/** Elements the page may use (HTML5, nothing that loads or runs anything). */
const ALLOWED = new Set('html head meta title style body header main footer h1 p table caption thead tbody tr th td a span code'.split(' '));
const VOID = new Set(['meta']);

/**
 * Our HTML validity check (no npm validator is installed): the page is written XHTML-compatible, so saxes parses it
 * strictly (balanced tags, quoted attributes, valid entities), and we check HTML5 structure on top: doctype,
 * lang, charset first in head, a title, allowed elements only, table content model, unique ids, no src/url()/@import.
 */
function checkHtml(html: string) {
  const problems: string[] = [];
  const hrefs: string[] = [];
  const ids = new Set<string>();
  const stack: string[] = [];
  let doctype = '';
  let title = '';
  let headChildren = 0;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (e) => problems.push(`xml: ${e.message}`));
  parser.on('doctype', (d) => (doctype = d.trim()));
  parser.on('text', (t) => {
    if (stack.at(-1) === 'title') title += t;
    if (stack.at(-1) === 'style' && /url\(|@import|expression\(/i.test(t)) problems.push('style loads external resources');
  });
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1);
    const name = tag.name;
    if (!ALLOWED.has(name)) problems.push(`element <${name}> not allowed`);
    const attrs = tag.attributes as Record<string, string>;
    if ('src' in attrs || Object.keys(attrs).some((a) => a.startsWith('on'))) problems.push(`<${name}> has src/on* attributes`);
    if (attrs['id'] !== undefined) {
      if (ids.has(attrs['id'])) problems.push(`duplicate id ${attrs['id']}`);
      ids.add(attrs['id']);
    }
    if (name === 'html' && (parent !== undefined || attrs['lang'] !== 'zh-CN')) problems.push('html must be the root with lang="zh-CN"');
    if (parent === 'head' && headChildren++ === 0 && !(name === 'meta' && attrs['charset']?.toLowerCase() === 'utf-8')) problems.push('meta charset must come first');
    const allowedParents: Record<string, string[]> = {
      head: ['html'], body: ['html'], tr: ['thead', 'tbody'], th: ['tr'], td: ['tr'], thead: ['table'], tbody: ['table'], caption: ['table'],
      meta: ['head'], title: ['head'], style: ['head'],
    };
    if (allowedParents[name] && !allowedParents[name]!.includes(parent ?? '')) problems.push(`<${name}> inside <${parent}>`);
    if (name === 'a') {
      if (!attrs['href']) problems.push('a without href');
      else hrefs.push(attrs['href']);
    }
    if (VOID.has(name) && !tag.isSelfClosing) problems.push(`void <${name}> must self-close`);
    stack.push(name);
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(html).close();
  if (doctype !== 'html') problems.push(`doctype is ${JSON.stringify(doctype)}`);
  if (!html.startsWith('<!DOCTYPE html>')) problems.push('doctype must be first');
  if (!title.trim()) problems.push('empty title');
  return { problems, hrefs, title };
}

describe('CSV injection', () => {
  it('neutralises text that a spreadsheet would run as a formula, and leaves numbers alone', async () => {
    const { writeCsv: csv } = await import('../src/bundle/table-files.ts');
    const out = csv({ title: 't', columns: [{ title: '项目', align: 'left', weight: 1 }, { title: '数值', align: 'right', weight: 1, numeric: true }], rows: [['=HYPERLINK("http://x")', '-12'], ['@SUM(A1)', -3], ['+1,5', '1,234']] }).toString('utf8');
    const lines = out.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")",-12`);
    expect(lines[2]).toBe(`'@SUM(A1),-3`);
    expect(lines[3]).toBe(`"+1,5","1,234"`);
  });
});
