// Stage: build tooling — V8 code cache for every CommonJS module gongwen loads. Input: each module's source as Node's
// require() compiles it → the same module, compiled from a cached V8 code image when one matches (.build/code-cache/),
// so a cold run does not parse and compile ≈ 10 MB of JavaScript (pdfmake, pdfkit, fontkit, docx, zod …) again.
//
// Why our own: Node 22's module.enableCompileCache() does this natively (used when present), but gongwen supports
// Node 20, and the v8-compile-cache package compiles without a dynamic-import callback, which breaks every `import()`
// in a CommonJS module. A module whose source contains `import(` (gongwen's own bundle) gets the main context's
// loader as its callback (vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER, Node ≥ 20.12); on an older Node it is left to
// Node's own compiler, uncached. The cache is keyed by file, size, mtime and V8's cache version; a rejected or missing
// image is (re)written when the process exits and replaces the module's older images (the folder does not grow with
// every rebuild of the bundle). Any failure to read or write the cache only costs time. Nothing here touches
// gongwen's inputs or outputs.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const v8 = require('node:v8');
const { threadId } = require('node:worker_threads');
const vm = require('node:vm');

/**
 * Where compiled bundles find `import()` (src/bin/compile.js rewrites each `import("package")` of theirs to call it).
 * Node 20 loses the dynamic-import callback of a function that was compiled in an earlier run and comes back from the
 * code cache ("A dynamic import callback was not specified", measured: every xlsx, PDF and SVG attachment failed
 * on the second build), so the import runs here, in this file, which Node compiled itself. Packages resolve from
 * here as from .build/ (both find the package's node_modules).
 */
const DYNAMIC_IMPORT = Symbol.for('gongwen.dynamicImport');
globalThis[DYNAMIC_IMPORT] = (specifier) => import(specifier);

/** Installs the hook, caching under `dir`. Returns immediately on a Node that compiles with a cache of its own. */
function installCodeCache(dir) {
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(dir);
    return;
  }
  const folder = path.join(dir, `v8-${v8.cachedDataVersionTag()}`);
  const pending = [];
  const original = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    const dynamicImports = content.includes('import(');
    if (dynamicImports && !vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) return original.call(this, content, filename);
    let key;
    let fileKey;
    try {
      const s = statSync(filename);
      // <file>-<version>: a module rebuilt or updated replaces its own older images (see the exit handler).
      fileKey = createHash('sha1').update(filename).digest('hex').slice(0, 20);
      key = `${fileKey}-${createHash('sha1').update(`${s.size}\0${s.mtimeMs}`).digest('hex').slice(0, 20)}`;
    } catch {
      return original.call(this, content, filename);
    }
    const cacheFile = path.join(folder, `${key}.bin`);
    let cachedData;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), {
        filename,
        cachedData,
        ...(dynamicImports ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
      });
    } catch {
      // Not CommonJS after all (an ES module Node detects by retrying): Node's own compiler decides.
      return original.call(this, content, filename);
    }
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, cacheFile, fileKey });
    const wrapper = script.runInThisContext({ displayErrors: true });
    // The require a module gets from Node: bound to this module (parent links, relative resolution).
    const mod = this;
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (pending.length === 0) return;
    try {
      mkdirSync(folder, { recursive: true });
      const existing = readdirSync(folder);
      for (const { script, cacheFile, fileKey } of pending) {
        const temp = `${cacheFile}.${process.pid}.${threadId}.tmp`; // worker threads share the pid
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
        // Older images of the same module (an earlier build of the bundle, an updated library) are never read again.
        for (const name of existing) if (name.startsWith(`${fileKey}-`) && name !== path.basename(cacheFile)) rmSync(path.join(folder, name), { force: true });
      }
    } catch {
      // A read-only install folder: run without a cache.
    }
  });
}

module.exports = { installCodeCache };
