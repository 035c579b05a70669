/**
 * Stage: preview — what the page shows. Input: the steps of each rebuild (layouts ready, a failed build, outputs
 * written) → one snapshot the browser reads as /state.json: per edition the digest of every page, the fonts, the
 * diagnostics with `file:line:col`, the change summary, the output files; plus the page SVGs (made on request,
 * kept by digest) and the output bytes. Every change bumps `generation` and tells the listeners (server-sent
 * events). A failed build keeps the pages of the last good one and shows why it failed.
 */
import { EDITION_LABEL, type EditionResult } from '../compile/index.ts';
import type { Diagnostic } from '../diag/diagnostic.ts';
import { location, sortDiagnostics } from '../diag/format.ts';
import type { OutputFile } from '../emit.ts';
import type { PageLayout } from '../layout/types.ts';
import type { Edition } from '../model/types.ts';
import { pageDigest } from '../changes/pages.ts';
import { pageSvg } from './page-svg.ts';
import { WebFonts } from './web-fonts.ts';

/** The diagnostics shown on the page at most (the rest are counted, as on the command line). */
const MAX_SHOWN = 20;

/** Where the last rebuild is. */
export type PreviewStatus = 'building' | 'laidOut' | 'written' | 'notWritten' | 'failed';

const STATUS_TEXT: Record<PreviewStatus, string> = {
  building: '正在生成……',
  laidOut: '版面已更新，正在写出文件……',
  written: '已更新，文件已写出',
  notWritten: '版面已更新；文件未写出（见下方诊断）',
  failed: '构建失败：显示的是上次成功的版面',
};

export interface ShownDiagnostic {
  severity: Diagnostic['severity'];
  code: string;
  /** `data/report.yaml:14:9`, or '' when the diagnostic has no place. */
  location: string;
  message: string;
  hints: string[];
}

/** /state.json. */
export interface PreviewSnapshot {
  generation: number;
  build: number;
  status: PreviewStatus;
  statusText: string;
  title: string;
  editions: { edition: Edition; label: string; pages: string[] }[];
  fonts: { family: string; url: string }[];
  diagnostics: ShownDiagnostic[];
  /** Diagnostics not shown (beyond MAX_SHOWN). */
  moreDiagnostics: number;
  changes: string[];
  files: { path: string; url: string; bytes: number }[];
}

interface ShownEdition {
  edition: Edition;
  pages: { digest: string; layout: PageLayout }[];
}

/** The preview's state; listeners hear of every new generation. */
export class PreviewState {
  private generation = 0;
  private build = 0;
  private status: PreviewStatus = 'building';
  private title = '';
  private editions: ShownEdition[] = [];
  private diagnostics: ShownDiagnostic[] = [];
  private moreDiagnostics = 0;
  private changes: string[] = [];
  private outputs = new Map<string, Buffer>();
  private readonly fonts = new WebFonts();
  private readonly svgs = new Map<string, string>();
  private readonly listeners = new Set<(generation: number) => void>();

  /** The number of the current state. */
  get current(): number {
    return this.generation;
  }

  /** Calls `listener` with the generation after every change; returns the unsubscriber. */
  subscribe(listener: (generation: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.generation++;
    for (const l of this.listeners) l(this.generation);
  }

  /** A rebuild started. */
  building(build: number): void {
    this.build = build;
    this.status = 'building';
    this.changed();
  }

  /**
   * The layouts of a compilation are ready (pages, fonts, the diagnostics so far). `order` lists the editions of the
   * build: an edition not laid out this time (not on screen; the full build lays it out next) keeps its pages.
   */
  laidOut(title: string, editions: readonly EditionResult[], order: readonly Edition[], diagnostics: readonly Diagnostic[], sources: (file: string) => string | undefined): void {
    this.fonts.add(editions.map((e) => e.fonts));
    this.title = title;
    const fresh = new Map(editions.map((e) => [e.edition, { edition: e.edition, pages: e.layout.pages.map((layout) => ({ digest: pageDigest(layout), layout })) }]));
    const kept = new Map(this.editions.map((e) => [e.edition, e]));
    this.editions = order.flatMap((edition) => {
      const shown = fresh.get(edition) ?? kept.get(edition);
      return shown ? [shown] : [];
    });
    const current = new Set(this.editions.flatMap((e) => e.pages.map((p) => `${e.edition}/${p.digest}`)));
    for (const key of this.svgs.keys()) if (!current.has(key)) this.svgs.delete(key);
    this.setDiagnostics(diagnostics, sources);
    this.status = 'laidOut';
    this.changed();
  }

  /** The rebuild failed: the pages stay, the diagnostics say why. */
  failed(diagnostics: readonly Diagnostic[], sources: (file: string) => string | undefined): void {
    this.setDiagnostics(diagnostics, sources);
    this.status = 'failed';
    this.changed();
  }

  /** The full build ended: its outputs (when written) and change summary. */
  finished(written: boolean, outputs: readonly OutputFile[], changes: readonly string[], diagnostics: readonly Diagnostic[], sources: (file: string) => string | undefined): void {
    if (written) this.outputs = new Map(outputs.map((o) => [o.path, o.bytes]));
    this.changes = [...changes];
    this.setDiagnostics(diagnostics, sources);
    this.status = written ? 'written' : 'notWritten';
    this.changed();
  }

  private setDiagnostics(items: readonly Diagnostic[], sources: (file: string) => string | undefined): void {
    const shown = sortDiagnostics(items.filter((d) => d.severity !== 'info'));
    this.diagnostics = shown.slice(0, MAX_SHOWN).map((d) => ({ severity: d.severity, code: d.code, location: location(d, sources), message: d.message, hints: d.hints }));
    this.moreDiagnostics = Math.max(0, shown.length - MAX_SHOWN);
  }

  snapshot(): PreviewSnapshot {
    const keys = new Set(this.editions.flatMap((e) => e.pages.flatMap((p) => [...p.layout.runs, ...(p.layout.pageNumber ?? [])].map((r) => r.faceKey))));
    return {
      generation: this.generation,
      build: this.build,
      status: this.status,
      statusText: STATUS_TEXT[this.status],
      title: this.title,
      editions: this.editions.map((e) => ({ edition: e.edition, label: EDITION_LABEL[e.edition], pages: e.pages.map((p) => p.digest) })),
      fonts: [...keys].sort().flatMap((k) => {
        const f = this.fonts.get(k);
        return f ? [{ family: f.family, url: f.url }] : [];
      }),
      diagnostics: this.diagnostics,
      moreDiagnostics: this.moreDiagnostics,
      changes: this.changes,
      files: [...this.outputs].map(([p, b]) => ({ path: p, url: `/files/${encodeURIComponent(p)}`, bytes: b.length })),
    };
  }

  /** The SVG of page `n` (1-based) of an edition, or undefined. */
  pageSvg(edition: string, n: number): string | undefined {
    const shown = this.editions.find((e) => e.edition === edition);
    const page = shown?.pages[n - 1];
    if (!shown || !page) return undefined;
    const key = `${edition}/${page.digest}`;
    let svg = this.svgs.get(key);
    if (svg === undefined) {
      const faces = this.fonts.faces();
      svg = pageSvg(page.layout, faces, (k) => this.fonts.get(k)?.family ?? 'serif');
      this.svgs.set(key, svg);
    }
    return svg;
  }

  /** Bytes of a web font by URL. */
  font(url: string): Buffer | undefined {
    return this.fonts.file(url);
  }

  /** Bytes of an output file of the last written build, by its path in the output folder. */
  output(filePath: string): Buffer | undefined {
    return this.outputs.get(filePath);
  }
}
