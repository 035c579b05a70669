// The script sets a build uses (src/normalize/script-sets.data.ts, generated data) are exactly what OpenCC's
// dictionaries give today: recomputed here from opencc-js, so an upgrade that changes them fails until
// `npm run generate` is run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeScriptSets, scriptSetsModule } from '../src/normalize/script-sets.ts';
import { findSimplifiedResidue, findTraditionalOnly } from '../src/normalize/script-check.ts';
import { PACKAGE_ROOT } from '../src/world.ts';

describe('script sets', () => {
  it('match what the installed opencc-js dictionaries give', () => {
    const version = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'node_modules/opencc-js/package.json'), 'utf8')) as { version: string }).version;
    const data = readFileSync(path.join(PACKAGE_ROOT, 'src/normalize/script-sets.data.ts'), 'utf8');
    expect(data).toBe(scriptSetsModule(computeScriptSets(), version));
  });

  it('find conversion residue and Traditional-only characters, never the characters both scripts share', () => {
    expect(findSimplifiedResidue('全麵製定们').map((h) => h.char)).toEqual(['们']);
    expect(findTraditionalOnly('全麵製定们').map((h) => h.char)).toEqual(['麵', '製']);
    // 台, 里, 后, 斗, 干 map to other forms but are valid Traditional characters too.
    expect(findSimplifiedResidue('台里后斗干')).toEqual([]);
  });
});
