/**
 * Stage: preview — the local web server. Input: the PreviewState, a host and a port → an HTTP server with exactly
 * these routes, everything served from memory (no file is opened for a request, so no path can leave the build):
 *
 *   /                        the page                 /client.js          its script
 *   /state.json              the snapshot             /events             server-sent events (`update`)
 *   /pages/<edition>/<n>.svg page n of an edition     /fonts/<name>.ttf   a face the pages use
 *   /files/<path>            an output file of the last written build (exact path, percent-encoded)
 *
 * Anything else is 404, there are no listings. It binds 127.0.0.1 unless told otherwise, and on a loopback address
 * it answers only requests whose Host is that address (a web page elsewhere cannot read it by DNS rebinding).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PREVIEW_CLIENT_JS, previewPageHtml } from './page-html.ts';
import type { PreviewState } from './state.ts';

/** A running server. */
export interface PreviewServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /**
   * Resolves once every open page has fetched the state of `generation` and the pages it asked for (no request for
   * DELIVERY_QUIET_MS), or after DELIVERY_MAX_MS. The full build that follows the layout keeps the event loop busy
   * for hundreds of milliseconds; waiting for this first lets the browser have the new pages at once.
   */
  delivered(generation: number): Promise<void>;
  /** The editions the open pages show (`/events?edition=…`): laid out first. */
  viewedEditions(): Set<string>;
  close(): Promise<void>;
}

/** No request for this long after the state was fetched: the page has what it needs. */
const DELIVERY_QUIET_MS = 60;
/** The longest the full build waits for the pages to be fetched. */
const DELIVERY_MAX_MS = 400;

/** A keep-alive comment on the event stream, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

const PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; font-src 'self'; style-src 'self' 'unsafe-inline'";

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

const notFound = (res: ServerResponse) => send(res, 404, 'text/plain; charset=utf-8', '404 找不到\n');

/** Starts the server; resolves once it listens. */
export function startPreviewServer(state: PreviewState, options: { host: string; port: number }): Promise<PreviewServer> {
  /** Open event streams, with the edition each page shows. */
  const streams = new Map<ServerResponse, string>();
  let allowedHosts: Set<string> | undefined;
  /** How often each generation's state was fetched, and when the last state or page request was answered. */
  const stateFetches = new Map<number, number>();
  let lastFetchAt = 0;
  const delivered = async (generation: number) => {
    const clients = streams.size;
    if (clients === 0) return; // no page open: nothing to wait for
    const start = performance.now();
    const fetched = () => [...stateFetches].reduce((n, [g, count]) => (g >= generation ? n + count : n), 0);
    while (performance.now() - start < DELIVERY_MAX_MS) {
      if (fetched() >= clients && performance.now() - Math.max(lastFetchAt, start) >= DELIVERY_QUIET_MS) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const g of stateFetches.keys()) if (g < generation) stateFetches.delete(g);
  };

  const events = (req: IncomingMessage, res: ServerResponse, edition: string) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
    res.write(`retry: 1000\n\n`);
    streams.set(res, edition);
    req.on('close', () => streams.delete(res));
  };
  const unsubscribe = state.subscribe((generation) => {
    for (const res of streams.keys()) res.write(`event: update\ndata: ${generation}\n\n`);
  });
  const heartbeat = setInterval(() => {
    for (const res of streams.keys()) res.write(': \n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const route = (req: IncomingMessage, res: ServerResponse) => {
    if (allowedHosts && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) return send(res, 403, 'text/plain; charset=utf-8', '403 只接受本机地址的请求\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://preview.invalid');
    } catch {
      return notFound(res);
    }
    const { pathname } = url;
    if (pathname === '/') return send(res, 200, 'text/html; charset=utf-8', previewPageHtml(state.snapshot().title), { 'Content-Security-Policy': PAGE_CSP });
    if (pathname === '/client.js') return send(res, 200, 'text/javascript; charset=utf-8', PREVIEW_CLIENT_JS);
    if (pathname === '/state.json') {
      const snapshot = state.snapshot();
      stateFetches.set(snapshot.generation, (stateFetches.get(snapshot.generation) ?? 0) + 1);
      lastFetchAt = performance.now();
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(snapshot));
    }
    if (pathname === '/events') return events(req, res, url.searchParams.get('edition') ?? '');
    const page = /^\/pages\/(zh-Hans|zh-Hant)\/([1-9]\d{0,4})\.svg$/.exec(pathname);
    if (page) {
      lastFetchAt = performance.now();
      const svg = state.pageSvg(page[1] ?? '', Number(page[2]));
      return svg === undefined ? notFound(res) : send(res, 200, 'image/svg+xml; charset=utf-8', svg);
    }
    if (/^\/fonts\/[A-Za-z0-9-]+\.ttf$/.test(pathname)) {
      const font = state.font(pathname);
      return font ? send(res, 200, 'font/ttf', font, { 'Cache-Control': 'max-age=31536000, immutable' }) : notFound(res);
    }
    if (pathname.startsWith('/files/')) {
      let file: string;
      try {
        file = decodeURIComponent(pathname.slice('/files/'.length));
      } catch {
        return notFound(res);
      }
      const bytes = state.output(file);
      const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
      return bytes ? send(res, 200, CONTENT_TYPES[ext] ?? 'application/octet-stream', bytes, { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" }) : notFound(res);
    }
    return notFound(res);
  };

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (e) {
      send(res, 500, 'text/plain; charset=utf-8', `500 内部错误：${(e as Error).message}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
      if (isLoopback(options.host)) allowedHosts = new Set([`${shownHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].map((h) => h.toLowerCase()));
      resolve({
        url: `http://${shownHost}:${port}/`,
        delivered,
        viewedEditions: () => new Set(streams.values()),
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            clearInterval(heartbeat);
            for (const res of streams.keys()) res.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
