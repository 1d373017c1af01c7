/** One of the six sections the format requires is absent (and later headings are renumbered). */
import { SECTION_KEYS, SECTION_TITLES } from '../model/keys';
import { compact } from '../parse/normalize';
import type { Rule } from './types';
import { textUnread } from './util';

const NUMERALS = '一二三四五六七八九';

/** The numeral a heading starts with, 1-based: "三、收到和处理…" → 3. */
function headingNumber(heading: string): number | null {
  const m = /^([一二三四五六七八九])[、.．，,]/.exec(compact(heading));
  return m ? NUMERALS.indexOf(m[1]) + 1 : null;
}

export const rule: Rule = {
  id: 'structure.missing-section',
  severity: 'warning',
  title: { zh: '缺少规定的部分', en: 'A required section is missing' },
  explanation: {
    zh: '《政府信息公开条例》第五十条规定年度报告应当包括：行政机关主动公开政府信息的情况；收到和处理政府信息公开申请的情况；因政府信息公开工作被申请行政复议、提起行政诉讼的情况；政府信息公开工作存在的主要问题及改进情况；其他需要报告的事项。国办公开办函〔2019〕60号、〔2021〕30号据此规定六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。',
    en: 'Article 50 of 《政府信息公开条例》 lists what a report contains, and 国办公开办函〔2019〕60号 / 〔2021〕30号 turn it into six numbered sections: I overview; II proactive disclosure; III requests received and handled; IV administrative reviews and lawsuits; V problems and improvements; VI other matters. Each must be present under its own heading.',
  },
  check(ctx) {
    const sections = ctx.report.sections;
    const present = new Set(sections.map((s) => s.key));
    const missing = SECTION_KEYS.filter((k) => !present.has(k));
    if (missing.length === 0) return;
    // Read by OCR from its tables alone: its headings were never read, not found missing.
    if (textUnread(ctx.report)) return;
    if (sections.length === 0) {
      ctx.issue({
        table: null,
        row: null,
        column: null,
        cells: [],
        message: '未找到六个部分的标题（一、总体情况 … 六、其他需要报告的事项）',
        messageEn: 'None of the six section headings (I overview … VI other matters) was found',
      });
      return;
    }
    // Headings numbered differently from the official order ("二、收到和处理…" where 三 belongs).
    const misnumbered = sections
      .map((s) => ({ s, n: headingNumber(s.heading), want: SECTION_KEYS.indexOf(s.key) + 1 }))
      .filter((x) => x.n !== null && x.n !== x.want);
    for (const key of missing) {
      const want = SECTION_KEYS.indexOf(key) + 1;
      const later = misnumbered.filter((x) => x.want > want);
      const shifted = later.length > 0 && later.every((x) => x.n === x.want - 1);
      const noteZh = later.length
        ? `；其后的标题编号${shifted ? '依次少 1' : '与格式不符'}：${later.map((x) => `“${x.s.heading}”应为“${NUMERALS[x.want - 1]}、”`).join('，')}`
        : '';
      const noteEn = later.length
        ? `; the headings after it are numbered ${shifted ? 'one too low' : 'differently from the format'}: ${later.map((x) => `"${x.s.heading}" should be ${NUMERALS[x.want - 1]}`).join(', ')}`
        : '';
      ctx.issue({
        table: null,
        row: null,
        column: null,
        cells: [],
        message: `缺少“${SECTION_TITLES[key].zh}”部分${noteZh}`,
        messageEn: `Section "${SECTION_TITLES[key].en}" (${SECTION_TITLES[key].zh}) is missing${noteEn}`,
      });
    }
  },
};
export default rule;
