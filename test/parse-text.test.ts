/**
 * The text parser (PDF text → Report): every corpus text parses to exactly its gold key, and texts
 * we write ourselves — in the shapes pdftotext gives (wrapped labels, page numbers and running
 * headers inside tables, tab-separated rows, labels lost, half tables, blank cells) — parse to
 * exactly the values written into them. Odd input never throws.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T2_ROWS_2019, T2_ROWS_2021, T3_COLUMNS, T3_ROWS_2019, T3_ROWS_2021, T4_COLUMNS, T4_GROUPS, type FormatId } from '../core/model/keys';
import type { Report } from '../core/model/schema';
import { parseValue } from '../core/parse/normalize';
import { parseText } from '../core/parse/text';
import { readLine } from '../core/parse/text-lines';
import { cellLines } from './support/cells';
import { convertedReports, corpusReports, hasCorpus, type CorpusEntry } from './support/corpus';

const goldLines = (e: CorpusEntry) => e.gold.map((g) => `${g.table},${g.row},${g.column},${g.value}`).sort();
const texts = corpusReports().filter((e) => e.name.endsWith('.txt'));
const read = (e: CorpusEntry) => parseText(readFileSync(e.path, 'utf8'), { source: e.name });
const sectionKeys = (r: Report) => r.sections.map((s) => s.key);
const ALL_SECTIONS = ['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other'];

describe.skipIf(!hasCorpus)('corpus texts', () => {
  it('has the four PDF texts', () => {
    expect(texts.map((e) => e.name)).toEqual(
      expect.arrayContaining(['000-chiping-police-2020.txt', '02-huaian-city-2024.txt', '03-hongze-district-2023.txt', '04-hongze-district-2024.txt']),
    );
  });

  for (const e of texts) {
    describe(e.name, () => {
      const report = read(e);
      it('gives exactly the gold cells', () => {
        expect(cellLines(report)).toEqual(goldLines(e));
      });
      it('reads format and year as meta.json says', () => {
        expect(report.meta.format).toBe(e.meta.format);
        expect(report.meta.year).toBe(e.meta.year);
      });
      it('reads agency and publication date as meta.json says', () => {
        expect(report.meta.agency).toBe(e.meta.agency);
        expect(report.meta.published).toBe(e.meta.published);
      });
      it('has no diagnostics', () => {
        expect(report.diagnostics).toEqual([]);
      });
      it('keeps every number of the tables out of the narrative and marks each table', () => {
        expect(report.text).not.toMatch(/总计\s+\d/);
        expect(report.text).not.toMatch(/(?:\d+\s+){6}\d+/);
        expect(report.text).not.toMatch(/^\s*-\d+-\s*$/m); // page numbers are not narrative
      });
      it('finds its sections', () => {
        // 000 really lacks its 二、主动公开政府信息情况 heading (FINDINGS.md)
        const expected = e.name.startsWith('000-') ? ALL_SECTIONS.filter((k) => k !== 'proactive') : ALL_SECTIONS;
        expect(sectionKeys(report)).toEqual(expected);
        // a section that is only a table has no narrative text; the others do
        for (const key of ['overview', 'problems', 'other']) expect(report.sections.find((s) => s.key === key)?.text).not.toBe('');
      });
      it('points every cell at its line and position', () => {
        const lines = readFileSync(e.path, 'utf8').split(/\r?\n/);
        for (const t of ['t2', 't3', 't4'] as const) {
          for (const row of Object.values(report[t])) {
            for (const cell of Object.values(row ?? {})) {
              expect(cell?.source?.kind).toBe('text');
              if (!cell || cell.source?.kind !== 'text') continue;
              const { line, index } = cell.source;
              expect(lines[line - 1]).toContain(cell.raw);
              expect(readLine(lines[line - 1], line).values[index]?.raw).toBe(cell.raw);
            }
          }
        }
      });
    });
  }

  it('000: 655 万元 stays raw and reads as 655 (万元); the stray header 0 is no cell', () => {
    const r = read(texts.find((e) => e.name.startsWith('000-'))!);
    expect(r.t2.procurement?.amount_10k_yuan).toMatchObject({ raw: '655 万元', value: 655, source: { kind: 'text', line: 56, index: 1 } });
    expect(r.t3.new_received?.natural_person?.source).toEqual({ kind: 'text', line: 63, index: 0 });
  });
});

describe.skipIf(!hasCorpus)('converted texts (garbled by a third-party converter)', () => {
  for (const e of convertedReports()) {
    it(`${e.name}: tables 3 and 4 exact, format and year right`, () => {
      const report = read(e);
      expect(report.meta.format).toBe(e.meta.format);
      expect(report.meta.year).toBe(e.meta.year);
      const t34 = (l: string[]) => l.filter((x) => !x.startsWith('t2,'));
      expect(t34(cellLines(report))).toEqual(t34(goldLines(e)));
    });
  }
  it('09: table 2 exact too, and the blank 总计 stays blank', () => {
    const e = convertedReports().find((x) => x.name.includes('09-'));
    if (!e) return;
    const report = read(e);
    expect(cellLines(report)).toEqual(goldLines(e));
    expect(report.t3.carried_forward?.total).toMatchObject({ blank: true, value: null });
  });
});

// ——————————————————————————————— texts we write ourselves ———————————————————————————————

interface Doc {
  format: FormatId;
  /** Raw cell text by `table.row.column`. */
  values: Record<string, string>;
}

/** Values for every cell of a format: small numbers that differ from cell to cell. */
function makeDoc(format: FormatId, seed = 1): Doc {
  const values: Record<string, string> = {};
  let n = seed;
  const next = () => (n = (n * 37 + 11) % 997);
  for (const r of format === '2019' ? T2_ROWS_2019 : T2_ROWS_2021) for (const c of r.columns) values[`t2.${r.key}.${c.key}`] = String(next());
  for (const r of format === '2021' ? T3_ROWS_2021 : T3_ROWS_2019) for (const c of T3_COLUMNS) values[`t3.${r.key}.${c.key}`] = String(next() % 60);
  for (const g of T4_GROUPS) for (const c of T4_COLUMNS) values[`t4.${g.key}.${c.key}`] = String(next() % 9);
  return { format, values };
}

/** The gold lines a Doc must parse to (money: "251000元" → 25.1). */
function expected(doc: Doc, only?: (key: string) => boolean): string[] {
  return Object.entries(doc.values)
    .filter(([k]) => !only || only(k))
    .map(([k, raw]) => {
      const [t, ...rest] = k.split('.');
      const column = rest.pop()!;
      const value = parseValue(raw, column === 'amount_10k_yuan').value ?? '';
      return `${t},${rest.join('.')},${column},${value}`;
    })
    .sort();
}

interface Style {
  /** Separate cells by tabs (as 000 does) instead of layout spaces. */
  tabs?: boolean;
  /** Wrap long labels over the lines above and below the numbers. */
  wrap?: boolean;
  /** Page numbers and running headers inside the tables. */
  pageBreaks?: boolean;
  /** Print no table-3 row labels at all (all lost in extraction). */
  noLabels?: boolean;
  /** Keep only the first N rows of table 3, and stop the text there. */
  halfAt?: number;
  /** Blank cells (printed as nothing) in these table-3 rows: column indexes left empty. */
  blanks?: Record<string, number[]>;
}

const T3_LABEL: Record<string, string> = {
  new_received: '一、本年新收政府信息公开申请数量',
  carried_over: '二、上年结转政府信息公开申请数量',
  granted: '（一）予以公开',
  partially_granted: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  total_processed: '（七）总计',
  carried_forward: '四、结转下年度继续办理',
  other: '（六）其他处理',
};

function t3Label(format: FormatId, key: string): string {
  if (T3_LABEL[key]) return T3_LABEL[key];
  const row = (format === '2021' ? T3_ROWS_2021 : T3_ROWS_2019).find((r) => r.key === key)!;
  // the （六） sub-rows numbered 1、2、3、 as some PDFs print them
  return row.group === '（六）其他处理' ? row.zh.replace(/^(\d)\./, '$1、') : row.zh;
}

/** pdftotext -layout style: label, then numbers at fixed columns. */
function rowLine(label: string, nums: string[], style: Style, blanks: number[] = []): string {
  if (style.tabs) return `\t${label}\t${nums.map((v, i) => (blanks.includes(i) ? '' : v)).join('\t')}`;
  let line = `  ${label}`.padEnd(44, ' ');
  if (line.length >= 44) line += '  ';
  for (let i = 0; i < nums.length; i++) line += (blanks.includes(i) ? '' : nums[i]).padStart(6, ' ').padEnd(9, ' ');
  return line.trimEnd();
}

function writeText(doc: Doc, style: Style = {}): string {
  const { format, values } = doc;
  const v = (k: string) => values[k];
  const out: string[] = [];
  const page = (n: number) => {
    out.push('', `                                   - ${n} -`, '\f示例市示例局2024年政府信息公开工作年度报告', '');
  };
  out.push('              示例市示例局', '      2024 年政府信息公开工作年度报告', '');
  out.push('  本报告由示例市示例局根据《中华人民共和国政府信息公开条例》编制。报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。');
  out.push('  一、总体情况', '  2024 年，我局共主动公开政府信息 120 条，受理申请若干件。', '');
  out.push('  二、主动公开政府信息情况');
  const t2rows = format === '2019' ? T2_ROWS_2019 : T2_ROWS_2021;
  let article = '';
  for (const r of t2rows) {
    if (r.article !== article) {
      article = r.article;
      out.push('', `           ${r.article}`, '', `   信息内容          ${r.columns.map((c) => c.zh).join('     ')}`, '');
    }
    const nums = r.columns.map((c) => v(`t2.${r.key}.${c.key}`));
    if (style.wrap && r.key === 'normative_documents' && format !== '2019') {
      out.push('行政规范性', `文件              ${nums.join('          ')}`);
    } else out.push(style.tabs ? `${r.zh}\t${nums.join('\t')}` : `${r.zh}              ${nums.join('          ')}`);
    out.push('');
    if (style.pageBreaks && r.key === 'licensing') page(2);
  }
  out.push('', '     三、收到和处理政府信息公开申请情况', '                                                  申请人情况', '');
  out.push('（本列数据的勾稽关系为：第一项加第二项之和，              法人或其他组织');
  out.push('等于第三项加第四项之和）', '                              自然人                                           总计');
  out.push('                                        商业企      科研机     社会公益     法律服务     其他', '                                        业          构         组织         机构', '');
  const t3rows = format === '2021' ? T3_ROWS_2021 : T3_ROWS_2019;
  const rows = style.halfAt ? t3rows.slice(0, style.halfAt) : t3rows;
  rows.forEach((r, i) => {
    const nums = T3_COLUMNS.map((c) => v(`t3.${r.key}.${c.key}`));
    const blanks = style.blanks?.[r.key] ?? [];
    const label = style.noLabels ? '' : t3Label(format, r.key);
    if (style.wrap && label.length > 12 && i % 3 !== 0) {
      // wrapped: the first part above the numbers, the rest below (or beside)
      const cut = Math.ceil(label.length / 2);
      if (i % 3 === 1) out.push(`         ${label.slice(0, cut)}`, rowLine('', nums, style, blanks), `         ${label.slice(cut)}`);
      else out.push(`         ${label.slice(0, cut)}`, rowLine(label.slice(cut), nums, style, blanks));
    } else out.push(rowLine(label, nums, style, blanks));
    if (style.wrap && r.key === 'denied.security_stability') out.push('三、', '本', '年');
    if (style.wrap && r.key === 'denied.third_party_rights') out.push('     （三）不', '度', '     予公开');
    if (style.pageBreaks && i === 12) page(4);
    out.push('');
  });
  if (style.halfAt) return out.join('\n');
  out.push('', '     四、政府信息公开行政复议、行政诉讼情况', '行政复议                          行政诉讼', '');
  out.push('                              未经复议直接起诉                              复议后起诉');
  out.push('结果   结果    其他    尚未    总计   结果   结果   其他   尚未   总计   结果   结果   其他   尚未   总计');
  out.push('维持   纠正    结果    审结           维持   纠正   结果   审结          维持   纠正   结果   审结', '');
  const t4 = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => v(`t4.${g.key}.${c.key}`)));
  out.push(style.tabs ? t4.join('\t') : t4.map((x) => x.padEnd(6, ' ')).join(''), '');
  out.push('       五、存在的主要问题及改进情况', '       一是政策解读质量仍需提升。', '      六、其他需要报告的事项', '      本年度未收取信息处理费。', '');
  out.push('                                         示例市示例局', '                                        2025 年 1 月 20 日');
  return out.join('\n');
}

describe('texts we write ourselves', () => {
  const cases: Array<[string, FormatId, Style]> = [
    ['2021, layout', '2021', {}],
    ['2021, wrapped labels, vertical group labels', '2021', { wrap: true }],
    ['2021, page numbers and running headers between rows', '2021', { pageBreaks: true }],
    ['2021, everything at once', '2021', { wrap: true, pageBreaks: true }],
    ['2019, tab-separated', '2019', { tabs: true }],
    ['2019, layout, wrapped, page breaks', '2019', { wrap: true, pageBreaks: true }],
    ['hybrid, wrapped', 'hybrid', { wrap: true }],
    ['hybrid, tab-separated', 'hybrid', { tabs: true }],
  ];
  for (const [name, format, style] of cases) {
    it(`${name}: exactly the values written, format, year, agency, date, six sections`, () => {
      const doc = makeDoc(format, name.length);
      const report = parseText(writeText(doc, style));
      expect(cellLines(report)).toEqual(expected(doc));
      expect(report.meta.format).toBe(format);
      expect(report.meta.year).toBe(2024);
      expect(report.meta.agency).toBe('示例市示例局');
      expect(report.meta.published).toBe('2025-01-20');
      expect(sectionKeys(report)).toEqual(ALL_SECTIONS);
      expect(report.diagnostics).toEqual([]);
    });
  }

  it('narrative: the lines outside the tables, in order, one marker per table, line numbers kept', () => {
    const text = writeText(makeDoc('2021'), { pageBreaks: true });
    const report = parseText(text);
    expect(report.sections.find((s) => s.key === 'requests')?.heading).toBe('三、收到和处理政府信息公开申请情况');
    expect(report.text).toContain('共主动公开政府信息 120 条');
    expect(report.text).not.toContain('信息内容');
    expect(report.text).not.toContain('勾稽关系');
    expect(report.text).not.toContain('未经复议直接起诉');
    expect(report.text).not.toMatch(/- \d -/);
  });

  it('money with units, 减N and decimals in table 2', () => {
    const doc = makeDoc('2019', 5);
    doc.values['t2.procurement.amount_10k_yuan'] = '251000元';
    doc.values['t2.fees.change'] = '减4';
    doc.values['t2.penalty.change'] = '-3';
    const r = parseText(writeText(doc, { tabs: true }));
    expect(cellLines(r)).toEqual(expected(doc));
    expect(r.t2.fees?.change?.value).toBe(-4);
    const d21 = makeDoc('2021', 5);
    d21.values['t2.fees.amount_10k_yuan'] = '96171.6';
    expect(cellLines(parseText(writeText(d21)))).toEqual(expected(d21));
  });

  it('full-width digits read as numbers', () => {
    const doc = makeDoc('2021', 3);
    const wide = writeText(doc).replace(/(?<=\s)(\d+)(?=\s|$)/gm, (d) => d.replace(/\d/g, (x) => String.fromCharCode(0xff10 + Number(x))));
    expect(cellLines(parseText(wide))).toEqual(expected(doc));
  });

  it('2021 table 3 with every label lost: 25 number rows are read in the official order', () => {
    const doc = makeDoc('2021', 7);
    const r = parseText(writeText(doc, { noLabels: true }));
    expect(cellLines(r)).toEqual(expected(doc));
    expect(r.meta.format).toBe('2021');
  });

  it('2019 table 3 with every label lost: 23 rows, and the 2019 table 2 tells the format', () => {
    const doc = makeDoc('2019', 8);
    const r = parseText(writeText(doc, { noLabels: true, tabs: true }));
    expect(cellLines(r)).toEqual(expected(doc));
    expect(r.meta.format).toBe('2019');
  });

  it('a half table (rows missing at the end) gives a partial report with diagnostics, no throw', () => {
    const doc = makeDoc('2021', 9);
    const kept = T3_ROWS_2021.slice(0, 9).map((r) => r.key);
    const r = parseText(writeText(doc, { halfAt: 9, wrap: true }));
    expect(cellLines(r)).toEqual(expected(doc, (k) => k.startsWith('t2.') || kept.some((row) => k.startsWith(`t3.${row}.`))));
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes).toContain('text.t3-rows');
    expect(codes).toContain('text.t4-not-found');
    expect(codes).toContain('table.missing-cells');
    expect(r.diagnostics.find((d) => d.code === 'text.t3-rows')?.message).toContain('denied.enforcement_files');
  });

  it('rows with blank cells: values are placed by their column, the blanks read blank', () => {
    const doc = makeDoc('2021', 11);
    const blanks = { granted: [6], 'denied.state_secret': [1, 2, 3], carried_forward: [0] };
    const r = parseText(writeText(doc, { blanks }));
    const blankKeys = Object.entries(blanks).flatMap(([row, cols]) => cols.map((c) => `t3.${row}.${T3_COLUMNS[c].key}`));
    expect(cellLines(r)).toEqual(expected({ ...doc, values: { ...doc.values, ...Object.fromEntries(blankKeys.map((k) => [k, ''])) } }));
    expect(r.diagnostics.map((d) => d.code)).toContain('text.t3-partial-row');
  });

  it('a row label that says something else still follows the official order when the count fits', () => {
    const doc = makeDoc('hybrid', 12);
    // a 'wrong' label on one row: 7.属于行政执法案卷 printed where 6.属于四类过程性信息 belongs
    const text = writeText(doc).replace('6.属于四类过程性信息', '7.属于行政执法案卷');
    expect(cellLines(parseText(text))).toEqual(expected(doc));
  });

  it('two rows whose values pdftotext sets band by band under both labels (A B A B A B) are read whole', () => {
    const doc = makeDoc('2021', 14);
    const rows = ['unavailable.not_held', 'unavailable.needs_creation'];
    const nums = rows.map((row) => T3_COLUMNS.map((c) => doc.values[`t3.${row}.${c.key}`]));
    const bands = [
      [0, 4],
      [4, 5],
      [5, 7],
    ];
    const banded = (shift: number) => {
      const lines = ['  （四）无法 1.本机关不掌握相关政府信息', '            2.没有现成信息需要另行制作'];
      for (const [a, b] of bands) nums.forEach((n, r) => lines.push(' '.repeat(44 + 9 * a + (r === 1 && a === 4 ? shift : 0)) + n.slice(a, b).join('  ')));
      return lines.join('\n');
    };
    const cut = (text: string, shift: number) =>
      text
        .split('\n')
        .filter((l) => !l.includes('2.没有现成信息需要另行制作'))
        .map((l) => (l.includes('1.本机关不掌握相关政府信息') ? banded(shift) : l))
        .join('\n');
    const r = parseText(cut(writeText(doc), 0));
    expect(cellLines(r)).toEqual(expected(doc));
    expect(r.diagnostics).toEqual([]);
    // a band whose lines do not start at one column (a row's blank cells shift its piece): each row's
    // pieces still stand left to right, so the rows are read whole
    const shifted = parseText(cut(writeText(doc), 3));
    expect(cellLines(shifted)).toEqual(expected(doc));
    // a piece that starts left of where its row's piece before it ended is no band: the two rows are
    // named missing, none read wrong
    const off = parseText(cut(writeText(doc), -36));
    expect(cellLines(off)).toEqual(expected(doc, (k) => !rows.some((row) => k.startsWith(`t3.${row}.`))));
    expect(off.diagnostics.map((d) => d.code)).toContain('table.missing-cells');
  });

  it('page numbers are not values: "- 3 -", "— 3 —", "第 3 页" and "3/9" lines inside table 3', () => {
    const doc = makeDoc('2021', 13);
    const after = (label: string, add: string) => (t: string) => t.replace(new RegExp(`^(.*${label}.*)$`, 'm'), `$1\n${add}`);
    const text = [after('（一）予以公开', '- 3 -'), after('1.属于国家秘密', '        — 4 —'), after('2.重复申请', '第 5 页\n5/9')].reduce((t, f) => f(t), writeText(doc));
    expect(cellLines(parseText(text))).toEqual(expected(doc));
  });
});

describe('small shapes', () => {
  const t4Cells = (r: Report) => cellLines(r).filter((l) => l.startsWith('t4,'));
  const t4Expect = (nums: number[]) =>
    T4_GROUPS.flatMap((g, gi) => T4_COLUMNS.map((c, ci) => `t4,${g.key},${c.key},${nums[gi * 5 + ci]}`)).sort();

  it('table 4 printed one group per line, with its group labels', () => {
    const r = parseText(
      ['四、政府信息公开行政复议、行政诉讼情况', '                结果维持  结果纠正  其他结果  尚未审结  总计', '行政复议            1    0    0    0    1', '未经复议直接起诉    2    0    0    1    3', '复议后起诉          0    0    3    0    3', '五、存在的主要问题及改进情况'].join('\n'),
    );
    expect(t4Cells(r)).toEqual(t4Expect([1, 0, 0, 0, 1, 2, 0, 0, 1, 3, 0, 0, 3, 0, 3]));
  });

  it('table 4 split over a page break', () => {
    const r = parseText(['四、政府信息公开行政复议、行政诉讼情况', '行政复议            行政诉讼', '结果维持 结果纠正 其他结果 尚未审结 总计', '1  2  3  4  10  5  6  7  8  26', '', '              - 5 -', '\f0  0  0  0  0', '五、存在的主要问题及改进情况'].join('\n'));
    expect(t4Cells(r)).toEqual(t4Expect([1, 2, 3, 4, 10, 5, 6, 7, 8, 26, 0, 0, 0, 0, 0]));
  });

  it('table 4 with a value missing is left out, with a diagnostic', () => {
    const r = parseText(['四、政府信息公开行政复议、行政诉讼情况', '行政复议            行政诉讼', '1  2  3  4  10  5  6  7  8  26  0  0  0  0', '五、存在的主要问题及改进情况'].join('\n'));
    expect(r.t4).toEqual({});
    expect(r.diagnostics.map((d) => d.code)).toContain('text.t4-values');
  });

  it('table 2 labels on their own line or wrapped, values below; CRLF line ends and form feeds', () => {
    const text = [
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容      本年制发件数    本年废止件数    现行有效件数',
      '规章',
      '              1        2        3',
      '行政规范性',
      '文件          4        5        6',
      '\f第二十条第（五）项',
      '信息内容      本年处理决定数量',
      '行政许可      77',
      '第二十条第（六）项',
      '信息内容      本年处理决定数量',
      '行政处罚      1,088',
      '行政强制      99',
      '第二十条第（八）项',
      '信息内容      本年收费金额（单位：万元）',
      '行政事业性收费    12.5',
      '三、收到和处理政府信息公开申请情况',
    ].join('\r\n');
    const r = parseText(text);
    expect(cellLines(r)).toEqual(
      [
        't2,regulations,issued,1',
        't2,regulations,repealed,2',
        't2,regulations,in_force,3',
        't2,normative_documents,issued,4',
        't2,normative_documents,repealed,5',
        't2,normative_documents,in_force,6',
        't2,licensing,decisions,77',
        't2,penalty,decisions,1088',
        't2,coercion,decisions,99',
        't2,fees,amount_10k_yuan,12.5',
      ].sort(),
    );
    expect(r.meta.format).toBe('2021');
    expect(r.t2.regulations?.issued?.source).toEqual({ kind: 'text', line: 5, index: 0 });
  });
});

describe('odd input never throws', () => {
  it('empty text, blank lines, text without tables', () => {
    for (const t of ['', '\n\n\n', '\f', '   \t  ', '一、总体情况\n本年度我局未收到申请。\n二、主动公开政府信息情况\n无。']) {
      const r = parseText(t);
      expect(r.meta.format).toBeNull();
      expect(Object.keys(r.t3)).toEqual([]);
      expect(r.diagnostics.map((d) => d.code)).toContain('format.unknown');
    }
  });

  it('a lone line of 7 or 15 numbers in prose is no table 3 or table 4', () => {
    const r = parseText(['一、总体情况', '全年各月受理数：', '   3   5   8   2   0   1   4', '二、主动公开政府信息情况', '1  2  3  4  5  6  7  8  9  10  11  12  13  14  15'].join('\n'));
    expect(r.t3).toEqual({});
    expect(r.t4).toEqual({});
    expect(r.text).toContain('全年各月受理数');
  });

  it('random text', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('第二十条第（一）项', '信息内容', '规章', '1', '0', '  ', '\t', '\n', '|', '|---|', '- 3 -', '万元', '减', '（六）其他处理', '3.其他', '总计', '行政复议', '自然人', '—', '/', '无', '\f'),
      fc.integer({ min: 0, max: 100000 }).map(String),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), (parts) => {
        const r = parseText(parts.join(' '));
        expect(r).toBeTruthy();
        const r2 = parseText(parts.join('\n'));
        expect(r2).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });

  it('a corpus-shaped text with lines shuffled or cut at random', () => {
    const base = writeText(makeDoc('2021', 21), { wrap: true, pageBreaks: true }).split('\n');
    fc.assert(
      fc.property(fc.array(fc.nat({ max: base.length - 1 }), { maxLength: 60 }), fc.nat({ max: base.length }), (drops, cut) => {
        const lines = base.slice(0, cut).filter((_, i) => !drops.includes(i));
        const r = parseText(lines.join('\n'));
        expect(Array.isArray(r.diagnostics)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
