import { makeReport, withMeta, withText } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r = makeReport('2021', { year: 2023 });

testRule('meta.year-mismatch', {
  valid: [
    { name: 'title, period and text agree', report: r },
    { name: 'no title year', report: withMeta(r, { titleYear: null }) },
    { name: 'the opening statement names the same year', report: withText(r, '特向社会公布 2023 年度本单位政府信息公开年度报告。2024年我们将继续努力。') },
  ],
  invalid: [
    {
      name: 'the title names last year',
      report: withMeta(r, { titleYear: 2022, title: '示例市生态环境局2022年政府信息公开工作年度报告' }),
      issues: [{ severity: 'warning', table: null, message: /标题“示例市生态环境局2022年政府信息公开工作年度报告”为 2022 年，统计期限起始 2023-01-01为 2023 年/ }],
    },
    {
      name: 'a period spanning two years',
      report: withMeta(r, { period: { from: '2023-01-01', to: '2024-12-31' } }),
      issues: [{ message: /统计期限截止 2024-12-31为 2024 年/ }],
    },
    {
      name: 'the opening statement names another year',
      report: withText(r, '特向社会公布 2022 年度本单位政府信息公开年度报告。'),
      issues: [{ message: /正文“公布2022年度本单位政府信息公开年度报告”为 2022 年/ }],
    },
  ],
});
