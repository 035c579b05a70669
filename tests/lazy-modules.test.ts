// The stand-ins of src/bin/lazy-modules.cjs for modules pdfkit and fontkit require but gongwen never calls: requiring
// one (as the library does when it loads) does not load the real module, the first use does, and what it computes
// is the real module's answer.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';

const require = createRequire(import.meta.url);
type Loaded = Record<string, () => boolean>;
const { installLazyModules, LAZY } = require('../src/bin/lazy-modules.cjs') as {
  installLazyModules(dir: string): Loaded;
  LAZY: { library: string; request: string }[];
};
type Aes = { cbc(key: Uint8Array, iv: Uint8Array): { encrypt(data: Uint8Array): Uint8Array } };
type Sha2 = { sha256(data: Uint8Array): Uint8Array };
type Brotli = (buffer: Uint8Array, size?: number) => Uint8Array;

const TEXT = new TextEncoder().encode('柞市镇2021年工作总结和2022年工作计划'.repeat(20));

/** What each module is used for, checked against an independent answer. */
const USES: Record<string, (module: unknown) => void> = {
  '@noble/ciphers/aes': (m) => {
    const key = new Uint8Array(16).fill(7);
    const iv = new Uint8Array(16).fill(3);
    const data = TEXT.slice(0, 48);
    const fresh = (file: string) => {
      delete require.cache[file];
      return require(file) as Aes;
    };
    const encrypted = (m as Aes).cbc(key, iv).encrypt(data);
    const file = require.resolve('@noble/ciphers/aes', { paths: [path.dirname(require.resolve('pdfkit'))] });
    expect(Buffer.from(encrypted).equals(Buffer.from(fresh(file).cbc(key, iv).encrypt(data)))).toBe(true);
  },
  '@noble/hashes/sha2': (m) => {
    expect(Buffer.from((m as Sha2).sha256(TEXT)).toString('hex')).toBe(createHash('sha256').update(TEXT).digest('hex'));
  },
  'brotli/decompress.js': (m) => {
    const compressed = brotliCompressSync(TEXT);
    expect(Buffer.from((m as Brotli)(compressed, TEXT.length)).equals(Buffer.from(TEXT))).toBe(true);
  },
};

for (const { library, request } of LAZY) {
  it(`${request} (required by ${library}) loads on first use, not when required, and computes what the real module does`, () => {
    const file = require.resolve(request, { paths: [path.dirname(require.resolve(library))] });
    const saved = require.cache[file];
    delete require.cache[file];
    try {
      const loaded = installLazyModules(PACKAGE_ROOT)[request];
      const stand = require(file) as unknown; // what the library does when it is loaded
      expect(loaded?.()).toBe(false);
      const use = USES[request];
      if (!use) throw new Error(`no use for ${request}`);
      use(stand);
      expect(loaded?.()).toBe(true);
    } finally {
      if (saved) require.cache[file] = saved;
      else delete require.cache[file];
    }
  });
}
