// pdfmake 0.3 ships no type declarations; src/pdf/index.ts declares the small surface it uses (PdfmakeApi).
declare module 'pdfmake' {
  const pdfmake: unknown;
  export default pdfmake;
}
