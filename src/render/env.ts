/**
 * Stage: render — the Handlebars environment. Input: templates/*.hbs and templates/partials/*.hbs read through
 * the World → a render function; template errors become diagnostics at the `.hbs` file and line.
 * Strict mode, an isolated environment (Handlebars.create()), helpers in a null-prototype map, prototype access off,
 * templates only from the project folder — never from data (users.md §12).
 */
import Handlebars from 'handlebars';
import path from 'node:path';
import type { World } from '../world.ts';
import type { Span } from '../model/types.ts';
import { chineseDate, chineseNumeral, headingNumber, thousands } from './numerals.ts';

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

export interface TemplateSet {
  render(name: string, context: object): string;
}

const TEMPLATE_DIR = 'templates';

/** Compiles templates/<name>.hbs and every partial; `literal` converts template literal text for the edition. */
export function loadTemplates(world: World, literal: (s: string) => string): TemplateSet {
  const hb = Handlebars.create();
  const helpers: Record<string, Handlebars.HelperDelegate> = Object.assign(Object.create(null) as object, {
    'heading-number': (level: number, ordinal: number) => headingNumber(level, ordinal),
    'cn-numeral': (n: number) => chineseNumeral(n),
    'cn-date': (iso: string) => chineseDate(iso),
    thousands: (n: number) => thousands(n),
    t: (s: string) => literal(s),
  });
  hb.registerHelper(helpers);

  const partialDir = `${TEMPLATE_DIR}/partials`;
  for (const file of world.listDir(partialDir).filter((f) => f.endsWith('.hbs'))) {
    const rel = `${partialDir}/${file}`;
    const compiled = compileLocated(hb, world, rel);
    hb.registerPartial(path.basename(file, '.hbs'), ((ctx: unknown, options: Handlebars.RuntimeOptions) => compiled(ctx, options)) as never);
  }
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name, context) {
      const rel = `${TEMPLATE_DIR}/${name}.hbs`;
      let fn = cache.get(rel);
      if (!fn) cache.set(rel, (fn = compileLocated(hb, world, rel)));
      return fn(context);
    },
  };
}

/** Compiles one file so that any error it throws at compile or render time names that file and line. */
function compileLocated(hb: typeof Handlebars, world: World, rel: string): Handlebars.TemplateDelegate {
  const text = world.readText(rel);
  let compiled: Handlebars.TemplateDelegate | undefined;
  return (ctx, options) => {
    try {
      compiled ??= hb.compile(text, { strict: true, noEscape: false });
      return compiled(ctx, options);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      throw locate(e as Error & { lineNumber?: number; column?: number }, rel, text);
    }
  };
}

function locate(e: Error & { lineNumber?: number; column?: number }, rel: string, text: string): TemplateError {
  // Handlebars reports runtime strict-mode errors as "… - LINE:COL" and parse errors as "Parse error on line N:".
  const runtime = /- (\d+):(\d+)$/.exec(e.message);
  const parse = /on line (\d+):/.exec(e.message);
  const line = e.lineNumber ?? Number(runtime?.[1] ?? parse?.[1] ?? 1);
  const col = e.column ?? Number(runtime?.[2] ?? 0);
  const lines = text.split('\n');
  const start = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0) + col;
  const missing = /"([^"]+)" not defined/.exec(e.message);
  const message = missing ? `模板引用了不存在的字段“${missing[1]}”` : parse ? '模板语法错误' : '模板执行出错';
  return new TemplateError(message, { file: rel, start, end: start + 1 }, e.message.split('\n')[0] ?? e.message);
}
