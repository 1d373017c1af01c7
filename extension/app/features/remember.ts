/**
 * Keeps the numbers of each report read (when the user allows it), so that next year's report of
 * the same agency can be checked against it (carried-over requests, documents in force).
 */
import type { Feature } from '../context';
import { remember as store } from '../../lib/storage';

export const remember: Feature = {
  id: 'remember',
  async init(ctx) {
    const { report, settings } = ctx.store.state;
    const { agency, year } = report.meta;
    if (!settings.remember || !agency || !year || !report.meta.format) return;
    // Numbers and metadata only: the narrative text is left out.
    const slim = { ...report, text: '', sections: [], diagnostics: [] };
    await store({ key: `${agency}|${year}`, source: report.meta.source, at: new Date().toISOString(), report: slim });
  },
};
