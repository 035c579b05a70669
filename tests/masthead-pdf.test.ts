// The 版头, 主送机关, 附注, 出席名单 and 版记 (issue #14), measured in the PDF by MuPDF: the red ink of the 标志 as a ruler
// finds it (the page rendered at 400 dpi), the rules as stroked paths with their colour and width, the text lines by
// their glyphs. For every example: the 标志's ink top 72 mm from the paper top (35 mm below the 版心) and red, the red
// rule 4 mm below the ink of the 发文字号 line and as wide as the 版心, the title two empty grid lines below it; the
// 版记's last rule on the 版心's bottom edge of an even last page, the blank page and the 版记 page without page
// numbers; the 信函's 标志 30 mm from the top, its red double rules (thick over thin, thin over thick, 170 mm) and its
// first page without a number; the 签发人 lines, the stacked 联合行文 names, the 出席名单.
import { beforeAll, expect } from 'vitest';
import { CELL_PT, EM_BOX_ASCENT, LINE_PITCH_PT, MARGIN_LEFT_MM, TYPE_AREA_WIDTH_PT } from '../src/gbt9704/page.ts';
import { COLOPHON_THICK_RULE_MM, COLOPHON_THIN_RULE_MM } from '../src/gbt9704/colophon.ts';
import { HEAD_RULE_MM, LETTER_FIRST_ELEMENT_GAP_PT } from '../src/gbt9704/masthead.ts';
import { needs } from './support/tools.ts';
import { TYPE_AREA_BOTTOM, buildData, buildExample, emTop, exampleText, gridLineAtOrBelow, gridTop, measure, mm, pt, withLines, type Built, type Example, type Measured } from './support/masthead-build.ts';
import { inkRows, renderRgb } from './support/pdf-ink.ts';

const { describe, it } = needs('mutool');

const LEFT = pt(MARGIN_LEFT_MM);
const RIGHT = LEFT + TYPE_AREA_WIDTH_PT;
/** Positions are compared to 0.1 mm (the layout's own are exact; the ink is read at 0.064 mm per pixel). */
const MM = 0.1;
const near = (actual: number, expected: number, what: string, tolerance = MM) => expect(Math.abs(actual - expected), `${what}: ${actual.toFixed(3)} mm, expected ${expected.toFixed(3)} mm`).toBeLessThanOrEqual(tolerance);

/** The 文件 examples and the 纪要 share the 版头's geometry (§7.2.4–§7.2.7, §10.3). */
const FILE_LIKE: Example[] = ['file', 'upward', 'joint', 'minutes'];

describe('the 版头 of a 文件, an upward 文件, a 联合行文 and a 纪要', () => {
  const built = new Map<Example, Built>();
  const measured = new Map<Example, Measured>();
  beforeAll(async () => {
    for (const name of FILE_LIKE) {
      const b = await buildExample(name);
      built.set(name, b);
      measured.set(name, measure(b.pdf));
    }
  }, 180_000);
  const m = (name: Example) => measured.get(name) as Measured;

  for (const name of FILE_LIKE) {
    describe(name, () => {
      it('prints the 标志 in red with its ink top 72 mm from the paper top (35 mm below the 版心), everything else black', () => {
        near(mm(m(name).mark.top), 72, 'ink top of the 标志');
        const colours = m(name).textColors;
        const red = colours.filter((c) => c.colorspace === 'DeviceRGB' && c.color === '1 0 0').map((c) => c.text).join('');
        const mark = built.get(name)?.edition.composed.blocks.find((b) => b.kind === 'masthead');
        expect(mark?.kind).toBe('masthead');
        if (mark?.kind !== 'masthead') return;
        expect(red).toBe([...mark.mark.map((t) => t.text), ...(mark.suffix ? [mark.suffix.text] : [])].join(''));
        for (const c of colours.filter((c) => !(c.colorspace === 'DeviceRGB' && c.color === '1 0 0'))) expect(c.color, c.text).toMatch(/^0( 0 0)?$/);
      });

      it('draws one red rule 4 mm below the ink of the 发文字号 line, 0.35 mm thick and exactly as wide as the 版心', () => {
        const rules = m(name).redRules;
        expect(rules).toHaveLength(1);
        const rule = rules[0];
        const number = m(name).docNumber;
        if (!rule || !number) throw new Error('no rule or no 发文字号');
        near(mm(rule.y - rule.width / 2) - mm(number.inkBottom), 4, 'rule top − ink bottom of the 发文字号 line');
        near(mm(rule.width), HEAD_RULE_MM, 'thickness', 0.01);
        near(mm(rule.x1), MARGIN_LEFT_MM, 'left end', 0.02);
        near(mm(rule.x2), mm(RIGHT), 'right end', 0.02);
      });

      it('sets the 发文字号 on a grid line two or more line pitches below the 标志 (空二行)', () => {
        const number = m(name).docNumber;
        if (!number) throw new Error('no 发文字号');
        const top = emTop(number.line);
        expect(Math.abs((top - gridTop(0)) / LINE_PITCH_PT - Math.round((top - gridTop(0)) / LINE_PITCH_PT))).toBeLessThan(0.01);
        const gap = top - m(name).mark.bottom;
        expect(gap).toBeGreaterThanOrEqual(2 * LINE_PITCH_PT - 4);
        expect(gap).toBeLessThan(3 * LINE_PITCH_PT + 4);
      });

      it('starts the title two empty grid lines below the rule, on the grid, with nothing printed between them', () => {
        const rule = m(name).redRules[0];
        const title = m(name).title;
        if (!rule || !title) throw new Error('no rule or no title');
        const below = gridLineAtOrBelow(rule.y + rule.width / 2);
        near(mm(emTop(title.line)), mm(gridTop(below + 2)), 'em top of the title');
        const image = renderRgb(built.get(name)?.pdf ?? Buffer.alloc(0), 1);
        expect(inkRows(image, 'dark', { x0: LEFT, x1: RIGHT, y0: rule.y + rule.width + 1, y1: title.inkTop - 1 })).toBeUndefined();
      });

      it('puts the 版记 on an even last page, its last rule on the 版心 bottom edge, rules 0.35 / 0.25 / 0.35 mm as wide as the 版心', () => {
        const pages = m(name).pages.length;
        expect(pages % 2).toBe(0);
        const rules = m(name).lastRules;
        expect(rules.length).toBeGreaterThanOrEqual(2);
        const last = rules.at(-1);
        if (!last) throw new Error('no rule');
        near(mm(last.y + last.width / 2), mm(TYPE_AREA_BOTTOM), 'bottom edge of the last rule');
        for (const r of rules) {
          near(mm(r.x1), MARGIN_LEFT_MM, 'left end', 0.02);
          near(mm(r.x2), mm(RIGHT), 'right end', 0.02);
        }
        near(mm(rules[0]?.width ?? 0), COLOPHON_THICK_RULE_MM, 'first rule', 0.01);
        near(mm(last.width), COLOPHON_THICK_RULE_MM, 'last rule', 0.01);
        if (rules.length === 3) near(mm(rules[1]?.width ?? 0), COLOPHON_THIN_RULE_MM, 'middle rule', 0.01);
      });

      it('numbers every page (the 版记 shares its page with text, or no blank page comes before it)', () => {
        const placement = built.get(name)?.edition.layout.colophon;
        expect(placement?.blankBefore).toBe(false);
        m(name).pageNumbers.forEach((n, i) => expect(n).toBe(`—${i + 1}—`));
      });
    });
  }

  it('文件: 主送机关 顶格 on the line after the blank line below the title, ending in a full-width colon; 附注 in （） 左空二字 on the line after the date', () => {
    const lines = m('file').pages[0]?.lines ?? [];
    const recipients = lines.find((l) => l.text.startsWith('各村'));
    if (!recipients) throw new Error('no 主送机关');
    near(mm(recipients.left), MARGIN_LEFT_MM, '主送 left edge', 0.05);
    expect(recipients.text.endsWith('：')).toBe(true);
    const title = m('file').title?.line;
    const titleLines = lines.filter((l) => l.size === 22);
    near(mm(emTop(recipients)), mm(emTop(titleLines.at(-1) ?? title ?? recipients) + 2 * LINE_PITCH_PT), '主送 two grid lines below the title’s last line');
    const last = m('file').pages.at(-1)?.lines ?? [];
    const date = last.findIndex((l) => l.text.startsWith('2022年2月15日') && l.size === 16);
    const note = last[date + 1];
    expect(note?.text).toBe('（此件公开发布）');
    near(mm(note?.left ?? 0), MARGIN_LEFT_MM + mm(2 * CELL_PT), '附注 left 2 字', 0.05);
    near(mm(emTop(note ?? recipients) - emTop(last[date] ?? recipients)), mm(LINE_PITCH_PT), '附注 on the next grid line');
  });

  it('上行文: the 发文字号 居左空一字 on the line of the last 签发人, “签发人：” and the names (楷体) ending 一字 from the right', () => {
    const line = m('upward').docNumber?.line;
    if (!line) throw new Error('no line');
    expect(line.text.replace(/\s/g, '')).toBe('柞政呈〔2022〕4号签发人：李明华王建国');
    near(mm(line.left), MARGIN_LEFT_MM + mm(CELL_PT), '发文字号 left edge', 0.05);
    near(mm(line.right), mm(RIGHT - CELL_PT), 'last name right edge', 0.3);
    const names = line.chars.filter((c) => '李明华王建国'.includes(c.c));
    expect(new Set(names.map((c) => c.font)).size).toBe(1);
    expect(names[0]?.font).toMatch(/WenKai/i);
    const label = line.chars.filter((c) => '签发人'.includes(c.c));
    expect(label[0]?.font).not.toMatch(/WenKai/i);
  });

  it('联合行文: the names stacked and spread to one width, “文件” to their right, centred on their two lines', () => {
    const lines = m('joint').pages[0]?.lines.filter((l) => l.size > 22) ?? [];
    const first = lines.find((l) => l.text.startsWith('中共'));
    const second = lines.find((l) => l.text.startsWith('柞市镇人民政府'));
    const suffix = lines.find((l) => l.text === '文件');
    if (!first || !second || !suffix) throw new Error(`stacked lines not found: ${lines.map((l) => l.text).join(' | ')}`);
    near(mm(first.left), mm(second.left), 'left edges', 0.05);
    near(mm(first.right), mm(second.right), 'right edges', 0.05);
    near(mm(suffix.baseline), mm((first.baseline + second.baseline) / 2), 'suffix baseline between the names', 0.05);
    expect(suffix.left).toBeGreaterThan(first.right);
    near(mm((first.left + suffix.right) / 2), mm((LEFT + RIGHT) / 2), 'the group centred on the 版心', 0.2);
  });

  it('纪要: the “××××纪要” mark, the 出席/请假/列席 lines in 黑体 from 2 字 with the names in 仿宋 hanging after the colon', () => {
    const text = m('minutes').textColors.filter((c) => c.color === '1 0 0').map((c) => c.text).join('');
    expect(text).toBe('柞市镇党政联席会议纪要');
    const lines = m('minutes').pages.at(-1)?.lines ?? [];
    const present = lines.findIndex((l) => l.text.startsWith('出席：'));
    const line = lines[present];
    const wrapped = lines[present + 1];
    if (!line || !wrapped) throw new Error('no 出席 line');
    near(mm(line.left), MARGIN_LEFT_MM + mm(2 * CELL_PT), '出席 left 2 字', 0.05);
    expect(line.chars[0]?.font).toMatch(/Sans/);
    expect(line.chars[3]?.font).not.toMatch(/Sans/);
    near(mm(wrapped.left), mm(line.chars[3]?.x ?? 0), 'wrapped line under the first name', 0.05);
    expect(lines.slice(present).map((l) => l.text.slice(0, 3))).toEqual(expect.arrayContaining(['请假：', '列席：']));
  });
});

describe('the 信函格式 (§10.1)', () => {
  let b: Built;
  let m: Measured;
  beforeAll(async () => {
    b = await buildExample('letter');
    m = measure(b.pdf);
  }, 120_000);

  it('prints the 标志 in red, its ink top 30 mm from the paper top', () => {
    near(mm(m.mark.top), 30, 'ink top of the 标志');
  });

  it('draws the red double rules: thick over thin 4 mm below the 标志, thin over thick ending 20 mm above the bottom, 170 mm long and centred', () => {
    expect(m.redRules).toHaveLength(4);
    const [thick, thin, thin2, thick2] = m.redRules as [typeof m.redRules[0], typeof m.redRules[0], typeof m.redRules[0], typeof m.redRules[0]];
    near(mm(thick.y - thick.width / 2) - mm(m.mark.bottom), 4, 'upper rule top − 标志 ink bottom');
    expect(thick.width).toBeGreaterThan(thin.width);
    expect(thin.y).toBeGreaterThan(thick.y);
    expect(thick2.width).toBeGreaterThan(thin2.width);
    expect(thick2.y).toBeGreaterThan(thin2.y);
    near(mm(thick2.y + thick2.width / 2), 277, 'lower rule bottom edge (20 mm above the paper bottom)');
    for (const r of m.redRules) {
      near(mm(r.x2 - r.x1), 170, 'length', 0.02);
      near(mm((r.x1 + r.x2) / 2), mm((LEFT + RIGHT) / 2), 'centre', 0.02);
    }
  });

  it('sets the 发文字号 at the right edge of the first grid line at least 7/8 of a 3号 character below the upper double rule; the title two lines below it', () => {
    const line = m.docNumber?.line;
    const thin = m.redRules[1];
    if (!line || !thin) throw new Error('no 发文字号');
    near(mm(line.right), mm(RIGHT), '发文字号 right edge', 0.3);
    const lineNumber = gridLineAtOrBelow(thin.y + thin.width / 2 + LETTER_FIRST_ELEMENT_GAP_PT);
    near(mm(emTop(line)), mm(gridTop(lineNumber)), 'em top of the 发文字号');
    near(mm(emTop(m.title?.line ?? line)), mm(gridTop(lineNumber + 3)), 'em top of the title');
  });

  it('leaves the first page without a page number and numbers the next; its 版记 has neither 印发 line nor rules, at the 版心 bottom', () => {
    expect(m.pageNumbers).toEqual(['', '—2—']);
    expect(m.lastRules).toEqual([]);
    const last = m.pages.at(-1)?.lines.filter((l) => l.baseline < TYPE_AREA_BOTTOM) ?? [];
    expect(last.at(-1)?.text).toBe('抄送：县农业农村局。');
    expect(last.some((l) => l.text.includes('印发'))).toBe(false);
    const placement = b.edition.layout.colophon;
    expect(placement?.page).toBe(2);
  });
});

describe('where the 版记 goes (§7.4, §7.5)', () => {
  /** The 文件 example's 版头 and 版记 with `count` one-line paragraphs of body; the first count that gives `want`. */
  async function variant(want: (b: Built) => boolean, from: number, to: number): Promise<Built> {
    for (let count = from; count <= to; count++) {
      const b = await buildData(withLines(exampleText('file'), count));
      if (want(b)) return b;
    }
    throw new Error('no body length gives the case');
  }

  it('after a body ending on an even page without room for it: a blank page and the 版记 page, neither numbered, the last rule on the 版心 bottom', async () => {
    const b = await variant((x) => x.edition.layout.colophon?.blankBefore === true, 25, 70);
    const m = measure(b.pdf);
    const n = m.pages.length;
    expect(n % 2).toBe(0);
    expect(m.pageNumbers.slice(-2)).toEqual(['', '']);
    expect(m.pageNumbers.slice(0, -2)).toEqual(m.pageNumbers.slice(0, -2).map((_, i) => `—${i + 1}—`));
    expect(m.pages[n - 2]?.lines).toEqual([]);
    const last = m.lastRules.at(-1);
    near(mm((last?.y ?? 0) + (last?.width ?? 0) / 2), mm(TYPE_AREA_BOTTOM), 'bottom edge of the last rule');
    // The body's last (even) page had no room: the grid line after its last line is below the 版记's first rule.
    const before = m.pages[n - 3]?.lines.filter((l) => l.baseline < TYPE_AREA_BOTTOM && l.size === 16) ?? [];
    const first = m.lastRules[0];
    const lastLine = before.at(-1);
    if (!first || !lastLine) throw new Error('no rule or no body');
    expect((n - 2) % 2).toBe(0);
    expect(emTop(lastLine) + LINE_PITCH_PT).toBeGreaterThan(first.y - first.width / 2);
  }, 180_000);

  it('after a body ending on an odd page: the 版记 alone on the next (even) page, which is numbered', async () => {
    const b = await variant((x) => x.edition.layout.colophon?.alone === true && !x.edition.layout.colophon.blankBefore, 1, 40);
    const m = measure(b.pdf);
    expect(m.pages.length % 2).toBe(0);
    m.pageNumbers.forEach((n, i) => expect(n).toBe(`—${i + 1}—`));
    const text = m.pages.at(-1)?.lines.filter((l) => l.baseline < TYPE_AREA_BOTTOM).map((l) => l.text) ?? [];
    expect(text[0]).toMatch(/^抄送：/);
  }, 180_000);

  it('never overlaps the body: the first rule is below the last body line on the page it shares', async () => {
    const b = await buildExample('file');
    const m = measure(b.pdf);
    const last = m.pages.at(-1);
    const body = last?.lines.filter((l) => l.size === 16 && l.baseline < TYPE_AREA_BOTTOM) ?? [];
    const first = m.lastRules[0];
    expect((body.at(-1)?.baseline ?? 0) + (1 - EM_BOX_ASCENT) * 16).toBeLessThan((first?.y ?? 0) - (first?.width ?? 0) / 2);
  }, 120_000);
});

describe('the red as the print shop wants it (--red)', () => {
  it('draws the 标志 and the rule in DeviceCMYK with --red cmyk:0,100,100,0, the body still black', async () => {
    const b = await buildExample('file', { red: { space: 'cmyk', cmyk: [0, 100, 100, 0] } });
    const m = measure(b.pdf);
    expect(m.redRules[0]?.colorspace).toBe('DeviceCMYK');
    expect(m.redRules[0]?.color).toBe('0 1 1 0');
    const cmyk = m.textColors.filter((c) => c.colorspace === 'DeviceCMYK').map((c) => c.text).join('');
    expect(cmyk).toBe('柞市镇人民政府文件');
    expect(m.textColors.filter((c) => c.colorspace !== 'DeviceCMYK').every((c) => /^0( 0 0)?$/.test(c.color))).toBe(true);
    near(mm(m.mark.top), 72, 'ink top of the 标志');
  }, 120_000);
});

describe('the 版头 below the mark lines (§7.2.1–§7.2.3)', () => {
  it('keeps 份号, 密级 and 紧急 on grid lines 1–3 above the 标志 at 72 mm', async () => {
    const text = exampleText('file').replace('  urgency: 加急\n', '  secret: { level: 秘密, period: 1年 }\n  urgency: 特急\n');
    const b = await buildData(text);
    const m = measure(b.pdf);
    const lines = m.pages[0]?.lines ?? [];
    // Without numbered copies there is no 份号 line: 密级 and 紧急 are lines 1 and 2.
    expect(lines.slice(0, 2).map((l) => l.text)).toEqual(['秘密★1年', '特急']);
    lines.slice(0, 2).forEach((l, i) => near(mm(emTop(l)), mm(gridTop(i)), `mark line ${i + 1}`));
    near(mm(m.mark.top), 72, 'ink top of the 标志');
    expect((lines[1]?.baseline ?? 0) + (1 - EM_BOX_ASCENT) * 16).toBeLessThan(m.mark.top);
  }, 120_000);
});
