/**
 * The report page and the collection: last year's report of the same agency (asked of the
 * background, as the engine in a web page asks), and keeping the PDF's report under the PDF's own
 * address — not the extension page's — or, for a local file, under its name.
 */
import type { Feature } from '../context';
import { previousReport, type Previous } from '../features/remember';
import { ensureMigrated, putReports } from '../../lib/collection-db';

export function previousOf(agency: string, year: number, source?: string): Promise<Previous | null> {
  // The PDF's own address is the site the pairing prefers (the background takes it from this page only).
  return previousReport(agency, year, source);
}

export const pdfRemember: Feature = {
  id: 'pdf-remember',
  async init(ctx) {
    const { report, settings } = ctx.store.state;
    const { agency, year, format, source } = report.meta;
    if (!settings.remember || !agency || !year || !format) return;
    // This page shares the extension's IndexedDB with the background: the entry is written here,
    // with the address the user opened (the background would only see report.html).
    await ensureMigrated();
    await putReports([{ report, url: source ?? null, via: 'page' }]).catch(() => undefined);
  },
};
