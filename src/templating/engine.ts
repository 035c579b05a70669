/**
 * Stage: shared — the Handlebars engine of a compiler (the report templates and the download page). Input: template
 * files read through the World → compiled templates, cached by path and text across builds (their generated code
 * also across runs: precompiled.ts); any error a template throws at compile or render time becomes a TemplateError
 * located in that `.hbs` file (line:col from Handlebars).
 *
 * Security (users.md §12): one isolated environment (Handlebars.create()), strict mode, escaping on, prototype
 * access left at Handlebars' deny-by-default, helpers and partials in null-prototype maps, templates only from the
 * project's templates/ folder — never from data, which reaches templates only as context.
 */
import Handlebars from 'handlebars';
import type { Span } from '../model/types.ts';
import type { World } from '../world.ts';
import { precompiledTemplate } from './precompiled.ts';

/** A template failure located in a template file. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly span: Span,
    readonly detail: string,
  ) {
    super(message);
  }
}

/**
 * A compiled template: `(context, runtime options) → text`; throws TemplateError. Runtime helpers and partials (in
 * null-prototype maps) are per build; a partial is itself a LocatedTemplate, called by Handlebars with its options.
 */
export type LocatedTemplate = (context: unknown, runtime?: Handlebars.RuntimeOptions) => string;

export interface CompileOptions {
  /** Refuse helpers the environment does not know at compile time (the download page uses none). */
  knownHelpersOnly?: boolean;
}

/** A null-prototype copy of a map: no inherited key can be looked up as a helper or partial. */
export function nullPrototype<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** The compiler's Handlebars environment and its compiled templates. */
export class TemplateEngine {
  private readonly hb = Handlebars.create();
  private readonly compiled = new Map<string, { text: string; template: LocatedTemplate }>();

  /** `helpers` are registered once; per-build helpers (the edition's `t`) are passed at render time. */
  constructor(helpers: Record<string, Handlebars.HelperDelegate> = {}) {
    this.hb.registerHelper(nullPrototype(helpers));
  }

  /** The template in `rel` (project-relative), compiled once per distinct text. */
  template(world: World, rel: string, options: CompileOptions = {}): LocatedTemplate {
    const text = world.readText(rel);
    const key = `${rel}\u0000${options.knownHelpersOnly ? 1 : 0}`;
    const cached = this.compiled.get(key);
    if (cached && cached.text === text) return cached.template;
    const template = this.locate(rel, text, options);
    this.compiled.set(key, { text, template });
    return template;
  }

  private locate(rel: string, text: string, options: CompileOptions): LocatedTemplate {
    let fn: Handlebars.TemplateDelegate | undefined;
    return (context, runtime) => {
      try {
        fn ??= precompiledTemplate(this.hb, text, { strict: true, noEscape: false, ...(options.knownHelpersOnly ? { knownHelpersOnly: true } : {}) });
        return fn(context, runtime);
      } catch (e) {
        if (e instanceof TemplateError) throw e;
        throw locateTemplateError(e as Error & { lineNumber?: number; column?: number }, rel, text);
      }
    };
  }
}

/** Maps a Handlebars error (“… - LINE:COL” at run time, “on line N” when parsing) to a span in the template. */
function locateTemplateError(e: Error & { lineNumber?: number; column?: number }, rel: string, text: string): TemplateError {
  const runtime = /- (\d+):(\d+)$/.exec(e.message);
  const parse = /on line (\d+):/.exec(e.message);
  const line = e.lineNumber ?? Number(runtime?.[1] ?? parse?.[1] ?? 1);
  const col = e.column ?? Number(runtime?.[2] ?? 0);
  const start = text.split('\n').slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0) + col;
  const missing = /"([^"]+)" not defined/.exec(e.message);
  const message = missing ? `模板引用了不存在的字段“${missing[1]}”` : parse ? '模板语法错误' : '模板执行出错';
  return new TemplateError(message, { file: rel, start, end: start + 1 }, e.message.split('\n')[0] ?? e.message);
}
