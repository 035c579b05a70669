/**
 * Stage: PDF writer — collecting a document's bytes. Input: the chunks pdfkit writes (object headers, dictionaries,
 * deflated streams) → one Buffer. pdfkit hands every object to a Readable stream as a separate Buffer, and a small
 * deflated stream is a slice of zlib's 16 KiB output buffer: a print file of 10,000 pages would keep ~20 KiB of
 * memory per page for a few hundred bytes of PDF. The chunks are copied into 1 MiB blocks instead, so the memory a
 * document takes while it is written is about its size.
 */

const BLOCK_BYTES = 1 << 20;

/**
 * The writable side of pdfkit's document (pdfkit 0.19: `_write` appends a chunk and advances `_offset`); `read`
 * returns what it wrote before it was taken over (the header its constructor writes).
 */
export interface PdfkitOutput {
  _write(data: string | Buffer): void;
  _offset: number;
  read(): Buffer | null;
}

/** Output bytes in blocks. */
class OutputBlocks {
  private readonly blocks: Buffer[] = [];
  private current = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;

  add(data: Buffer): void {
    if (data.length > BLOCK_BYTES / 4) {
      this.seal();
      // A large chunk (a font program) is kept as is unless it too is a slice of a much larger buffer.
      this.blocks.push(data.buffer.byteLength > 2 * data.length ? Buffer.from(data) : data);
      return;
    }
    if (this.used + data.length > BLOCK_BYTES) this.seal();
    data.copy(this.current, this.used);
    this.used += data.length;
  }

  private seal(): void {
    if (this.used === 0) return;
    this.blocks.push(this.current.subarray(0, this.used));
    this.current = Buffer.allocUnsafe(BLOCK_BYTES);
    this.used = 0;
  }

  bytes(): Buffer {
    this.seal();
    return Buffer.concat(this.blocks);
  }
}

/**
 * Takes over a pdfkit document's output right after it is made (nothing has read its stream yet); returns the
 * function that gives its bytes once the document has ended. Offsets for the cross-reference table advance as pdfkit's own `_write` does.
 */
export function collectOutput(doc: PdfkitOutput): () => Buffer {
  const blocks = new OutputBlocks();
  const written = doc.read();
  if (written) blocks.add(written);
  doc._write = (data) => {
    const chunk = Buffer.isBuffer(data) ? data : Buffer.from(`${data}\n`, 'binary');
    blocks.add(chunk);
    doc._offset += chunk.length;
  };
  return () => blocks.bytes();
}
