/** A government's report does not give the 工作考核、社会评议和责任追究结果 article 50 asks of it. */
import { isGovernment } from './meta.late';
import { agencyOfMeta } from '../compare/agency';
import type { Rule } from './types';

/** The three results art. 50(4) asks of 各级人民政府, each with the words that name it. */
const ELEMENTS = [
  { zh: '工作考核', en: 'performance assessment', words: /考核/ },
  { zh: '社会评议', en: 'public appraisal', words: /社会评议|评议/ },
  { zh: '责任追究', en: 'accountability', words: /责任追究|追责|问责/ },
];

export const rule: Rule = {
  id: 'structure.missing-element',
  severity: 'info',
  title: { zh: '政府年度报告缺少考核、评议、追责结果', en: "A government's report omits assessment, appraisal and accountability results" },
  explanation: {
    zh: '《政府信息公开条例》第五十条第（四）项：各级人民政府的年度报告还应当包括工作考核、社会评议和责任追究结果情况；国办公开办函〔2021〕30号将其列入“总体情况”的监督保障部分。机关名称以“人民政府”结尾（或为开发区管委会等区域政府）的报告，正文未提到考核、社会评议或责任追究的，提示并列出缺少的几项（没有追责也应写明；按关键词判断，需人工确认）。部门报告不适用。',
    en: "Article 50(4) of 《政府信息公开条例》: a people's government's report must also give the results of performance assessment, public appraisal and accountability (工作考核、社会评议和责任追究结果); 国办公开办函〔2021〕30号 puts them under 监督保障 in the overview. For a report whose agency is a government (a name ending in 人民政府, or a zone government), the ones the narrative never mentions are noted (none pursued should still be said; a keyword test — a human should confirm). Department reports are not concerned.",
  },
  check(ctx) {
    const agency = agencyOfMeta(ctx.report.meta);
    if (!agency || !isGovernment(agency) || ctx.report.meta.format === 'older') return;
    const text = ctx.report.text || ctx.report.sections.map((s) => s.text).join('\n');
    if (text.replace(/\s/g, '').length < 200) return; // no narrative read: structure.missing-section says so
    const missing = ELEMENTS.filter((e) => !e.words.test(text));
    if (!missing.length) return;
    ctx.issue({
      table: null,
      row: null,
      column: null,
      message: `政府年度报告未提到${missing.map((e) => e.zh).join('、')}结果情况（《政府信息公开条例》第五十条第（四）项）`,
      messageEn: `The government's report never mentions its ${missing.map((e) => e.en).join(', ')} results (article 50(4))`,
    });
  },
};
export default rule;
