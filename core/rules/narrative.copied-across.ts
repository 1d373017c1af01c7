/** Half or more of the narrative is shared with another agency's report of the same year (内容雷同). */
import { COPIED_THRESHOLD } from './narrative.copied';
import { copiedPairsOf } from '../compare/copied-across';
import { agencyOfMeta } from '../compare/agency';
import type { Rule } from './types';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const cut = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export const rule: Rule = {
  id: 'narrative.copied-across',
  severity: 'warning',
  title: { zh: '正文与其他单位同年报告大量雷同', en: "The narrative repeats another agency's report of the same year" },
  explanation: {
    zh: '国办公开办函〔2021〕30号把“内容雷同”列为年度报告的问题之一，泉州市鲤城区2020年考评标准对“与往年或与其他单位雷同”扣5分。同一批（或同一次采集）中，两个不同机关同一年度的报告，若任一份正文一半以上的文字（报告格式的标题、表格名称和固定表述不计，数字不同而文字相同也算重复；多数单位都写的同一句话视为共同的套话，不计）出现在另一份中，两份都列出，并指出相同的段落。需要同时读入其他单位的报告。',
    en: "国办公开办函〔2021〕30号 names 内容雷同 (copied content) as a failure; Licheng's 2020 sheet deducts 5 points for a report that is the same as another unit's. Among the reports read together, when half or more of one narrative (headings, captions and the format's standard phrasings left out; text that only changed its figures counts as repeated; a sentence most offices write is boilerplate and left out) stands in another agency's report of the same year, both reports are named, with the shared passages. Needs the other agencies' reports in the same batch.",
  },
  check(ctx) {
    const matches = copiedPairsOf(ctx.batch, ctx.batch.indexOf(ctx.report), COPIED_THRESHOLD);
    for (const m of matches) {
      const other = ctx.batch[m.other];
      const name = agencyOfMeta(other.meta) ?? other.meta.source ?? '另一单位';
      const share = Math.max(m.share, m.otherShare);
      const example = m.passages[0] ? `，如：“${cut(m.passages[0].mine)}”` : '';
      ctx.issue({
        table: null,
        row: null,
        column: null,
        cells: [],
        share: Math.round(share * 100) / 100,
        message: `正文与${name}同年度报告雷同：本报告 ${pct(m.share)} 的文字见于对方，对方 ${pct(m.otherShare)} 的文字见于本报告（模板语句不计），相同段落 ${m.passages.length} 处${example}`,
        messageEn: `The narrative is shared with ${name}'s report of the same year: ${pct(m.share)} of this text is in theirs, ${pct(m.otherShare)} of theirs in this (template left out); ${m.passages.length} shared passages`,
      });
    }
  },
};
export default rule;
