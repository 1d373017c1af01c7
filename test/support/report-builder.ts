/**
 * A tiny builder of Report objects for rule tests: `makeReport(format)` gives a complete and
 * consistent report (every cell of the format filled, every table relationship true, a narrative
 * whose figures agree with the tables, all six sections); tests then mutate one thing.
 */
import { SECTION_KEYS, SECTION_TITLES, T3_APPLICANT_COLUMNS, T4_COLUMNS, T4_GROUPS, t2Rows, t3Rows, type FormatId, type TableId } from '../../core/model/keys';
import type { Cell, Report, Section } from '../../core/model/schema';

export const cell = (value: number): Cell => ({ value, raw: String(value), blank: false });
export const blankCell = (): Cell => ({ value: null, raw: '', blank: true });
/** A cell printed as text with no number: "/", "无", or garbage such as "见附件". */
export const textCell = (raw: string): Cell => ({ value: null, raw, blank: false });

const T2_2021: Record<string, Record<string, number>> = {
  regulations: { issued: 2, repealed: 1, in_force: 20 },
  normative_documents: { issued: 8, repealed: 3, in_force: 60 },
  licensing: { decisions: 1200 },
  penalty: { decisions: 300 },
  coercion: { decisions: 12 },
  fees: { amount_10k_yuan: 15.5 },
};
const T2_2019: Record<string, Record<string, number>> = {
  regulations: { made: 2, published: 2, total_public: 20 },
  normative_documents: { made: 8, published: 8, total_public: 60 },
  licensing: { previous_items: 10, change: -1, decisions: 500 },
  other_services: { previous_items: 5, change: 0, decisions: 30 },
  penalty: { previous_items: 0, change: 0, decisions: 120 },
  coercion: { previous_items: 0, change: 0, decisions: 5 },
  fees: { previous_items: 3, change: -1 },
  procurement: { projects: 4, amount_10k_yuan: 123.45 },
};
const T4_VALUES: Record<string, number[]> = {
  review: [3, 1, 2, 1],
  litigation_direct: [2, 0, 1, 1],
  litigation_after_review: [1, 1, 0, 0],
};

export interface BuildOptions {
  year?: number;
  agency?: string;
  published?: string | null;
}

export function makeReport(format: FormatId = '2021', opts: BuildOptions = {}): Report {
  const year = opts.year ?? (format === '2019' ? 2020 : 2023);
  const agency = opts.agency ?? '示例市生态环境局';

  const t2: Report['t2'] = {};
  const t2Values = format === '2019' ? T2_2019 : T2_2021;
  for (const r of t2Rows(format)) {
    t2[r.key as keyof typeof t2] = Object.fromEntries(r.columns.map((c) => [c.key, cell(t2Values[r.key][c.key])]));
  }

  // Table 3: outcome values vary by row and column, so any single change is visible.
  const t3: Record<string, Record<string, Cell>> = {};
  const rows = t3Rows(format);
  const outcome = rows.filter((r) => r.outcome);
  const col = (row: string, c: string, v: number) => ((t3[row] ??= {})[c] = cell(v));
  const carriedOver = [2, 0, 0, 0, 1, 0];
  const carriedForward = [3, 1, 0, 0, 0, 0];
  T3_APPLICANT_COLUMNS.forEach((c, i) => {
    let processed = 0;
    outcome.forEach((r, j) => {
      const v = i === 0 ? ((j * 5) % 7) + 1 : (i * 3 + j * 2) % 4 === 0 ? 1 : 0;
      col(r.key, c, v);
      processed += v;
    });
    col('total_processed', c, processed);
    col('carried_over', c, carriedOver[i]);
    col('carried_forward', c, carriedForward[i]);
    col('new_received', c, processed + carriedForward[i] - carriedOver[i]);
  });
  for (const r of rows) col(r.key, 'total', T3_APPLICANT_COLUMNS.reduce((s, c) => s + t3[r.key][c].value!, 0));

  const t4: Report['t4'] = {};
  for (const g of T4_GROUPS) {
    const v = T4_VALUES[g.key];
    t4[g.key as keyof typeof t4] = Object.fromEntries(T4_COLUMNS.map((c, i) => [c.key, cell(i < 4 ? v[i] : v.reduce((a, b) => a + b, 0))]));
  }

  const tot = (row: string) => t3[row].total.value!;
  const group = (prefix: string) => outcome.filter((r) => r.key === prefix || r.key.startsWith(`${prefix}.`)).reduce((s, r) => s + tot(r.key), 0);
  const lit = T4_VALUES.litigation_direct.reduce((a, b) => a + b, 0) + T4_VALUES.litigation_after_review.reduce((a, b) => a + b, 0);
  const review = T4_VALUES.review.reduce((a, b) => a + b, 0);
  const normative = format === '2019' ? T2_2019.normative_documents.made : T2_2021.normative_documents.issued;
  const texts: Record<string, string> = {
    overview: `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，推进政务公开工作。`,
    proactive: `全年制发行政规范性文件${normative}件，均已主动公开。`,
    requests: `本年度共收到政府信息公开申请${tot('new_received')}件，办结${tot('total_processed')}件（含上年结转${tot('carried_over')}件），${tot('carried_forward')}件结转下年度继续办理。其中予以公开${tot('granted')}件，部分公开${tot('partially_granted')}件，不予公开${group('denied')}件，无法提供${group('unavailable')}件，不予处理${group('not_processed')}件，其他处理${group('other')}件。`,
    review_litigation: `本年度发生政府信息公开行政复议${review}件，行政诉讼${lit}件。`,
    problems: '存在的主要问题是公开内容还不够丰富。下一步将进一步加强培训。',
    other: '信息处理费按国办函〔2020〕109号收取，收费通知的情况见表三。无其他需要报告的事项。',
  };
  const sections: Section[] = SECTION_KEYS.map((key) => ({ key, heading: SECTION_TITLES[key].zh, text: texts[key] }));
  const intro = `本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`;
  const text = [intro, ...sections.map((s) => `${s.heading}\n${s.text}`)].join('\n');
  const published = opts.published === undefined ? `${year + 1}-01-20` : opts.published;
  return {
    meta: {
      agency,
      year,
      format,
      published,
      title: `${agency}${year}年政府信息公开工作年度报告`,
      source: 'report-builder',
      period: { from: `${year}-01-01`, to: `${year}-12-31` },
      signedBy: agency,
      signedOn: published,
      indexNo: null,
      publisher: null,
      titleYear: year,
    },
    t2,
    t3,
    t4,
    sections,
    text,
    diagnostics: [],
  };
}

/** A deep copy with one cell replaced: a number, null for a blank cell, or a Cell. */
export function withCell(report: Report, table: TableId, row: string, column: string, value: number | null | Cell): Report {
  const copy = structuredClone(report);
  const data = copy[table] as Record<string, Record<string, Cell> | undefined>;
  const r = (data[row] ??= {});
  r[column] = value === null ? blankCell() : typeof value === 'number' ? cell(value) : value;
  return copy;
}

/** The number in a cell of a built report. */
export function valueAt(report: Report, table: TableId, row: string, column: string): number {
  const c = (report[table] as Record<string, Record<string, Cell> | undefined>)[row]?.[column];
  if (!c || c.value === null) throw new Error(`no value at ${table}.${row}.${column}`);
  return c.value;
}

/** A deep copy with the narrative text replaced (sections keep their headings; text goes to overview). */
export function withText(report: Report, text: string): Report {
  const copy = structuredClone(report);
  copy.text = text;
  copy.sections = copy.sections.map((s) => (s.key === 'overview' ? { ...s, text } : { ...s, text: '' }));
  return copy;
}

/** A deep copy with meta fields changed. */
export function withMeta(report: Report, meta: Partial<Report['meta']>): Report {
  const copy = structuredClone(report);
  copy.meta = { ...copy.meta, ...meta };
  return copy;
}
