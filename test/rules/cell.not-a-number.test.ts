import { makeReport, textCell, withCell } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r = makeReport('2021');

testRule('cell.not-a-number', {
  valid: [
    { name: 'numbers only', report: r },
    { name: '"/" means no number', report: withCell(r, 't3', 'granted', 'research', textCell('/')) },
    { name: '"无" means no number', report: withCell(r, 't2', 'fees', 'amount_10k_yuan', textCell('无')) },
    { name: '"—" means no number', report: withCell(r, 't4', 'review', 'other', textCell('—')) },
    { name: 'a note beside a number', report: withCell(r, 't2', 'regulations', 'repealed', { value: 22, raw: '22（其中修订 16 件）', blank: false, note: '（其中修订 16 件）' }) },
    { name: 'a blank cell', report: withCell(r, 't3', 'granted', 'research', null) },
  ],
  invalid: [
    {
      name: 'words where a number belongs',
      report: withCell(r, 't2', 'licensing', 'decisions', textCell('见附件')),
      issues: [{ severity: 'error', table: 't2', row: 'licensing', column: 'decisions', cells: [{ table: 't2', row: 'licensing', column: 'decisions' }], message: '「行政许可 · 本年处理决定数量」填写的“见附件”不是数字' }],
    },
    {
      name: 'two numbers in one cell',
      report: withCell(r, 't3', 'granted', 'natural_person', textCell('12 3')),
      issues: [{ table: 't3', row: 'granted', column: 'natural_person' }],
    },
  ],
});
