import { makeReport, textCell, valueAt, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r21 = makeReport('2021');
const r19 = makeReport('2019');
const v = (r: typeof r21, row: string, col: string) => valueAt(r, 't3', row, col);

// 01-shanghai-office-2019: every outcome 总计 blank, （七）总计 printed.
const blankTotals = (() => {
  let r = r19;
  for (const row of Object.keys(r19.t3)) if (!['new_received', 'carried_over', 'total_processed', 'carried_forward'].includes(row)) r = withCell(r, 't3', row, 'total', null);
  return r;
})();

testRule('t3.outcome-total', {
  valid: [
    { name: 'a consistent 2021 report', report: r21 },
    { name: 'a consistent 2019 report (single （六） row)', report: r19 },
    { name: 'a consistent hybrid report', report: makeReport('hybrid') },
    { name: '"无" in an outcome cell that is 0', report: withCell(r21, 't3', 'denied.state_secret', 'research', textCell('无')) },
  ],
  invalid: [
    {
      name: 'an outcome cell of the commercial column changed',
      report: withCell(r21, 't3', 'granted', 'commercial', v(r21, 'granted', 'commercial') + 3),
      issues: [{ severity: 'error', table: 't3', row: 'total_processed', column: 'commercial', expected: v(r21, 'total_processed', 'commercial') + 3, actual: v(r21, 'total_processed', 'commercial'), message: /^「商业企业」列：（七）总计 = \d+，各项办理结果之和 = .*相差 3$/ }],
    },
    {
      name: 'the 2019 （六）其他处理 row counts',
      report: withCell(r19, 't3', 'other', 'natural_person', v(r19, 'other', 'natural_person') + 2),
      issues: [{ table: 't3', row: 'total_processed', column: 'natural_person', message: /相差 2$/ }],
    },
    {
      name: '（七）总计 printed 20 where the rows add to more (11-pingtan-2020)',
      report: withCell(r21, 't3', 'total_processed', 'natural_person', 20),
      issues: [{ table: 't3', row: 'total_processed', column: 'natural_person', actual: 20, expected: v(r21, 'total_processed', 'natural_person') }],
    },
    {
      name: 'outcome 总计 cells all blank (01-shanghai-office-2019)',
      report: blankTotals,
      issues: [{ table: 't3', row: 'total_processed', column: 'total', expected: 0, actual: v(r19, 'total_processed', 'total'), message: /各项办理结果均为空白/ }],
    },
  ],
});
