/**
 * Stage: DOCX writer — the font table. Input: the office family names the document uses + the edition → the
 * `w:font` entries of word/fontTable.xml: for each name an alternative name, PANOSE class, character set, family
 * class, pitch and Unicode/code-page signature (ECMA-376 Part 1 §17.8.3).
 *
 * Why: a clerk's Windows machine usually has 仿宋 (FangSong), 楷体 (KaiTi), 黑体 (SimHei) and 宋体 (SimSun) but often
 * not the *_GB2312 faces or 方正小标宋简体. With a bare name, Word, WPS and LibreOffice fall back to one default face
 * and the title and headings look like body text. These entries tell them what the missing face is like: Word tries
 * `w:altName` first and then matches PANOSE, charset and family; LibreOffice uses the alternative name and the family
 * class and pitch when it substitutes.
 *
 * Values: the descriptors Windows' own faces declare (OS/2 PANOSE, ulUnicodeRange1–4, ulCodePageRange1–2, as Word
 * writes them into fontTable.xml), so a substitute is looked for in the same class. 方正小标宋简体 is described as a
 * bold 宋体-class face (its own descriptor says "script", which would send a substitution to handwriting faces), with
 * 华文中宋 (STZhongsong, installed with Office) as the alternative. The Traditional edition names GBK faces but
 * declares the Big5 character set (136, written as hex 88), so on a Taiwan or Hong Kong machine without them the substitute is a
 * Traditional face; its 楷体 and 宋体 name 標楷體 and 新細明體, the faces every Traditional Windows has.
 */
import type { Edition } from '../model/types.ts';

/** One font's descriptor as fontTable.xml holds it. */
export interface FontDescriptor {
  altName: string;
  /** PANOSE-1, 10 bytes as 20 hex digits. */
  panose: string;
  /** Windows character set in hex, as ST_UcharHexNumber wants it: 86 = GB2312_CHARSET (134), 88 = CHINESEBIG5_CHARSET (136). */
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto';
  pitch: 'fixed' | 'variable' | 'default';
  /** ulUnicodeRange1–4 and ulCodePageRange1–2 of the OS/2 table, hex. */
  sig: { usb0: string; usb1: string; usb2: string; usb3: string; csb0: string; csb1: string };
}

/** GB2312-only faces (仿宋_GB2312, 楷体_GB2312): CJK ideographs, code page 936. */
const GB2312_SIG = { usb0: '00000001', usb1: '080E0000', usb2: '00000010', usb3: '00000000', csb0: '00040000', csb1: '00000000' };
/** The GBK faces of Windows (仿宋, 楷体, 黑体): Latin + CJK, code pages 1252 and 936. */
const GBK_SIG = { usb0: '800002BF', usb1: '38CF7CFA', usb2: '00000016', usb3: '00000000', csb0: '00040001', csb1: '00000000' };
/** 宋体 (SimSun). */
const SIMSUN_SIG = { usb0: '00000003', usb1: '288F0000', usb2: '00000016', usb3: '00000000', csb0: '00040001', csb1: '00000000' };

const CHARSET: Readonly<Record<Edition, string>> = { 'zh-Hans': '86', 'zh-Hant': '88' };

/** PANOSE: fixed-width Latin-text class faces of Windows' CJK set; 宋体's; a bold (weight 8) 宋体 for 小标宋. */
const PANOSE = { gb2312: '02010609030101010101', gbk: '02010609060101010101', song: '02010600030101010101', boldSong: '02010800030101010101' };

type Entry = Omit<FontDescriptor, 'charset'> & { altNameHant?: string };

const DESCRIPTORS: Readonly<Record<string, Entry>> = {
  仿宋_GB2312: { altName: '仿宋', panose: PANOSE.gb2312, family: 'modern', pitch: 'fixed', sig: GB2312_SIG },
  楷体_GB2312: { altName: '楷体', panose: PANOSE.gb2312, family: 'modern', pitch: 'fixed', sig: GB2312_SIG },
  仿宋: { altName: 'FangSong', panose: PANOSE.gbk, family: 'modern', pitch: 'fixed', sig: GBK_SIG },
  楷体: { altName: 'KaiTi', altNameHant: '標楷體', panose: PANOSE.gbk, family: 'modern', pitch: 'fixed', sig: GBK_SIG },
  黑体: { altName: 'SimHei', panose: PANOSE.gbk, family: 'modern', pitch: 'fixed', sig: GBK_SIG },
  宋体: { altName: 'SimSun', altNameHant: '新細明體', panose: PANOSE.song, family: 'auto', pitch: 'variable', sig: SIMSUN_SIG },
  方正小标宋简体: { altName: '华文中宋', panose: PANOSE.boldSong, family: 'roman', pitch: 'variable', sig: GBK_SIG },
  方正小标宋_GBK: { altName: '华文中宋', panose: PANOSE.boldSong, family: 'roman', pitch: 'variable', sig: GBK_SIG },
};

/**
 * The descriptor of an office family for an edition, or undefined for a name gongwen has no data for (a project's own
 * fonts.yaml may name other faces; those get a bare entry, as before).
 */
export function fontDescriptor(name: string, edition: Edition): FontDescriptor | undefined {
  const entry = DESCRIPTORS[name];
  if (!entry) return undefined;
  const { altNameHant, ...rest } = entry;
  return { ...rest, altName: (edition === 'zh-Hant' ? altNameHant : undefined) ?? entry.altName, charset: CHARSET[edition] };
}
