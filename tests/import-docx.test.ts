// Import from Word (issue #15): a DOCX made here with the `docx` library — a centred title block with subtitle,
// speaker and date lines, headings by Word outline level (a heading style, and a direct outline level with a bold
// run-in lead), a table with its caption, a picture with its caption, the 附件 list — gives the expected data file,
// with the picture saved for data/images/; and the text importer fills meta from speaker and date lines.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/world.ts';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diag/diagnostic.ts';
import { importDocx } from '../src/import/from-docx.ts';
import { importReport } from '../src/import/index.ts';
import { loadReportText } from '../src/load/index.ts';

const PNG = readFileSync(new URL('../data/images/示例-柱状图.png', import.meta.url));
const centred = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(text)] });
const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

async function wordReport(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          centred('某县2022年政府工作报告'),
          centred('——在县第十八届人民代表大会第一次会议上'),
          centred('县长　李明华'),
          centred('（2022年1月5日）'),
          new Paragraph('各位代表：'),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('过去一年的工作')] }),
          new Paragraph({ outlineLevel: 1, children: [new TextRun({ text: '经济稳中向好', bold: true }), new TextRun('全年生产总值增长6%。')] }),
          new Paragraph('表1　主要指标'),
          new Table({ rows: [new TableRow({ children: [cell('指标'), cell('数值')] }), new TableRow({ children: [cell('生产总值（亿元）'), cell('120.5')] }), new TableRow({ children: [cell('增长'), cell('6%')] })] }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 300, height: 150 } })] }),
          new Paragraph('图1　投资情况'),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('今年的主要任务')] }),
          new Paragraph('坚持稳中求进。'),
          new Paragraph('附件：1. 统计表'),
          new Paragraph('2. 现场照片'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('gongwen import report.docx', () => {
  it('gives the expected data file: meta lines, outline-level headings, run-in heading, table, picture, attachments', async () => {
    const result = importDocx(await wordReport(), { file: 'report.docx', imageStem: '报告' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.report).toEqual({
      meta: {
        id: '某县2022年政府工作报告',
        title: '某县2022年政府工作报告',
        subtitle: ['——在县第十八届人民代表大会第一次会议上'],
        speaker: '县长　李明华',
        speechDate: '2022-01-05',
        organ: '',
        date: '',
      },
      body: [
        { p: '各位代表：' },
        {
          heading: '过去一年的工作',
          body: [
            {
              heading: '经济稳中向好',
              runIn: '全年生产总值增长6%。',
              // What follows a heading belongs to it, as in a text import.
              body: [
                { table: { caption: '表1　主要指标', columns: ['指标', '数值'], rows: [['生产总值（亿元）', '120.5'], ['增长', '6%']] } },
                { image: { file: 'images/报告-图1.png', caption: '图1　投资情况' } },
              ],
            },
          ],
        },
        { heading: '今年的主要任务', body: [{ p: '坚持稳中求进。' }] },
      ],
      attachments: [{ title: '统计表' }, { title: '现场照片' }],
    });
    expect(result.images).toHaveLength(1);
    expect(result.images[0]?.path).toBe('images/报告-图1.png');
    expect(result.images[0]?.bytes.equals(PNG)).toBe(true);
    // The YAML is a data file the build loads as it is, with the generated numbers as comments.
    expect(parse(result.yaml)).toEqual(result.report);
    expect(result.yaml).toMatch(/# 一、\n {2}- heading: 过去一年的工作/);
    const diag = new DiagnosticSink();
    expect(loadReportText(result.yaml, 'data/报告.yaml', diag)?.report).toEqual(result.report);
    expect(diag.items.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('writes the data file and the picture beside it from the command line, and the result builds', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gongwen-docx-'));
    try {
      for (const dir of ['templates', 'fonts']) cpSync(path.join(PACKAGE_ROOT, dir), path.join(root, dir), { recursive: true });
      writeFileSync(path.join(root, '报告.docx'), await wordReport());
      const cli = (args: string[]) => spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'src/bin/gongwen.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, GONGWEN_NO_SYSTEM_FONTS: '1' }, timeout: 120_000 });
      const imported = cli(['import', '报告.docx', '-o', 'data/2022.yaml']);
      expect(imported.status, imported.stderr).toBe(0);
      expect(readFileSync(path.join(root, 'data/images/2022-图1.png')).equals(PNG)).toBe(true);
      expect(readFileSync(path.join(root, 'data/2022.yaml'), 'utf8')).toContain('file: images/2022-图1.png');
      const built = cli(['build', 'data/2022.yaml', '--edition', 'zh-Hans', '--format', 'pdf']);
      expect(built.status, built.stderr).toBe(0);
      expect(existsSync(path.join(root, 'out/某县2022年政府工作报告/某县2022年政府工作报告（简体）.pdf'))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);

  it('reports a file that is not a Word document at the file', () => {
    const result = importDocx(Buffer.from('not a zip'), { file: 'x.docx' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['import/unreadable-docx']);
    expect(result.yaml).toBe('');
  });
});

describe('speaker and date lines in a text report', () => {
  const text = ['某县2022年政府工作报告', '——在县第十八届人民代表大会第一次会议上', '县长　李明华', '（2022年1月5日）', '各位代表：', '一、过去一年的工作', '全年生产总值增长6%。'].join('\n');

  it('fills meta.speaker and meta.speechDate and keeps them out of the body', () => {
    const { report } = importReport(text, { file: 'r.txt' });
    expect(report.meta).toMatchObject({ title: '某县2022年政府工作报告', subtitle: ['——在县第十八届人民代表大会第一次会议上'], speaker: '县长　李明华', speechDate: '2022-01-05' });
    expect(report.body).toEqual([{ p: '各位代表：' }, { heading: '过去一年的工作', body: [{ p: '全年生产总值增长6%。' }] }]);
  });

  it('reads a date line without brackets and a speaker set apart by ASCII spaces', () => {
    const { report } = importReport(['某镇2021年工作总结', '镇长  王小明', '2022年1月5日', '一年来，全镇上下团结奋斗。'].join('\n'), { file: 'r.txt' });
    expect(report.meta.speaker).toBe('镇长　王小明');
    expect(report.meta.speechDate).toBe('2022-01-05');
    expect(report.body).toEqual([{ p: '一年来，全镇上下团结奋斗。' }]);
  });

  it('leaves a date line in the body when it is not under the title, and refuses impossible dates', () => {
    const { report } = importReport(['某镇2021年工作总结', '一年来，全镇上下团结奋斗。', '2022年1月5日'].join('\n'), { file: 'r.txt' });
    expect(report.meta.speechDate).toBeUndefined();
    expect(report.body.at(-1)).toEqual({ p: '2022年1月5日' });
    expect(importReport(['某镇2021年工作总结', '（2022年2月30日）', '正文。'].join('\n')).report.meta.speechDate).toBeUndefined();
  });
});
