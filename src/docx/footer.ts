/**
 * Stage: DOCX writer — page numbers. Input: nothing but the GB/T 9704 page-number text → the odd (default) and even
 * footers, each one paragraph with a PAGE field: “— N —” (§7.5), odd pages right-aligned one 字 in from the 版心's
 * right edge, even pages left-aligned one 字 in from the left edge. The document must set
 * `evenAndOddHeaderAndFooters`, or Word uses the default footer on every page.
 */
import { Footer, PageNumber, Paragraph, TextRun } from 'docx';
import { pageNumberText } from '../gbt9704/page.ts';
import { STYLE } from './styles.ts';

/** The text around the number, taken from the one definition of the page-number text. */
function dashes(): { before: string; after: string } {
  const sentinel = 86420;
  const [before = '', after = ''] = pageNumberText(sentinel).split(String(sentinel));
  return { before, after };
}

function pageNumberFooter(style: string): Footer {
  const { before, after } = dashes();
  return new Footer({
    children: [
      new Paragraph({
        style,
        children: [new TextRun({ children: [before, PageNumber.CURRENT, after], font: { hint: 'eastAsia' } })],
      }),
    ],
  });
}

/** §7.5 footers. No page is left unnumbered: the model has no 版记 page, the only case where §7.5 omits numbers. */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  return { default: pageNumberFooter(STYLE.pageNumberOdd), even: pageNumberFooter(STYLE.pageNumberEven) };
}
