/**
 * The reliability suite's corpus: malformed, hostile and careless inputs, each with the documented exit code it must
 * give and, for data problems, the code and `line:col` of the message. Contents are made from a small valid report,
 * so each case differs from a good file by one problem. `gongwen` must never answer with exit 1.
 */
import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';

/** A good report to start from (line numbers below refer to it). */
export const GOOD = `meta:
  id: 语料报告
  title: 某镇工作报告
  date: "2022-01-05"
body:
  - p: 第一段正文。
  - heading: 主要工作
    body:
      - p: 第二段正文。
`;

export interface CorpusCase {
  name: string;
  /** The data file (data/case.yaml); absent: the case uses `setup` and `argv` only. */
  data?: string | Buffer;
  /** Command line after `gongwen` (default: build data/case.yaml --edition zh-Hans --format pdf). */
  argv?: string[];
  env?: Record<string, string>;
  /** Prepares the project folder (absolute path) before the run. */
  setup?: (root: string) => void;
  exit: number;
  /** Diagnostic code expected in the output, e.g. 'load/invalid-date'. */
  code?: string;
  /** `line:col` of that diagnostic in data/case.yaml. */
  at?: string;
  /** Text the output must contain. */
  says?: string;
}

const replace = (from: string, to: string) => GOOD.replace(from, to);
const big = (n: number, s: string) => s.repeat(n);

export const CORPUS: CorpusCase[] = [
  // — YAML syntax and structure —
  { name: 'unclosed quote', data: replace('title: 某镇工作报告', 'title: "某镇工作报告'), exit: 4, code: 'load/yaml-' },
  { name: 'tab indentation', data: replace('  title:', '\ttitle:'), exit: 4, code: 'load/yaml-' },
  { name: 'duplicate key', data: replace('  title: 某镇工作报告', '  title: 某镇工作报告\n  title: 又一个'), exit: 4, code: 'load/yaml-duplicate-key', at: '4:3' },
  { name: 'undefined alias, at the alias', data: replace('title: 某镇工作报告', 'title: *标题'), exit: 4, code: 'load/yaml-undefined-alias', at: '3:10' },
  { name: 'alias bomb (billion laughs)', data: `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n${GOOD}`, exit: 4, code: 'load/yaml-aliases' },
  { name: 'deep flow nesting (20,000 brackets)', data: replace('title: 某镇工作报告', `title: ${big(20000, '[')}${big(20000, ']')}`), exit: 4 },
  { name: 'deep nesting that parses (300 levels)', data: replace('  date: "2022-01-05"', `  subtitle: ${big(300, '[')}${big(300, ']')}`), exit: 4, code: 'load/too-deep' },
  { name: 'body nested 2,000 levels', data: `meta:\n  id: a\n  title: t\nbody:\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(2 * i + 1)}- heading: 标题\n${'  '.repeat(2 * i + 2)}body:\n`).join('')}${'  '.repeat(4001)}- p: 正文\n`, exit: 4 },
  { name: 'empty file', data: '', exit: 4 },
  { name: 'only a comment', data: '# nothing here\n', exit: 4 },
  { name: 'a bare scalar', data: 'hello\n', exit: 4 },
  { name: 'a list at the top', data: '- p: 正文\n', exit: 4 },
  { name: 'two YAML documents', data: `${GOOD}---\n${GOOD}`, exit: 4 },
  { name: 'binary garbage', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), exit: 4 },
  { name: 'CR-only line breaks (old Mac) build', data: GOOD.replace(/\n/g, '\r'), exit: 0 },
  { name: 'CRLF and a BOM build', data: `\uFEFF${GOOD.replace(/\n/g, '\r\n')}`, exit: 0 },
  // — encodings —
  { name: 'UTF-16LE with BOM', data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]), exit: 4, code: 'load/utf16' },
  { name: 'UTF-16BE with BOM', data: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(GOOD, 'utf16le').swap16()]), exit: 4, code: 'load/utf16' },
  { name: 'GBK (Notepad “ANSI”), at the first bad byte, with a hint', data: iconv.encode(GOOD, 'gbk'), exit: 4, code: 'load/invalid-utf8', says: 'GBK' },
  { name: 'a lone 0xFF byte, at the byte', data: Buffer.concat([Buffer.from('meta:\n  id: 语料报告\n  title: 某镇'), Buffer.from([0xff]), Buffer.from(GOOD.slice(GOOD.indexOf('工作报告')))]), exit: 4, code: 'load/invalid-utf8', at: '3:12' },
  { name: 'overlong UTF-8 (C0 80)', data: Buffer.concat([Buffer.from(GOOD.slice(0, 20)), Buffer.from([0xc0, 0x80]), Buffer.from(GOOD.slice(20))]), exit: 4, code: 'load/invalid-utf8' },
  { name: 'UTF-8-encoded surrogate (ED A0 80)', data: Buffer.concat([Buffer.from(GOOD.slice(0, 20)), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(GOOD.slice(20))]), exit: 4, code: 'load/invalid-utf8' },
  { name: 'truncated UTF-8 at the end', data: Buffer.concat([Buffer.from(GOOD), Buffer.from([0xe4, 0xb8])]), exit: 4, code: 'load/invalid-utf8' },
  // — schema —
  { name: 'no meta', data: 'body:\n  - p: 正文。\n', exit: 4, code: 'load/schema-invalid-type' },
  { name: 'no body', data: GOOD.slice(0, GOOD.indexOf('body:')), exit: 4, code: 'load/schema-invalid-type' },
  { name: 'empty body', data: `${GOOD.slice(0, GOOD.indexOf('body:'))}body: []\n`, exit: 4, code: 'load/schema-too-small' },
  { name: 'unknown key, at the key', data: replace('  date:', '  tittle: x\n  date:'), exit: 4, code: 'load/schema-unrecognized-keys', at: '4:3' },
  { name: 'unknown top-level key, at the key', data: `${GOOD}extra: 1\n`, exit: 4, code: 'load/schema-unrecognized-keys', at: '10:1' },
  { name: 'paragraph is a number', data: replace('p: 第一段正文。', 'p: 12'), exit: 4 },
  { name: 'heading is a mapping', data: replace('heading: 主要工作', 'heading: { a: 1 }'), exit: 4 },
  { name: 'id with a slash', data: replace('id: 语料报告', 'id: a/b'), exit: 4, code: 'load/schema-invalid-format' },
  { name: 'id of 85 hanzi (255 bytes)', data: replace('id: 语料报告', `id: ${big(85, '长')}`), exit: 4, code: 'load/id-too-long', at: '2:7' },
  { name: 'id of 61 letters', data: replace('id: 语料报告', `id: ${big(61, 'a')}`), exit: 4, code: 'load/id-too-long' },
  { name: 'date 2021.12.3', data: replace('"2022-01-05"', '2021.12.3'), exit: 4, code: 'load/schema-invalid-format' },
  { name: 'date 2021-13-40', data: replace('"2022-01-05"', '2021-13-40'), exit: 4, code: 'load/invalid-date', at: '4:9' },
  { name: 'date 2021-02-30', data: replace('"2022-01-05"', '2021-02-30'), exit: 4, code: 'load/invalid-date', at: '4:9' },
  { name: 'date 0000-00-00', data: replace('"2022-01-05"', '0000-00-00'), exit: 4, code: 'load/invalid-date' },
  { name: 'date 2100-02-29 (not a leap year)', data: replace('"2022-01-05"', '2100-02-29'), exit: 4, code: 'load/invalid-date' },
  { name: 'date 2000-02-29 (a leap year) builds', data: replace('"2022-01-05"', '2000-02-29'), exit: 0 },
  { name: 'figure id in capitals', data: `${GOOD}figures:\n  - { id: Bad, category: a, item: b, value: 1, unit: 个 }\n`, exit: 4 },
  { name: 'relation with one part', data: `${GOOD}figures:\n  - { id: a, category: a, item: b, value: 1, unit: 个 }\nrelations:\n  - { total: a, parts: [a] }\n`, exit: 4 },
  // — characters —
  { name: 'ESC sequence typed into the title, at the character', data: replace('某镇工作报告', '某镇\u001b[2J工作报告'), exit: 4, code: 'load/bad-character', at: '3:12' },
  { name: 'ESC written as an escape', data: replace('title: 某镇工作报告', 'title: "某镇\\u001b[2J工作报告"'), exit: 4, code: 'load/bad-character' },
  { name: 'NUL written as an escape', data: replace('p: 第一段正文。', 'p: "第一段\\0正文。"'), exit: 4, code: 'load/bad-character' },
  { name: 'vertical tab', data: replace('第一段正文', '第一段\u000b正文'), exit: 4, code: 'load/bad-character', at: '6:11' },
  { name: 'form feed', data: replace('第二段正文', '第二段\u000c正文'), exit: 4, code: 'load/bad-character' },
  { name: 'DEL', data: replace('第二段正文', '第二段\u007f正文'), exit: 4, code: 'load/bad-character' },
  { name: 'U+FFFE noncharacter', data: replace('第一段正文', '第一段\ufffe正文'), exit: 4, code: 'load/bad-character', at: '6:11' },
  { name: 'U+FFFF as an escape', data: replace('p: 第一段正文。', 'p: "第一段\\uffff正文。"'), exit: 4, code: 'load/bad-character' },
  { name: 'lone surrogate as an escape', data: replace('p: 第一段正文。', 'p: "第一段\\ud800正文。"'), exit: 4, code: 'load/bad-character' },
  { name: 'RLO (bidi override) in the title', data: replace('某镇工作报告', '某镇\u202e告报作工'), exit: 4, code: 'load/bad-character', at: '3:12' },
  { name: 'RLO in an attachment title (a file name)', data: `${GOOD}attachments:\n  - { title: "附件\u202egpj.exe" }\n`, exit: 4, code: 'load/bad-character' },
  { name: 'U+2028 line separator', data: replace('第二段正文', '第二段\u2028正文'), exit: 4, code: 'load/bad-character' },
  { name: 'a literal U+FFFD', data: replace('第二段正文', '第二段\ufffd正文'), exit: 4, code: 'load/bad-character' },
  { name: 'a character no font has (U+20000)', data: replace('第二段正文', '第二段\u{20000}正文'), exit: 6, code: 'fonts/missing-glyph', at: '9:15' },
  // — structure —
  { name: 'five heading levels, at the fifth level’s key', data: `meta:\n  id: a\n  title: t\nbody:\n  - heading: 一\n    body:\n      - heading: 二\n        body:\n          - heading: 三\n            body:\n              - heading: 四\n                body:\n                  - heading: 五\n`, exit: 4, code: 'load/heading-too-deep', at: '13:21' },
  { name: 'seven heading levels: one message', data: `meta:\n  id: a\n  title: t\nbody:\n${Array.from({ length: 7 }, (_, i) => `${'  '.repeat(2 * i + 1)}- heading: 第${i + 1}层\n${'  '.repeat(2 * i + 2)}body:\n`).join('')}${'  '.repeat(15)}- p: 正文\n`, exit: 4, code: 'load/heading-too-deep', at: '13:21' },
  { name: 'empty paragraph', data: replace('p: 第一段正文。', 'p: ""'), exit: 4, code: 'load/empty-paragraph', at: '6:8' },
  { name: 'paragraph of ideographic spaces', data: replace('p: 第一段正文。', 'p: "\u3000\u3000"'), exit: 4, code: 'load/empty-paragraph' },
  { name: 'empty heading', data: replace('heading: 主要工作', 'heading: ""'), exit: 4, code: 'load/empty-text' },
  { name: 'empty title', data: replace('title: 某镇工作报告', 'title: " "'), exit: 4, code: 'load/empty-text', at: '3:10' },
  { name: 'a 150,000-character paragraph builds', data: replace('第一段正文。', `${big(150_000, '测')}。`), exit: 0 },
  { name: '1,200 sibling headings build (numbered 一千二百、)', data: `meta:\n  id: a\n  title: t\nbody:\n${'  - heading: 标题\n'.repeat(1200)}`, exit: 0 },
  { name: 'a data file over 20 MB', setup: (root) => void root, data: `${GOOD}# ${big(21 * 1024 * 1024, 'x')}\n`, exit: 4, code: 'load/too-large' },
  // — attachments —
  { name: 'attachment path leaving data/attachments/', data: `${GOOD}attachments:\n  - { title: 附件, file: ../../../etc/passwd }\n`, exit: 8, code: 'attachment/outside-project' },
  { name: 'absolute attachment path', data: `${GOOD}attachments:\n  - { title: 附件, file: /etc/passwd }\n`, exit: 8, code: 'attachment/outside-project' },
  { name: 'missing attachment file', data: `${GOOD}attachments:\n  - { title: 附件, file: attachments/没有.pdf }\n`, exit: 8, code: 'attachment/missing-file' },
  { name: 'a 0-byte attachment', data: `${GOOD}attachments:\n  - { title: 附件, file: attachments/空.pdf }\n`, exit: 8, code: 'attachment/empty-file' },
  { name: 'an attachment that is a folder', data: `${GOOD}attachments:\n  - { title: 附件, file: attachments/子文件夹 }\n`, exit: 8 },
  { name: 'an attachment symlink out of the project', data: `${GOOD}attachments:\n  - { title: 附件, file: attachments/外链.pdf }\n`, exit: 8, code: 'attachment/outside-project' },
  // — the command line and the output folder —
  { name: '--out naming a file', data: GOOD, argv: ['build', 'data/case.yaml', '--edition', 'zh-Hans', '--format', 'pdf', '--out', 'a-file'], exit: 7, code: 'emit/not-a-folder' },
  { name: '--out below a file', data: GOOD, argv: ['build', 'data/case.yaml', '--edition', 'zh-Hans', '--format', 'pdf', '--out', 'a-file/sub'], exit: 7, code: 'emit/not-a-folder' },
  { name: 'an output name taken by a folder', data: GOOD, argv: ['build', 'data/case.yaml', '--edition', 'zh-Hans', '--format', 'pdf', '--out', 'out-taken'], exit: 7, code: 'emit/path-taken' },
  { name: 'the report folder is a symlink', data: GOOD, argv: ['build', 'data/case.yaml', '--edition', 'zh-Hans', '--format', 'pdf', '--out', 'out-link'], exit: 7, code: 'emit/symlink' },
  { name: 'out/.gongwen is a file', data: GOOD, argv: ['build', 'data/case.yaml', '--edition', 'zh-Hans', '--format', 'pdf', '--out', 'out-state'], exit: 7 },
  { name: 'a missing data file', argv: ['build', 'data/没有.yaml'], exit: 4, code: 'load/missing-file' },
  { name: 'a folder and a missing file', argv: ['build', 'data/', 'data/没有.yaml'], exit: 2 },
  { name: 'unknown option', argv: ['build', '--frobnicate'], exit: 2 },
  { name: 'bad --edition', argv: ['build', '--edition', 'zh-XX'], exit: 2 },
  { name: 'bad --jobs', argv: ['build', 'data/case.yaml', 'data/case.yaml', '--jobs', '0'], data: GOOD, exit: 2 },
  { name: 'SOURCE_DATE_EPOCH=abc', data: GOOD, env: { SOURCE_DATE_EPOCH: 'abc' }, exit: 2 },
  { name: 'SOURCE_DATE_EPOCH beyond year 9999', data: GOOD, env: { SOURCE_DATE_EPOCH: '999999999999' }, exit: 2 },
  { name: 'an ESC sequence in a file name is printed escaped', argv: ['build', 'data/\u001b[2J.yaml'], exit: 4, says: '\\u001b[2J' },
  // — import —
  { name: 'import of a missing file', argv: ['import', '没有.txt'], exit: 2, says: '找不到要导入的文件' },
  { name: 'import of a folder', argv: ['import', 'data'], exit: 2 },
  { name: 'import of GBK text decodes it, with a note', argv: ['import', 'gbk.txt'], exit: 0, says: 'GBK/GB18030' },
  { name: 'import of UTF-16 text decodes it', argv: ['import', 'utf16.txt'], exit: 0, says: 'UTF-16' },
  { name: 'import of bytes in no known encoding refuses', argv: ['import', 'binary.txt'], exit: 4, code: 'import/encoding' },
  { name: 'import with a bogus --encoding', argv: ['import', 'gbk.txt', '--encoding', 'ebcdic'], exit: 2 },
];
