/**
 * Stage: shared — precompiled Handlebars templates, remembered across runs. Input: a template's text and its compile
 * options → the template function, made from the JavaScript Handlebars generates for that text: read from
 * `.build/templates/` when an earlier run generated it for the same text, options and Handlebars version, else
 * generated now (Handlebars' own precompiler) and kept there for the next run.
 *
 * Why: parsing the report's templates and generating their code is ≈ 25 ms of every cold build and again in the
 * edition worker (measured); loading the generated code is ≈ 5 ms. The function is the one Handlebars' compile() makes
 * (compile is precompile's code generator run in memory), and every run — cached or not — loads it the same way, so
 * outputs and errors do not depend on the cache. A syntax error is thrown by the precompiler as by compile(), and
 * nothing is cached for it. Like the code cache, this is gongwen's own derived data inside the package (git-ignored),
 * keyed by content, read and written with node:fs; a cache that cannot be written only costs the generation.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { writeCacheFile } from '../cache-file.ts';
import { PACKAGE_ROOT } from '../world.ts';

/** Where the generated code is kept. */
export const PRECOMPILED_DIR = path.join(PACKAGE_ROOT, '.build', 'templates');

/** The template function for `text`, from the generated code (cached by text, options and Handlebars version). */
export function precompiledTemplate(hb: typeof Handlebars, text: string, options: CompileOptions, dir: string = PRECOMPILED_DIR): Handlebars.TemplateDelegate {
  const key = createHash('sha256').update(`handlebars ${Handlebars.VERSION}\n${JSON.stringify(options)}\n`).update(text).digest('hex').slice(0, 32);
  const file = path.join(dir, `${key}.js`);
  try {
    return load(hb, readFileSync(file, 'utf8'));
  } catch {
    // None yet, or unreadable: generate it (a syntax error in the template is thrown here, as compile() throws it).
  }
  const spec = hb.precompile(text, options) as unknown as string; // the generated JavaScript, as text
  writeCacheFile(file, spec);
  return load(hb, spec);
}

/** The template function of generated code (an object literal of functions, what Handlebars' runtime takes). */
function load(hb: typeof Handlebars, spec: string): Handlebars.TemplateDelegate {
  return hb.template(new Function(`return ${spec};`)() as Parameters<typeof hb.template>[0]);
}

/** The compile options gongwen uses (part of the cache key). */
export interface CompileOptions {
  strict: boolean;
  noEscape: boolean;
  knownHelpersOnly?: boolean;
}
