/** Published after the statutory deadline (31 January; 31 March for a government's own report). */
import type { Rule } from './types';
import { reportYear } from '../model/year';

/**
 * True when the name is a government at county level or above (or a zone government such as a
 * 综合实验区 / 开发区管委会), whose own summary report is due by 31 March; false for a department
 * (办公厅, 局, 委 …) or a township government, due by 31 January.
 */
export function isGovernment(name: string): boolean {
  const n = name.replace(/\s+/g, '');
  if (/[乡镇]人民政府$|街道办事处$/.test(n)) return false;
  if (/人民政府$/.test(n)) return true;
  if (/(?:综合实验区|实验区|新区|开发区|高新区|试验区|合作区|示范区)(?:管委会|管理委员会|党工委管委会)?$/.test(n)) return true;
  if (/区(?:管委会|管理委员会)$/.test(n)) return true;
  // A bare place name ("淮安市", "沭阳县") stands for its government.
  if (/^[\u4e00-\u9fa5]{2,8}[省市县区州旗盟]$/.test(n) && !/(?:局|委|办|厅|室|院|中心|所|处|站|队|会|部)/.test(n)) return true;
  return false;
}

export function deadlineFor(year: number, government: boolean): string {
  return government ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

export const rule: Rule = {
  id: 'meta.late',
  severity: 'info',
  title: { zh: '发布时间晚于法定期限', en: 'Published after the statutory deadline' },
  explanation: {
    zh: '《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年 1 月 31 日前公布本行政机关上一年度政府信息公开工作年度报告；县级以上地方人民政府的政府信息公开工作主管部门应当在每年 3 月 31 日前公布本级政府上一年度年度报告。本工具按机关名称区分：以“人民政府”结尾或综合实验区、开发区管委会等区域政府按 3 月 31 日，其余（办公厅、办公室、局、委等部门及乡镇）按 1 月 31 日。',
    en: 'Article 49 of 《政府信息公开条例》: departments publish last year\'s report by 31 January; a county-level-or-higher government\'s own summary report is due by 31 March. The tool tells them apart by the agency name: a name ending in 人民政府, or a zone government (综合实验区, 开发区管委会), gets 31 March; departments (办公厅, 办公室, 局, 委 …) and townships get 31 January.',
  },
  check(ctx) {
    const { meta } = ctx.report;
    const year = reportYear(meta);
    const published = meta.published;
    const agency = meta.agency ?? meta.publisher ?? meta.signedBy;
    if (!year || !published || !/^\d{4}-\d{2}-\d{2}$/.test(published) || !agency) return;
    const gov = isGovernment(agency);
    const deadline = deadlineFor(year, gov);
    if (published <= deadline) return;
    const days = Math.round((Date.parse(published) - Date.parse(deadline)) / 86_400_000);
    ctx.issue({
      table: null,
      row: null,
      column: null,
      cells: [],
      message: `发布日期 ${published} 晚于法定期限 ${deadline}（${gov ? '本级政府年度报告应于每年 3 月 31 日前公布' : '部门年度报告应于每年 1 月 31 日前公布'}，《政府信息公开条例》第四十九条），逾期 ${days} 天`,
      messageEn: `Published ${published}, after the statutory deadline ${deadline} (${gov ? "a government's own report is due by 31 March" : 'a department report is due by 31 January'}, article 49), ${days} days late`,
    });
  },
};
export default rule;
