import { T3_COLUMNS } from '../../core/model/keys';
import type { Report } from '../../core/model/schema';
import { makeReport, valueAt, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const now = makeReport('2021', { year: 2024 });
/** Last year's report (same format and agency unless told) whose 结转下年度 equals this year's 上年结转. */
function lastYear(report: Report, agency = report.meta.agency ?? undefined): Report {
  let prev = makeReport(report.meta.format ?? '2021', { year: report.meta.year! - 1, agency });
  for (const c of T3_COLUMNS) prev = withCell(prev, 't3', 'carried_forward', c.key, valueAt(report, 't3', 'carried_over', c.key));
  return prev;
}
const prev = lastYear(now);
const hongze = makeReport('2021', { year: 2024, agency: '淮安市洪泽区人民政府' });

testRule('cross-year.carry-over', {
  valid: [
    { name: 'no previous report', report: now },
    { name: 'carried over = last year’s carried forward', report: now, previous: prev },
    { name: 'a blank zero on either side', report: withCell(now, 't3', 'carried_over', 'research', null), previous: prev },
    { name: 'a 2019-format report and its previous one (10 → 11-pingtan)', report: makeReport('2019', { year: 2020 }), previous: lastYear(makeReport('2019', { year: 2020 })) },
    { name: 'a "previous" that is not last year is not compared', report: now, previous: makeReport('2021', { year: 2021 }) },
    { name: 'another agency’s report is not compared', report: now, previous: withCell(lastYear(now, '沭阳县发展和改革局'), 't3', 'carried_forward', 'natural_person', 9) },
  ],
  invalid: [
    {
      name: 'one column differs',
      report: now,
      previous: withCell(prev, 't3', 'carried_forward', 'natural_person', 5),
      issues: [{ severity: 'error', table: 't3', row: 'carried_over', column: 'natural_person', expected: 5, actual: 2, cells: [{ table: 't3', row: 'carried_over', column: 'natural_person' }], message: '「自然人」列：本年“上年结转” = 2，上年报告“结转下年度继续办理” = 5（2023 年度），相差 3' }],
    },
    {
      name: 'the total column differs too',
      report: now,
      previous: withCell(withCell(prev, 't3', 'carried_forward', 'legal_services', 0), 't3', 'carried_forward', 'total', 2),
      issues: [{ column: 'legal_services' }, { column: 'total' }],
    },
    {
      name: 'the same agency named more fully (洪泽区人民政府 → 淮安市洪泽区人民政府) is compared',
      report: hongze,
      previous: withCell(lastYear(hongze, '洪泽区人民政府'), 't3', 'carried_forward', 'commercial', 4),
      issues: [{ column: 'commercial', expected: 4, actual: 0 }],
    },
  ],
});
