/**
 * Blank cells, which are read as 0. Grouped so a report with whole blank columns gets a few
 * issues, not a hundred: a blank 总计 (table-3 total column, table-3 （七）总计 row, table-4 total)
 * is a warning, other blanks are info.
 */
import type { TableId } from '../model/keys';
import type { CellRef, Severity } from '../model/schema';
import type { Rule } from './types';
import { colEn, colZh, labelOf, t3RowEn, t3RowZh, t4GroupEn, t4GroupZh } from './util';

interface Group {
  severity: Severity;
  table: TableId;
  /** 'column': one column, many rows; 'row': one row, many columns. */
  by: 'column' | 'row';
  key: string;
  cells: CellRef[];
}

export const rule: Rule = {
  id: 'cell.blank',
  severity: 'info',
  title: { zh: '空白单元格按 0 计算', en: 'Blank cells are read as 0' },
  explanation: {
    zh: '国办公开办函〔2019〕60号、〔2021〕30号的统计表每一格都应填写，没有发生的填 0。实际报告常把 0 留空，本工具按 0 计算并提示；总计（表三总计列、表三（七）总计行、表四各组总计）留空时无法核对，给出警告。',
    en: 'Every cell of the tables of 国办公开办函〔2019〕60号 and 〔2021〕30号 should be filled in, 0 where nothing happened. Real reports often leave 0 blank; the tool reads a blank as 0 and says so. A blank total (table-3 total column, table-3 row III(7), a table-4 total) cannot be checked and is a warning.',
  },
  check(ctx) {
    const groups = new Map<string, Group>();
    // The group's fields as arguments, not an object: most blank cells join a group already made.
    const add = (id: string, severity: Severity, table: TableId, by: Group['by'], key: string, cell: CellRef) => {
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { severity, table, by, key, cells: [] }));
      group.cells.push(cell);
    };
    // An applicant column left blank from top to bottom is one unused column, its （七）总计 included.
    const t3 = ctx.report.t3;
    const wholeBlank = (column: string) => {
      const cells = Object.values(t3).map((r) => r?.[column]).filter((c) => c !== undefined);
      return cells.length > 0 && cells.every((c) => c!.blank);
    };
    for (const { table, row, column, cell } of ctx.cells()) {
      if (!cell.blank) continue;
      const ref = { table, row, column };
      if (table === 't3') {
        if (column === 'total') add('t3|total', 'warning', table, 'column', 'total', ref);
        else if (row === 'total_processed' && !wholeBlank(column)) add('t3|total_processed', 'warning', table, 'row', row, ref);
        else add(`t3|col|${column}`, 'info', table, 'column', column, ref);
      } else if (table === 't4') {
        if (column === 'total') add(`t4|total|${row}`, 'warning', table, 'row', row, ref);
        else add(`t4|${row}`, 'info', table, 'row', row, ref);
      } else {
        add(`t2|${row}`, 'info', table, 'row', row, ref);
      }
    }
    for (const g of groups.values()) {
      const single = g.cells.length === 1 ? g.cells[0] : null;
      const row = single ? single.row : g.by === 'row' ? g.key : null;
      const column = single ? single.column : g.by === 'column' ? g.key : null;
      const n = g.cells.length;
      let where: string;
      let whereEn: string;
      if (single) {
        where = `「${labelOf(g.table, single.row, single.column)}」为空白`;
        whereEn = `${g.table} ${single.row} · ${single.column} is blank`;
      } else if (g.table === 't3' && g.by === 'column' && n === Object.values(ctx.report.t3).filter((r) => r?.[g.key]).length) {
        where = `「${colZh(g.key)}」列全部空白（${n} 个单元格）`;
        whereEn = `column "${colEn(g.key)}" is blank throughout (${n} cells)`;
      } else if (g.table === 't3' && g.by === 'column') {
        const rows = g.cells.map((c) => t3RowZh(c.row));
        where = `「${colZh(g.key)}」列有 ${n} 个空白单元格（${rows.length <= 4 ? rows.join('、') : `${rows.slice(0, 3).join('、')}等`}）`;
        whereEn = `column "${colEn(g.key)}" has ${n} blank cells (${g.cells.slice(0, 3).map((c) => t3RowEn(c.row)).join(', ')}${n > 3 ? ', …' : ''})`;
      } else if (g.table === 't3') {
        where = `「${t3RowZh(g.key)}」行有 ${n} 个空白单元格（${g.cells.map((c) => colZh(c.column)).join('、')}）`;
        whereEn = `row "${t3RowEn(g.key)}" has ${n} blank cells (${g.cells.map((c) => colEn(c.column)).join(', ')})`;
      } else if (g.table === 't4') {
        where = `「${t4GroupZh(g.key)}」有 ${n} 个空白单元格`;
        whereEn = `"${t4GroupEn(g.key)}" has ${n} blank cells`;
      } else {
        where = `「${labelOf('t2', g.key, null)}」行有 ${n} 个空白单元格`;
        whereEn = `table-2 row ${g.key} has ${n} blank cells`;
      }
      const total = g.severity === 'warning';
      ctx.issue({
        severity: g.severity,
        table: g.table,
        row,
        column,
        cells: g.cells,
        message: `${where}，按 0 计算${total ? '；总计不应留空' : ''}`,
        messageEn: `${whereEn}; read as 0${total ? '. A total should not be left blank' : ''}`,
      });
    }
  },
};
export default rule;
