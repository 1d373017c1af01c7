/**
 * Ratios for journalists and leaders: 公开率, 不予公开率, 复议纠错率, 诉讼纠错率 — per report and per
 * agency across years. Below MIN_SAMPLE cases a rate says little: it is given as 样本太少, not as
 * a number. Browser-safe.
 */
import { T3_ROWS_2021 } from '../model/keys';
import type { Report } from '../model/schema';
import { numAt } from '../rules/util';

export const MIN_SAMPLE = 30;
export const TOO_FEW = '样本太少';

export type RatioKey = 'open_rate' | 'denied_rate' | 'review_corrected_rate' | 'litigation_corrected_rate';

export const RATIO_TITLES: Record<RatioKey, { zh: string; en: string; formula: string }> = {
  open_rate: { zh: '公开率', en: 'disclosure rate', formula: '（予以公开 + 部分公开）÷ 办理结果总计' },
  denied_rate: { zh: '不予公开率', en: 'refusal rate', formula: '不予公开（8 项之和）÷ 办理结果总计' },
  review_corrected_rate: { zh: '复议纠错率', en: 'review correction rate', formula: '行政复议 结果纠正 ÷（总计 − 尚未审结）' },
  litigation_corrected_rate: { zh: '诉讼纠错率', en: 'litigation correction rate', formula: '行政诉讼（两类）结果纠正 ÷（总计 − 尚未审结）' },
};
export const RATIO_KEYS = Object.keys(RATIO_TITLES) as RatioKey[];

export interface Ratio {
  numerator: number | null;
  denominator: number | null;
  /** 0–1, or null when there is no data or too few cases. */
  value: number | null;
  /** Why there is no value: 无数据 (not read) or 样本太少 (fewer than MIN_SAMPLE cases). */
  note: string | null;
}

export type Ratios = Record<RatioKey, Ratio>;

type Counts = Record<RatioKey, [number | null, number | null]>;

const DENIED = T3_ROWS_2021.filter((r) => r.key.startsWith('denied.')).map((r) => r.key);
const add = (...xs: Array<number | undefined>) => (xs.some((x) => x === undefined) ? null : xs.reduce<number>((s, x) => s + x!, 0));

function countsOf(report: Report): Counts {
  const t3 = (row: string) => numAt(report, 't3', row, 'total');
  const t4 = (group: string, col: string) => numAt(report, 't4', group, col);
  const concluded = (group: string) => {
    const total = t4(group, 'total');
    const pending = t4(group, 'pending');
    return total === undefined ? undefined : total - (pending ?? 0);
  };
  return {
    open_rate: [add(t3('granted'), t3('partially_granted')), add(t3('total_processed'))],
    denied_rate: [add(...DENIED.map(t3)), add(t3('total_processed'))],
    review_corrected_rate: [add(t4('review', 'corrected')), add(concluded('review'))],
    litigation_corrected_rate: [add(t4('litigation_direct', 'corrected'), t4('litigation_after_review', 'corrected')), add(concluded('litigation_direct'), concluded('litigation_after_review'))],
  };
}

function ratio(numerator: number | null, denominator: number | null): Ratio {
  if (numerator === null || denominator === null) return { numerator, denominator, value: null, note: '无数据' };
  if (denominator < 0 || numerator < 0) return { numerator, denominator, value: null, note: '数据不一致' };
  if (denominator < MIN_SAMPLE) return { numerator, denominator, value: null, note: TOO_FEW };
  return { numerator, denominator, value: numerator / denominator, note: null };
}

export function ratiosOf(report: Report): Ratios {
  const c = countsOf(report);
  return Object.fromEntries(RATIO_KEYS.map((k) => [k, ratio(...c[k])])) as Ratios;
}

/** One agency's ratios over several years: numerators and denominators summed, then divided. */
export function pooledRatios(reports: readonly Report[]): Ratios {
  const sums = Object.fromEntries(RATIO_KEYS.map((k) => [k, [0, 0, 0] as number[]])) as Record<RatioKey, number[]>;
  for (const r of reports) {
    const c = countsOf(r);
    for (const k of RATIO_KEYS) {
      const [n, d] = c[k];
      if (n === null || d === null) continue;
      sums[k][0] += n;
      sums[k][1] += d;
      sums[k][2]++;
    }
  }
  return Object.fromEntries(RATIO_KEYS.map((k) => [k, sums[k][2] ? ratio(sums[k][0], sums[k][1]) : ratio(null, null)])) as Ratios;
}

/** A ratio as people read it: 87.5%, 样本太少 (12), 无数据. */
export function ratioText(r: Ratio): string {
  if (r.value !== null) return `${(Math.round(r.value * 1000) / 10).toFixed(1)}%`;
  return r.note === TOO_FEW ? `${TOO_FEW}（${r.denominator}）` : (r.note ?? '');
}
