import { makeReport, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r21 = makeReport('2021');
const r19 = makeReport('2019');

testRule('cell.negative', {
  valid: [
    { name: 'no negative count', report: r21 },
    { name: 'the 2019 本年增/减 column may be negative', report: withCell(r19, 't2', 'licensing', 'change', -4) },
  ],
  invalid: [
    {
      name: 'a negative request count',
      report: withCell(r21, 't3', 'granted', 'commercial', { value: -3, raw: '-3', blank: false }),
      issues: [{ severity: 'error', table: 't3', row: 'granted', column: 'commercial', actual: -3, message: /为负数 -3/ }],
    },
    {
      name: 'a negative amount of money',
      report: withCell(r21, 't2', 'fees', 'amount_10k_yuan', -1.5),
      issues: [{ table: 't2', row: 'fees', column: 'amount_10k_yuan', actual: -1.5 }],
    },
    {
      name: 'a negative 2019 decisions count (not the change column)',
      report: withCell(r19, 't2', 'penalty', 'decisions', -1),
      issues: [{ table: 't2', row: 'penalty', column: 'decisions' }],
    },
  ],
});
