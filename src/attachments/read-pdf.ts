/**
 * Stage: content — .pdf attachments. Input: the file's bytes → the size of each page as it is shown (its CropBox,
 * turned by its /Rotate), which the layout scales into the 版心; the PDF writer places the pages themselves
 * (src/pdf/place-pages.ts). pdf-lib reads the file (≈ 130 ms to load, measured), imported only when a PDF attachment
 * is printed. An encrypted or broken PDF is reported by the caller.
 */

/** Page sizes in pt. Throws on a file pdf-lib cannot read (encrypted, damaged). */
export async function readPdfPages(bytes: Buffer): Promise<{ widthPt: number; heightPt: number }[]> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(new Uint8Array(bytes), { updateMetadata: false });
  return doc.getPages().map((page) => {
    const box = page.getCropBox();
    const turned = Math.abs(page.getRotation().angle) % 180 === 90;
    return turned ? { widthPt: box.height, heightPt: box.width } : { widthPt: box.width, heightPt: box.height };
  });
}
