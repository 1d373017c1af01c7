import type { Report } from '../../core/model/schema';
import { makeReport } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

function withOverview(report: Report, overview: string): Report {
  const copy = structuredClone(report);
  copy.sections = copy.sections.map((s) => (s.key === 'overview' ? { ...s, text: overview } : s));
  return copy;
}
const ALL = '（一）主动公开。全年主动公开政府信息1200条。（二）依申请公开。办结申请105件。（三）政府信息管理。清理行政规范性文件60件。（四）平台建设。改版门户网站。（五）监督保障。开展培训两期。';
const NO_PLATFORM = '（一）主动公开。全年主动公开政府信息1200条。（二）依申请公开。办结申请105件。（三）政府信息管理。清理行政规范性文件60件。（四）监督保障。开展培训两期，强化考核。';

testRule('structure.overview-topics', {
  valid: [
    { name: 'all five topics', report: withOverview(makeReport('2021'), ALL) },
    { name: 'a 2019-format report is not concerned', report: withOverview(makeReport('2019'), NO_PLATFORM) },
    { name: 'a near-empty overview is left to other rules', report: makeReport('2021') },
  ],
  invalid: [
    { name: 'platforms left out', report: withOverview(makeReport('2021'), NO_PLATFORM), issues: [{ severity: 'info', message: '“总体情况”未写到政府信息公开平台建设方面（国办公开办函〔2021〕30号）' }] },
  ],
});
