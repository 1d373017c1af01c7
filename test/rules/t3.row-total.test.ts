import { makeReport, valueAt, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r21 = makeReport('2021');
const r19 = makeReport('2019');
const v = (r: typeof r21, row: string, col: string) => valueAt(r, 't3', row, col);

testRule('t3.row-total', {
  valid: [
    { name: 'a consistent 2021 report', report: r21 },
    { name: 'a consistent 2019 report', report: r19 },
    {
      name: 'a row of zeros with a blank 总计',
      report: ['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org'].reduce((acc, c) => withCell(acc, 't3', 'denied.enforcement_files', c, 0), withCell(r21, 't3', 'denied.enforcement_files', 'total', null)),
    },
  ],
  invalid: [
    {
      name: 'a row total off by 4',
      report: withCell(r21, 't3', 'not_processed.duplicate', 'total', v(r21, 'not_processed.duplicate', 'total') + 4),
      issues: [{ severity: 'error', table: 't3', row: 'not_processed.duplicate', column: 'total', expected: v(r21, 'not_processed.duplicate', 'total'), actual: v(r21, 'not_processed.duplicate', 'total') + 4, message: /^「不予处理·重复申请」行：总计 = \d+，六类申请人之和 = .*相差 4$/ }],
    },
    {
      name: 'an applicant cell changed breaks its row',
      report: withCell(r19, 't3', 'granted', 'legal_services', v(r19, 'granted', 'legal_services') + 1),
      issues: [{ table: 't3', row: 'granted', column: 'total', cells: [{ table: 't3', row: 'granted', column: 'legal_services' }] }],
    },
    {
      name: 'a blank 总计 with applicants in the row (01-shanghai-office-2019)',
      report: withCell(r19, 't3', 'granted', 'total', null),
      issues: [{ table: 't3', row: 'granted', column: 'total', actual: null, expected: v(r19, 'granted', 'total'), message: /总计 = 空白\(0\)/ }],
    },
  ],
});
