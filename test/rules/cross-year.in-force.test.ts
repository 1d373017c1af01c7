import { makeReport, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const now = makeReport('2021', { year: 2024 }); // regulations 2 issued, 1 repealed, 20 in force; normative 8, 3, 60
const prev = withCell(withCell(makeReport('2021', { year: 2023 }), 't2', 'regulations', 'in_force', 19), 't2', 'normative_documents', 'in_force', 55);

testRule('cross-year.in-force', {
  valid: [
    { name: 'no previous report', report: now },
    { name: '19 + 2 − 1 = 20 and 55 + 8 − 3 = 60', report: now, previous: prev },
    { name: 'a hybrid previous report has the 2021 table 2 (03 → 04-hongze)', report: makeReport('hybrid', { year: 2024 }), previous: withCell(withCell(makeReport('hybrid', { year: 2023 }), 't2', 'regulations', 'in_force', 19), 't2', 'normative_documents', 'in_force', 55) },
    { name: 'a 2019-format previous report has no 现行有效 (11 → 12-pingtan)', report: now, previous: makeReport('2019', { year: 2023 }) },
  ],
  invalid: [
    {
      name: 'in force does not follow (05-pingtan-2024: 470 + 62 − 33 ≠ 440)',
      report: withCell(withCell(withCell(now, 't2', 'normative_documents', 'issued', 62), 't2', 'normative_documents', 'repealed', 33), 't2', 'normative_documents', 'in_force', 440),
      previous: withCell(prev, 't2', 'normative_documents', 'in_force', 470),
      issues: [{ severity: 'warning', table: 't2', row: 'normative_documents', column: 'in_force', expected: 499, actual: 440, message: '「行政规范性文件」：上年现行有效 470 + 本年制发 62 − 本年废止 33 = 499，但本年现行有效为 440，相差 59' }],
    },
  ],
});
