import { makeReport, textCell, valueAt, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r21 = makeReport('2021');
const r19 = makeReport('2019');
const v = (r: typeof r21, row: string, col: string) => valueAt(r, 't3', row, col);

testRule('t3.balance', {
  valid: [
    { name: 'a consistent 2021 report', report: r21 },
    { name: 'a consistent 2019 report', report: r19 },
    { name: 'a consistent hybrid report', report: makeReport('hybrid') },
    { name: 'a zero left blank still balances', report: withCell(r21, 't3', 'carried_over', 'research', null) },
    { name: '"/" in a zero cell still balances', report: withCell(r21, 't3', 'carried_forward', 'research', textCell('/')) },
    { name: 'a column with a garbage cell is not checked', report: withCell(withCell(r21, 't3', 'new_received', 'commercial', textCell('见附件')), 't3', 'carried_over', 'commercial', 9) },
    { name: 'a column with a missing cell is not checked', report: (() => { const r = structuredClone(r21); delete r.t3.carried_over!.natural_person; r.t3.new_received!.natural_person!.value = 999; return r; })() },
  ],
  invalid: [
    {
      name: 'new received in the natural-person column off by one',
      report: withCell(r21, 't3', 'new_received', 'natural_person', v(r21, 'new_received', 'natural_person') + 1),
      issues: [
        {
          severity: 'error',
          table: 't3',
          row: null,
          column: 'natural_person',
          expected: null,
          actual: null,
          cells: [{ table: 't3', row: 'carried_forward', column: 'natural_person' }],
          message: /^「自然人」列：一\+二 = \d+ \+ 2 = \d+，三（七）总计 \+ 四 = \d+ \+ 3 = \d+，相差 1$/,
        },
      ],
    },
    {
      name: 'carried forward 总计 left blank (09-shanghai-stcsm)',
      report: withCell(r19, 't3', 'carried_forward', 'total', null),
      issues: [{ table: 't3', row: null, column: 'total', actual: null, message: /空白\(0\)/ }],
    },
  ],
});
