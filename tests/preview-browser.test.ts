// `gongwen preview` (issue #12) in real headless Chromium (playwright-core driving the Debian chromium): the page
// shows the pages drawn from the layout the PDF is drawn from, as selectable and searchable text in the served
// faces; a save updates it by itself — no reload — and scrolls to the first page that changed; the diagnostics of
// the last build are on the page with file:line:col; the editions switch; the server answers only its own routes
// (404 for a path outside the build, 403 for a foreign Host).
import { request } from 'node:http';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from './support/cli-process.ts';
import { DEFAULT_DATA, copyProject, edit } from './support/project.ts';
import { needs } from './support/tools.ts';

const root = copyProject('gongwen-preview-');
const dataFile = path.join(root, 'data/report.yaml');
let preview: CliProcess;
let browser: Browser;
let page: Page;
let url: string;
const fontResponses: number[] = [];
/** The page tests drive the Debian chromium; the server tests need only the preview process. */
const withChromium = needs('chromium');

afterAll(async () => {
  await browser?.close();
  preview?.child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** The text of page n as the browser has it, white space removed. */
const pageText = (n: number) => page.evaluate((i) => (document.getElementById(`page-${i}`)?.textContent ?? '').replace(/\s+/g, ''), n);

/** A raw GET (the path sent as given, no URL normalisation), resolving with status and body. */
function rawGet(pathname: string, host?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: pathname, method: 'GET', headers: host ? { Host: host } : {} }, (res) => {
      let body = '';
      res.setEncoding('latin1').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  preview = new CliProcess(root, ['preview', '--port', '0', '--json']);
  await preview.until(() => /预览：http:\/\/127\.0\.0\.1:\d+\//.test(preview.stderr), 60_000, 'the preview URL');
  url = /预览：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(preview.stderr)![1]!;
  await preview.nextLine(120_000); // the first build, all outputs written
}, 180_000);

withChromium.describe('gongwen preview in a browser', () => {
  withChromium.beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/fonts/')) fontResponses.push(r.status());
    });
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset['status'] === 'written' && document.querySelectorAll('.page svg').length >= 10);
    await page.evaluate(() => document.fonts.ready);
  }, 180_000);

  it('shows page 1 as text drawn from the layout, in the faces the PDF uses', async () => {
    expect(await pageText(1)).toContain('柞市镇2021年工作总结和2022年工作计划');
    expect(await pageText(1)).toContain('2021年，柞市镇党委、政府在县委、县政府坚强领导下');
    expect(await pageText(1)).toContain('—1—');
    expect(await page.locator('.page').count()).toBe(10);
    // Served faces, loaded by the browser and used by the text.
    expect(fontResponses.length).toBeGreaterThan(0);
    expect(fontResponses.every((s) => s === 200)).toBe(true);
    const family = await page.evaluate(() => document.querySelector('#page-1 tspan')?.getAttribute('font-family') ?? '');
    expect(family).toMatch(/^gw-[0-9a-f]{16}-\d+, serif$/);
    expect(await page.evaluate((f) => document.fonts.check(`16px "${f}"`), family.split(',')[0]!)).toBe(true);
  });

  it('lets the browser find and select the text (one text element per line)', async () => {
    expect(await page.evaluate(() => (window as unknown as { find(s: string): boolean }).find('2021年，柞市镇党委'))).toBe(true);
    const selected = await page.evaluate(() => {
      const line = [...document.querySelectorAll('#page-1 text')].find((t) => (t.textContent ?? '').startsWith('2021年'))!;
      const range = document.createRange();
      range.selectNodeContents(line);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString();
    });
    expect(selected.startsWith('2021年，柞市镇党委、政府在县委、县政府坚强领导下，以')).toBe(true);
  });

  it('shows the last build’s diagnostics with file:line:col', async () => {
    const line = DEFAULT_DATA.split('\n').findIndex((l) => l.includes('各项刚工作')) + 1;
    const col = DEFAULT_DATA.split('\n')[line - 1]!.indexOf('刚') + 1;
    await expect.poll(() => page.textContent('#diagnostics')).toContain(`data/report.yaml:${line}:${col}: 警告[lint/broken-phrase]`);
  });

  it('updates page 1 by itself after a save, without reloading', async () => {
    await page.evaluate(() => ((window as unknown as { keptAcrossUpdates: number }).keptAcrossUpdates = 42));
    writeFileSync(dataFile, edit(DEFAULT_DATA, '各项刚工作稳中求进', '各项工作稳中求进'));
    await page.waitForFunction(() => (document.getElementById('page-1')?.textContent ?? '').replace(/\s+/g, '').includes('各项工作稳中求进'), undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { keptAcrossUpdates?: number }).keptAcrossUpdates)).toBe(42);
    await expect.poll(() => page.textContent('#diagnostics')).not.toContain('lint/broken-phrase');
    await preview.nextLine(); // this build's outputs written
  }, 60_000);

  it('scrolls to the first page that changed', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const fourth = edit(edit(DEFAULT_DATA, '各项刚工作稳中求进', '各项工作稳中求进'), '五保对象364名', '五保对象三百六十四名');
    const pageOf = async () => (await Promise.all([1, 2, 3, 4, 5, 6].map(pageText))).findIndex((t) => t.includes('五保对象364名')) + 1;
    const target = await pageOf();
    expect(target).toBeGreaterThan(2);
    writeFileSync(dataFile, fourth);
    await page.waitForFunction((n) => (document.getElementById(`page-${n}`)?.textContent ?? '').replace(/\s+/g, '').includes('五保对象三百六十四名'), target, { timeout: 30_000 });
    // The page's top edge just below the sticky header.
    const gap = (n: number) => page.evaluate((i) => Math.round(document.getElementById(`page-${i}`)!.getBoundingClientRect().top - document.querySelector('header')!.getBoundingClientRect().bottom), n);
    await expect.poll(() => gap(target)).toBeLessThan(20);
    expect(await gap(target)).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await preview.nextLine();
  }, 60_000);

  it('keeps the last good pages after a broken save and shows the error where it is', async () => {
    const good = readFileSync(dataFile, 'utf8');
    writeFileSync(dataFile, good.replace('\n  title: ', '\n  title: "'));
    await page.waitForFunction(() => document.body.dataset['status'] === 'failed', undefined, { timeout: 30_000 });
    expect(await page.textContent('#diagnostics')).toMatch(/data\/report\.yaml:\d+:\d+: 错误\[load\/yaml-/);
    expect(await page.locator('.page').count()).toBe(10);
    expect(await pageText(1)).toContain('各项工作稳中求进');
    await preview.nextLine();
    writeFileSync(dataFile, good);
    await page.waitForFunction(() => document.body.dataset['status'] === 'written', undefined, { timeout: 30_000 });
    await preview.nextLine();
  }, 60_000);

  it('switches to the Traditional edition', async () => {
    await page.click('button[data-edition="zh-Hant"]');
    await page.waitForFunction(() => (document.getElementById('page-1')?.textContent ?? '').replace(/\s+/g, '').includes('柞市鎮2021年工作總結'), undefined, { timeout: 30_000 });
    await page.click('button[data-edition="zh-Hans"]');
    await page.waitForFunction(() => (document.getElementById('page-1')?.textContent ?? '').replace(/\s+/g, '').includes('柞市镇2021年工作总结'), undefined, { timeout: 30_000 });
  }, 60_000);
});

describe('the preview server', () => {
  it('serves the outputs of this build and its own routes', async () => {
    const manifest = await rawGet('/files/manifest.json');
    expect(manifest.status).toBe(200);
    expect(JSON.parse(Buffer.from(manifest.body, 'latin1').toString('utf8')).generator.name).toBe('gongwen');
    const pdf = await rawGet(`/files/${encodeURIComponent('柞市镇2021年工作总结和2022年工作计划（简体）.pdf')}`);
    expect(pdf.status).toBe(200);
    expect(pdf.body.startsWith('%PDF-')).toBe(true);
    expect((await rawGet('/pages/zh-Hans/1.svg')).status).toBe(200);
  });

  it('answers 404 for any path outside the build, and lists no folder', async () => {
    for (const p of ['/../../etc/passwd', '/files/../../etc/passwd', '/files/..%2F..%2Fetc%2Fpasswd', '/files/%2Fetc%2Fpasswd', '/data/report.yaml', '/files/', '/fonts/', '/pages/', '/pages/zh-Hans/99.svg', '/pages/en/1.svg', '/out/manifest.json', '/index.html', '/favicon.ico', '/files/.gongwen-record.json'])
      expect((await rawGet(p)).status, p).toBe(404);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    expect((await rawGet('/state.json', 'attacker.example:80')).status).toBe(403);
  });

  it('ends on Ctrl-C with exit 0', async () => {
    expect(await preview.interrupt()).toBe(0);
  }, 30_000);
});
