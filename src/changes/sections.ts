/**
 * Stage: change summary — the document as its readers cite it. Input: one edition's DocModel → the parts a reader
 * names when saying what changed: the title, the opening paragraphs, each numbered section (“（二）突出宜居理念…”)
 * with its paragraphs (the run-in text of “（一）标题。正文……” is the section's 第1段), the 附件说明, the signature and
 * each attachment with its table rows. Pages are added by ./pages.ts.
 */
import type { DocModel } from '../model/types.ts';

/** What a part of the document is. */
export type SectionKind = 'title' | 'opening' | 'heading' | 'attachmentNote' | 'signature' | 'attachment';

/** One paragraph (or table row, or list item) of a section, with the pages its characters are on. */
export interface ParagraphRecord {
  text: string;
  /**
   * Where the paragraph lies in the layout: `[offset, page]` pairs, one per page it is on — characters from
   * `offset` (UTF-16, in `text`) on are on `page` (1-based), until the next pair. Empty when not located.
   */
  pages: [number, number][];
}

/** One part of the document. */
export interface SectionRecord {
  kind: SectionKind;
  /** Heading level 1–4 (§7.3.3); 0 for the other parts. */
  level: number;
  /** The generated number (一、（二）1.（1）) or the attachment label (附件1); '' otherwise. */
  number: string;
  /** The heading or attachment title; the title text for the title part; '' for the other parts. */
  heading: string;
  /** Page of the part's first line (1-based); 0 when not located. */
  page: number;
  paragraphs: ParagraphRecord[];
}

/** What a paragraph of a part is called: table rows are 行, list items 项, the rest 段. */
export function paragraphNoun(kind: SectionKind): '段' | '行' | '项' {
  return kind === 'attachment' ? '行' : kind === 'attachmentNote' || kind === 'signature' ? '项' : '段';
}

const FIXED_PART_NAME: Partial<Record<SectionKind, string>> = { opening: '开头部分', attachmentNote: '附件说明', signature: '署名和日期' };

/** How a reader names a part: “（二）突出宜居理念…”, “附件 柞市镇…一览表”, “标题”, “开头部分”. */
export function sectionLabel(s: Pick<SectionRecord, 'kind' | 'number' | 'heading'>): string {
  const fixed = FIXED_PART_NAME[s.kind];
  if (fixed) return fixed;
  if (s.kind === 'title') return '标题';
  // An attachment title names the table in full more often than a heading does: it gets more words.
  const words = s.kind === 'attachment' ? 12 : 6;
  const chars = [...s.heading];
  const head = chars.length > words ? `${chars.slice(0, words).join('')}…` : s.heading;
  return s.kind === 'attachment' ? `${s.number} ${head}` : `${s.number}${head}`;
}

const paragraph = (text: string): ParagraphRecord => ({ text, pages: [] });

/** The parts of a model in document order (pages not yet located). */
export function sectionsOf(model: DocModel): SectionRecord[] {
  const sections: SectionRecord[] = [];
  let current: SectionRecord | undefined;
  const open = (s: Omit<SectionRecord, 'page' | 'paragraphs'>): SectionRecord => {
    current = { ...s, page: 0, paragraphs: [] };
    sections.push(current);
    return current;
  };
  for (const block of model.blocks) {
    switch (block.type) {
      case 'title':
        open({ kind: 'title', level: 0, number: '', heading: block.text });
        break;
      case 'subtitle':
        (current ?? open({ kind: 'title', level: 0, number: '', heading: '' })).paragraphs.push(paragraph(block.text));
        break;
      case 'paragraph': {
        const target = current && current.kind !== 'title' ? current : open({ kind: 'opening', level: 0, number: '', heading: '' });
        target.paragraphs.push(paragraph(block.inlines.map((i) => i.text).join('')));
        break;
      }
      case 'heading': {
        const s = open({ kind: 'heading', level: block.level, number: block.number, heading: block.text });
        if (block.runIn && block.runIn.length > 0) s.paragraphs.push(paragraph(block.runIn.map((i) => i.text).join('')));
        break;
      }
      case 'attachmentNote':
        open({ kind: 'attachmentNote', level: 0, number: '', heading: '' }).paragraphs.push(...block.items.map((i) => paragraph(`${i.number}${i.title}`)));
        break;
      case 'signature':
        open({ kind: 'signature', level: 0, number: '', heading: '' }).paragraphs.push(...[block.organ, block.date].filter(Boolean).map(paragraph));
        break;
      case 'attachmentHeading':
        open({ kind: 'attachment', level: 0, number: block.label, heading: block.title });
        break;
      case 'table':
        (current ?? open({ kind: 'attachment', level: 0, number: '', heading: '' })).paragraphs.push(...block.rows.map((r) => paragraph(r.map((cell) => cell.text).filter(Boolean).join(' '))));
        break;
      case 'blankLine':
      case 'pageBreak':
        break;
    }
  }
  return sections;
}
