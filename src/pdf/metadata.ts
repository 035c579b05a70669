/**
 * Stage: PDF writer — document metadata. Input: the document's meta (title, 发文机关, language), the build clock and
 * whether the build has a date at all → the Info dictionary, the XMP packet's descriptions and the file identifier,
 * kept consistent with each other as PDF/A requires (ISO 19005-2 §6.6.2.3: each Info entry has its XMP twin).
 *
 * Dates: the pinned build clock (SOURCE_DATE_EPOCH or the 成文日期). A build with neither has no date to tell, so the
 * PDF carries no CreationDate/ModDate rather than a made-up one; the file identifier then hashes the other entries,
 * so the bytes stay the same on every build.
 */
import { createHash } from 'node:crypto';
import type { DocMeta } from '../model/types.ts';

export interface MetadataInput {
  meta: DocMeta;
  /** The build clock as a UTC instant. */
  clock: Date;
  /** False when neither SOURCE_DATE_EPOCH nor a 成文日期 gave the clock (then no dates are written). */
  dated: boolean;
  generator: string;
  /** PDF/A part and conformance written by pdfkit (`pdfaid`), if any: only noted here for the file identifier. */
  pdfa?: string;
}

/**
 * The Info dictionary in the key order pdfmake's printer writes (the bytes depend on it): Producer and Creator, then
 * the fields that are not empty.
 */
export function documentInfo(input: MetadataInput): Record<string, unknown> {
  const info: Record<string, unknown> = { Producer: input.generator, Creator: input.generator };
  const fields: [string, unknown][] = [
    ['Title', input.meta.title],
    ['Author', input.meta.organ],
    ['Subject', input.meta.title],
    ['CreationDate', input.dated ? input.clock : undefined],
    ['ModDate', input.dated ? input.clock : undefined],
  ];
  for (const [key, value] of fields) if (value) info[key] = value;
  return info;
}

/** The 16-byte file identifier (trailer /ID): a digest of the Info entries, stable for stable inputs. */
export function fileIdentifier(input: MetadataInput): Buffer {
  const info = documentInfo(input);
  const text = Object.entries(info)
    .map(([k, v]) => `${k}: ${v instanceof Date ? v.toISOString() : String(v)}`)
    .join('\n');
  return createHash('md5').update(`${text}\n${input.pdfa ?? ''}`).digest();
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** XMP date: ISO 8601 without milliseconds, in UTC (the form of pdfkit's and Acrobat's packets). */
const xmpDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The rdf:Description elements of the XMP packet (pdfkit wraps them in the packet and adds `pdfaid` for PDF/A):
 * xmp (dates, creator tool), dc (title, creator = 发文机关, description, language, format), pdf (producer).
 */
export function xmpDescriptions(input: MetadataInput): string {
  const { meta } = input;
  const lang = escapeXml(meta.language);
  const xmp = [
    `<xmp:CreatorTool>${escapeXml(input.generator)}</xmp:CreatorTool>`,
    ...(input.dated ? [`<xmp:CreateDate>${xmpDate(input.clock)}</xmp:CreateDate>`, `<xmp:ModifyDate>${xmpDate(input.clock)}</xmp:ModifyDate>`, `<xmp:MetadataDate>${xmpDate(input.clock)}</xmp:MetadataDate>`] : []),
  ];
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const dc = [
    '<dc:format>application/pdf</dc:format>',
    ...(meta.title ? [`<dc:title>${alt(meta.title)}</dc:title>`, `<dc:description>${alt(meta.title)}</dc:description>`] : []),
    ...(meta.organ ? [`<dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.organ)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
  ];
  return [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">${xmp.join('')}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">${dc.join('')}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${escapeXml(input.generator)}</pdf:Producer></rdf:Description>`,
  ].join('\n');
}
