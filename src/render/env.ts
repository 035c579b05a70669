/**
 * Stage: render — the report templates. Input: templates/report.hbs and templates/partials/*.hbs (read through the
 * World, compiled once per text by the compiler's TemplateEngine) + the edition's literal converter → the markup
 * text. The numbering helpers are the engine's; `t` (template literal text for the edition) is given per render.
 */
import path from 'node:path';
import type Handlebars from 'handlebars';
import { chineseDate, chineseNumeral, headingNumber, thousands } from '../gbt9704/numerals.ts';
import { nullPrototype, TemplateEngine } from '../templating/engine.ts';
import type { World } from '../world.ts';

const TEMPLATE_DIR = 'templates';
const PARTIAL_DIR = `${TEMPLATE_DIR}/partials`;

/** The helpers every report template may use (registered once per engine). */
export const REPORT_HELPERS: Record<string, Handlebars.HelperDelegate> = {
  'heading-number': (level: number, ordinal: number) => headingNumber(level, ordinal),
  'cn-numeral': (n: number) => chineseNumeral(n),
  'cn-date': (iso: string) => chineseDate(iso),
  thousands: (n: number) => thousands(n),
};

/** A TemplateEngine with the report helpers. */
export function reportTemplateEngine(): TemplateEngine {
  return new TemplateEngine(REPORT_HELPERS);
}

/** Renders templates/<name>.hbs with every partial; `literal` converts template literal text for the edition. */
export function renderTemplate(engine: TemplateEngine, world: World, name: string, context: object, literal: (s: string) => string): string {
  const partials: Record<string, Handlebars.Template> = {};
  for (const file of world.listDir(PARTIAL_DIR).filter((f) => f.endsWith('.hbs'))) {
    partials[path.basename(file, '.hbs')] = engine.template(world, `${PARTIAL_DIR}/${file}`) as Handlebars.Template;
  }
  const main = engine.template(world, `${TEMPLATE_DIR}/${name}.hbs`);
  return main(context, { helpers: nullPrototype({ t: (s: string) => literal(s) }), partials: nullPrototype(partials) });
}
