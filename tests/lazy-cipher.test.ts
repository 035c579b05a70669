// The stand-in for @noble/ciphers/aes (src/bin/lazy-cipher.cjs) that pdfkit loads: requiring it does not load the
// real module (which computes its AES tables), the first cipher asked for does, and the ciphers are the real ones.
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/world.ts';

const require = createRequire(import.meta.url);
const { installLazyCipher } = require('../src/bin/lazy-cipher.cjs') as { installLazyCipher(dir: string): { loaded(): boolean } };
type Aes = { cbc(key: Uint8Array, iv: Uint8Array): { encrypt(data: Uint8Array): Uint8Array } };

it('loads the AES module on the first cipher pdfkit asks for, not when pdfkit requires it, and encrypts as it does', () => {
  const file = require.resolve('@noble/ciphers/aes', { paths: [path.dirname(require.resolve('pdfkit'))] });
  const saved = require.cache[file];
  delete require.cache[file];
  try {
    const lazy = installLazyCipher(PACKAGE_ROOT);
    const aes = require(file) as Aes; // what pdfkit does when it is loaded
    expect(lazy.loaded()).toBe(false);
    const key = new Uint8Array(16).fill(7);
    const iv = new Uint8Array(16).fill(3);
    const data = new Uint8Array(48);
    data.set(new TextEncoder().encode('柞市镇2021年工作总结'));
    const encrypted = aes.cbc(key, iv).encrypt(data);
    expect(lazy.loaded()).toBe(true);
    delete require.cache[file];
    const real = require(file) as Aes;
    expect(real).not.toBe(aes);
    expect(Buffer.from(encrypted).equals(Buffer.from(real.cbc(key, iv).encrypt(data)))).toBe(true);
  } finally {
    if (saved) require.cache[file] = saved;
    else delete require.cache[file];
  }
});
