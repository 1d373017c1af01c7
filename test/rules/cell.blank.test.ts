import { makeReport, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';
import type { Report } from '../../core/model/schema';

const r = makeReport('2021');
const blankAll = (report: Report, cells: Array<[string, string, string]>) =>
  cells.reduce((acc, [t, row, col]) => withCell(acc, t as 't2' | 't3' | 't4', row, col, null), report);

const t3RowKeys = Object.keys(r.t3);
const wholeResearch = blankAll(r, t3RowKeys.map((row) => ['t3', row, 'research']));

testRule('cell.blank', {
  valid: [{ name: 'every cell filled in', report: r }],
  invalid: [
    {
      name: 'one blank applicant cell',
      report: withCell(r, 't3', 'denied.state_secret', 'research', null),
      issues: [{ severity: 'info', table: 't3', row: 'denied.state_secret', column: 'research', cells: [{ table: 't3', row: 'denied.state_secret', column: 'research' }], message: /为空白，按 0 计算$/ }],
    },
    {
      name: 'three blank cells of one column are one issue',
      report: blankAll(r, [['t3', 'granted', 'legal_services'], ['t3', 'partially_granted', 'legal_services'], ['t3', 'denied.state_secret', 'legal_services']]),
      issues: [{ severity: 'info', table: 't3', row: null, column: 'legal_services', message: /「法律服务机构」列有 3 个空白单元格/ }],
    },
    {
      name: 'a whole blank applicant column (14-shuyang-ndrc) is one info issue, its （七）总计 included',
      report: wholeResearch,
      issues: [{ severity: 'info', table: 't3', row: null, column: 'research', message: /全部空白（25 个单元格）/ }],
    },
    {
      name: 'a blank t3 row total is a warning (09-shanghai-stcsm carried_forward)',
      report: withCell(r, 't3', 'carried_forward', 'total', null),
      issues: [{ severity: 'warning', table: 't3', row: 'carried_forward', column: 'total', message: /总计不应留空/ }],
    },
    {
      name: 'blank 总计 cells down the total column (01-shanghai-office)',
      report: blankAll(r, [['t3', 'granted', 'total'], ['t3', 'partially_granted', 'total']]),
      issues: [{ severity: 'warning', table: 't3', row: null, column: 'total' }],
    },
    {
      name: 'a blank （七）总计 cell of a column in use is a warning',
      report: withCell(r, 't3', 'total_processed', 'commercial', null),
      issues: [{ severity: 'warning', table: 't3', row: 'total_processed', column: 'commercial' }],
    },
    {
      name: 'a blank table-4 group: its total a warning, the rest info',
      report: blankAll(r, ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => ['t4', 'litigation_after_review', c])),
      issues: [
        { severity: 'warning', table: 't4', row: 'litigation_after_review', column: 'total' },
        { severity: 'info', table: 't4', row: 'litigation_after_review', column: null },
      ],
    },
    {
      name: 'a blank table-2 cell',
      report: withCell(r, 't2', 'coercion', 'decisions', null),
      issues: [{ severity: 'info', table: 't2', row: 'coercion', column: 'decisions' }],
    },
  ],
});
