/** A 2021+ report filled in with the 2019 tables, or a hybrid of both formats. */
import { t3Rows } from '../model/keys';
import type { Rule } from './types';
import { ref } from './util';
import { reportYear } from '../model/year';


export const rule: Rule = {
  id: 'format.outdated',
  severity: 'warning',
  title: { zh: '使用了过时或混合的报告格式', en: 'Outdated or mixed report format' },
  explanation: {
    zh: '2021 年度起的年度报告应使用国办公开办函〔2021〕30号印发的格式：表二为“本年制发件数/本年废止件数/现行有效件数”等，表三“（六）其他处理”分为三项。仍使用国办公开办函〔2019〕60号（试行）的表格，或表二用新格式而表三仍只有一行“（六）其他处理”的混合格式，都不符合要求。',
    en: 'Reports for 2021 onward must use the format of 国办公开办函〔2021〕30号: table 2 with issued / repealed / in force, and table 3 row (6) "otherwise handled" split into three sub-rows. A report still using the 2019 trial tables (国办公开办函〔2019〕60号), or a hybrid with the 2021 table 2 and a single (6) row in table 3, does not comply.',
  },
  check(ctx) {
    const { format } = ctx;
    const year = reportYear(ctx.report.meta);
    if (format === 'hybrid') {
      const otherCells = Object.keys(ctx.report.t3.other ?? {}).map((c) => ref('t3', 'other', c));
      ctx.issue({
        table: 't3',
        row: 'other',
        column: null,
        cells: otherCells,
        message: `混合格式：表二使用国办公开办函〔2021〕30号格式，但表三“（六）其他处理”只有一行（〔2019〕60号格式），应分为“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”“3.其他”三项${year ? `（${year} 年度报告）` : ''}`,
        messageEn: `Mixed format: table 2 follows 国办公开办函〔2021〕30号 but table 3 has a single row (6) "otherwise handled" (the 2019 format) instead of its three 2021 sub-rows${year ? ` (report for ${year})` : ''}`,
      });
    } else if (format === '2019' && year !== null && year >= 2021) {
      ctx.issue({
        table: null,
        row: null,
        column: null,
        cells: [],
        message: `${year} 年度报告仍使用国办公开办函〔2019〕60号（试行）格式的表格，2021 年度起应使用〔2021〕30号格式（表三“（六）其他处理”应有 ${t3Rows('2021').filter((r) => r.key.startsWith('other.')).length} 项）`,
        messageEn: `The report for ${year} still uses the 2019 trial tables (国办公开办函〔2019〕60号); from 2021 on the format of 〔2021〕30号 applies`,
      });
    }
  },
};
export default rule;
