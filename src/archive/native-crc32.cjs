// Stage: shared — the CRC-32 of zip entries. Input: bytes (and a running CRC) → buffer-crc32 0.2's API (a 4-byte
// big-endian Buffer; `.signed`, `.unsigned`), computed by Node's zlib.crc32 (Node ≥ 20.15) instead of a JavaScript
// table loop; src/bin/compile.js puts it in place of buffer-crc32 for yazl in the compiled bundle.
//
// Why: every build zips its DOCX packages and the download bundle (≈ 1.5 MB): the table loop costs ≈ 15–20 ms of a
// cold build's main thread, zlib's a fraction of a millisecond. On an older Node it is buffer-crc32 itself.
'use strict';
const zlib = require('node:zlib');

function toBuffer(data) {
  if (Buffer.isBuffer(data)) return data;
  if (typeof data === 'number') return Buffer.alloc(data);
  if (typeof data === 'string') return Buffer.from(data);
  throw new Error('input must be buffer, number, or string, received ' + typeof data);
}

function create() {
  if (typeof zlib.crc32 !== 'function') return require('buffer-crc32');
  const unsignedCrc = (data, previous) => {
    const start = Buffer.isBuffer(previous) ? previous.readUInt32BE(0) : ~~previous >>> 0;
    return zlib.crc32(toBuffer(data), start);
  };
  function crc32(data, previous) {
    const out = Buffer.alloc(4);
    out.writeInt32BE(unsignedCrc(data, previous) | 0, 0);
    return out;
  }
  crc32.signed = (data, previous) => unsignedCrc(data, previous) | 0;
  crc32.unsigned = unsignedCrc;
  return crc32;
}

module.exports = create();
