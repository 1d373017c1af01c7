/**
 * A batch of same-year reports of four agencies for the scoring tests: 交通运输局 pasted its
 * narrative from 生态环境局's; 教育局 has a real table error; 卫生健康委 is clean and its own. All four
 * carry one sentence every office writes (boilerplate, not 雷同).
 */
import type { Report } from '../../core/model/schema';
import { makeReport, withCell, valueAt } from './report-builder';

const BOILERPLATE = '我们始终坚持以人民为中心的发展思想，严格落实政府信息公开条例各项规定，不断提升政务公开工作质量和水平。';

/** Table 3 of the built report counts 6 requests dropped for an unpaid fee: the text explains it. */
const FEES = '本年度向申请人发出信息处理费收费通知6件，申请人均未在规定期限内缴纳费用。';

const OWN: Record<string, { overview: string; problems: string }> = {
  示例市生态环境局: {
    overview: '2023年，我局聚焦大气污染防治攻坚和入河排污口整治，新开设“蓝天保卫战”专题，按月发布空气质量排名，全年召开新闻发布会六场，回应群众关切的噪声扰民、餐饮油烟等问题。主动公开环境质量、建设项目环评审批和执法监管信息，在门户网站和政务新媒体同步发布。',
    problems: '本年度依申请公开答复文书格式仍不统一，个别答复超期。下一步将制定答复文书范本，建立办理时限预警提醒，每季度抽查答复质量并通报结果。',
  },
  示例市教育局: {
    overview: '2023年，我局围绕义务教育招生入学、学校收费和教师招聘等群众关注事项，编制教育领域基层政务公开标准目录，在每所中小学设立校务公开栏，招生政策解读推送到家长微信群，全年组织校长政务公开专题培训两期。',
    problems: '学校校务公开栏更新不及时，部分民办学校收费信息不完整。下一步将把校务公开纳入督导评估，对民办学校收费公示开展专项检查。',
  },
  示例市卫生健康委员会: {
    overview: '2023年，我委推进医疗机构院务公开，在各二级以上医院门诊大厅公示常用药品和医疗服务价格，按周发布传染病疫情信息，开通预约挂号和检查结果查询服务，集中公开医疗卫生机构监督抽检结果和行政处罚决定。',
    problems: '基层医疗机构价格公示不规范，疫情信息发布的解读不够通俗。下一步将统一公示样式，配套发布图解和短视频，方便群众理解。',
  },
};

function withNarrative(report: Report, overview: string, problems: string): Report {
  const copy = structuredClone(report);
  copy.sections = copy.sections.map((s) =>
    s.key === 'overview' ? { ...s, text: `${overview}${BOILERPLATE}` } : s.key === 'problems' ? { ...s, text: problems } : s.key === 'other' ? { ...s, text: FEES } : s,
  );
  copy.text = copy.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
  return copy;
}

export interface BatchReport {
  source: string;
  report: Report;
}

/** The four reports, in order: original, copy, table error, clean. */
export function scoreBatchFixture(): BatchReport[] {
  const year = 2023;
  const make = (agency: string, text: { overview: string; problems: string }) => withNarrative(makeReport('2021', { year, agency }), text.overview, text.problems);
  const original = make('示例市生态环境局', OWN['示例市生态环境局']);
  // 交通运输局 pasted 生态环境局's text, changing only its own name.
  const copy = make('示例市交通运输局', { overview: OWN['示例市生态环境局'].overview.replace('我局', '本局'), problems: OWN['示例市生态环境局'].problems });
  const base = make('示例市教育局', OWN['示例市教育局']);
  const tableError = withCell(base, 't3', 'granted', 'natural_person', valueAt(base, 't3', 'granted', 'natural_person') + 5);
  const clean = make('示例市卫生健康委员会', OWN['示例市卫生健康委员会']);
  return [
    { source: 'fixtures/sthj-2023.html', report: original },
    { source: 'fixtures/jtys-2023.html', report: copy },
    { source: 'fixtures/jyj-2023.html', report: tableError },
    { source: 'fixtures/wjw-2023.html', report: clean },
  ];
}
