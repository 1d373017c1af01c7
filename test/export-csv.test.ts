/** CSV and JSON exports on reports built here (no corpus): layout, values, quoting, formula safety. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  BOM,
  ExportDocument,
  ISSUE_COLUMNS,
  LONG_COLUMNS,
  WIDE_META_COLUMNS,
  longCsvExporter,
  mergeOrdered,
  neutralise,
  toIssuesCsv,
  toJson,
  toLongCsv,
  toWideCsv,
  unionCellKeys,
  type ExportItem,
} from '../core/export/index';
import { FORMATS, cellKeys, type FormatId } from '../core/model/keys';
import type { Issue, Report } from '../core/model/schema';
import { buildReport } from '../core/parse/build';

/** A report through the real builder: `values` are the printed texts by `table.row.column`. */
function makeReport(format: FormatId, values: Record<string, string>, meta: Partial<Report['meta']> = {}): Report {
  const keys = cellKeys(format);
  const cells = keys
    .filter((k) => `${k.table}.${k.row}.${k.column}` in values)
    .map((k) => ({ table: k.table, row: k.row, column: k.column, raw: values[`${k.table}.${k.row}.${k.column}`] }));
  // Make sure the format is recognisable: one cell only this format has.
  const marker = format === '2021' ? 't3.other.no_correction.total' : format === '2019' ? 't2.regulations.made' : 't2.regulations.issued';
  if (!(marker in values)) {
    const [table, row, column] = [marker.slice(0, 2), marker.slice(3, marker.lastIndexOf('.')), marker.slice(marker.lastIndexOf('.') + 1)];
    cells.push({ table: table as 't2', row, column, raw: '0' });
  }
  if (format === 'hybrid' && !('t3.other.total' in values)) cells.push({ table: 't3', row: 'other', column: 'total', raw: '0' });
  const report = buildReport({ cells, lines: [], hints: {}, diagnostics: [] }, { source: meta.source ?? 'test.html' });
  expect(report.meta.format).toBe(format);
  report.meta = { ...report.meta, agency: '测试市人民政府', year: format === '2019' ? 2019 : 2023, ...meta };
  return report;
}

const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;

const issue = (over: Partial<Issue> = {}): Issue => ({
  rule: 't3.row-total',
  severity: 'error',
  table: 't3',
  row: 'granted',
  column: 'total',
  cells: [{ table: 't3', row: 'granted', column: 'total' }],
  expected: 12,
  actual: 10,
  expectedFrom: 'sum',
  message: '总计与各列之和不符',
  messageEn: 'total differs from the sum',
  suspects: [],
  candidates: [],
  ...over,
});

describe('long CSV', () => {
  const report = makeReport('2019', {
    't2.regulations.made': '13',
    't2.licensing.change': '减4',
    't2.fees.change': '-15',
    't2.procurement.amount_10k_yuan': '251000元',
    't3.new_received.natural_person': '  1\u00a0234 ',
    't3.new_received.commercial': '',
    't3.new_received.research': '/',
    't3.new_received.total': '7（其中转办 2 件）',
  });
  const csv = toLongCsv([{ report, issues: [] }]);
  const lines = parse(csv);

  it('starts with a BOM and the spec columns, CRLF line ends', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe('source,agency,year,format,table,row,column,value,raw');
    expect(lines[0]).toEqual([...LONG_COLUMNS]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('has one line per cell the report has, in the official order', () => {
    const ids = lines.slice(1).map((l) => `${l[4]}.${l[5]}.${l[6]}`);
    const official = cellKeys('2019').map((k) => `${k.table}.${k.row}.${k.column}`);
    expect(ids).toEqual(official.filter((id) => ids.includes(id)));
    expect(ids).toHaveLength(8);
  });

  it('writes plain numbers (money in 万元, 减4 as -4), empty where there is none, raw collapsed', () => {
    const byId = new Map(lines.slice(1).map((l) => [`${l[4]}.${l[5]}.${l[6]}`, l]));
    expect(byId.get('t2.regulations.made')!.slice(7)).toEqual(['13', '13']);
    expect(byId.get('t2.licensing.change')!.slice(7)).toEqual(['-4', '减4']);
    expect(byId.get('t2.fees.change')!.slice(7)).toEqual(['-15', '-15']); // value numeric; raw a plain number, left alone
    expect(byId.get('t2.procurement.amount_10k_yuan')!.slice(7)).toEqual(['25.1', '251000元']);
    expect(byId.get('t3.new_received.natural_person')!.slice(7)).toEqual(['1234', '1 234']);
    expect(byId.get('t3.new_received.commercial')!.slice(7)).toEqual(['', '']);
    expect(byId.get('t3.new_received.research')!.slice(7)).toEqual(['', '/']);
    expect(byId.get('t3.new_received.total')!.slice(7)).toEqual(['7', '7（其中转办 2 件）']);
    expect(byId.get('t2.regulations.made')!.slice(0, 4)).toEqual(['test.html', '测试市人民政府', '2019', '2019']);
  });

  it('keeps a negative number a number: unquoted, no apostrophe', () => {
    expect(csv).toContain(',-4,减4\r\n');
    expect(csv).not.toContain("'-4");
  });

  it('quotes commas, quotes and line breaks as RFC 4180 (papaparse round trip)', () => {
    const odd = makeReport('2021', { 't3.granted.total': '1' }, { agency: '某局,"办公室"\n二处', source: 'a b,c.html' });
    const out = parse(toLongCsv([{ report: odd, issues: [] }]));
    expect(out[1][0]).toBe('a b,c.html');
    expect(out[1][1]).toBe('某局,"办公室"\n二处');
  });

  it('is the same text whether streamed report by report or written at once', () => {
    const other = makeReport('2021', { 't3.granted.total': '5' });
    const ex = longCsvExporter();
    const streamed = ex.begin() + ex.item({ report, issues: [] }) + ex.item({ report: other, issues: [] }) + ex.end([]);
    expect(streamed).toBe(toLongCsv([{ report, issues: [] }, { report: other, issues: [] }]));
  });

  it('writes only the header when there is no report', () => {
    expect(toLongCsv([])).toBe(`${BOM}${LONG_COLUMNS.join(',')}\r\n`);
  });
});

describe('formula injection', () => {
  it('neutralises text beginning with = + - @ tab or CR, and nothing else', () => {
    for (const t of ['=1+1', '+1+1', '-x', '-1+2', '-', '-18)', '@SUM(A1)', '\tx', '\rx', '-1e5', '+0x1', '+5']) expect(neutralise(t)).toBe(`'${t}`);
    for (const t of ['1', '减4', '总计', "'=x", ' =x', '']) expect(neutralise(t)).toBe(t);
  });

  it('leaves plain numbers printed as text alone: -18 stays -18 (a spreadsheet reads it as the number)', () => {
    for (const t of ['-18', '-3.5', '-1,234', '-12%', '7']) expect(neutralise(t)).toBe(t);
    const report = makeReport('2021', { 't3.granted.total': '-18' });
    const line = parse(toLongCsv([{ report, issues: [] }])).find((l) => l[5] === 'granted' && l[6] === 'total')!;
    expect(line.slice(7)).toEqual(['-18', '-18']);
  });

  it('makes every text field of every CSV inert; numbers stay numbers', () => {
    const evil = '=HYPERLINK("http://evil.example","x")';
    const report = makeReport('2021', { 't3.granted.natural_person': evil, 't3.granted.total': '-4', 't2.fees.amount_10k_yuan': '@SUM(1)' }, { agency: evil, source: '+cmd.html' });
    const items: ExportItem[] = [{ report, issues: [issue({ message: '-计算错误', rule: '=rule' })] }];
    const fields = [...parse(toLongCsv(items)), ...parse(toWideCsv(items)), ...parse(toIssuesCsv(items))].slice(0).flat();
    const dangerous = fields.filter((f) => /^[=+@\t\r]/.test(f) || (/^-/.test(f) && !/^-\d+(\.\d+)?$/.test(f)));
    expect(dangerous).toEqual([]);
    expect(fields).toContain(`'${evil}`);
    expect(fields).toContain("'+cmd.html");
    expect(fields).toContain("'-计算错误");
    expect(fields).toContain('-4');
  });
});

describe('wide CSV', () => {
  const r19 = makeReport('2019', { 't2.regulations.made': '3', 't3.other.total': '2', 't4.review.total': '1' }, { source: 'a.html' });
  const r21 = makeReport('2021', { 't2.regulations.issued': '4', 't3.other.fee_unpaid.total': '5', 't4.review.total': '6' }, { source: 'b.html', agency: '另一局' });
  const items: ExportItem[] = [
    { report: r19, issues: [issue(), issue({ severity: 'warning' }), issue({ severity: 'warning' })] },
    { report: r21, issues: [] },
  ];
  const rows = parse(toWideCsv(items));

  it('has the report columns, then one column per cell key of every format, in a stable order', () => {
    expect(rows[0].slice(0, WIDE_META_COLUMNS.length)).toEqual([...WIDE_META_COLUMNS]);
    const ids = rows[0].slice(WIDE_META_COLUMNS.length);
    expect(ids).toEqual(unionCellKeys().map((k) => k.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FORMATS) {
      const own = cellKeys(f).map((k) => `${k.table}.${k.row}.${k.column}`);
      expect(ids.filter((id) => own.includes(id))).toEqual(own); // each format keeps its official order
    }
    expect(ids).toContain('t3.new_received.total');
  });

  it('has one line per report with its values, blanks where its format has no such cell', () => {
    expect(rows).toHaveLength(3);
    const col = (id: string) => rows[0].indexOf(id);
    expect(rows[1].slice(0, 9)).toEqual(['a.html', '测试市人民政府', '2019', '', '', '', '2019', '1', '2']);
    expect(rows[2].slice(0, 9)).toEqual(['b.html', '另一局', '2023', '', '', '', '2021', '0', '0']);
    expect([rows[1][col('t2.regulations.made')], rows[2][col('t2.regulations.made')]]).toEqual(['3', '']);
    expect([rows[1][col('t2.regulations.issued')], rows[2][col('t2.regulations.issued')]]).toEqual(['', '4']);
    expect([rows[1][col('t3.other.total')], rows[2][col('t3.other.fee_unpaid.total')]]).toEqual(['2', '5']);
    expect([rows[1][col('t4.review.total')], rows[2][col('t4.review.total')]]).toEqual(['1', '6']);
  });

  it('names each report for a reader: title, published date and, for a page, its address', () => {
    const page = makeReport('2021', { 't3.granted.total': '-18' }, { source: 'https://www.example.gov.cn/xxgk/2024.html', title: '=某局2023年政府信息公开工作年度报告', published: '2024-01-20' });
    const [head, line] = parse(toWideCsv([{ report: page, issues: [] }]));
    expect(head.slice(0, 9)).toEqual(['source', 'agency', 'year', 'title', 'published', 'url', 'format', 'errors', 'warnings']);
    expect(line.slice(0, 7)).toEqual(['https://www.example.gov.cn/xxgk/2024.html', '测试市人民政府', '2023', "'=某局2023年政府信息公开工作年度报告", '2024-01-20', 'https://www.example.gov.cn/xxgk/2024.html', '2021']);
    expect(line[head.indexOf('t3.granted.total')]).toBe('-18');
  });

  it('--labels zh: Chinese column headers (表三·（一）予以公开·总计), one per column, the lines unchanged', () => {
    const zh = parse(toWideCsv(items, { labels: 'zh' }));
    expect(zh[0].slice(0, 9)).toEqual(['来源', '机构', '年度', '标题', '发布日期', '网址', '格式', '错误', '警告']);
    expect(zh[0]).toContain('表三·（一）予以公开·总计');
    expect(zh[0]).toContain('表二·规章·本年新制作数量');
    expect(zh[0]).toContain('表四·行政复议·结果维持');
    expect(zh[0][rows[0].indexOf('t3.granted.total')]).toBe('表三·（一）予以公开·总计');
    expect(new Set(zh[0]).size).toBe(zh[0].length);
    expect(zh.slice(1)).toEqual(rows.slice(1));
    expect(parse(toLongCsv(items, { labels: 'zh' }))[0]).toEqual(['来源', '机构', '年度', '格式', '表', '行', '列', '数值', '原文']);
    expect(parse(toIssuesCsv(items, { labels: 'zh' }))[0]).toEqual(['来源', '机构', '年度', '规则', '级别', '单元格', '依据之数', '依据', '表中所印', '数字对照', '说明', '可能出错的数字', '可能出错的格（无法确定）']);
  });

  it('merges ordered lists keeping each one’s order', () => {
    expect(mergeOrdered([['a', 'b', 'e'], ['a', 'c', 'd', 'e', 'f']])).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('issues CSV', () => {
  it('has one line per issue with the cell it points at', () => {
    const report = makeReport('2021', { 't3.granted.total': '1' });
    const rows = parse(
      toIssuesCsv([
        { report, issues: [issue({ suspects: [{ table: 't3', row: 'granted', column: 'total', printed: 10, suggested: 12, kind: 'value' }] }), issue({ rule: 't3.balance', severity: 'warning', row: null, expected: null, expectedFrom: null, actual: 3, candidates: [{ table: 't3', row: 'granted', column: 'total', printed: 1 }] }), issue({ table: null, row: null, column: null, cells: [], rule: 'narrative' }), issue({ table: null, row: null, column: null, rule: 'one-cell', cells: [{ table: 't4', row: 'review', column: 'total' }] })] },
        { report, issues: [] },
      ]),
    );
    expect(rows[0]).toEqual([...ISSUE_COLUMNS]);
    expect(rows.slice(1)).toEqual([
      ['test.html', '测试市人民政府', '2023', 't3.row-total', 'error', 't3.granted.total', '12', 'sum', '10', '各分项相加为 12，表三印 10', '总计与各列之和不符', 't3.granted.total=12', ''],
      ['test.html', '测试市人民政府', '2023', 't3.balance', 'warning', 't3.*.total', '', '', '3', '', '总计与各列之和不符', '', 't3.granted.total'],
      ['test.html', '测试市人民政府', '2023', 'narrative', 'error', '', '12', 'sum', '10', '', '总计与各列之和不符', '', ''],
      ['test.html', '测试市人民政府', '2023', 'one-cell', 'error', 't4.review.total', '12', 'sum', '10', '', '总计与各列之和不符', '', ''],
    ]);
  });
});

describe('JSON', () => {
  it('is one document of the reports with their issues and the failures, valid against the schema', () => {
    const a = makeReport('2019', { 't2.licensing.change': '减4' });
    const b = makeReport('2021', { 't3.granted.total': '1' });
    const items = [{ report: a, issues: [issue()] }, { report: b, issues: [] }];
    const text = toJson(items, [{ source: 'x.pdf', reason: 'PDF' }]);
    const doc = JSON.parse(text);
    expect(ExportDocument.parse(doc)).toEqual(doc);
    expect(doc.reports).toEqual(JSON.parse(JSON.stringify(items)));
    expect(doc.failures).toEqual([{ source: 'x.pdf', reason: 'PDF' }]);
    expect(doc.reports[0].report.t2.licensing.change.value).toBe(-4);
    expect(ExportDocument.parse(JSON.parse(toJson([])))).toEqual({ generator: 'nianbao-lens', version: 1, reports: [], failures: [] });
  });
});

describe('the CSV writer', () => {
  it('writes what papaparse writes (quoting, quotes doubled, numbers, formula guard), for any fields', async () => {
    const fc = (await import('fast-check')).default;
    const { csvLines } = await import('../core/export/csv');
    const guard = /^(?!-?\d+(?:,\d{3})*(?:\.\d+)?%?$)[=+\-@\t\r]/;
    const text = fc.oneof(fc.string(), fc.constantFrom(' a', 'a ', '"', 'a,b', '\ufeffx', '-18', '=1', '+1', '-x', '@', '\t1', '\r\n', '减4', '1,234', '-1,234'));
    const field = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), (lines) => {
        expect(csvLines(lines)).toBe(Papa.unparse(lines, { newline: '\r\n', escapeFormulae: guard, header: false }) + '\r\n');
      }),
      { numRuns: 500 },
    );
    expect(csvLines([])).toBe('');
  });
});

describe('nianbao export --labels', () => {
  async function exportCli(args: string[]) {
    const { run } = await import('../core/cli/export');
    let out = '';
    let err = '';
    const code = await run(args, { out: (t) => void (out += t), err: (t) => void (err += t), outBytes: () => {} });
    return { code, out, err };
  }
  const sample = new URL('../samples/demo-2024.html', import.meta.url).pathname;

  it('zh: Chinese headers for people, the same lines; keys stay the default', async () => {
    const zh = await exportCli([sample, '--format', 'csv-wide', '--labels', 'zh', '--quiet']);
    const keys = await exportCli([sample, '--format', 'csv-wide', '--quiet']);
    expect([zh.code, keys.code]).toEqual([0, 0]);
    const [zhHead, ...zhLines] = parse(zh.out);
    const [keyHead, ...keyLines] = parse(keys.out);
    expect(zhHead.slice(0, 3)).toEqual(['来源', '机构', '年度']);
    expect(zhHead[keyHead.indexOf('t3.granted.total')]).toBe('表三·（一）予以公开·总计');
    expect(keyHead[0]).toBe('source');
    expect(zhLines).toEqual(keyLines);
  });

  it('anything else is a usage error naming what is accepted', async () => {
    const r = await exportCli([sample, '--format', 'csv-wide', '--labels', 'en']);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/--labels takes keys \(default\) or zh/);
  });
});
