// Stage: entry point of the edition worker thread (src/compile/edition-worker.ts, compiled to
// .build/edition-worker.cjs): installs the V8 code cache for this thread's module loads, zlib for the libraries'
// Unicode tables (native-inflate.cjs) and the lazy stand-ins for unused library modules (lazy-modules.cjs), then runs the worker.
'use strict';
const path = require('node:path');

const build = path.join(__dirname, '..', '..', '.build');
require('./code-cache.cjs').installCodeCache(path.join(build, 'code-cache'));
require('./native-inflate.cjs').installNativeInflate(build);
require('./lazy-modules.cjs').installLazyModules(build);
require(path.join(build, 'edition-worker.cjs'));
