import { describe, expect, it } from 'vitest';
import { isGovernment } from '../../core/rules/meta.late';
import { makeReport } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const dept = (published: string | null) => makeReport('2021', { year: 2023, agency: '上海市人民政府办公厅', published });
const gov = (agency: string, published: string) => makeReport('2021', { year: 2023, agency, published });

testRule('meta.late', {
  valid: [
    { name: 'a department on 31 January (01-shanghai-office: 2020-01-31)', report: dept('2024-01-31') },
    { name: 'no publication date', report: dept(null) },
    { name: 'a government in March', report: gov('淮安市人民政府', '2024-03-31') },
    { name: 'a zone government in March (平潭综合实验区)', report: gov('平潭综合实验区', '2024-03-08') },
  ],
  invalid: [
    {
      name: 'a department in February',
      report: dept('2024-02-05'),
      issues: [{ severity: 'info', table: null, message: '发布日期 2024-02-05 晚于法定期限 2024-01-31（部门年度报告应于每年 1 月 31 日前公布，《政府信息公开条例》第四十九条），逾期 5 天' }],
    },
    { name: 'a government in April', report: gov('淮安市洪泽区人民政府', '2024-04-02'), issues: [{ message: /晚于法定期限 2024-03-31/ }] },
    { name: 'a township government in February', report: gov('某某镇人民政府', '2024-02-10'), issues: [{ message: /晚于法定期限 2024-01-31/ }] },
  ],
});

describe('isGovernment', () => {
  it.each([
    ['淮安市人民政府', true],
    ['洪泽区人民政府', true],
    ['平潭综合实验区', true],
    ['苏州工业园区管理委员会', true],
    ['淮安市', true],
    ['上海市人民政府办公厅', false],
    ['聊城市公安局茌平分局', false],
    ['沭阳县发展和改革局', false],
    ['上海市科学技术委员会', false],
    ['北京市城市管理委员会', false],
    ['某某镇人民政府', false],
    ['某某街道办事处', false],
  ])('%s → %s', (name, want) => expect(isGovernment(name)).toBe(want));
});
