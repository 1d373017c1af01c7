import type { Report } from '../../core/model/schema';
import { makeReport } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const LONG = '全年主动公开政府信息一千二百余条，门户网站和政务新媒体同步发布，政策解读材料随文件同步起草、同步审签、同步发布，依申请公开办理流程进一步规范，答复文书统一使用范本，平台建设方面完成政府网站集约化改造，政府公报按月出版并提供数字版下载。';
function withOverview(report: Report, overview: string): Report {
  const copy = structuredClone(report);
  copy.sections = copy.sections.map((s) => (s.key === 'overview' ? { ...s, text: overview } : s));
  copy.text = copy.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
  return copy;
}
const gov = makeReport('2021', { agency: '示例县人民政府' });
const accountable = `${LONG}我县将政务公开纳入年度绩效考核，开展社会评议，全年未发生责任追究情况。`;

testRule('structure.missing-element', {
  valid: [
    { name: 'a government report with all three results', report: withOverview(gov, accountable) },
    { name: 'a department report need not give them', report: withOverview(makeReport('2021', { agency: '示例县教育局' }), LONG) },
    { name: 'no narrative read: left to structure.missing-section', report: { ...gov, text: '', sections: [] } },
  ],
  invalid: [
    {
      name: 'a government report without assessment, appraisal or accountability',
      report: withOverview(gov, LONG),
      issues: [{ severity: 'info', message: /未提到工作考核、社会评议、责任追究结果情况/ }],
    },
    {
      name: 'only accountability missing',
      report: withOverview(gov, `${LONG}政务公开纳入绩效考核，开展社会评议。`),
      issues: [{ severity: 'info', table: null, message: '政府年度报告未提到责任追究结果情况（《政府信息公开条例》第五十条第（四）项）' }],
    },
  ],
});
