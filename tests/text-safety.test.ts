// Text that reaches the user's terminal or the file system: control characters escaped in diagnostics, a lone CR as
// a line break, UTF-8 validation at the byte, encodings of imported text, file names within the UTF-8 byte limit.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { formatDiagnostics, printable } from '../src/diag/format.ts';
import { LineIndex } from '../src/diag/span.ts';
import { describeEncoding, firstInvalidUtf8 } from '../src/text/encoding.ts';
import { fitFileName, sanitizeFileName } from '../src/bundle/names.ts';

describe('printable', () => {
  it('escapes controls, bidi overrides and lone surrogates, and leaves Chinese text alone', () => {
    expect(printable('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
    expect(printable('\t\r\n\u0000\u007f\u0085')).toBe('\\t\\r\\n\\u0000\\u007f\\u0085');
    expect(printable('告\u202e报')).toBe('告\\u202e报');
    expect(printable('x\ud800y')).toBe('x\\ud800y');
    expect(printable('柞市镇“报告”𠀀')).toBe('柞市镇“报告”𠀀');
  });

  it('keeps the caret under an escaped character in the source line', () => {
    const text = 'title: 测\u001b试\n';
    const out = formatDiagnostics([{ severity: 'error', code: 'x', message: 'm', span: { file: 'f.yaml', start: 8, end: 9 }, hints: [] }], () => text);
    const [, source, caret] = out.split('\n');
    expect(source).toBe('  1 | title: 测\\u001b试');
    expect(caret).toBe(`    | ${' '.repeat(9)}${'^'.repeat(6)}`);
  });
});

describe('LineIndex', () => {
  it('counts LF, CRLF and a lone CR as line breaks', () => {
    const index = new LineIndex('a\rb\r\nc\nd');
    expect([0, 2, 5, 7].map((o) => index.at(o))).toEqual([{ line: 1, col: 1 }, { line: 2, col: 1 }, { line: 3, col: 1 }, { line: 4, col: 1 }]);
    expect(index.lineText(2)).toBe('b');
  });
});

describe('encodings', () => {
  it('finds the first invalid UTF-8 sequence, as the WHATWG decoder does', () => {
    expect(firstInvalidUtf8(Buffer.from('柞市镇'), 0)).toBeUndefined();
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xff, 0x62]), 0)).toEqual({ start: 1, end: 2 });
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]), 0)).toEqual({ start: 0, end: 1 }); // overlong
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]), 0)).toEqual({ start: 0, end: 1 }); // a surrogate
    expect(firstInvalidUtf8(Buffer.from([0xe6, 0x9f]), 0)).toEqual({ start: 0, end: 2 }); // cut off
  });

  it('tells UTF-8, UTF-16 (BOM), GB18030 and unknown bytes apart', () => {
    const text = '某镇2021年工作总结：一、主要工作。';
    expect(describeEncoding(Buffer.from(text))).toBe('utf-8');
    expect(describeEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe('utf-16le');
    expect(describeEncoding(iconv.encode(text, 'gbk'))).toBe('gb18030');
    expect(describeEncoding(iconv.encode(text, 'gb18030'))).toBe('gb18030');
    expect(describeEncoding(Buffer.from([0xff, 0x80, 0xff, 0x80]))).toBe('unknown');
  });
});

describe('file names within the UTF-8 byte limit', () => {
  it('cuts a long name to 200 bytes, keeping the extension', () => {
    const name = sanitizeFileName(`${'长'.repeat(90)}.xlsx`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name.endsWith('.xlsx')).toBe(true);
  });

  it('shortens only the title, so the label and the edition survive', () => {
    const hans = fitFileName('附件2 ', '长'.repeat(90), '（简体）.xlsx');
    const hant = fitFileName('附件2 ', '长'.repeat(90), '（繁體）.xlsx');
    expect(hans.startsWith('附件2 长')).toBe(true);
    expect(hans.endsWith('（简体）.xlsx')).toBe(true);
    expect(hant.endsWith('（繁體）.xlsx')).toBe(true);
    expect(Buffer.byteLength(hans)).toBeLessThanOrEqual(200);
    expect(fitFileName('附件 ', '短标题', '.pdf')).toBe('附件 短标题.pdf');
  });
});
