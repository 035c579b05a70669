// Stage: build tooling — start-up cost of the libraries' unused parts. Input: modules that pdfkit and fontkit require
// when they load but gongwen never calls → stand-ins that load the real module the first time anything of it is used.
//
// Why each (measured on a cold run, in each thread that loads the library):
//   @noble/ciphers/aes (pdfkit)  computes its AES tables when loaded (≈ 10 ms); only PDF encryption uses it.
//   @noble/hashes/sha2 (pdfkit)  computes the SHA-512 round constants with BigInt (≈ 5–10 ms); only encryption uses it.
//   brotli/decompress.js (fontkit) a 700 KB emscripten decoder (≈ 8–10 ms); fontkit calls it only for WOFF2, whose
//                                  tables gongwen decodes with Node's zlib (src/fonts/split-face.ts).
// A stand-in forwards every property read (and, for a function module, every call) to the real module, loaded then;
// nothing else changes.
'use strict';
const Module = require('node:module');
const path = require('node:path');

/** The modules made lazy: which library requires them, and whether the module's export is a function. */
const LAZY = [
  { library: 'pdfkit', request: '@noble/ciphers/aes', callable: false },
  { library: 'pdfkit', request: '@noble/hashes/sha2', callable: false },
  { library: 'fontkit', request: 'brotli/decompress.js', callable: true },
];

/** Puts a stand-in for `file` into the require cache. Returns whether the real module has been loaded since. */
function standIn(file, callable) {
  if (require.cache[file]) return () => true;
  let real;
  let loaded = false;
  const load = () => {
    if (!loaded) {
      delete require.cache[file];
      real = require(file);
      loaded = true;
      require.cache[file] = stand;
    }
    return real;
  };
  const stand = new Module(file, module);
  stand.filename = file;
  stand.loaded = true;
  // An arrow function as the target of a callable stand-in: it has no non-configurable own property (`prototype`)
  // that would constrain what the proxy may report.
  stand.exports = new Proxy(callable ? () => undefined : {}, {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Object.getOwnPropertyDescriptor(load(), key);
      return d ? { ...d, configurable: true } : undefined;
    },
    ...(callable ? { apply: (_, self, args) => Reflect.apply(load(), self, args) } : {}),
  });
  require.cache[file] = stand;
  return () => loaded;
}

/**
 * Installs the stand-ins for every later require() of the modules above made from their library (a module or
 * library not found is left alone). Returns, per request, whether the real module has been loaded since (for tests).
 */
function installLazyModules(fromDir) {
  const loaded = {};
  for (const { library, request, callable } of LAZY) {
    let file;
    try {
      const main = require.resolve(library, { paths: [fromDir] });
      file = require.resolve(request, { paths: [path.dirname(main)] });
    } catch {
      loaded[request] = () => false;
      continue;
    }
    loaded[request] = standIn(file, callable);
  }
  return loaded;
}

module.exports = { installLazyModules, LAZY };
