#!/usr/bin/env node
// Stage: entry point. Runs the compiled gongwen (.build/gongwen.cjs, made by src/bin/compile.js at `npm ci`, remade
// when a source file is newer) with a V8 code cache for the libraries it loads (code-cache.cjs); without esbuild
// (never the case after `npm ci`) it runs src/main.ts through tsx. Nothing else happens here.
import { createRequire } from 'node:module';
import path from 'node:path';
import { compiledEntry } from './compile.js';

const require = createRequire(import.meta.url);
const entry = await compiledEntry();
if (entry) {
  require('./code-cache.cjs').installCodeCache(path.join(path.dirname(entry), 'code-cache'));
  require(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main.ts');
}
