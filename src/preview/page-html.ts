/**
 * Stage: preview — the page in the browser. Input: nothing but the report title → the HTML shell (/) and its script
 * (/client.js). The script reads /state.json, draws each page's SVG (fetched by page digest, so only pages that
 * changed are fetched again), declares the web fonts, shows the diagnostics, the change summary and the output
 * files, and switches editions; on every server-sent `update` event it does the same again without reloading, and
 * scrolls to the first page whose digest changed. `document.body.dataset.generation` tells tests and the benchmark
 * which state is on screen.
 */

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML of `/`. */
export function previewPageHtml(title: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>预览：${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light; font-family: system-ui, "Noto Sans SC", "Microsoft YaHei", sans-serif; }
  body { margin: 0; background: #e8e8e8; color: #222; }
  header { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
    padding: .5rem 1rem; background: #fafafa; border-bottom: 1px solid #ccc; }
  header h1 { font-size: 1rem; margin: 0; font-weight: 600; }
  #editions button { font: inherit; padding: .15rem .7rem; border: 1px solid #999; background: #fff; border-radius: 3px; cursor: pointer; }
  #editions button[aria-pressed="true"] { background: #333; color: #fff; border-color: #333; }
  #status { font-size: .9rem; color: #555; }
  #status[data-status="failed"], #status[data-status="notWritten"] { color: #b00020; font-weight: 600; }
  #files { font-size: .85rem; display: flex; flex-wrap: wrap; gap: .2rem .8rem; }
  #files a { color: #1a4f9c; }
  .panel { margin: .75rem auto; max-width: 210mm; background: #fff; border: 1px solid #ccc; padding: .5rem 1rem; font-size: .9rem; }
  .panel h2 { font-size: .95rem; margin: .2rem 0 .4rem; }
  .panel ul { margin: 0; padding-left: 1.2rem; }
  .panel li { margin: .15rem 0; }
  #diagnostics .error { color: #b00020; }
  #diagnostics .warning { color: #8a5a00; }
  #diagnostics code { font-family: ui-monospace, monospace; color: #333; }
  #diagnostics .hint { color: #555; display: block; }
  #changes li { white-space: pre-wrap; }
  main { display: flex; flex-direction: column; align-items: center; gap: 12px; padding: 12px 0 48px; }
  .page { width: min(100% - 16px, 210mm); aspect-ratio: 210 / 297; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
  .page svg { display: block; width: 100%; height: 100%; }
  .page text { white-space: pre; font-kerning: none; font-variant-ligatures: none; user-select: text; }
  @media print { header, .panel { display: none; } body { background: none; } main { padding: 0; gap: 0; }
    .page { box-shadow: none; width: 210mm; break-after: page; } }
</style>
</head>
<body data-generation="-1">
<header>
  <h1 id="title">${escapeHtml(title)}</h1>
  <nav id="editions" aria-label="版本"></nav>
  <span id="status" role="status">正在连接……</span>
  <span id="files"></span>
</header>
<section id="diagnostics" class="panel" hidden><h2>诊断</h2><ul></ul></section>
<section id="changes" class="panel" hidden><h2>与上次构建相比</h2><ul></ul></section>
<main id="pages" aria-label="页面"></main>
<script src="/client.js"></script>
</body>
</html>
`;
}

/** The script of the page (/client.js): no framework, no dependency, no network beyond this server. */
export const PREVIEW_CLIENT_JS = `'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const fontsDeclared = new Set();
  const fontSheet = document.head.appendChild(document.createElement('style')).sheet;
  let shown = new URLSearchParams(location.search).get('edition');
  let latest = null;
  let drawnGeneration = -1;
  let busy = null;
  let again = false;

  const el = (tag, props = {}, children = []) => {
    const e = Object.assign(document.createElement(tag), props);
    for (const c of children) e.append(c);
    return e;
  };

  function declareFonts(fonts) {
    for (const f of fonts) {
      if (fontsDeclared.has(f.family)) continue;
      fontsDeclared.add(f.family);
      fontSheet.insertRule('@font-face { font-family: "' + f.family + '"; src: url("' + f.url + '") format("truetype"); font-display: block; }', fontSheet.cssRules.length);
    }
  }

  function drawEditions(state) {
    const nav = $('editions');
    nav.replaceChildren(...state.editions.map((e) => {
      const b = el('button', { type: 'button', textContent: e.label });
      b.setAttribute('aria-pressed', String(e.edition === shown));
      b.dataset.edition = e.edition;
      b.addEventListener('click', () => { shown = e.edition; history.replaceState(null, '', '?edition=' + e.edition); listen(); draw(); });
      return b;
    }));
  }

  async function drawPages(state) {
    const edition = state.editions.find((e) => e.edition === shown);
    const main = $('pages');
    if (!edition) { main.replaceChildren(); return; }
    const fresh = main.dataset.edition !== edition.edition;
    if (fresh) { main.replaceChildren(); main.dataset.edition = edition.edition; }
    const hadPages = main.children.length > 0;
    while (main.children.length > edition.pages.length) main.lastElementChild.remove();
    let first = -1;
    const loads = [];
    edition.pages.forEach((digest, i) => {
      let page = main.children[i];
      if (!page) {
        page = el('div', { className: 'page', id: 'page-' + (i + 1) });
        page.setAttribute('aria-label', '第 ' + (i + 1) + ' 页');
        main.append(page);
      }
      if (page.dataset.digest === digest) return;
      if (first === -1) first = i;
      loads.push(fetch('/pages/' + edition.edition + '/' + (i + 1) + '.svg?d=' + digest).then((r) => r.text()).then((svg) => {
        page.innerHTML = svg;
        page.dataset.digest = digest;
      }));
    });
    await Promise.all(loads);
    // Below the sticky header, whose height depends on how many file links it holds.
    if (first >= 0 && hadPages && !fresh) window.scrollTo({ top: main.children[first].getBoundingClientRect().top + window.scrollY - document.querySelector('header').offsetHeight - 8 });
  }

  function drawDiagnostics(state) {
    const box = $('diagnostics');
    const items = state.diagnostics.map((d) => el('li', { className: d.severity }, [
      el('code', { textContent: d.location ? d.location + ': ' : '' }),
      (d.severity === 'error' ? '错误' : '警告') + '[' + d.code + ']: ' + d.message,
      ...d.hints.map((h) => el('span', { className: 'hint', textContent: '提示：' + h })),
    ]));
    if (state.moreDiagnostics > 0) items.push(el('li', { textContent: '还有 ' + state.moreDiagnostics + ' 条未显示' }));
    box.querySelector('ul').replaceChildren(...items);
    box.hidden = items.length === 0;
  }

  function drawChanges(state) {
    const box = $('changes');
    const lines = state.changes.map((l) => l.trim().replace(/^与上次构建相比：/, '')).filter(Boolean).map((l) => el('li', { textContent: l }));
    box.querySelector('ul').replaceChildren(...lines);
    box.hidden = lines.length === 0;
  }

  function drawFiles(state) {
    $('files').replaceChildren(...state.files.filter((f) => /\\.(pdf|docx|zip|html)$/.test(f.path)).map((f) => el('a', { href: f.url, textContent: f.path, target: '_blank' })));
  }

  async function draw() {
    if (busy) { again = true; return busy; }
    busy = (async () => {
      do {
        again = false;
        const state = latest;
        if (!state) break;
        if (!shown || !state.editions.some((e) => e.edition === shown)) shown = state.editions[0] ? state.editions[0].edition : null;
        listen();
        document.title = '预览：' + state.title;
        $('title').textContent = state.title;
        const status = $('status');
        status.textContent = state.statusText + (state.build > 0 ? '（第 ' + state.build + ' 次构建）' : '');
        status.dataset.status = state.status;
        declareFonts(state.fonts);
        drawEditions(state);
        drawDiagnostics(state);
        drawChanges(state);
        drawFiles(state);
        await drawPages(state);
        drawnGeneration = state.generation;
        document.body.dataset.generation = String(state.generation);
        document.body.dataset.status = state.status;
      } while (again);
      busy = null;
    })();
    return busy;
  }

  async function refresh() {
    const state = await fetch('/state.json', { cache: 'no-store' }).then((r) => r.json());
    if (latest && state.generation <= latest.generation) return;
    latest = state;
    if (state.generation > drawnGeneration) await draw();
  }

  // The server lays out first the edition a page shows: the stream says which.
  let events = null;
  let listening = undefined;
  function listen() {
    if (events && listening === shown) return;
    if (events) events.close();
    listening = shown;
    events = new EventSource('/events' + (shown ? '?edition=' + encodeURIComponent(shown) : ''));
    events.addEventListener('update', () => { refresh().catch(() => {}); });
    events.addEventListener('open', () => { refresh().catch(() => {}); });
    events.addEventListener('error', () => { $('status').textContent = '与预览服务断开，正在重连……'; });
  }
  listen();
})();
`;
