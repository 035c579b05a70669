// The Open XML SDK schema validator (compiled to WebAssembly, @ooxml-tools/validate) finds no error in the default
// report's DOCX (both editions, with and without embedded fonts) or in the attachment workbook.
import { beforeAll, describe, expect, it } from 'vitest';
import validate from '@ooxml-tools/validate';
import { Compiler, compileRequest, type Compilation } from '../src/compile/index.ts';
import { PACKAGE_ROOT, nodeWorld } from '../src/world.ts';
import { defaultBuild, output } from './support/default-build.ts';

let result: Compilation;
beforeAll(async () => {
  ({ result } = await defaultBuild());
}, 120_000);

describe('OOXML validation (Microsoft 365 schemas)', () => {
  for (const [suffix, format] of [
    ['（简体）.docx', 'docx'],
    ['（繁體）.docx', 'docx'],
    ['（简体）.xlsx', 'xlsx'],
    ['（繁體）.xlsx', 'xlsx'],
  ] as const) {
    it(`reports 0 errors for …${suffix}`, async () => {
      expect(await validate(new Uint8Array(output(result, suffix)), format, 'Microsoft365')).toEqual([]);
    }, 60_000);
  }

  it('reports 0 errors for a DOCX with embedded font subsets', async () => {
    const embedded = await new Compiler().compile(
      compileRequest({ dataFile: 'data/report.yaml', editions: ['zh-Hans'], fonts: { fontPaths: [], systemFonts: false }, embedFonts: true, formats: ['docx'] }),
      nodeWorld(PACKAGE_ROOT, {}),
    );
    expect(await validate(new Uint8Array(output(embedded, '（简体）.docx')), 'docx', 'Microsoft365')).toEqual([]);
  }, 120_000);
});
