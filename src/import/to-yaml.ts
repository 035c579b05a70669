/**
 * Stage: import — writing. Input: the imported report and notes about where its parts came from → the data file's
 * text: the yaml-language-server modeline on line 1 (editor completion from report.schema.json), plain scalars for
 * Chinese text wherever YAML allows, one line per paragraph, and comments that show each heading's generated number.
 */
import { Document, isMap, isScalar, type Node as YamlNode } from 'yaml';
import type { BodyNode, Report, SectionNode } from '../load/schema.ts';
import type { SectionNote } from './build-tree.ts';
import { isSectionNode } from '../load/body-nodes.ts';

/** Line 1 of every data file: VS Code's YAML extension takes the schema from it. */
export const SCHEMA_MODELINE = ' yaml-language-server: $schema=./report.schema.json';

/** Where the title came from (it decides the comment next to it). */
export type TitleOrigin = 'line' | 'option' | 'file-name' | 'fallback';

/** What the writer needs besides the report. */
export interface YamlNotes {
  /** Project-relative input file, named in the header comment. */
  source: string;
  titleOrigin: TitleOrigin;
  sections: ReadonlyMap<SectionNode, SectionNote>;
}

const TITLE_COMMENT: Record<TitleOrigin, string> = {
  line: '',
  option: ' 编者所加：原文没有标题行，标题由 --title 给定',
  'file-name': ' 原文没有标题行，暂取自文件名，请改为正式标题',
  fallback: ' 原文没有标题行，请填写正式标题',
};

/** Serialises the report as a human-edited data file. */
export function reportToYaml(report: Report, notes: YamlNotes): string {
  const doc = new Document(report);
  doc.commentBefore = [
    SCHEMA_MODELINE,
    ` 由 gongwen import 从 ${notes.source} 导入。`,
    ' 标题序号（一、（一）1.（1））按层级自动生成，不写在数据里；注释中的序号仅供查看。',
  ].join('\n');
  comment(doc, ['meta', 'title'], TITLE_COMMENT[notes.titleOrigin]);
  comment(doc, ['meta', 'organ'], ' 发文机关署名：原文未载，需要时填写（为空则不排署名）');
  comment(doc, ['meta', 'date'], ' 成文日期 YYYY-MM-DD：原文未载，需要时填写');
  annotateBody(doc, report.body, ['body'], notes.sections);
  if (report.attachments) {
    if (report.attachments.length === 0) commentKey(doc, 'attachments', ' 原文的附件列表为空');
    report.attachments.forEach((_, i) => comment(doc, ['attachments', i, 'title'], ' 尚无文件：加 file: attachments/…，或 table: figures'));
  }
  doc.comment = ' 可在此加入 figures（正文所述数据）和 relations（合计关系），供附件数据表和 gongwen check 使用。';
  // lineWidth 0: never fold a paragraph, so one paragraph stays one line and diffs stay readable.
  return doc.toString({ lineWidth: 0 });
}

function annotateBody(doc: Document, nodes: readonly BodyNode[], path: (string | number)[], sections: YamlNotes['sections']): void {
  nodes.forEach((n, i) => {
    if (!isSectionNode(n)) return;
    const here = [...path, i];
    const note = sections.get(n);
    const node = doc.getIn(here, true) as YamlNode | undefined;
    if (node && note) {
      node.commentBefore = note.renumbered ? ` ${note.number}（原文“${note.typed}”）` : ` ${note.number}`;
      // A blank line before each level-1 section makes the file's outline visible.
      if (note.level === 1) node.spaceBefore = true;
    }
    if (n.body) annotateBody(doc, n.body, [...here, 'body'], sections);
  });
}

/** A comment on the line above a top-level key (a comment on an empty `[]` would land below it). */
function commentKey(doc: Document, key: string, text: string): void {
  const contents = doc.contents;
  if (!isMap(contents)) return;
  const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (pair && isScalar(pair.key)) pair.key.commentBefore = text;
}

function comment(doc: Document, path: (string | number)[], text: string): void {
  const node = doc.getIn(path, true) as YamlNode | undefined;
  if (node && text) node.comment = text;
}
