/**
 * Coverage: one row per agency × year — who published, when, against which deadline, in which
 * format, with how many errors and warnings, and how much of the narrative repeats last year's;
 * and which years are missing between an agency's first and last report (or from `since`).
 * Browser-safe: the CLI's coverage CSV, the XLSX 覆盖 sheet and the extension's matrix share it.
 */
import type { Issue, Report } from '../model/schema';
import { deadlineFor, isGovernment } from '../rules/meta.late';
import { formatOf } from '../rules/util';
import { agencyOfMeta, agencyParts } from '../compare/agency';
import { copiedShare } from '../compare/copied';
import { pairableOf } from '../compare/pair';

export const COVERAGE_COLUMNS = ['agency', 'year', 'status', 'published', 'deadline', 'days_late', 'format', 'errors', 'warnings', 'copied', 'source'] as const;

/** What coverage needs of one report (small: a batch keeps one per report). */
export interface CoverageItem {
  agency: string | null;
  year: number | null;
  published: string | null;
  format: string | null;
  errors: number;
  warnings: number;
  /** Share (0–1) of the narrative repeating last year's report; null when not compared. */
  copied: number | null;
  source: string | null;
}

export interface CoverageRow {
  agency: string;
  year: number;
  status: 'published' | 'missing';
  published: string | null;
  deadline: string;
  days_late: number | null;
  format: string | null;
  errors: number | null;
  warnings: number | null;
  copied: number | null;
  source: string | null;
}

export interface CoverageOptions {
  /**
   * First year of interest: for every agency, the years from it to the latest year of all the
   * inputs are listed (missing ones too — an agency that stopped publishing shows); earlier years
   * are left out. Without it, an agency's years run from its first to its last report.
   */
  since?: number;
}

/** The coverage item of a checked report; `previous` (last year's of the same agency) for `copied`. */
export function coverageItem(report: Report, issues: readonly Issue[], previous: Report | null = null): CoverageItem {
  const p = pairableOf(report.meta);
  let copied: number | null = null;
  if (previous) {
    const c = copiedShare(report, previous);
    copied = c ? Math.round(c.share * 100) / 100 : null;
  }
  return {
    agency: agencyOfMeta(report.meta),
    year: p.year,
    published: report.meta.published,
    format: report.meta.format ?? formatOf(report),
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    copied,
    source: report.meta.source,
  };
}

const DAY = 86_400_000;

/** Days after the deadline, or null when on time or the date is unknown. */
export function daysLate(published: string | null, deadline: string): number | null {
  if (!published || !/^\d{4}-\d{2}-\d{2}$/.test(published) || published <= deadline) return null;
  return Math.round((Date.parse(published) - Date.parse(deadline)) / DAY);
}

/** Items grouped by agency: same key; different parents printed in front stay apart. */
function groupsOf(items: readonly CoverageItem[]): CoverageItem[][] {
  const byKey = new Map<string, Map<string, CoverageItem[]>>();
  for (const it of items) {
    if (!it.year) continue;
    const { key, parent } = agencyParts(it.agency);
    if (!key) continue;
    let parents = byKey.get(key);
    if (!parents) byKey.set(key, (parents = new Map()));
    const p = parent ?? '';
    const list = parents.get(p);
    if (list) list.push(it);
    else parents.set(p, [it]);
  }
  const out: CoverageItem[][] = [];
  for (const parents of byKey.values()) {
    const named = [...parents.keys()].filter((p) => p !== '');
    const bare = parents.get('') ?? [];
    // Without a parent printed, a name joins the one parent there is (洪泽区人民政府 → 淮安市洪泽区人民政府).
    if (named.length <= 1) out.push([...(named.length ? parents.get(named[0])! : []), ...bare]);
    else {
      for (const p of named) out.push(parents.get(p)!);
      if (bare.length) out.push(bare);
    }
  }
  return out;
}

/** The coverage rows: per agency (by name), per year ascending; missing years included. */
export function coverage(items: readonly CoverageItem[], opts: CoverageOptions = {}): CoverageRow[] {
  const rows: CoverageRow[] = [];
  const groups = groupsOf(items);
  const latest = Math.max(...items.map((it) => it.year ?? 0));
  const named = groups.map((g) => {
    const latest = g.reduce((a, b) => (b.year! > a.year! ? b : a));
    return { name: latest.agency!.trim(), items: g };
  });
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, items: group } of named) {
    const gov = isGovernment(name);
    const byYear = new Map<number, CoverageItem>();
    // The first report of a year stands for it (the same report read twice, as a page and as a PDF).
    for (const it of group) if (!byYear.has(it.year!)) byYear.set(it.year!, it);
    const years = [...byYear.keys()];
    const last = opts.since ? Math.max(latest, opts.since) : Math.max(...years);
    const first = opts.since ?? Math.min(...years);
    for (let year = first; year <= last; year++) {
      const deadline = deadlineFor(year, gov);
      const it = byYear.get(year);
      if (!it) {
        rows.push({ agency: name, year, status: 'missing', published: null, deadline, days_late: null, format: null, errors: null, warnings: null, copied: null, source: null });
        continue;
      }
      rows.push({
        agency: name,
        year,
        status: 'published',
        published: it.published,
        deadline,
        days_late: daysLate(it.published, deadline),
        format: it.format,
        errors: it.errors,
        warnings: it.warnings,
        copied: it.copied,
        source: it.source,
      });
    }
  }
  return rows;
}
