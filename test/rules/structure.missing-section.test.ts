import { makeReport } from '../support/report-builder';
import { testRule } from '../support/rule-tester';

const r = makeReport('2019', { year: 2020 });

// 000-chiping-police-2020: no 二、主动公开 heading; the later headings are numbered one too low.
const shifted = structuredClone(r);
shifted.sections = r.sections
  .filter((s) => s.key !== 'proactive')
  .map((s, i) => ({ ...s, heading: s.heading.replace(/^./, '一二三四五六'[i]) }));

const noProblems = structuredClone(r);
noProblems.sections = r.sections.filter((s) => s.key !== 'problems');

const none = structuredClone(r);
none.sections = [];

// A scan or a print-driver PDF read by OCR: its tables only, its text never read.
const ocrTablesOnly = structuredClone(none);
ocrTablesOnly.text = '';
ocrTablesOnly.diagnostics = [{ level: 'info', code: 'pdf.ocr', message: '扫描件，已用本机 OCR 识读（无联网）' }];

testRule('structure.missing-section', {
  valid: [
    { name: 'all six sections', report: r },
    { name: 'tables read by OCR, the text not read: nothing said missing', report: ocrTablesOnly },
  ],
  invalid: [
    {
      name: 'section 二 missing, later headings one too low (000-chiping-police)',
      report: shifted,
      issues: [
        {
          severity: 'warning',
          table: null,
          message: '缺少“二、主动公开政府信息情况”部分；其后的标题编号依次少 1：“二、收到和处理政府信息公开申请情况”应为“三、”，“三、政府信息公开行政复议、行政诉讼情况”应为“四、”，“四、存在的主要问题及改进情况”应为“五、”，“五、其他需要报告的事项”应为“六、”',
        },
      ],
    },
    { name: 'section 五 missing, numbering kept', report: noProblems, issues: [{ message: '缺少“五、存在的主要问题及改进情况”部分' }] },
    { name: 'no heading at all', report: none, issues: [{ message: /未找到六个部分的标题/ }] },
  ],
});
