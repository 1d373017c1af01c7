/**
 * Pairing the years: for each report, last year's report of the same agency among the inputs —
 * what the cross-year rules and the copied-narrative rule need. The CLI (check, export) and the
 * extension's collection pair with this one function. Browser-safe.
 */
import { reportYear } from '../model/year';
import { agencyKey, agencyOfMeta, sameAgency } from './agency';

/** What pairing needs of a report: the agency it names, its year, and (to break ties) where it came from. */
export interface Pairable {
  agency: string | null;
  year: number | null;
  source?: string | null;
}

/** The pairing fields of a Report's meta. */
export function pairableOf(meta: {
  agency: string | null;
  publisher?: string | null;
  signedBy?: string | null;
  year: number | null;
  titleYear: number | null;
  period: { from: string } | null;
  source?: string | null;
}): Pairable {
  return { agency: agencyOfMeta(meta), year: reportYear(meta), source: meta.source ?? null };
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * For each item, the index of last year's item of the same agency, or null. When several
 * candidates exist (the same report read twice, from a page and from its PDF), the one whose
 * source shares the longest prefix with this item's source (the same folder or site) wins, then
 * the first in input order.
 */
export function pairYears(items: readonly Pairable[]): Array<number | null> {
  const byKey = new Map<string, number[]>();
  items.forEach((it, i) => {
    if (!it.year) return;
    const key = agencyKey(it.agency);
    if (!key) return;
    const k = `${key}|${it.year}`;
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  return items.map((it) => {
    if (!it.year) return null;
    const key = agencyKey(it.agency);
    if (!key) return null;
    const candidates = (byKey.get(`${key}|${it.year - 1}`) ?? []).filter((j) => sameAgency(it.agency, items[j].agency));
    if (candidates.length === 0) return null;
    if (candidates.length === 1 || !it.source) return candidates[0];
    let best = candidates[0];
    let bestLen = -1;
    for (const j of candidates) {
      const len = commonPrefix(it.source, items[j].source ?? '');
      if (len > bestLen) {
        best = j;
        bestLen = len;
      }
    }
    return best;
  });
}

/** Why a given previous report cannot be last year's of this one, or null when it can. */
export function pairingProblem(report: Pairable, previous: Pairable): { zh: string; en: string } | null {
  if (report.agency && previous.agency && !sameAgency(report.agency, previous.agency)) {
    return { zh: `上年报告的机关“${previous.agency}”与本报告“${report.agency}”不是同一机关`, en: `the previous report is of another agency (${previous.agency}, not ${report.agency})` };
  }
  if (report.year && previous.year && previous.year !== report.year - 1) {
    return { zh: `上年报告是 ${previous.year} 年度的，不是 ${report.year - 1} 年度`, en: `the previous report is of ${previous.year}, not ${report.year - 1}` };
  }
  return null;
}

/** One bilingual line when `previous` is plainly another agency's report than `report`'s, else null. */
export function agencyMismatch(report: { meta: Parameters<typeof pairableOf>[0] }, previous: { meta: Parameters<typeof pairableOf>[0] }): string | null {
  const a = pairableOf(report.meta).agency;
  const b = pairableOf(previous.meta).agency;
  if (!a || !b || sameAgency(a, b)) return null;
  return `上年报告的机关“${b}”与“${a}”不是同一机关，不作跨年核对 — the previous report is of another agency (${b}, not ${a})`;
}
