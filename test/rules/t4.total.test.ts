import { makeReport, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r = makeReport('2021');

testRule('t4.total', {
  valid: [
    { name: 'consistent groups', report: r },
    { name: 'a zero group left blank', report: withCell(withCell(withCell(withCell(withCell(withCell(r, 't4', 'litigation_after_review', 'upheld', null), 't4', 'litigation_after_review', 'corrected', null), 't4', 'litigation_after_review', 'other', null), 't4', 'litigation_after_review', 'pending', null), 't4', 'litigation_after_review', 'total', null), 't4', 'review', 'total', 7) },
  ],
  invalid: [
    {
      name: 'review total printed 0 (03-hongze-district-2023)',
      report: withCell(r, 't4', 'review', 'total', 0),
      issues: [{ severity: 'error', table: 't4', row: 'review', column: 'total', expected: 7, actual: 0, message: '「行政复议」：总计 = 0，维持 + 纠正 + 其他 + 尚未审结 = 3 + 1 + 2 + 1 = 7，相差 7' }],
    },
    {
      name: 'a part changed in the lawsuits-after-review group',
      report: withCell(r, 't4', 'litigation_after_review', 'pending', 2),
      issues: [{ table: 't4', row: 'litigation_after_review', column: 'total', expected: 4, actual: 2 }],
    },
  ],
});
