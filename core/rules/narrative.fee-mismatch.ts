/**
 * The Table 3 fee row and the narrative's 信息处理费 disagree, or a stated fee is an amount no
 * tariff of 国办函〔2020〕109号 can produce (a question to the office, not an error).
 */
import { numAt } from './util';
import type { Rule } from './types';

const MENTIONS_FEE = /信息处理费|收费通知|缴纳费用|缴费/;
const NO_NOTICE = /未(?:发出|出具|下发|发放|送达)(?:任何)?(?:信息处理费)?(?:的)?收费通知|未(?:向申请人)?(?:发出|出具)(?:任何)?缴费通知/;
const NOT_COLLECTED = /未(?:向申请人)?收取(?:任何)?(?:政府)?(?:信息(?:公开)?处理)?费/;
/** A stated fee: 收取信息处理费 1234 元 / 信息处理费共计 0.12 万元. */
const AMOUNT = /信息(?:公开)?处理费[^。；;，,]{0,16}?(\d+(?:\.\d+)?)\s*(万)?元/g;

/** Whether an amount in yuan can be charged under 109号: per item, multiples of 100 元; per page, of 10 元 — so any whole multiple of 10 元. */
export function tariffCanProduce(yuan: number): boolean {
  const fen = Math.round(yuan * 100);
  return fen % 1000 === 0;
}

export const rule: Rule = {
  id: 'narrative.fee-mismatch',
  severity: 'warning',
  title: { zh: '信息处理费：表格与正文不符，或金额不合收费标准', en: 'Information-processing fees: the table and the text disagree, or an amount no tariff gives' },
  explanation: {
    zh: '2021 年格式（国办公开办函〔2021〕30号）表三“（六）其他处理”第 2 项统计申请人逾期未按收费通知缴纳费用、行政机关不再处理的申请：不为 0 说明本年发出过收费通知，正文应说明信息处理费情况（未说明：警告；正文称未发出收费通知：警告；称未收取费用：提示，发了通知而未缴费并不矛盾）。国办函〔2020〕109号《政府信息公开信息处理费管理办法》第四、五条：按件计收每件 100 元起、按量计收每页 10 元起，均超额累进，故任何应收金额都是 10 元的整数倍；正文所述金额不是 10 元整数倍的，作为向机关核实的问题提示，不作为错误。',
    en: "Row (六)2 of Table 3 in the 2021 format (国办公开办函〔2021〕30号) counts requests dropped because the applicant did not pay a fee notice in time: a non-zero count means fee notices were issued that year, so the narrative should explain its 信息处理费 (not explained: warning; the text says no notice was issued: warning; it says nothing was collected: info — a notice sent and not paid is no contradiction). 国办函〔2020〕109号, articles 4–5: per-item fees start at 100 yuan per item and per-page fees at 10 yuan per page, both excess-progressive, so any fee due is a whole multiple of 10 yuan; a stated amount that is not is noted as a question to the office, not an error.",
  },
  check(ctx) {
    const text = ctx.report.text || ctx.report.sections.map((s) => s.text).join('\n');
    const unpaid = ctx.format === '2021' ? numAt(ctx.report, 't3', 'other.fee_unpaid', 'total') : undefined;
    // Not placed on the cell (so no actual: the figures are in the message): the page marks would give a cell that is also part of a table sum a second, unrelated strong mark.
    const at = { table: null, row: null, column: null };
    if (unpaid !== undefined && unpaid > 0 && text.trim()) {
      if (NO_NOTICE.test(text)) {
        ctx.issue({ ...at, message: `表三有 ${unpaid} 件申请因申请人逾期未缴纳费用不再处理，正文却称未发出收费通知`, messageEn: `Table 3 counts ${unpaid} requests dropped for an unpaid fee notice, yet the text says no fee notice was issued` });
      } else if (!MENTIONS_FEE.test(text)) {
        ctx.issue({ ...at, message: `表三有 ${unpaid} 件申请因申请人逾期未缴纳费用不再处理（本年发出过收费通知），正文未说明信息处理费情况`, messageEn: `Table 3 counts ${unpaid} requests dropped for an unpaid fee notice (fee notices were issued), but the text says nothing of information-processing fees` });
      } else if (NOT_COLLECTED.test(text)) {
        ctx.issue({ ...at, severity: 'info', message: `正文称未收取信息处理费，表三有 ${unpaid} 件因逾期未缴费不再处理：发出通知而未缴费不矛盾，可核实收费通知的件数`, messageEn: `The text says no fee was collected while Table 3 counts ${unpaid} requests dropped for an unpaid fee: not a contradiction (notices sent, not paid); the number of notices may be worth asking` });
      }
    }
    for (const m of text.matchAll(AMOUNT)) {
      const yuan = Number(m[1]) * (m[2] ? 10_000 : 1);
      if (!(yuan > 0) || tariffCanProduce(yuan)) continue;
      ctx.issue({
        table: null,
        row: null,
        column: null,
        severity: 'info',
        message: `正文所述信息处理费 ${m[1]}${m[2] ?? ''}元 不是 10 元的整数倍，国办函〔2020〕109号的收费标准算不出这一金额，请向机关核实`,
        messageEn: `The stated information-processing fee of ${yuan} yuan is no whole multiple of 10 yuan: no tariff of 国办函〔2020〕109号 gives it — a question for the office`,
      });
    }
  },
};
export default rule;
