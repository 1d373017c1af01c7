/**
 * Report pages nobody has seen: our own pages, written in the many layouts portals use, must
 * parse to exactly the values written into them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../core/model/keys';
import { parseHtml } from '../core/parse/html';
import { readReportFile } from '../core/node/read';
import { cellLines } from './support/cells';
import { consistentValues, writeReportPage, type PageStyle } from './support/page-writer';
import { testDir } from './support/test-dir';

const STYLES: Record<string, PageStyle> = {
  plain: {},
  'table 3 split over two tables': { splitT3: true },
  'tables 2 and 3 in one table': { t2t3OneTable: true },
  'labels split over <p>/<span> with &nbsp;': { labels: 'spans' },
  'labels broken by <br>': { labels: 'br' },
  'full-width digits': { fullWidthDigits: true },
  'numbering (一) and 1、': { asciiNumbering: true },
  'flat table-3 header': { flatHeader: true },
  'whole portal page with chrome and layout tables': { portal: true },
  'known typos and variants': { typos: true },
  'no rowspans': { noRowspan: true },
  'everything at once': { splitT3: true, labels: 'spans', portal: true, typos: true, asciiNumbering: true, fullWidthDigits: true },
  'merged tables, flat header, no rowspans': { noRowspan: true, flatHeader: true, t2t3OneTable: true, labels: 'br' },
  'table-3 row labels lost': { lostLabels: true },
  'table-3 row labels lost, no rowspans': { lostLabels: true, noRowspan: true },
  'caption rows over the tables, notes with dates and counts under them': { captionRows: true, noteRows: true },
  'notes under the tables, no rowspans, portal page': { noteRows: true, noRowspan: true, portal: true },
  'table 4 as two tables (行政复议, then 行政诉讼)': { stackedT4: true, noteRows: true },
  'thousands separators (3,572.92)': { thousands: true },
};

function expectedLines(values: Record<string, string>): string[] {
  return Object.entries(values)
    .map(([k, v]) => {
      const p = k.split('.');
      return `${p[0]},${p.slice(1, -1).join('.')},${p[p.length - 1]},${v === '' ? '' : Number(v)}`;
    })
    .sort();
}

describe('pages in layouts the corpus does not show', () => {
  for (const format of FORMATS) {
    for (const [name, style] of Object.entries(STYLES)) {
      it(`${format}: ${name}`, () => {
        const values = consistentValues(format, format.length + name.length);
        const report = parseHtml(writeReportPage({ format, agency: '示例市示例局', year: 2024, values }, style));
        expect(report.meta.format).toBe(format);
        expect(report.meta.year).toBe(2024);
        expect(report.meta.agency).toBe('示例市示例局');
        expect(cellLines(report)).toEqual(expectedLines(values));
        // every cell read: nothing to warn of (a note row read as 一、本年新收… warned 0 of 7 read)
        expect(report.diagnostics.filter((d) => d.level === 'warning').map((d) => d.code)).toEqual([]);
      });
    }
  }

  it('reads blanks, 0, /, 无, money with units, 减N and notes in a cell', () => {
    const values = consistentValues('2019', 3);
    values['t2.procurement.amount_10k_yuan'] = '251000元';
    values['t2.fees.change'] = '减4';
    values['t2.penalty.change'] = '-3';
    values['t2.regulations.made'] = '22（其中修订 16 件）';
    values['t2.licensing.decisions'] = '/';
    values['t2.coercion.decisions'] = '无';
    values['t4.litigation_after_review.other'] = '';
    const report = parseHtml(writeReportPage({ format: '2019', agency: '示例县示例局', year: 2020, values }));
    expect(report.t2.procurement?.amount_10k_yuan?.value).toBe(25.1);
    expect(report.t2.fees?.change?.value).toBe(-4);
    expect(report.t2.penalty?.change?.value).toBe(-3);
    expect(report.t2.regulations?.made).toMatchObject({ value: 22, note: '（其中修订 16 件）', raw: '22（其中修订 16 件）' });
    expect(report.t2.licensing?.decisions).toMatchObject({ value: null, raw: '/', blank: false });
    expect(report.t2.coercion?.decisions).toMatchObject({ value: null, raw: '无', blank: false });
    expect(report.t4.litigation_after_review?.other).toMatchObject({ value: null, raw: '', blank: true });
  });

  it('655 万元 and 4166.241619 stay in 万元', () => {
    const values = consistentValues('2019', 5);
    values['t2.procurement.amount_10k_yuan'] = '655 万元';
    const r2019 = parseHtml(writeReportPage({ format: '2019', agency: '示例局', year: 2020, values }));
    expect(r2019.t2.procurement?.amount_10k_yuan?.value).toBe(655);
    const v2021 = consistentValues('2021', 5);
    v2021['t2.fees.amount_10k_yuan'] = '4166.241619';
    const r2021 = parseHtml(writeReportPage({ format: '2021', agency: '示例局', year: 2024, values: v2021 }));
    expect(r2021.t2.fees?.amount_10k_yuan?.value).toBe(4166.241619);
  });

  it('decodes a GBK page by its meta charset, and one that declares nothing', async () => {
    const dir = testDir('nianbao-gbk-');
    const values = consistentValues('2021', 11);
    const html = writeReportPage({ format: '2021', agency: '示例市示例局', year: 2023, values, charset: 'gbk' });
    writeFileSync(join(dir, 'declared.html'), iconv.encode(html, 'gbk'));
    writeFileSync(join(dir, 'undeclared.html'), iconv.encode(html.replace('<meta charset="gbk">', ''), 'gbk'));
    for (const f of ['declared.html', 'undeclared.html']) {
      const report = await readReportFile(join(dir, f));
      expect(report.meta.agency).toBe('示例市示例局');
      expect(cellLines(report)).toEqual(expectedLines(values));
    }
  });

  it('a report whose tables are pictures is named as such, not as "not a report"', async () => {
    const dir = testDir('nianbao-img-');
    const sections = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
    const file = join(dir, 'pictures.html');
    writeFileSync(file, `<html><head><meta charset="utf-8"><title>示例局2024年政府信息公开工作年度报告</title></head><body>${sections.map((h) => `<p>${h}</p><p><img src="t.png"></p>`).join('')}</body></html>`);
    await expect(readReportFile(file)).rejects.toMatchObject({ reason: expect.stringContaining('表格可能是图片或附件') });
  });

  it('a page with no report gives an empty report that says why, without throwing', () => {
    const report = parseHtml('<html><head><title>首页</title></head><body><table><tr><td>通知公告</td><td>2024-01-01</td></tr></table></body></html>');
    expect(report.meta.format).toBeNull();
    expect(report.diagnostics.map((d) => d.code)).toContain('html.no-tables');
  });

  it('spans on <TD> in capitals, unquoted or as character references are read; markup inside other attributes is not', () => {
    // The parser keeps attributes only where the walk reads them (td, th, meta): the rest must
    // still be skipped whole, whatever they hold.
    const values = consistentValues('2021', 5);
    const entity = (n: string) => [...n].map((d) => `&#${d.charCodeAt(0)};`).join('');
    const html = writeReportPage({ format: '2021', agency: '示例市示例局', year: 2024, values }, { portal: true })
      .replace(/<td /g, '<TD ')
      .replace(/rowspan="(\d+)"/g, (_, n: string) => `ROWSPAN=${n}`)
      .replace(/colspan="(\d+)"/g, (_, n: string) => `ColSpan="${entity(n)}"`)
      .replace(/<table/g, `<div title="</table><table><tr><td>99</td></tr>" data-cell='<td rowspan="9">7</td>' hidden></div><table`)
      .replace('<head>', '<head><meta NAME="ArticleTitle" content="示例市示例局2024年&#x653F;府信息公开工作年度报告">');
    expect(html).toContain('<TD ROWSPAN=');
    expect(html).toContain('ColSpan="&#');
    const report = parseHtml(html);
    expect(cellLines(report)).toEqual(expectedLines(values));
    expect(report.meta.title).toBe('示例市示例局2024年政府信息公开工作年度报告');
  });

  it('a half table: the rows that are there are read, the rest is named missing', () => {
    const values = consistentValues('2021', 2);
    const html = writeReportPage({ format: '2021', agency: '示例局', year: 2024, values });
    const cut = html.replace(/<tr><td[^>]*>（五）不予处理[\s\S]*?<\/table>/, '</table>');
    const report = parseHtml(cut);
    expect(report.t3.granted?.total?.value).toBe(Number(values['t3.granted.total']));
    expect(report.t3['not_processed.duplicate']).toBeUndefined();
    expect(report.diagnostics.map((d) => d.code)).toContain('table.missing-cells');
  });
});
