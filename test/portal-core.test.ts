/** core/portal: the agency matcher, year pairing, list-page links and pagination, copied narrative, coverage. */
import { describe, expect, it } from 'vitest';
import { agencyKey, sameAgency } from '../core/compare/agency';
import { pairYears, pairingProblem } from '../core/compare/pair';
import { findNextPages, findReportLinks, isReportTitle } from '../core/portal/links';
import { copiedShare } from '../core/compare/copied';
import { coverage, coverageItem, type CoverageItem } from '../core/portal/coverage';
import { makeReport, withMeta } from './support/report-builder';
import type { Report } from '../core/model/schema';

describe('agency matcher', () => {
  const same: Array<[string, string]> = [
    ['淮安市洪泽区人民政府', '洪泽区人民政府'],
    ['洪泽区人民政府（区政府办公室编制）', '洪泽区政府'],
    ['上海市人民政府办公厅', '上海市政府办公室'],
    ['平潭综合实验区', '平潭综合实验区管委会'],
    ['平潭综合实验区（实验区党工委、管委会）', '福建省平潭综合实验区党工委管委会'],
    ['宿迁市沭阳县发展和改革局', '沭阳县 发展和改革局'],
    ['示例市示例局', '示例市示例局2024年政府信息公开工作年度报告'],
    ['ＡＢ市示例局', 'AB市示例局'],
    ['淮安市', '淮安市人民政府'],
  ];
  for (const [a, b] of same) it(`${a} = ${b}`, () => expect(sameAgency(a, b)).toBe(true));
  const different: Array<[string, string]> = [
    ['淮安市人民政府', '淮安市洪泽区人民政府'],
    ['北京市朝阳区人民政府', '长春市朝阳区人民政府'],
    ['杭州市城市管理局', '广州市城市管理局'],
    ['淮安市经济技术开发区管委会', '宿迁市经济技术开发区管委会'],
    ['上海市科委', '上海市人民政府办公厅'],
    ['', ''],
  ];
  for (const [a, b] of different) it(`${a} ≠ ${b}`, () => expect(sameAgency(a, b)).toBe(false));
  it('a key without the parent place', () => expect(agencyKey('淮安市洪泽区人民政府')).toBe('洪泽区政府'));
});

describe('pairYears', () => {
  it('pairs each report with last year’s of the same agency, whatever the input order', () => {
    const items = [
      { agency: '平潭综合实验区', year: 2024, source: 'a/05.html' },
      { agency: '平潭综合实验区', year: 2025, source: 'a/06.html' },
      { agency: '平潭综合实验区', year: 2023, source: 'a/07.html' },
      { agency: '洪泽区人民政府', year: 2023, source: 'a/03.txt' },
      { agency: '淮安市洪泽区人民政府', year: 2024, source: 'a/04.txt' },
      { agency: '淮安市人民政府', year: 2023, source: 'a/02.txt' },
      { agency: '沭阳县发展和改革局', year: 2022, source: 'a/x.html' },
    ];
    expect(pairYears(items)).toEqual([2, 0, null, null, 3, null, null]);
  });
  it('prefers a previous report from the same folder', () => {
    const items = [
      { agency: 'A局', year: 2023, source: 'pdf/a-2023.pdf' },
      { agency: 'A局', year: 2023, source: 'txt/a-2023.txt' },
      { agency: 'A局', year: 2024, source: 'txt/a-2024.txt' },
    ];
    expect(pairYears(items)[2]).toBe(1);
  });
  it('names why a forced previous cannot be last year’s', () => {
    expect(pairingProblem({ agency: '淮安市人民政府', year: 2024 }, { agency: '洪泽区人民政府', year: 2023 })?.zh).toMatch(/不是同一机关/);
    expect(pairingProblem({ agency: '淮安市洪泽区人民政府', year: 2024 }, { agency: '洪泽区人民政府', year: 2023 })).toBeNull();
  });
});

describe('list pages', () => {
  const page = `<html><head><meta charset="utf-8"><base href="/zwgk/ndbg/"></head><body>
<ul class="list">
  <li><a href="./202501/t20250120_1.html" title="示例市示例局2024年政府信息公开工作年度报告">示例市示例局2024年政府信息公开工作...</a><span>2025-01-20</span></li>
  <li><a href="../other/t2.html">示例市人民政府2023年度政府信息公开工作年度报告</a> <span>2024/03/28</span></li>
  <li><a href="http://www.example.gov.cn/abs/t3.html">二〇二二年示例县政府信息公开年报</a></li>
  <li><a href="t4.html">关于做好2024年度政府信息公开工作年度报告编制发布工作的通知</a></li>
  <li><a href="t5.html">示例局召开2024年政务公开工作会议</a></li>
  <li><a href="t6.html">示例市2024年政府信息公开工作年度报告解读</a></li>
  <li><a href="javascript:void(0)">2024年年报</a></li>
  <li><a href="./202501/t20250120_1.html#top">示例市示例局2024年政府信息公开工作年度报告</a></li>
</ul>
<div class="page"><a href="index_1.html">下一页</a> <a href="index_2.html">3</a> <a href="http://elsewhere.gov.cn/index_5.html">尾页</a> <a href="/about.html">关于我们</a></div>
<script>var countPage = 4; var currentPage = 0; createPageHTML(countPage, currentPage, "index", "html");</script>
</body></html>`;
  const url = 'http://www.example.gov.cn/zwgk/ndbg/index.html';
  it('finds the report links, resolves relative and absolute addresses, ignores news, notices and readings', () => {
    expect(findReportLinks(page, url)).toEqual([
      { url: 'http://www.example.gov.cn/zwgk/ndbg/202501/t20250120_1.html', title: '示例市示例局2024年政府信息公开工作年度报告', year: 2024, date: '2025-01-20' },
      { url: 'http://www.example.gov.cn/zwgk/other/t2.html', title: '示例市人民政府2023年度政府信息公开工作年度报告', year: 2023, date: '2024-03-28' },
      { url: 'http://www.example.gov.cn/abs/t3.html', title: '二〇二二年示例县政府信息公开年报', year: 2022 },
    ]);
  });
  it('finds the other pages on the same host: 下一页, numbers and createPageHTML', () => {
    expect(findNextPages(page, url)).toEqual([
      'http://www.example.gov.cn/zwgk/ndbg/index_1.html',
      'http://www.example.gov.cn/zwgk/ndbg/index_2.html',
      'http://www.example.gov.cn/zwgk/ndbg/index_3.html',
    ]);
  });
  it('createPageHTML with literal arguments, on a directory address', () => {
    const html = `<script>createPageHTML(3, 0, "index", "shtml");</script>`;
    expect(findNextPages(html, 'https://a.gov.cn/col/ndbg/')).toEqual(['https://a.gov.cn/col/ndbg/index_1.shtml', 'https://a.gov.cn/col/ndbg/index_2.shtml']);
  });
  it('a bare number elsewhere (a calendar, another section) is not a page of the list', () => {
    const html = `<table class="calendar"><tr><td><a href="/news/day/12.html">12</a></td></tr></table><div class="fenye"><a href="/zwgk/ndbg/list_2.html">2</a></div><a href="/other/index.html?page=3">3</a>`;
    expect(findNextPages(html, 'http://d.gov.cn/zwgk/ndbg/list.html')).toEqual(['http://d.gov.cn/zwgk/ndbg/list_2.html', 'http://d.gov.cn/other/index.html?page=3', 'http://d.gov.cn/zwgk/ndbg/list_1.html']);
  });
  it('createPageHTML with an element id first and a trailing total', () => {
    const html = `<div id="pagenav"></div><script>createPageHTML("pagenav", 3, 0, "list", "shtml", 58);</script>`;
    expect(findNextPages(html, 'https://a.gov.cn/col/ndbg/list.shtml')).toEqual(['https://a.gov.cn/col/ndbg/list_1.shtml', 'https://a.gov.cn/col/ndbg/list_2.shtml']);
  });
  it('a pager that links 1 2 … 尾页: the pages between are found', () => {
    const html = `<div class="page"><a href="index_1.htm">2</a> <a href="index_5.htm">尾页</a></div>`;
    expect(findNextPages(html, 'http://b.gov.cn/ndbg/index.htm')).toEqual([1, 5, 2, 3, 4].map((i) => `http://b.gov.cn/ndbg/index_${i}.htm`));
  });
  it('links written by script (a CMS\'s XML records in CDATA) and opened by onclick', () => {
    const html = `<div id="list"></div><script type="text/xml"><datastore><recordset>
<record><![CDATA[<li><a href="/art/2025/1/20/art_1.html" title="示例区财政局2024年政府信息公开工作年度报告">示例区财政局2024年…</a><span>2025-01-20</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2024/3/1/art_2.html">示例区2023年政府信息公开工作年度报告</a></li>]]></record>
</recordset></datastore></script>
<p><a href="javascript:void(0)" onclick="window.open('/art/2023/1/30/art_3.html')">示例区财政局2022年政府信息公开工作年度报告</a></p>`;
    expect(findReportLinks(html, 'http://c.gov.cn/col/col1/index.html').map((l) => [l.url, l.year, l.date])).toEqual([
      ['http://c.gov.cn/art/2023/1/30/art_3.html', 2022, undefined],
      ['http://c.gov.cn/art/2025/1/20/art_1.html', 2024, '2025-01-20'],
      ['http://c.gov.cn/art/2024/3/1/art_2.html', 2023, undefined],
    ]);
  });
  it('the year beside the link in its list item', () => {
    const html = `<ul><li><span>2024年度</span><a href="a.html">政府信息公开工作年度报告</a><span>2025-01-20</span></li><li><a href="b.html">政府信息公开工作年度报告</a><span>2025-01-20</span></li></ul>`;
    expect(findReportLinks(html, 'http://e.gov.cn/ndbg/').map((l) => [l.url, l.year, l.title])).toEqual([['http://e.gov.cn/ndbg/a.html', 2024, '2024年政府信息公开工作年度报告']]);
  });
  it('report titles', () => {
    expect(isReportTitle('2024年企业年报公示')).toBe(false);
    expect(isReportTitle('示例市交通运输局2024年政府信息公开工作...')).toBe(true);
    expect(isReportTitle('示例市交通运输局2024年政府信息公开工作会议召开…')).toBe(false);
    expect(isReportTitle('示例区统计局2023年统计年报')).toBe(false);
    expect(isReportTitle('示例区2023年度政府信息公开工作年度报告（区政府办公室编制）')).toBe(true);
    expect(isReportTitle('2024年度报告')).toBe(true);
    expect(isReportTitle('政府信息公开工作年度报告')).toBe(false); // no year
    expect(isReportTitle('2023年部门决算报告')).toBe(false);
  });
});

function narrative(r: Report, problems: string, overview: string): Report {
  const copy = structuredClone(r);
  copy.sections = copy.sections.map((s) => (s.key === 'problems' ? { ...s, text: problems } : s.key === 'overview' ? { ...s, text: overview } : { ...s, text: '' }));
  copy.text = copy.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
  return copy;
}

describe('copied narrative', () => {
  const base = makeReport('2021', { year: 2024 });
  const prevBase = makeReport('2021', { year: 2023 });
  const problems = '我局政府信息公开工作虽取得一定成效，但仍存在公开内容不够全面、解读形式较为单一等问题。下一步，我局将加强业务培训，丰富政策解读形式，提升公开质量。';
  it('the same text with other figures repeats', () => {
    const now = narrative(base, problems, '2024年，我局共主动公开政府信息1234条，比上年增加12条，群众满意度持续提高。');
    const prev = narrative(prevBase, problems, '2023年，我局共主动公开政府信息1222条，比上年增加30条，群众满意度持续提高。');
    const c = copiedShare(now, prev)!;
    expect(c.share).toBeGreaterThan(0.95);
    expect(c.most?.key).toBe('problems');
  });
  it('new text does not', () => {
    const now = narrative(base, '今年重点推进基层政务公开标准化建设，新建线下查阅点十二处，完善依申请公开办理流程。', '全年围绕优化营商环境，集中发布惠企政策专题，开展政府开放日活动六场。');
    const prev = narrative(prevBase, problems, '2023年，我局共主动公开政府信息1222条，比上年增加30条，群众满意度持续提高。');
    expect(copiedShare(now, prev)!.share).toBeLessThan(0.1);
  });
});

describe('coverage', () => {
  const item = (agency: string, year: number, published: string | null, extra: Partial<CoverageItem> = {}): CoverageItem => ({
    agency, year, published, format: '2021', errors: 0, warnings: 0, copied: null, source: `${agency}-${year}.html`, ...extra,
  });
  it('a missing year between the first and last report, deadlines, days late', () => {
    const rows = coverage([
      item('示例市示例局', 2021, '2022-01-20'),
      item('示例市示例局', 2023, '2024-02-05'),
      item('示例市人民政府', 2023, '2024-03-28'),
      item('淮安市洪泽区人民政府', 2024, '2025-04-02'),
      item('洪泽区人民政府', 2023, null),
    ]);
    expect(rows.map((r) => [r.agency, r.year, r.status, r.deadline, r.days_late])).toEqual([
      ['淮安市洪泽区人民政府', 2023, 'published', '2024-03-31', null],
      ['淮安市洪泽区人民政府', 2024, 'published', '2025-03-31', 2],
      ['示例市人民政府', 2023, 'published', '2024-03-31', null],
      ['示例市示例局', 2021, 'published', '2022-01-31', null],
      ['示例市示例局', 2022, 'missing', '2023-01-31', null],
      ['示例市示例局', 2023, 'published', '2024-01-31', 5],
    ]);
  });
  it('since: earlier years left out, missing years from it', () => {
    const rows = coverage([item('示例市示例局', 2023, '2024-01-20'), item('示例市示例局', 2019, '2020-01-20'), item('示例市人民政府', 2024, '2025-03-01')], { since: 2022 });
    expect(rows.map((r) => `${r.agency} ${r.year} ${r.status}`)).toEqual([
      '示例市人民政府 2022 missing',
      '示例市人民政府 2023 missing',
      '示例市人民政府 2024 published',
      '示例市示例局 2022 missing',
      '示例市示例局 2023 published',
      '示例市示例局 2024 missing', // stopped publishing: shown up to the latest year of the inputs
    ]);
  });
  it('the item of a checked report', () => {
    const r = withMeta(makeReport('2021', { year: 2024 }), { published: '2025-02-01' });
    const it = coverageItem(r, [], makeReport('2021', { year: 2023 }));
    expect(it).toMatchObject({ agency: '示例市生态环境局', year: 2024, format: '2021', errors: 0 });
    expect(it.copied).toBeGreaterThan(0.5);
  });
});
