/**
 * Stage: bench — the Typst peer's source (pure; no files, no Typst). Input: the report's content as title + flat
 * blocks + the font family names Typst will see → one Typst source string that sets the same page and type as
 * gongwen: A4, the GB/T 9704 margins, 16 pt body on a 28.95 pt line pitch (22 lines a page), justified, first
 * lines indented two 字, 22 pt centred title, headings in their role fonts, odd/even page numbers "— N —".
 *
 * All measures come from src/gbt9704 (the standard as data), so the peer follows gongwen if they change. Every
 * piece of report text goes into the source as a Typst string literal in code mode (`"…"` with `\\` and `\"`
 * escaped), never as markup, so `#`, `*`, `_`, `<`, `@`, `$`, `` ` ``, `[`, `]` and `\` in the text stay literal.
 */
import {
  CELL_PT,
  EM_BOX_ASCENT,
  LINE_PITCH_PT,
  MARGIN_BOTTOM_MM,
  MARGIN_LEFT_MM,
  MARGIN_RIGHT_MM,
  MARGIN_TOP_MM,
  PAGE_NUMBER_GAP_MM,
  PAGE_NUMBER_INSET_CELLS,
  PARAGRAPH_INDENT_CELLS,
  TYPE_AREA_HEIGHT_MM,
} from '../gbt9704/page.ts';
import { BODY_SIZE_PT, PAGE_NUMBER_SIZE_PT, TITLE_SIZE_PT } from '../gbt9704/type-sizes.ts';

/** The font roles the peer uses (gongwen's FontRole minus the subtitle, which the body report has none of). */
export type TypstFontRole = 'title' | 'body' | 'heading1' | 'heading2' | 'pagenumber';

export type TypstBlock =
  /** A heading; the text includes its number (一、). `runIn` continues the same paragraph in the body font. */
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string; runIn?: string }
  | { kind: 'paragraph'; text: string };

export interface TypstReportInput {
  title: string;
  blocks: TypstBlock[];
  /** Family names as Typst sees them (typographic family, else family). */
  fonts: Record<TypstFontRole, string>;
  /** usWeightClass to ask for per role (the open title face is Noto Serif SC *Bold*); 400 when absent. */
  weights?: Partial<Record<TypstFontRole, number>>;
}

/** GB/T 9704 §7.3.3: levels 1 and 2 have their own faces (黑体, 楷体); levels 3 and 4 are set in the body face. */
const HEADING_ROLE: Record<1 | 2 | 3 | 4, TypstFontRole> = { 1: 'heading1', 2: 'heading2', 3: 'body', 4: 'body' };

/** The whole Typst document. */
export function typstSource(input: TypstReportInput): string {
  return [
    documentSettings(input),
    pageSettings(input),
    textSettings(input),
    headingRules(input),
    titleBlock(input),
    ...input.blocks.map((b) => blockSource(b, input)),
  ].join('\n');
}

/**
 * A Typst string literal holding `text` exactly. Typst strings know the escapes `\\ \" \n \r \t \u{…}`; other
 * control characters are written as `\u{…}` too. Inside a string nothing else is special.
 */
export function typstString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

/** A length in pt with enough digits to reproduce gongwen's measures (no float noise in the source). */
const pt = (n: number): string => `${Number(n.toFixed(4))}pt`;
const mm = (n: number): string => `${Number(n.toFixed(4))}mm`;
const em = (n: number): string => `${Number(n.toFixed(4))}em`;

/** The text font of a role: family, weight. */
function fontArgs(role: TypstFontRole, input: TypstReportInput): string {
  return `font: ${typstString(input.fonts[role])}, weight: ${input.weights?.[role] ?? 400}`;
}

/**
 * The em box of CJK faces runs from +0.88 em to −0.12 em around the baseline (src/gbt9704/page.ts); using it as the
 * line box puts a line's em box top where gongwen puts it (line 1 on the 版心 top) and makes a line exactly 1 em
 * tall, so `leading` = pitch − 1 em gives the 28.95 pt pitch.
 */
const EM_BOX_EDGES = `top-edge: ${em(EM_BOX_ASCENT)}, bottom-edge: ${em(EM_BOX_ASCENT - 1)}`;

/** Gap between the em boxes of consecutive lines of `sizePt` text on the grid. */
const leadingFor = (sizePt: number): number => LINE_PITCH_PT - sizePt;

function documentSettings(input: TypstReportInput): string {
  // The PDF date comes from the compiler's pinned creation timestamp (date: auto), so the output is reproducible.
  return `#set document(title: ${typstString(input.title)}, date: auto)`;
}

/**
 * A4 with the GB/T 9704 margins; the page number is drawn on the foreground at a fixed place like gongwen's:
 * the top of the dash's em box 7 mm below the 版心, odd pages right-aligned one 字 in from the 版心's right edge,
 * even pages left-aligned one 字 in from its left edge (§7.5).
 */
function pageSettings(input: TypstReportInput): string {
  const top = mm(MARGIN_TOP_MM + TYPE_AREA_HEIGHT_MM + PAGE_NUMBER_GAP_MM);
  const inset = pt(PAGE_NUMBER_INSET_CELLS * CELL_PT);
  return [
    '#set page(',
    '  paper: "a4",',
    `  margin: (top: ${mm(MARGIN_TOP_MM)}, left: ${mm(MARGIN_LEFT_MM)}, right: ${mm(MARGIN_RIGHT_MM)}, bottom: ${mm(MARGIN_BOTTOM_MM)}),`,
    '  header: none,',
    '  footer: none,',
    '  foreground: context {',
    '    let n = here().page()',
    `    let number = text(${fontArgs('pagenumber', input)}, size: ${pt(PAGE_NUMBER_SIZE_PT)}, ${EM_BOX_EDGES}, overhang: false, "— " + str(n) + " —")`,
    '    if calc.odd(n) {',
    `      place(top + right, dx: -(${mm(MARGIN_RIGHT_MM)} + ${inset}), dy: ${top}, number)`,
    '    } else {',
    `      place(top + left, dx: ${mm(MARGIN_LEFT_MM)} + ${inset}, dy: ${top}, number)`,
    '    }',
    '  },',
    ')',
  ].join('\n');
}

/**
 * Body type: 3号 in the body face, Chinese (mainland) typesetting rules, no extra CJK–Latin space (gongwen sets
 * digits tight against Chinese), no hanging punctuation (Typst's default `overhang` lets a line-end ，。— stick out
 * past the 版心's right edge; gongwen's lines end on it); paragraphs justified, every first line indented two 字 (also after a heading),
 * paragraph spacing = leading so paragraphs stay on the grid; widows and orphans allowed, as gongwen allows them
 * (a moved lone line would leave a page short of 22 lines).
 */
function textSettings(input: TypstReportInput): string {
  const leading = pt(leadingFor(BODY_SIZE_PT));
  return [
    `#set text(${fontArgs('body', input)}, size: ${pt(BODY_SIZE_PT)}, lang: "zh", region: "cn", ${EM_BOX_EDGES},`,
    '  cjk-latin-spacing: none, overhang: false, costs: (widow: 0%, orphan: 0%))',
    `#set par(leading: ${leading}, spacing: ${leading}, justify: true,`,
    `  first-line-indent: (amount: ${pt(PARAGRAPH_INDENT_CELLS * CELL_PT)}, all: true))`,
  ].join('\n');
}

/**
 * Headings are real Typst headings (so the PDF gets bookmarks, as gongwen's does), shown as body-size grid lines
 * in their role face, indented like a paragraph and kept with the next line (sticky).
 */
function headingRules(input: TypstReportInput): string {
  const leading = pt(leadingFor(BODY_SIZE_PT));
  const levelFonts = ([1, 2, 3, 4] as const).map(
    (level) => `#show heading.where(level: ${level}): set text(${fontArgs(HEADING_ROLE[level], input)})`,
  );
  return [
    `#show heading: set text(size: ${pt(BODY_SIZE_PT)})`,
    ...levelFonts,
    `#show heading: it => block(sticky: true, above: ${leading}, below: ${leading}, par(it.body))`,
  ].join('\n');
}

/**
 * The title: 2号, centred, its lines on the grid (em box top on a grid line top), followed by one blank grid line
 * (GB/T 9704 §7.3.1; gongwen's template puts a blank line between title and body).
 */
function titleBlock(input: TypstReportInput): string {
  const blankBelow = 2 * LINE_PITCH_PT - TITLE_SIZE_PT;
  return [
    `#block(width: 100%, above: 0pt, below: ${pt(blankBelow)}, {`,
    `  set text(${fontArgs('title', input)}, size: ${pt(TITLE_SIZE_PT)})`,
    `  set par(leading: ${pt(leadingFor(TITLE_SIZE_PT))}, justify: false, first-line-indent: 0pt)`,
    `  align(center, ${typstString(input.title)})`,
    '})',
  ].join('\n');
}

function blockSource(block: TypstBlock, input: TypstReportInput): string {
  if (block.kind === 'paragraph') return `#par(${typstString(block.text)})`;
  const headingText = `text(${fontArgs(HEADING_ROLE[block.level], input)}, ${typstString(block.text)})`;
  // A run-in heading (标题后接正文) is the start of a body paragraph, not a separate line.
  if (block.runIn !== undefined) return `#par({ ${headingText}; ${typstString(block.runIn)} })`;
  return `#heading(level: ${block.level}, ${typstString(block.text)})`;
}
