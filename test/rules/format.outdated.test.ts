import { makeReport } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

testRule('format.outdated', {
  valid: [
    { name: 'a 2021-format report for 2023', report: makeReport('2021', { year: 2023 }) },
    { name: 'a 2019-format report for 2020', report: makeReport('2019', { year: 2020 }) },
    { name: 'a 2019-format report for 2019', report: makeReport('2019', { year: 2019 }) },
  ],
  invalid: [
    {
      name: 'the 2019 tables in a 2021 report',
      report: makeReport('2019', { year: 2021 }),
      issues: [{ severity: 'warning', table: null, message: /^2021 年度报告仍使用国办公开办函〔2019〕60号/ }],
    },
    {
      name: 'a hybrid (03/04-hongze-district)',
      report: makeReport('hybrid', { year: 2024 }),
      issues: [{ severity: 'warning', table: 't3', row: 'other', column: null, cells: [{ table: 't3', row: 'other', column: 'total' }], message: /^混合格式/ }],
    },
  ],
});
