import { makeReport, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r21 = makeReport('2021');
const r19 = makeReport('2019');

testRule('cell.fraction', {
  valid: [
    { name: 'whole counts, decimal money (2021 fees)', report: withCell(r21, 't2', 'fees', 'amount_10k_yuan', 4166.241619) },
    { name: 'decimal procurement money (2019)', report: withCell(r19, 't2', 'procurement', 'amount_10k_yuan', 7539.443252) },
  ],
  invalid: [
    {
      name: 'half a request',
      report: withCell(r21, 't3', 'granted', 'natural_person', 2.5),
      issues: [{ severity: 'error', table: 't3', row: 'granted', column: 'natural_person', actual: 2.5, message: /为 2\.5，件数应为整数/ }],
    },
    {
      name: 'a fractional lawsuit',
      report: withCell(r21, 't4', 'litigation_direct', 'upheld', 1.2),
      issues: [{ table: 't4', row: 'litigation_direct', column: 'upheld' }],
    },
  ],
});
