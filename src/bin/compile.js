// Stage: build tooling. Input: src/**/*.ts → .build/gongwen.cjs, one CommonJS bundle made by esbuild (gongwen's code;
// node_modules stay external and load through require, each stage's libraries only when that stage runs), so a run
// loads compiled JavaScript instead of transforming TypeScript at start. `npm ci` runs it (package.json `prepare`);
// src/bin/gongwen.js calls `compiledEntry()` before each run and recompiles when a source file is newer than the
// bundle, so an edited checkout never runs stale code.
//
// CommonJS rather than ESM: every library then loads through require(), which the V8 code cache (code-cache.cjs)
// covers on Node 20, and a stage imported with import() stays unloaded until it runs (esbuild wraps it lazily).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the compiled entry lives (a dot-folder of the package: generated, git-ignored). */
export const COMPILED_ENTRY = path.join(ROOT, '.build', 'gongwen.cjs');

/** The dependencies bundled into .build/*.cjs instead of loaded from node_modules at run time. */
const BUNDLED = new Set(['yaml', 'zod', 'handlebars', 'saxes', 'yazl', '@xmldom/xmldom', 'diff']);

/** Every other package in package.json stays external (fontkit must be the one instance pdfkit also loads). */
const EXTERNAL_PACKAGES = (() => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !BUNDLED.has(n));
  return names.flatMap((n) => [n, `${n}/*`]);
})();

/**
 * xmldom's entities.js, with its table of 2,231 HTML entities built on first use instead of when the module loads
 * (it copies and freezes the table: ≈ 20 ms of every cold DOCX build, in each thread). gongwen parses only XML,
 * whose five entities xmldom keeps apart (XML_ENTITIES), so the HTML table is never built. Returns undefined when
 * the file does not have the expected shape (another xmldom version): it is then bundled as it is.
 */
export function lazyHtmlEntities(source) {
  const head = 'exports.HTML_ENTITIES = freeze({';
  const tail = /\}\);\s*(?:\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?exports\.entityMap = exports\.HTML_ENTITIES;/;
  if (source.split(head).length !== 2 || !tail.test(source)) return undefined;
  return source.replace(head, 'function gongwenHtmlEntities() {\n\treturn freeze({').replace(
    tail,
    [
      '});',
      '}',
      'var gongwenHtmlEntitiesTable;',
      'function gongwenLazyHtmlEntities() {',
      '\treturn gongwenHtmlEntitiesTable || (gongwenHtmlEntitiesTable = gongwenHtmlEntities());',
      '}',
      "Object.defineProperty(exports, 'HTML_ENTITIES', { enumerable: true, get: gongwenLazyHtmlEntities });",
      "Object.defineProperty(exports, 'entityMap', { enumerable: true, get: gongwenLazyHtmlEntities });",
    ].join('\n'),
  );
}

/** What the bundle changes in the bundled libraries (each measured; each a no-op on a library of another shape). */
const PLUGINS = [
  {
    // yazl's CRC-32 through Node's zlib (src/archive/native-crc32.cjs) instead of buffer-crc32's table loop.
    name: 'native-crc32',
    setup(build) {
      const shim = path.join(ROOT, 'src', 'archive', 'native-crc32.cjs');
      // The shim's own fallback (an old Node) is the real package.
      build.onResolve({ filter: /^buffer-crc32$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
    },
  },
  {
    name: 'lazy-html-entities',
    setup(build) {
      build.onLoad({ filter: /[\\/]@xmldom[\\/]xmldom[\\/]lib[\\/]entities\.js$/ }, (args) => {
        const contents = lazyHtmlEntities(readFileSync(args.path, 'utf8'));
        return contents === undefined ? undefined : { contents, loader: 'js' };
      });
    },
  },
];

/** Newest mtime of the inputs of the bundle (sources and package.json). */
function newestInput() {
  let newest = statSync(path.join(ROOT, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const s = statSync(full);
      if (s.isDirectory()) walk(full);
      // TypeScript sources, and the CommonJS files the bundle takes in (src/archive/native-crc32.cjs); src/bin's own
      // entry files are not bundled.
      else if ((name.endsWith('.ts') || (name.endsWith('.cjs') && path.basename(dir) !== 'bin')) && s.mtimeMs > newest) newest = s.mtimeMs;
    }
  };
  walk(path.join(ROOT, 'src'));
  // The bundle's plugins live here.
  return Math.max(newest, statSync(fileURLToPath(import.meta.url)).mtimeMs);
}

function bundleTime() {
  try {
    return statSync(COMPILED_ENTRY).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * Bundles src/main.ts into .build/gongwen.cjs and, beside it, the edition worker thread (.build/edition-worker.cjs),
 * the batch worker (.build/batch-worker.cjs) and the benchmark's workers src/bench/once.ts and copies-worker.ts
 * (.build/bench-once.cjs, .build/bench-copies.cjs: `npm run bench` measures the code users run). One esbuild call writes the set together.
 */
export async function compile() {
  const esbuild = await import('esbuild');
  mkdirSync(path.dirname(COMPILED_ENTRY), { recursive: true });
  await esbuild.build({
    entryPoints: {
      gongwen: path.join(ROOT, 'src', 'main.ts'),
      'edition-worker': path.join(ROOT, 'src', 'compile', 'edition-worker.ts'),
      'batch-worker': path.join(ROOT, 'src', 'batch', 'worker.ts'),
      'bench-once': path.join(ROOT, 'src', 'bench', 'once.ts'),
      'bench-copies': path.join(ROOT, 'src', 'bench', 'copies-worker.ts'),
    },
    outdir: path.dirname(COMPILED_ENTRY),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Libraries stay external (loaded by require, each stage's only when it runs) except small pure-JS ones made of
    // many files, whose per-file resolving and loading cost more than their code (yaml, zod, handlebars …).
    external: EXTERNAL_PACKAGES,
    plugins: PLUGINS,
    legalComments: 'none',
    logLevel: 'warning',
    // import.meta.url of every module becomes the bundle's own URL (PACKAGE_ROOT, createRequire stay correct).
    define: { 'import.meta.url': '__gongwenModuleUrl' },
    banner: {
      js: [
        "const __gongwenModuleUrl = require('node:url').pathToFileURL(__filename).href;",
        // import() of a package, through src/bin/code-cache.cjs when it is installed (see rewriteDynamicImports).
        "const __gongwenImport = globalThis[Symbol.for('gongwen.dynamicImport')] ?? ((specifier) => import(specifier));",
      ].join('\n'),
    },
  });
  for (const name of readdirSync(path.dirname(COMPILED_ENTRY))) {
    if (!name.endsWith('.cjs')) continue;
    const file = path.join(path.dirname(COMPILED_ENTRY), name);
    writeFileSync(file, rewriteDynamicImports(readFileSync(file, 'utf8')));
  }
}

/**
 * Every `import("package")` esbuild leaves in a bundle (the packages loaded on first use: exceljs, numfmt, pdf-lib,
 * resvg) becomes `__gongwenImport("package")`: on Node 20 a function that returns from the V8 code cache has lost
 * its dynamic-import callback, so the import is made by src/bin/code-cache.cjs instead (tests/bundle-plugins.test.ts).
 */
export function rewriteDynamicImports(code) {
  return code.replace(/(?<![\w$.])import\((?=("|')[^"'\n]+\1\))/g, '__gongwenImport(');
}

/** The path of an up-to-date compiled entry, or undefined when it cannot be made (no esbuild installed). */
export async function compiledEntry() {
  if (bundleTime() < newestInput()) {
    try {
      await compile();
    } catch (e) {
      if (e?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
      throw e;
    }
  }
  return COMPILED_ENTRY;
}

/**
 * Joins the open 楷体 stand-in (LXGW WenKai, on npm only as ~100 WOFF2 pieces) into one TrueType font per edition in
 * .build/fonts/ (src/fonts/joined-face.ts), by asking `gongwen fonts` about the default faces: ≈ 10 s and ≈ 0.8 GB
 * once, at install, instead of during the user's first build. A failure here only moves that cost to the first build.
 */
function joinFonts() {
  const r = spawnSync(process.execPath, [COMPILED_ENTRY, 'fonts', '--no-system-fonts'], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
  if (r.status !== 0) process.stderr.write(`gongwen: 合成楷体替代字体未完成（退出码 ${r.status}），将在第一次构建时进行。\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await compile();
  joinFonts();
}
