/**
 * Stage: fonts — names and labels. Input: family names, roles, sources → normalised match keys and the Chinese
 * labels used in messages, the build summary and `gongwen fonts`.
 */
import type { Edition, FontRole } from '../model/types.ts';
import type { FontFace, FontSource } from './types.ts';

/**
 * Match key of a family name: NFKC (full-width Ｌ → L, as some Chinese fonts spell their English names), no spaces,
 * lower case. So "LXGW WenKai", "lxgwwenkai" and "ＬＸＧＷ　WenKai" are one name.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** Chinese role names (what users call the text), for messages and reports. */
export const ROLE_LABEL: Readonly<Record<FontRole, string>> = {
  title: '标题',
  subtitle: '副标题',
  body: '正文',
  heading1: '一级标题',
  heading2: '二级标题',
  pagenumber: '页码',
};

/** Short source names for the `gongwen fonts` table. */
export const SOURCE_LABEL: Readonly<Record<FontSource, string>> = { project: '项目', path: '路径', system: '系统', default: '默认' };

/** Longer source notes for the build summary line. */
export const SOURCE_NOTE: Readonly<Record<FontSource, string>> = {
  project: '项目 fonts/ 文件夹',
  path: '--font-path 字体',
  system: '系统字体',
  default: 'npm 默认字体',
};

export const EDITION_NAME: Readonly<Record<Edition, string>> = { 'zh-Hans': '简体版', 'zh-Hant': '繁体版' };

const HAN = /\p{Script=Han}/u;

/** The family as a Chinese user knows it: the Chinese name when the file has one (仿宋_GB2312, not FangSong_GB2312). */
export function displayFamily(face: Pick<FontFace, 'family' | 'familyNames'>): string {
  return face.familyNames.find((n) => HAN.test(n)) ?? face.family;
}

const PLAIN_STYLES = new Set(['regular', 'normal', 'book', 'roman', 'r']);

/** Family plus style when the style is not the plain one ("Noto Serif SC Bold"). */
export function faceLabel(face: Pick<FontFace, 'family' | 'familyNames' | 'style'>): string {
  const style = face.style ?? '';
  return PLAIN_STYLES.has(style.toLowerCase()) || style === '' ? displayFamily(face) : `${displayFamily(face)} ${style}`;
}
