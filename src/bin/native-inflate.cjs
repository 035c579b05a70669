// Stage: build tooling — start-up cost of the PDF libraries. Input: the `tiny-inflate` module (a pure-JavaScript raw
// DEFLATE decoder) that fontkit and unicode-trie load → the same function, decoding with Node's zlib.
//
// Why: unicode-properties, linebreak and fontkit build five Unicode tables when they are loaded (script and line-break
// classes, the Arabic, Indic and Universal shapers' tables), each inflated twice by tiny-inflate; fontkit's first
// glyph lookup reads one of them. Measured: ≈ 30–60 ms of every cold run and as much again in the edition worker;
// zlib does the same in well under 1 ms. The contract is tiny-inflate's: `inflate(source, dest)` fills `dest` and
// returns it (or its first n bytes when the data is shorter). Data zlib refuses goes to tiny-inflate itself, so a
// corrupt stream fails exactly as before.
'use strict';
const zlib = require('node:zlib');

/** Installs the zlib-backed decoder in place of `tiny-inflate` for every later require() of it. */
function installNativeInflate(fromDir) {
  let file;
  try {
    file = require.resolve('tiny-inflate', { paths: [fromDir] });
  } catch {
    return;
  }
  if (require.cache[file]) return;
  const original = require(file);
  const nativeInflate = (source, dest) => {
    let bytes;
    try {
      bytes = zlib.inflateRawSync(source);
    } catch {
      return original(source, dest);
    }
    if (bytes.length > dest.length) return original(source, dest);
    dest.set(bytes);
    return bytes.length < dest.length ? dest.slice(0, bytes.length) : dest;
  };
  require.cache[file].exports = nativeInflate;
}

module.exports = { installNativeInflate };
