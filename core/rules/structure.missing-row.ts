/** A row (or a whole table) the report's format requires is absent from the tables read. */
import { T4_COLUMNS, T4_GROUPS, T3_COLUMNS, t2Rows, t3Rows, labelOf, type TableId } from '../model/keys';
import type { Rule } from './types';

const TABLE_ZH: Record<TableId, string> = { t2: '表二（主动公开政府信息情况）', t3: '表三（收到和处理政府信息公开申请情况）', t4: '表四（行政复议、行政诉讼情况）' };
const TABLE_EN: Record<TableId, string> = { t2: 'table 2 (proactive disclosure)', t3: 'table 3 (requests)', t4: 'table 4 (reviews and lawsuits)' };

/**
 * The readers' own notes that some cells could not be read (a clipped PDF table, text rows whose
 * columns cannot be told, a capped page): then a row absent from what was read may be printed all
 * the same, and the issue says so instead of saying the report lacks it.
 */
const READ_GAPS = new Set([
  'text.t2-values',
  'text.t2-row',
  'text.t3-rows',
  'text.t3-unplaced-row',
  'text.t4-values',
  'table.t3-partial',
  'table.t4-partial',
  'pdf.table-clipped',
  'pdf.pages-cut',
  'html.too-many-nodes',
  'html.too-many-cells',
  'html.too-deep',
  'html.tables-too-deep',
  'html.grid-too-large',
]);

/** Rows named in the one issue for a table not read in full (the rest: 等). */
const NAMED_ROWS = 4;

export const rule: Rule = {
  id: 'structure.missing-row',
  severity: 'warning',
  title: { zh: '格式规定的表格行缺少或未能读出', en: 'A row the format requires is missing or unread' },
  explanation: {
    zh: '国办公开办函〔2019〕60号、〔2021〕30号规定了表二、表三、表四的每一行每一列。缺少某一行（或整张表）时，该行的数据无法核对；也可能是报告删改了表格。若读取说明指出本文件有未能读出的单元格（表格超出 PDF 页面、纯文本中无法确定的列），则只说明哪些行未能读出，不认定报告缺少。',
    en: '国办公开办函〔2019〕60号 and 〔2021〕30号 fix every row and column of tables 2, 3 and 4. A row (or a whole table) that is absent cannot be checked; the report may have altered the template. Where the reading notes say some cells of the file could not be read (a table past a PDF page edge, columns text cannot tell), the issue names the rows not read and does not say the report lacks them.',
  },
  check(ctx) {
    const { format, report } = ctx;
    if (!format) return;
    const required: Array<{ table: TableId; row: string; columns: string[] }> = [
      ...t2Rows(format).map((r) => ({ table: 't2' as const, row: r.key, columns: r.columns.map((c) => c.key) })),
      ...t3Rows(format).map((r) => ({ table: 't3' as const, row: r.key, columns: T3_COLUMNS.map((c) => c.key) })),
      ...T4_GROUPS.map((g) => ({ table: 't4' as const, row: g.key, columns: T4_COLUMNS.map((c) => c.key) })),
    ];
    const gaps = report.diagnostics.some((d) => READ_GAPS.has(d.code));
    for (const table of ['t2', 't3', 't4'] as const) {
      const rows = required.filter((r) => r.table === table);
      if (Object.keys(report[table]).length === 0) {
        ctx.issue({
          table,
          row: null,
          column: null,
          cells: [],
          message: `未读到${TABLE_ZH[table]}`,
          messageEn: `${TABLE_EN[table]} was not found`,
        });
        continue;
      }
      if (gaps) {
        // One issue for the table, not one per row: what is missing is the reading, not (surely) the rows.
        const unread = rows.filter((r) => r.columns.some((c) => !report[table][r.row]?.[c]));
        const named = unread.slice(0, NAMED_ROWS);
        const more = unread.length > NAMED_ROWS ? `等` : '';
        const moreEn = unread.length > NAMED_ROWS ? ', …' : '';
        if (unread.length)
          ctx.issue({
            table,
            row: null,
            column: null,
            cells: [],
            message: `${TABLE_ZH[table]}有 ${unread.length} 行未能完整读出（${named.map((r) => `“${labelOf(table, r.row, null)}”`).join('、')}${more}）：本文件的版式使部分单元格无法确定（见读取说明），报告本身未必缺少这些行；这些行未作核对`,
            messageEn: `${TABLE_EN[table]}: ${unread.length} rows could not be read in full (${named.map((r) => r.row).join(', ')}${moreEn}) — the file's layout left some cells undetermined (see the reading notes); the report itself may not lack them; they were not checked`,
          });
        continue;
      }
      for (const r of rows) {
        const have = report[table][r.row];
        const missingCols = have ? r.columns.filter((c) => !have[c]) : r.columns;
        if (missingCols.length === 0) continue;
        const whole = !have || missingCols.length === r.columns.length;
        ctx.issue({
          table,
          row: r.row,
          column: whole ? null : missingCols.length === 1 ? missingCols[0] : null,
          cells: [],
          message: whole
            ? `${TABLE_ZH[table]}缺少“${labelOf(table, r.row, null)}”行`
            : `${TABLE_ZH[table]}“${labelOf(table, r.row, null)}”行缺少 ${missingCols.map((c) => `“${labelOf(table, null, c)}”`).join('、')}`,
          messageEn: whole ? `${TABLE_EN[table]}: row ${r.row} is missing` : `${TABLE_EN[table]}: row ${r.row} lacks ${missingCols.join(', ')}`,
        });
      }
    }
  },
};
export default rule;
