/** 总体情况 leaves out one of the five topics 30号 lists for it. */
import type { Rule } from './types';

const TOPICS = [
  { zh: '主动公开', en: 'proactive disclosure', words: /主动公开/ },
  { zh: '依申请公开', en: 'disclosure on request', words: /依申请|申请公开/ },
  { zh: '政府信息管理', en: 'information management', words: /信息管理|规范性文件|规章/ },
  { zh: '政府信息公开平台建设', en: 'disclosure platforms', words: /平台|网站|新媒体/ },
  { zh: '监督保障', en: 'supervision and safeguards', words: /监督|保障|培训|考核/ },
];

export const rule: Rule = {
  id: 'structure.overview-topics',
  severity: 'info',
  title: { zh: '总体情况未涵盖规定的五个方面', en: 'The overview leaves out one of its five topics' },
  explanation: {
    zh: '国办公开办函〔2021〕30号：（一）总体情况是综述，涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面（武威市武政办发〔2025〕54号重申）。“一、总体情况”中找不到某一方面的字样时，逐项提示（按关键词判断，需人工确认）。只看 2021 年格式的报告。',
    en: "国办公开办函〔2021〕30号: the overview (一、总体情况) summarises five topics — proactive disclosure, disclosure on request, information management, disclosure platforms, supervision and safeguards (restated by Wuwei's 武政办发〔2025〕54号). Each topic whose words the overview never uses is noted (a keyword test: a human should confirm). Reports in the 2021 format only.",
  },
  check(ctx) {
    if (ctx.format !== '2021') return;
    const overview = ctx.report.sections.find((s) => s.key === 'overview');
    if (!overview || overview.text.replace(/\s/g, '').length < 60) return; // absent or empty: structure.missing-section's business
    for (const t of TOPICS) {
      if (t.words.test(overview.text)) continue;
      ctx.issue({
        table: null,
        row: null,
        column: null,
        message: `“总体情况”未写到${t.zh}方面（国办公开办函〔2021〕30号）`,
        messageEn: `The overview says nothing of ${t.en} (${t.zh}; 国办公开办函〔2021〕30号)`,
      });
    }
  },
};
export default rule;
