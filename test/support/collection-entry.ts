/** A collection entry's summary as the database writes it, for a report kept at `origin` + `path` (checked alone). */
import { checkReport } from '../../core/check/index';
import type { Report } from '../../core/model/schema';
import { figures } from '../../extension/app/figures';
import { summaryOf, type EntrySummary, type StoredReport } from '../../extension/lib/collection';

export function entryOf(report: Report, opts: { at?: string; origin?: string; path?: string } = {}): EntrySummary {
  const { at = '2025-01-01T00:00:00.000Z', origin = 'https://www.example.gov.cn', path = `/${report.meta.year}.html` } = opts;
  const stored: StoredReport = {
    id: `${origin}${path}|${report.meta.agency}|${report.meta.year}`,
    origin,
    path,
    url: `${origin}${path}`,
    agency: report.meta.agency!,
    agencyKey: report.meta.agency!,
    year: report.meta.year!,
    via: 'collect',
    created: at,
    at,
    report,
    truncated: false,
  };
  return summaryOf(stored, checkReport(report), figures(report));
}
