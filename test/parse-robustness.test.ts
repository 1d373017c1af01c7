/**
 * Property tests: random grids and randomly mutated corpus pages (cells deleted, spans changed,
 * labels garbled, numbers replaced by text) never make the parser throw or hang; it returns a
 * valid partial report and says what it could not read.
 */
import { readFileSync } from 'node:fs';
import { load } from 'cheerio/slim';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Report } from '../core/model/schema';
import { parseHtml } from '../core/parse/html';
import { corpusReports, hasCorpus } from './support/corpus';
import { consistentValues, writeReportPage } from './support/page-writer';

/** (A hang is caught by the test's timeout; speed is measured by `npm run bench`, never asserted here.) */
function parseChecked(html: string) {
  const report = parseHtml(html);
  expect(() => Report.parse(report)).not.toThrow();
  return report;
}

const cellText = fc.oneof(
  fc.constantFrom('', '0', '12', '１２', '/', '无', '-3', '减4', '251000元', '22（其中修订16件）', '自然人', '总计', '（七）总计', '行政复议', '结果维持', '第二十条第（一）项', '信息内容', '规章', '本年制发件数', '3.其他', '（六）其他处理', '申请人情况'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 100000 }).map(String),
);
const cell = fc.record({ text: cellText, rowspan: fc.integer({ min: 0, max: 40 }), colspan: fc.integer({ min: 0, max: 20 }), th: fc.boolean() });
const table = fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 });

function gridHtml(tables: { text: string; rowspan: number; colspan: number; th: boolean }[][][]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return tables
    .map(
      (rows) =>
        `<table>${rows
          .map((r) => `<tr>${r.map((c) => `<${c.th ? 'th' : 'td'} rowspan="${c.rowspan}" colspan="${c.colspan}">${esc(c.text)}</${c.th ? 'th' : 'td'}>`).join('')}</tr>`)
          .join('')}</table>`,
    )
    .join('<p>一、总体情况</p>');
}

describe('random grids', () => {
  it('never throw or hang', () => {
    fc.assert(
      fc.property(fc.array(table, { maxLength: 4 }), (tables) => {
        parseChecked(gridHtml(tables));
      }),
      { numRuns: 150 },
    );
  });
});

type Mutation = { kind: 'delete' | 'rowspan' | 'colspan' | 'garble' | 'text' | 'deleteRow'; at: number; n: number };
const mutation = fc.record({
  kind: fc.constantFrom('delete', 'rowspan', 'colspan', 'garble', 'text', 'deleteRow') as fc.Arbitrary<Mutation['kind']>,
  at: fc.nat(),
  n: fc.integer({ min: 0, max: 30 }),
});

function mutate(html: string, mutations: Mutation[]): string {
  const $ = load(html);
  for (const m of mutations) {
    const cells = $('td, th');
    if (cells.length === 0) break;
    const target = cells.eq(m.at % cells.length);
    switch (m.kind) {
      case 'delete':
        target.remove();
        break;
      case 'deleteRow':
        target.parent().remove();
        break;
      case 'rowspan':
        target.attr('rowspan', String(m.n));
        break;
      case 'colspan':
        target.attr('colspan', String(m.n));
        break;
      case 'garble':
        target.text(target.text().split('').reverse().join('').slice(0, m.n));
        break;
      case 'text':
        target.text(['不详', 'N/A', '见附件', '十二', '?'][m.n % 5]);
        break;
    }
  }
  return $.html();
}

const pages = hasCorpus ? corpusReports().filter((e) => e.name.endsWith('.html')).map((e) => readFileSync(e.path, 'utf8')) : [];
const ownPage = writeReportPage({ format: '2021', agency: '示例市示例局', year: 2024, values: consistentValues('2021', 9) }, { portal: true });

describe('mutated report pages', () => {
  it('never throw or hang, and say what they could not read', () => {
    const all = [ownPage, ...pages];
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (i, mutations) => {
        const report = parseChecked(mutate(all[i], mutations));
        const cells = Object.values(report.t3).reduce((n, row) => n + Object.keys(row ?? {}).length, 0);
        // A report that lost cells says so.
        if (report.meta.format && cells < (report.meta.format === '2021' ? 175 : 161)) {
          expect(report.diagnostics.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 120 },
    );
  });
});
