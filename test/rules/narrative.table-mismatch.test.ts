import { makeReport, valueAt, withCell, withText } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r = makeReport('2021');
const r19 = makeReport('2019');
const t3 = (row: string, col = 'total') => valueAt(r, 't3', row, col);
const newTotal = t3('new_received');
const done = t3('total_processed');
const over = t3('carried_over');
const fwd = t3('carried_forward');
const grantedPlusPartial = t3('granted') + t3('partially_granted');

testRule('narrative.table-mismatch', {
  valid: [
    { name: 'a narrative that agrees with every table (2021)', report: r },
    { name: 'a narrative that agrees with every table (2019)', report: r19 },
    {
      name: '答复 that includes the carried-over cases',
      report: withText(r, `共受理政府信息公开申请${newTotal}件，答复${newTotal + over}件（含上年度结转申请${over}件，另有${fwd}件顺延到下年度答复）。`),
    },
    {
      name: 'a figure said to be natural persons’ is compared with that column',
      report: withText(r, `全区收到政府信息公开申请${newTotal}件，涉及自然人${t3('new_received', 'natural_person')}件、商业企业${t3('new_received', 'commercial')}件。`),
    },
    {
      name: '收到 counting the carried-over cases too (13-pingtan-2022)',
      report: withText(r, `全区收到政府信息公开申请${newTotal + over}件，均在法定期限内予以答复。`),
    },
    { name: 'percentages are not compared', report: withText(r, `予以公开及部分公开${grantedPlusPartial}件，占33.9%。`) },
    { name: '现行有效 is another count than 本年制发 (07-pingtan-2023)', report: withText(r, '清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件8件。') },
    { name: '政策性文件 is not 行政规范性文件 (02-huaian)', report: withText(r, '全年新增公开市政府规章2件、市政府及市政府办政策性文件11件。') },
    { name: '部门规范性文件 belongs to other bodies', report: withText(r, '全年共编发公报24期，刊登政府规章、规范性文件等112件，部门规范性文件45件。') },
    { name: 'last year’s figure', report: withText(r, `上年共受理政府信息公开申请999件，本年共受理政府信息公开申请${newTotal}件。`) },
    { name: 'another year named in the clause', report: withText(r, '2022年受理政府信息公开申请999件。') },
    { name: 'an approximate figure', report: withText(r, '全年受理政府信息公开申请500余件。') },
    { name: 'requests of another kind (群众诉求)', report: withText(r, '受理各类群众诉求259件，收到群众诉求348件。') },
    { name: 'reviews triggered by requests are not requests (06-pingtan-2025)', report: withText(r, '全年办理因政府信息公开申请引发的行政复议7起，行政诉讼6起。') },
    { name: '均已结案 when nothing is pending', report: withCell(withCell(withCell(withText(r, '共有行政复议案件7件，均已结案。'), 't4', 'review', 'pending', 0), 't4', 'review', 'other', 3), 't4', 'review', 'total', 7) },
    { name: 'a figure summed over many bodies (全市各级行政机关)', report: withText(r, '全市各级行政机关共受理政府信息公开申请12345件。') },
    { name: 'reviews of every kind decided by a government are not table 4', report: withText(r, '全年共办理行政复议案件1234件，行政诉讼案件567件。') },
    { name: '公开规章 counts amended and repealed ones too (2021 format: only 制发 compares)', report: withText(r, '主动公开市政府规章13件（含新制定5件，修改4件，废止4件），主动公开行政规范性文件42件。') },
    { name: 'a blank 总计 row: the applicant columns count (01-shanghai)', report: withCell(withText(r, `予以公开及部分公开${grantedPlusPartial}件。`), 't3', 'granted', 'total', null) },
  ],
  invalid: [
    {
      name: '受理 17 where the table says 95 (04-hongze-district-2024)',
      report: withText(r, '2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。'),
      issues: [{ severity: 'warning', table: 't3', row: 'new_received', column: 'total', expected: 17, expectedFrom: 'narrative', actual: newTotal, message: new RegExp(`^正文“区政府办代表区政府受理政府信息公开申请17件”为 17，表三“本年新收政府信息公开申请数量”总计为 ${newTotal}，相差 ${Math.abs(newTotal - 17)}$`) }],
    },
    {
      name: '予以公开及部分公开 counting only natural persons (01-shanghai)',
      report: withText(r, `予以公开及部分公开${t3('granted', 'natural_person')}件，占33.9%。`),
      issues: [{ table: 't3', row: null, column: 'total', expected: null, actual: null, cells: [{ table: 't3', row: 'granted', column: 'total' }, { table: 't3', row: 'partially_granted', column: 'total' }] }],
    },
    {
      name: '无法提供 counting one ground only (01-shanghai)',
      report: withText(r, `因本机关不掌握等原因无法提供${t3('unavailable.not_held')}件。`),
      issues: [{ table: 't3', row: null, column: 'total', expected: null, actual: null, message: new RegExp(`为 ${t3('unavailable.not_held')}，.*为 ${t3('unavailable.not_held') + t3('unavailable.needs_creation') + t3('unavailable.unclear_after_correction')}，`) }],
    },
    {
      name: '均获维持 while cases are pending (01-shanghai)',
      report: withText(r, '信息公开类行政复议7件，诉讼6件，均获维持。'),
      issues: [
        { table: 't4', row: 'review', column: 'upheld', expected: 7, actual: 3, message: /称均获维持，但表四“行政复议”：维持 3，纠正 1，其他结果 2，尚未审结 1$/ },
        { table: 't4', row: 'litigation_direct', column: 'upheld' },
        { table: 't4', row: 'litigation_after_review', column: 'upheld' },
      ],
    },
    {
      name: 'a review count that differs',
      report: withText(r, '本年度发生政府信息公开行政复议9件。'),
      issues: [{ table: 't4', row: 'review', column: 'total', expected: 9, expectedFrom: 'narrative', actual: 7 }],
    },
    {
      name: 'a lawsuit count that differs',
      report: withText(r, '因政府信息公开引起的行政诉讼案件5件。'),
      issues: [{ table: 't4', row: null, column: 'total', expected: null, actual: null, message: /5/ }],
    },
    {
      name: '其中结果维持 that differs',
      report: withText(r, '政府信息公开行政复议7件，其中结果维持4件，结果纠正1件，其他结果1件，尚未审结1件。'),
      issues: [
        { table: 't4', row: 'review', column: 'upheld', expected: 4, actual: 3 },
        { table: 't4', row: 'review', column: 'other', expected: 1, actual: 2 },
      ],
    },
    {
      name: '所有申请均已办理完成 while one is carried forward (09-shanghai-stcsm)',
      report: withText(r, '所有申请均已按要求办理完成。'),
      issues: [{ table: 't3', row: 'carried_forward', column: 'total', expected: 0, actual: fwd }],
    },
    {
      name: '结转 that differs',
      report: withText(r, `本年度全区共收到${newTotal}件申请，及时办结${done}件，${fwd + 2}件结转下年度继续办理。`),
      issues: [{ table: 't3', row: 'carried_forward', column: 'total', expected: fwd + 2, actual: fwd }],
    },
    {
      name: '本年制发 that differs from table 2',
      report: withText(r, '动态更新本年度制发行政规范性文件9件。'),
      issues: [{ table: 't2', row: 'normative_documents', column: 'issued', expected: 9, actual: 8 }],
    },
    {
      name: '2019 format: 主动公开规章 is compared with 本年新公开数量',
      report: withText(r19, '主动公开规章5件，行政规范性文件8件。'),
      issues: [{ table: 't2', row: 'regulations', column: 'published', expected: 5, actual: 2 }],
    },
    {
      name: 'figures broken across PDF lines are read',
      report: withText(r, `全市共受理政府信息公开申请 ${newTotal + 5} 件，答\n复 ${done} 件。\n-2-\n`),
      issues: [{ table: 't3', row: 'new_received', column: 'total', expected: newTotal + 5, actual: newTotal }],
    },
  ],
});
