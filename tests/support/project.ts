/**
 * Test support: a user's project folder in a temporary directory (data, templates and fonts copied from this
 * repository), the data edits the change tests make, and a snapshot of an output folder.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/world.ts';

/** A fresh project folder (the caller removes it). */
export function copyProject(prefix: string): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const dir of ['data', 'templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
  return root;
}

/** The default report's own folder in an output folder (out/<meta.id>/). */
export const REPORT_FOLDER = '柞市镇2021年工作总结和2022年工作计划';

/** The default data as shipped. */
export const DEFAULT_DATA = readFileSync(path.join(PACKAGE_ROOT, 'data/report.yaml'), 'utf8');

/** Replaces `from` (which must occur) in the data text. */
export function edit(data: string, from: string, to: string): string {
  if (!data.includes(from)) throw new Error(`the data has no “${from}”`);
  return data.replace(from, to);
}

/** One paragraph edited: （二）'s run-in text, 775户 → 776户 (the figure then no longer occurs in the text). */
export const editParagraph = (data: string) => edit(data, '2021年改厕任务数为775户', '2021年改厕任务数为776户');

/** One figure changed, in the data and in the text: 五保对象 364 → 365. */
export const changeFigure = (data: string) => edit(edit(data, '五保对象364名', '五保对象365名'), 'value: 364, unit: 名', 'value: 365, unit: 名');

/** A section inserted after 一、（二）: the later （三）…（五） become （四）…（六）. */
export const insertSection = (data: string) =>
  edit(data, '      # （三）\n      - heading: 坚持精准发力', '      - heading: 做好防汛抗旱工作，保障群众生命财产安全。\n        runIn: 一是完善应急预案。二是加强物资储备。\n      # （三）\n      - heading: 坚持精准发力');

/** sha256 of every file under a folder, by relative path. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
