// The 附件下载 page in a real browser (Debian `chromium` driven by playwright-core), opened over file:// both in
// out/ and in the unzipped bundle: every file is shown, every link resolves to a file that is there, nothing else
// is loaded, the page fits narrow screens and prints on A4.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { needs } from './support/tools.ts';
import { packBundle, type BundleFile } from '../src/bundle/index.ts';
import { writeCsv, writeXlsx, type TableFileInput } from '../src/bundle/table-files.ts';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.ts';

const { beforeAll, describe, it } = needs('chromium', 'unzip');

const CLOCK = new Date(Date.UTC(2022, 0, 5));
const ZIP_NAME = '柞市镇2021年工作总结和2022年工作计划-附件下载.zip';
const TABLE: TableFileInput = {
  title: '柞市镇2021年主要工作数据一览表',
  columns: [
    { title: '项目', align: 'left', weight: 6 },
    { title: '数值', align: 'right', weight: 3, numeric: true },
    { title: '单位', align: 'center', weight: 2 },
  ],
  rows: [
    ['固定资产投资', '3,218', '万元'],
    ['新农合参保率', '91.6%', ''],
  ],
};

async function sampleFiles(): Promise<BundleFile[]> {
  const t = '柞市镇2021年工作总结和2022年工作计划';
  const a = '柞市镇2021年主要工作数据一览表';
  const fake = (n: number, size: number) => Buffer.alloc(size, n);
  return [
    { path: `${t}（简体）.pdf`, title: t, kind: 'pdf', edition: 'zh-Hans', role: 'report', bytes: fake(1, 120_000), pages: 9 },
    { path: `${t}（简体）.docx`, title: t, kind: 'docx', edition: 'zh-Hans', role: 'report', bytes: fake(2, 30_000) },
    { path: `${t}（繁體）.pdf`, title: '柞市鎮2021年工作總結和2022年工作計劃', kind: 'pdf', edition: 'zh-Hant', role: 'report', bytes: fake(3, 2_500_000), pages: 9 },
    { path: `附件1 ${a}.xlsx`, title: a, kind: 'xlsx', edition: 'zh-Hans', role: 'attachment', bytes: await writeXlsx(TABLE, CLOCK) },
    { path: `附件1 ${a}.csv`, title: a, kind: 'csv', edition: 'zh-Hans', role: 'attachment', bytes: writeCsv(TABLE) },
    // Characters that need percent-encoding in an href: space, #, %, &, +, full-width brackets.
    { path: '附件2 项目#照片 100%&A+B（扫描件）.pdf', title: '项目现场照片（扫描件）', kind: 'pdf', edition: null, role: 'attachment', bytes: fake(4, 900) },
  ];
}

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'gongwen-bundle-browser-'));
const out = path.join(tmpRoot, 'out');
const unzipped = path.join(tmpRoot, 'unzipped');
let files: BundleFile[] = [];
let browser: Browser;

beforeAll(async () => {
  files = await sampleFiles();
  const result = await packBundle({
    title: '全部文件（压缩包）',
    zipName: ZIP_NAME,
    files,
    report: { id: 'x', title: '柞市镇2021年工作总结和2022年工作计划', organ: '柞市镇人民政府', date: '2022-01-05' },
    fonts: {},
    version: '0.1.0',
    clock: CLOCK,
    world: nodeWorld(PACKAGE_ROOT),
  });
  mkdirSync(out, { recursive: true });
  mkdirSync(unzipped, { recursive: true });
  for (const f of [...files, ...result.outputs]) writeFileSync(path.join(out, f.path), f.bytes);
  execFileSync('unzip', ['-q', path.join(out, ZIP_NAME), '-d', unzipped]);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(tmpRoot, { recursive: true, force: true });
});

describe.each([
  ['out/', out, true],
  ['the unzipped bundle', unzipped, false],
])('index.html in %s', (_label, dir, listsZip) => {
  it('shows every file with title, edition, format, size and SHA-256, and every link resolves to a file there', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const indexUrl = pathToFileURL(path.join(dir, 'index.html')).href;
    await page.goto(indexUrl);
    expect(await page.title()).toBe('柞市镇2021年工作总结和2022年工作计划 附件下载');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    const rows = await page.$$eval('tbody tr', (trs) =>
      trs
        .filter((tr) => tr.querySelector('td'))
        .map((tr) => ({ cells: [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim()), href: tr.querySelector('a')!.href })),
    );
    const expected = listsZip ? [...files.map((f) => f.path), ZIP_NAME] : files.map((f) => f.path);
    expect(rows.map((r) => r.cells[5])).toEqual(expected);
    const shown = new Map(rows.map((r) => [r.cells[5], r]));
    for (const f of files) {
      const row = shown.get(f.path)!;
      expect(row.cells[0]).toBe(f.title);
      expect(row.cells[1]).toBe(f.edition === 'zh-Hans' ? '简体' : f.edition === 'zh-Hant' ? '繁體' : '—');
      expect(row.cells[2]).toBe(f.kind.toUpperCase());
      expect(row.cells[4]).toBe(execFileSync('sha256sum', [path.join(dir, f.path)], { encoding: 'utf8' }).split(' ')[0]);
    }
    expect(shown.get(files[2]!.path)!.cells[3]).toBe('2.4 MB\n2,500,000 字节');
    expect(shown.get(files[5]!.path)!.cells[3]).toBe('900 字节');

    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const present = new Set(readdirSync(dir));
    for (const href of hrefs) {
      expect(href.startsWith(pathToFileURL(dir).href + '/')).toBe(true);
      const file = fileURLToPath(href);
      expect(existsSync(file), href).toBe(true);
      expect(present.has(path.basename(file))).toBe(true);
    }
    expect(hrefs.length).toBe(expected.length + 2); // + SHA256SUMS and manifest.json in the footer
    // Self-contained: the page itself is the only request.
    expect(requested).toEqual([indexUrl]);
    await page.close();
  });

  it('fits a phone screen without horizontal scrolling and shows hashes in a monospace font', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    const { scrollWidth, innerWidth, font } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      font: getComputedStyle(document.querySelector('code.sha')!).fontFamily,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect(font).toContain('monospace');
    await page.close();
  });

  it('prints on A4 with black links and the header row repeated', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    await page.emulateMedia({ media: 'print' });
    const styles = await page.evaluate(() => ({
      link: getComputedStyle(document.querySelector('a')!).color,
      thead: getComputedStyle(document.querySelector('thead')!).display,
    }));
    expect(styles).toEqual({ link: 'rgb(0, 0, 0)', thead: 'table-header-group' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 = 595.28 × 841.89 pt; Chromium rounds to CSS pixels (measured: 594.96 × 841.92).
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [w, h] of boxes) expect(Math.abs(w! - 595.28) < 1 && Math.abs(h! - 841.89) < 1, `${w} × ${h}`).toBe(true);
    await page.close();
  });
});
