import { makeReport, withMeta } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r = makeReport('2021');
const r19 = makeReport('2019');

const noRow = structuredClone(r);
delete noRow.t3['not_processed.excessive'];
const noCell = structuredClone(r);
delete noCell.t2.regulations!.in_force;
// The reader says it could not place some rows (text printing only some cells): not the report's lack.
const unread = structuredClone(noRow);
unread.diagnostics.push({ level: 'warning', code: 'text.t3-unplaced-row', message: '第 40 行只印出部分单元格，无法确定各数值所在的列，未读取 — line 40: not read' });
const noT4 = structuredClone(r19);
noT4.t4 = {};

testRule('structure.missing-row', {
  valid: [
    { name: 'every row of 2021', report: r },
    { name: 'every row of 2019', report: r19 },
    { name: 'every row of a hybrid', report: makeReport('hybrid') },
  ],
  invalid: [
    { name: 'a table-3 row missing', report: noRow, issues: [{ severity: 'warning', table: 't3', row: 'not_processed.excessive', column: null, message: /缺少“不予处理·无正当理由大量反复申请”行/ }] },
    { name: 'meta.format unknown: the format is told by the rows present', report: withMeta(noRow, { format: null }), issues: [{ table: 't3', row: 'not_processed.excessive' }] },
    { name: 'one column of a table-2 row missing', report: noCell, issues: [{ table: 't2', row: 'regulations', column: 'in_force', message: /“规章”行缺少 “现行有效件数”/ }] },
    {
      name: 'a row the reader could not read (its own reading note says so): one issue for the table, naming it unread, not missing',
      report: unread,
      issues: [{ severity: 'warning', table: 't3', row: null, column: null, message: /^表三（收到和处理政府信息公开申请情况）有 1 行未能完整读出（“不予处理·无正当理由大量反复申请”）：.*报告本身未必缺少这些行/ }],
    },
    { name: 'table 4 missing altogether', report: noT4, issues: [{ table: 't4', row: null, column: null, message: /未读到表四/ }] },
  ],
});
