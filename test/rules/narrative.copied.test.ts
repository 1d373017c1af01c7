import type { Report } from '../../core/model/schema';
import { makeReport } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

/** A report whose sections say exactly what is given (the others empty). */
function withSections(report: Report, texts: Partial<Record<string, string>>): Report {
  const copy = structuredClone(report);
  copy.sections = copy.sections.map((s) => ({ ...s, text: texts[s.key] ?? '' }));
  copy.text = copy.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
  return copy;
}

const TEMPLATE = [
  '本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的年度报告格式要求编制。',
  '本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。',
  '本报告电子版可在示例市人民政府门户网站查阅或下载。',
  '如对本报告有任何疑问，请与示例市生态环境局办公室联系。',
].join('');
const TEMPLATE_2023 = TEMPLATE.replace(/2024/g, '2023');

const OVERVIEW_2023 = '2023年，我局坚持以公开为常态、不公开为例外，围绕生态环境保护中心工作，全面推进决策、执行、管理、服务、结果公开，主动公开环境质量、建设项目环评审批和执法监管信息1234条，群众获得感不断增强。';
const OVERVIEW_2024_SAME = OVERVIEW_2023.replace('2023', '2024').replace('1234', '1402');
const OVERVIEW_2024_NEW = '2024年，我局聚焦大气污染防治攻坚和入河排污口整治，新开设“蓝天保卫战”专题，按月发布空气质量排名，全年召开新闻发布会六场，回应群众关切的噪声扰民、餐饮油烟等问题。';
const PROBLEMS_2023 = '我局政府信息公开工作仍存在公开内容不够全面、政策解读形式较为单一、基层公开规范化程度不高等问题。下一步，我局将加强业务培训，丰富图表、视频等解读形式，推动基层政务公开标准化规范化建设。';
const PROBLEMS_2024_NEW = '本年度依申请公开答复文书格式仍不统一，个别答复超期。下一步将制定答复文书范本，建立办理时限预警提醒，每季度抽查答复质量并通报结果。';

const agency = '示例市生态环境局';
const prev = withSections(makeReport('2021', { year: 2023, agency }), { overview: `${TEMPLATE_2023}${OVERVIEW_2023}`, problems: PROBLEMS_2023, other: '无其他需要报告的事项。' });
const copied = withSections(makeReport('2021', { year: 2024, agency }), { overview: `${TEMPLATE}${OVERVIEW_2024_SAME}`, problems: PROBLEMS_2023, other: '无其他需要报告的事项。' });
const fresh = withSections(makeReport('2021', { year: 2024, agency }), { overview: `${TEMPLATE}${OVERVIEW_2024_NEW}`, problems: PROBLEMS_2024_NEW, other: '无其他需要报告的事项。' });
/** Only the format's own sentences are shared with last year (and a short own text differs). */
const templateOnly = withSections(makeReport('2021', { year: 2024, agency }), {
  overview: `${TEMPLATE}${OVERVIEW_2024_NEW}`,
  problems: `${PROBLEMS_2024_NEW}`,
  other: '无其他需要报告的事项。本机关本年度未收取信息处理费。',
});
const prevTemplateHeavy = withSections(makeReport('2021', { year: 2023, agency }), {
  overview: `${TEMPLATE_2023}${OVERVIEW_2023}`,
  problems: PROBLEMS_2023,
  other: '无其他需要报告的事项。本机关本年度未收取信息处理费。',
});
/** Half copied: the overview new, the problems section repeated. */
const half = withSections(makeReport('2021', { year: 2024, agency }), { overview: `${TEMPLATE}${OVERVIEW_2024_NEW}`, problems: PROBLEMS_2023 });

testRule('narrative.copied', {
  valid: [
    { name: 'no previous report', report: copied },
    { name: 'a new narrative', report: fresh, previous: prev },
    { name: 'only template sentences (headings, 统计期限, 电子版, 联系, 信息处理费, 无其他事项) are shared', report: templateOnly, previous: prevTemplateHeavy },
    { name: 'another agency’s report is not compared', report: copied, previous: { ...prev, meta: { ...prev.meta, agency: '示例市交通运输局' } } },
    { name: 'a report two years back is not compared', report: copied, previous: { ...prev, meta: { ...prev.meta, year: 2022, titleYear: 2022 } } },
  ],
  invalid: [
    {
      name: 'overview with new figures and problems copied whole',
      report: copied,
      previous: prev,
      issues: [{ severity: 'warning', table: null, row: null, column: null, actual: null, share: 1, message: /^正文 100% 的文字与上年报告（2023 年度）相同（模板语句不计），重复最多的是「五、存在的主要问题及改进情况」（100%）/ }],
    },
    {
      name: 'half of the text repeated: the section named is 五',
      report: half,
      previous: prev,
      issues: [{ severity: 'warning', message: /重复最多的是「五、存在的主要问题及改进情况」（100%），如：“我局政府信息公开工作仍存在公开内容不够全面/, messageEn: /most of all the section "五、存在的主要问题及改进情况"/ }],
    },
  ],
});
