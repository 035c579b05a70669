// Stage: build tooling — start-up cost of the PDF library. Input: the `@noble/ciphers/aes` module pdfkit loads for
// PDF encryption → a stand-in that loads the real module the first time pdfkit asks it for a cipher.
//
// Why: the module computes its AES tables when it is loaded (≈ 10 ms of every cold run, and again in the edition
// worker, measured), and gongwen never encrypts a PDF. pdfkit only reads `aes.cbc` and `aes.ecb` when it encrypts, so
// the stand-in forwards every property read to the real module, loaded then; nothing else changes.
'use strict';
const Module = require('node:module');
const path = require('node:path');

/**
 * Installs the stand-in for every later require() of `@noble/ciphers/aes` made from pdfkit (no-op if not found).
 * Returns whether the real module has been loaded since, for tests.
 */
function installLazyCipher(fromDir) {
  let file;
  try {
    const pdfkit = require.resolve('pdfkit', { paths: [fromDir] });
    file = require.resolve('@noble/ciphers/aes', { paths: [path.dirname(pdfkit)] });
  } catch {
    return { loaded: () => false };
  }
  if (require.cache[file]) return { loaded: () => true };
  let real;
  const load = () => {
    if (real === undefined) {
      delete require.cache[file];
      real = require(file);
      require.cache[file] = stand;
    }
    return real;
  };
  const stand = new Module(file, module);
  stand.filename = file;
  stand.loaded = true;
  stand.exports = new Proxy(
    {},
    {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Object.getOwnPropertyDescriptor(load(), key);
        return d ? { ...d, configurable: true } : undefined;
      },
    },
  );
  require.cache[file] = stand;
  return { loaded: () => real !== undefined };
}

module.exports = { installLazyCipher };
