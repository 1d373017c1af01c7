/**
 * Writes the built-in sample report pages (samples/*.html): a fictional agency, 示例市示例局,
 * whose reports we write ourselves with defects planted so that every kind of warning shows.
 * Run with `npx tsx scripts/gen-samples.ts`; a test keeps the files in sync with this script.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consistentValues, writeReportPage } from '../test/support/page-writer';

export const SAMPLES_DIR = join(import.meta.dirname, '..', 'samples');

const sum = (v: Record<string, string>, keys: string[]) => keys.reduce((n, k) => n + Number(v[k] || 0), 0);

export function samplePages(): Record<string, string> {
  const agency = '示例市示例局';

  // Last year's report: consistent, so that this year's cross-year defects can be seen.
  const last = consistentValues('2021', 2023);
  last['t2.normative_documents.in_force'] = '120';

  const v = consistentValues('2021', 2024);
  // This year's 上年结转 equals last year's 结转, and 一 is balanced with it inside this year's table …
  for (const c of ['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org', 'total'])
    v[`t3.carried_over.${c}`] = last[`t3.carried_forward.${c}`];
  const n = (k: string) => Number(v[k]);
  const applicants = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org'];
  for (const c of applicants) v[`t3.new_received.${c}`] = String(n(`t3.total_processed.${c}`) + n(`t3.carried_forward.${c}`) - n(`t3.carried_over.${c}`));
  v['t3.new_received.total'] = String(sum(v, applicants.map((c) => `t3.new_received.${c}`)));
  // … then planted: 上年结转 · 自然人 misprinted one more (cross-year.carry-over, t3.row-total, t3.balance:
  // one cell explains all three, so `check --previous` names it — the README's first example).
  v['t3.carried_over.natural_person'] = String(Number(last['t3.carried_forward.natural_person']) + 1);
  // Planted: 予以公开 row total off by 2 (t3.row-total, t3.outcome-total on 总计).
  v['t3.granted.total'] = String(n('t3.granted.total') + 2);
  // Planted: 行政复议 总计 printed 0 (t4.total).
  v['t4.review.total'] = '0';
  // Planted: a blank cell where 0 belongs (cell.blank).
  v['t3.denied.state_secret.research'] = '';
  v['t3.denied.state_secret.total'] = String(sum(v, applicants.map((c) => `t3.denied.state_secret.${c}`)));
  // cross-year.in-force: last year's 120 + issued − repealed ≠ this year's in force.
  v['t2.normative_documents.issued'] = '12';
  v['t2.normative_documents.repealed'] = '3';
  v['t2.normative_documents.in_force'] = '125';

  const received = n('t3.new_received.total');
  const narrative = {
    overview: [`2024年，${agency}深入贯彻《中华人民共和国政府信息公开条例》，全年新收政府信息公开申请${received + 5}件，办结${n('t3.total_processed.total')}件。`],
    proactive: [`全年制发行政规范性文件${v['t2.normative_documents.issued']}件。`],
    requests: [`本年度共收到政府信息公开申请${received}件，上年结转${n('t3.carried_over.total')}件。`],
    review_litigation: [`全年发生政府信息公开行政复议${n('t4.review.upheld') + n('t4.review.corrected') + n('t4.review.other') + n('t4.review.pending')}件。`],
  };
  const pages: Record<string, string> = {
    'demo-2024.html': writeReportPage({ format: '2021', agency, year: 2024, values: v, narrative, published: '2025-01-20' }, { portal: true }),
    'demo-2023.html': writeReportPage({ format: '2021', agency, year: 2023, values: last, published: '2024-01-18' }, { portal: true }),
    'demo-2020-old-format.html': writeReportPage({ format: '2019', agency, year: 2020, values: consistentValues('2019', 2020), published: '2021-01-15' }, { portal: true, labels: 'spans' }),
    'not-a-report.html': `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>示例市示例局召开全市政务公开工作会议_示例市人民政府</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div><h1>示例市示例局召开全市政务公开工作会议</h1>
<p>1月10日，示例市示例局召开全市政务公开工作会议，总结2024年工作，部署2025年任务。</p>
<table><tr><td>发布日期</td><td>2025-01-10</td></tr><tr><td>来源</td><td>示例市示例局</td></tr></table></body></html>`,
  };
  return pages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(SAMPLES_DIR, { recursive: true });
  for (const [name, html] of Object.entries(samplePages())) writeFileSync(join(SAMPLES_DIR, name), html);
  console.log(`wrote ${Object.keys(samplePages()).length} sample pages to ${SAMPLES_DIR}`);
}
