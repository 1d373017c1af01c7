import type { Report } from '../../core/model/schema';
import { tariffCanProduce } from '../../core/rules/narrative.fee-mismatch';
import { expect, it } from 'vitest';
import { makeReport, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

/** The built 2021 report counts 6 requests dropped for an unpaid fee (t3 other.fee_unpaid total). */
function saying(report: Report, other: string): Report {
  const copy = structuredClone(report);
  copy.sections = copy.sections.map((s) => (s.key === 'other' ? { ...s, text: other } : s));
  copy.text = copy.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
  return copy;
}
const base = makeReport('2021');
const noFeeRow = withCell(withCell(withCell(base, 't3', 'other.fee_unpaid', 'total', 0), 't3', 'other.fee_unpaid', 'natural_person', 0), 't3', 'other.fee_unpaid', 'research', 0);

testRule('narrative.fee-mismatch', {
  valid: [
    { name: 'fee notices issued and explained', report: saying(base, '本年度发出信息处理费收费通知6件，申请人均未按期缴纳。') },
    { name: 'no fee row and nothing said', report: saying(noFeeRow, '无其他需要报告的事项。') },
    { name: 'a fee the tariffs produce (按件: 1100 元)', report: saying(base, '本年度收取信息处理费1100元，另有6件收费通知未缴纳。') },
    { name: 'the 2019 format has no fee row', report: saying(makeReport('2019'), '无其他需要报告的事项。') },
  ],
  invalid: [
    {
      name: 'fee notices issued, the text silent',
      report: saying(base, '无其他需要报告的事项。'),
      issues: [{ severity: 'warning', table: null, actual: null, message: /表三有 6 件.*正文未说明信息处理费情况/ }],
    },
    {
      name: 'the text denies any fee notice',
      report: saying(base, '本机关未发出收费通知。'),
      issues: [{ severity: 'warning', message: /正文却称未发出收费通知/ }],
    },
    {
      name: 'the text says nothing was collected: a soft note',
      report: saying(base, '本年度未收取信息处理费。'),
      issues: [{ severity: 'info', message: /发出通知而未缴费不矛盾/ }],
    },
    {
      name: 'an amount no tariff gives is a question',
      report: saying(noFeeRow, '本年度收取信息处理费1234元。'),
      issues: [{ severity: 'info', table: null, actual: null, message: /109号.*请向机关核实/ }],
    },
  ],
});

it('the 109号 tariffs produce any whole multiple of 10 yuan, nothing else', () => {
  expect(tariffCanProduce(100)).toBe(true);
  expect(tariffCanProduce(10)).toBe(true);
  expect(tariffCanProduce(2030)).toBe(true);
  expect(tariffCanProduce(15)).toBe(false);
  expect(tariffCanProduce(100.5)).toBe(false);
});
