// Precompiled templates (src/templating/precompiled.ts): the function made from the cached generated code renders
// exactly what Handlebars' compile() renders — the report template with a real view, and a strict-mode failure with
// the same message and position — the cache entry is written once and read back, and a syntax error is thrown as
// compile() throws it, with nothing cached.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { precompiledTemplate } from '../src/templating/precompiled.ts';
import { PACKAGE_ROOT } from '../src/world.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-precompiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OPTIONS = { strict: true, noEscape: false };

describe('precompiled templates', () => {
  const text = readFileSync(path.join(PACKAGE_ROOT, 'templates/bundle/index.hbs'), 'utf8');

  it('renders what compile() renders, from a fresh entry and from the cached one', () => {
    const view = { title: '柞市镇<2021>', files: [{ name: 'a.pdf', title: '报告', size: '1 KB' }] };
    const run = (fn: Handlebars.TemplateDelegate) => {
      try {
        return fn(view);
      } catch (e) {
        return `error: ${(e as Error).message}`;
      }
    };
    const expected = run(Handlebars.create().compile(text, OPTIONS));
    expect(expected.length).toBeGreaterThan(20);
    const fresh = run(precompiledTemplate(Handlebars.create(), text, OPTIONS, dir));
    expect(readdirSync(dir).filter((n) => n.endsWith('.js'))).toHaveLength(1);
    const cached = run(precompiledTemplate(Handlebars.create(), text, OPTIONS, dir));
    expect(fresh).toBe(expected);
    expect(cached).toBe(expected);
  });

  it('fails in strict mode with the message and position compile() gives', () => {
    const strict = '<p>{{meta.title}}</p>\n<p>{{meta.missing.deeper}}</p>\n';
    const message = (fn: () => string) => {
      try {
        fn();
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    const expected = message(() => Handlebars.create().compile(strict, OPTIONS)({ meta: { title: 'x' } }));
    expect(expected).toMatch(/not defined in .* - 2:\d+$/);
    for (let i = 0; i < 2; i++) expect(message(() => precompiledTemplate(Handlebars.create(), strict, OPTIONS, dir)({ meta: { title: 'x' } }))).toBe(expected);
  });

  it('throws a syntax error as compile() does and caches nothing for it; a damaged entry is generated again', () => {
    const broken = '{{#if a}}\n  unclosed\n';
    const before = readdirSync(dir).length;
    let expected = '';
    try {
      Handlebars.create().compile(broken, OPTIONS)({ a: true });
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).toContain('Parse error');
    expect(() => precompiledTemplate(Handlebars.create(), broken, OPTIONS, dir)).toThrow(expected);
    expect(readdirSync(dir)).toHaveLength(before);
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), '{ damaged');
    const fn = precompiledTemplate(Handlebars.create(), '<b>{{x}}</b>', OPTIONS, dir);
    expect(fn({ x: '一' })).toBe('<b>一</b>');
  });
});
