/** A figure in the text disagrees with the table it describes. */
import type { CellRef, Report } from '../model/schema';
import { reportYear } from '../model/year';
import { narrativeClaims, type Claim, type T4Scope } from './narrative';
import type { IssueInput, Rule } from './types';
import { cellOf, colZh, fmt, formatOf, num, outcomeRows, ref, round, T3_APPLICANT_COLUMNS, T4_PARTS } from './util';

/**
 * Table-3 row values in the 总计 column, read two ways: as printed, and as the six applicant
 * columns added. A figure that agrees with either is taken to agree (a blank or wrong 总计 is
 * another rule's business).
 */
function t3Views(r: Report, rows: string[]): number[] {
  const printed = rows.map((row) => {
    const c = cellOf(r, 't3', row, 'total');
    return c && !c.blank ? num(c) : undefined;
  });
  const computed = rows.map((row) => {
    const parts = T3_APPLICANT_COLUMNS.map((col) => num(cellOf(r, 't3', row, col)));
    return parts.some((p) => p === undefined) ? undefined : round(parts.reduce((a, b) => a! + b!, 0)!);
  });
  const out: number[] = [];
  for (const view of [printed, computed]) {
    if (view.every((v) => v !== undefined)) out.push(round(view.reduce((a, b) => a! + b!, 0)!));
  }
  return [...new Set(out)];
}

function t4Views(r: Report, group: string, column: string): number[] {
  const out: number[] = [];
  const v = num(cellOf(r, 't4', group, column));
  if (v !== undefined) out.push(v);
  if (column === 'total') {
    const parts = T4_PARTS.map((c) => num(cellOf(r, 't4', group, c)));
    if (parts.every((p) => p !== undefined)) out.push(round(parts.reduce((a, b) => a! + b!, 0)!));
  }
  return [...new Set(out)];
}

/** All sums a + b with a from A and b from B. */
function plus(a: number[], b: number[]): number[] {
  return [...new Set(a.flatMap((x) => b.map((y) => round(x + y))))];
}

const T3_TOTAL = (rows: string[]): CellRef[] => rows.map((row) => ref('t3', row, 'total'));

interface Target {
  accepted: number[];
  table: 't2' | 't3' | 't4';
  row: string | null;
  column: string | null;
  cells: CellRef[];
  zh: string;
  en: string;
}

function targetOf(claim: Claim, r: Report, outcome: string[]): Target | null {
  const rowsOf = (prefix: string) => outcome.filter((k) => k === prefix || k.startsWith(`${prefix}.`));
  const t3 = (rows: string[], zh: string, en: string, row: string | null = rows.length === 1 ? rows[0] : null): Target => ({
    accepted: t3Views(r, rows),
    table: 't3',
    row,
    column: 'total',
    cells: T3_TOTAL(rows),
    zh,
    en,
  });
  switch (claim.kind) {
    case 'received': {
      const n = t3Views(r, ['new_received']);
      return { ...t3(['new_received'], '表三“本年新收政府信息公开申请数量”总计', 'table 3 new requests (total)'), accepted: [...n, ...plus(n, t3Views(r, ['carried_over'])), ...t3Views(r, ['total_processed'])] };
    }
    case 'answered': {
      const n = t3Views(r, ['new_received']);
      return { ...t3(['total_processed'], '表三“（七）总计”', 'table 3 total processed'), accepted: [...t3Views(r, ['total_processed']), ...n, ...plus(n, t3Views(r, ['carried_over']))] };
    }
    case 'carried_over':
      return t3(['carried_over'], '表三“上年结转政府信息公开申请数量”总计', 'table 3 carried over (total)');
    case 'carried_forward':
      return t3(['carried_forward'], '表三“结转下年度继续办理”总计', 'table 3 carried forward (total)');
    case 'granted_or_partial':
      return t3(['granted', 'partially_granted'], '表三“予以公开”+“部分公开”总计', 'table 3 granted + partially granted (total)');
    case 'granted':
      return t3(['granted'], '表三“予以公开”总计', 'table 3 granted (total)');
    case 'partial':
      return t3(['partially_granted'], '表三“部分公开”总计', 'table 3 partially granted (total)');
    case 'denied':
      return t3(rowsOf('denied'), '表三“不予公开”各项总计之和', 'table 3 denied, all grounds (total)', null);
    case 'unavailable':
      return t3(rowsOf('unavailable'), '表三“无法提供”各项总计之和', 'table 3 unavailable, all grounds (total)', null);
    case 'not_processed':
      return t3(rowsOf('not_processed'), '表三“不予处理”各项总计之和', 'table 3 not processed, all grounds (total)', null);
    case 'other_handled':
      return t3(rowsOf('other'), '表三“其他处理”总计', 'table 3 otherwise handled (total)', null);
    case 'applicant': {
      const col = claim.column!;
      const one = (row: string) => {
        const v = num(cellOf(r, 't3', row, col));
        return v === undefined ? [] : [v];
      };
      const n = one('new_received');
      return {
        accepted: [...n, ...plus(n, one('carried_over')), ...one('total_processed')],
        table: 't3',
        row: 'new_received',
        column: col,
        cells: [ref('t3', 'new_received', col)],
        zh: `表三“本年新收政府信息公开申请数量”${colZh(col)}列`,
        en: `table 3 new requests, column ${col}`,
      };
    }
    case 'review':
      return { accepted: t4Views(r, 'review', 'total'), table: 't4', row: 'review', column: 'total', cells: [ref('t4', 'review', 'total')], zh: '表四“行政复议”总计', en: 'table 4 administrative review total' };
    case 'litigation': {
      const d = t4Views(r, 'litigation_direct', 'total');
      const a = t4Views(r, 'litigation_after_review', 'total');
      return {
        accepted: [...plus(d, a), ...d, ...a],
        table: 't4',
        row: null,
        column: 'total',
        cells: [ref('t4', 'litigation_direct', 'total'), ref('t4', 'litigation_after_review', 'total')],
        zh: '表四“行政诉讼”（未经复议直接起诉 + 复议后起诉）总计',
        en: 'table 4 lawsuits (direct + after review) total',
      };
    }
    case 'review_and_litigation': {
      const all = plus(plus(t4Views(r, 'review', 'total'), t4Views(r, 'litigation_direct', 'total')), t4Views(r, 'litigation_after_review', 'total'));
      return {
        accepted: all,
        table: 't4',
        row: null,
        column: 'total',
        cells: ['review', 'litigation_direct', 'litigation_after_review'].map((g) => ref('t4', g, 'total')),
        zh: '表四行政复议与行政诉讼总计之和',
        en: 'table 4 reviews and lawsuits, all totals',
      };
    }
    case 't4_part': {
      const col = claim.column!;
      const names: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };
      if (claim.scopes![0] === 'review') {
        return { accepted: t4Views(r, 'review', col), table: 't4', row: 'review', column: col, cells: [ref('t4', 'review', col)], zh: `表四“行政复议·${names[col]}”`, en: `table 4 review, ${col}` };
      }
      const d = t4Views(r, 'litigation_direct', col);
      const a = t4Views(r, 'litigation_after_review', col);
      return {
        accepted: [...plus(d, a), ...d, ...a],
        table: 't4',
        row: null,
        column: col,
        cells: [ref('t4', 'litigation_direct', col), ref('t4', 'litigation_after_review', col)],
        zh: `表四“行政诉讼·${names[col]}”（两类诉讼之和）`,
        en: `table 4 lawsuits, ${col} (both kinds)`,
      };
    }
    case 't2_regulations':
    case 't2_normative': {
      const row = claim.kind === 't2_regulations' ? 'regulations' : 'normative_documents';
      const f = formatOf(r);
      // 2021: only 制发 compares (the table has no 本年公开 column); 2019: 新制作 or 新公开.
      if (f !== '2019' && claim.column !== 'made') return null;
      const cols = f === '2019' ? (claim.column === 'made' ? ['made', 'published'] : ['published', 'made']) : ['issued'];
      const accepted = cols.flatMap((c) => {
        const v = num(cellOf(r, 't2', row, c));
        return v === undefined ? [] : [v];
      });
      const name = row === 'regulations' ? '规章' : '行政规范性文件';
      return {
        accepted,
        table: 't2',
        row,
        column: cols[0],
        cells: cols.map((c) => ref('t2', row, c)),
        zh: f === '2019' ? `表二“${name}”本年新制作/新公开数量` : `表二“${name}”本年制发件数`,
        en: `table 2 ${row} ${cols.join('/')}`,
      };
    }
    default:
      return null;
  }
}

/** 均获维持 / 均已结案 / 未被纠错: statements about every case of a group. */
function checkStatement(claim: Claim, r: Report, out: IssueInput[]) {
  const groups = (claim.scopes ?? []).flatMap((s: T4Scope) => (s === 'review' ? ['review'] : ['litigation_direct', 'litigation_after_review']));
  const bad: Record<string, string[]> = {
    all_upheld: ['corrected', 'other', 'pending'],
    all_closed: ['pending'],
    none_corrected: ['corrected'],
  };
  const names: Record<string, string> = { upheld: '维持', corrected: '纠正', other: '其他结果', pending: '尚未审结' };
  const groupZh: Record<string, string> = { review: '行政复议', litigation_direct: '行政诉讼（直接起诉）', litigation_after_review: '行政诉讼（复议后起诉）' };
  const saysZh: Record<string, string> = { all_upheld: '均获维持', all_closed: '均已结案', none_corrected: '未被纠错' };
  const saysEn: Record<string, string> = { all_upheld: 'all were upheld', all_closed: 'all were closed', none_corrected: 'none was corrected' };
  for (const g of groups) {
    const cols = bad[claim.kind];
    const values = cols.map((c) => num(cellOf(r, 't4', g, c)));
    if (values.some((v) => v === undefined)) continue;
    const offending = cols.filter((_, i) => values[i]! > 0);
    if (offending.length === 0) continue;
    const upheld = num(cellOf(r, 't4', g, 'upheld'));
    const total = num(cellOf(r, 't4', g, 'total'));
    const primary = claim.kind === 'all_upheld' ? 'upheld' : offending[0];
    const detail = offending.map((c) => `${names[c]} ${fmt(num(cellOf(r, 't4', g, c))!)}`).join('，');
    out.push({
      table: 't4',
      row: g,
      column: primary,
      cells: ['upheld', ...cols, 'total'].map((c) => ref('t4', g, c)),
      // The text's claim, for the cell it is about: all upheld means 维持 = 总计; the others mean 0.
      expected: claim.kind === 'all_upheld' ? (total ?? null) : 0,
      expectedFrom: 'narrative',
      message: `正文“${claim.quote}”称${saysZh[claim.kind]}，但表四“${groupZh[g]}”：${claim.kind === 'all_upheld' && upheld !== undefined ? `维持 ${fmt(upheld)}，` : ''}${detail}`,
      messageEn: `The text says "${claim.quote}" (${saysEn[claim.kind]}), but table 4 ${g} shows ${offending.map((c) => `${c} ${fmt(num(cellOf(r, 't4', g, c))!)}`).join(', ')}`,
    });
  }
}

export function tableMismatches(report: Report): IssueInput[] {
  const out: IssueInput[] = [];
  const year = reportYear(report.meta);
  const outcome = outcomeRows(report, formatOf(report));
  const seen = new Set<string>();
  for (const claim of narrativeClaims(report, year)) {
    const key = `${claim.kind}|${claim.column ?? ''}|${(claim.scopes ?? []).join('+')}|${claim.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (claim.kind === 'all_upheld' || claim.kind === 'all_closed' || claim.kind === 'none_corrected') {
      checkStatement(claim, report, out);
      continue;
    }
    if (claim.kind === 'all_completed') {
      const cf = t3Views(report, ['carried_forward']);
      if (cf.length === 0 || cf.includes(0)) continue;
      out.push({
        table: 't3',
        row: 'carried_forward',
        column: 'total',
        cells: [ref('t3', 'carried_forward', 'total'), ...T3_APPLICANT_COLUMNS.map((c) => ref('t3', 'carried_forward', c))],
        expected: 0,
        expectedFrom: 'narrative',
        message: `正文“${claim.quote}”称申请已全部办结，但表三“结转下年度继续办理”为 ${fmt(cf[0])}`,
        messageEn: `The text says "${claim.quote}" (all requests completed), but table 3 carried forward is ${fmt(cf[0])}`,
      });
      continue;
    }
    const target = targetOf(claim, report, outcome);
    if (!target || target.accepted.length === 0 || target.accepted.includes(claim.value)) continue;
    const printed = target.accepted[0];
    const d = Math.abs(round(claim.value - printed));
    out.push({
      table: target.table,
      row: target.row,
      column: target.column,
      cells: target.cells,
      expected: claim.value,
      expectedFrom: 'narrative',
      message: `正文“${claim.quote}”为 ${fmt(claim.value)}，${target.zh}为 ${fmt(printed)}，相差 ${fmt(d)}`,
      messageEn: `The text says "${claim.quote}": ${fmt(claim.value)}, but ${target.en} is ${fmt(printed)}; off by ${fmt(d)}`,
    });
  }
  return out;
}

export const rule: Rule = {
  id: 'narrative.table-mismatch',
  severity: 'warning',
  title: { zh: '正文数字与表格不一致', en: 'A figure in the text disagrees with the tables' },
  explanation: {
    zh: '《政府信息公开条例》第五十条要求年度报告如实报告收到和处理申请、行政复议和行政诉讼等情况；国办公开办函〔2019〕60号、〔2021〕30号的表格是这些数字的统计口径。正文中写出的件数（共受理申请 N 件、答复 N 件、上年结转、结转下年度、予以公开、不予公开、无法提供、行政复议 N 件、行政诉讼 N 件、“均获维持”等）应与表格一致。只比较意思明确的数字：明确注明自然人的数字与自然人列比较，含上年结转的答复数、百分比、其他年度或其他口径（部门文件、现行有效件数）的数字不比较。',
    en: "Article 50 of 《政府信息公开条例》 requires the report to state truthfully the requests received and handled and the reviews and lawsuits; the tables of 国办公开办函〔2019〕60号 / 〔2021〕30号 are the official count. Figures the text writes out (requests received, answered, carried over or forward, granted, denied, unavailable, reviews, lawsuits, 'all upheld') must agree with them. Only unambiguous figures are compared: a figure said to be natural persons' is compared with that column; answers that include carried-over cases, percentages, figures of another year or another scope (department documents, documents in force) are not.",
  },
  check(ctx) {
    for (const issue of tableMismatches(ctx.report)) ctx.issue(issue);
  },
};
export default rule;
