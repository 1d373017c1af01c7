/**
 * Keeps each report read (when the user allows it): the collection page lists and exports them,
 * and next year's report of the same agency is checked against it (carried-over requests,
 * documents in force).
 */
import type { Feature } from '../context';
import { remember as store } from '../../lib/storage';

export const remember: Feature = {
  id: 'remember',
  async init(ctx) {
    const { report, settings } = ctx.store.state;
    const { agency, year } = report.meta;
    if (!settings.remember || !agency || !year || !report.meta.format) return;
    // The whole report, text and sections too: a collection's issues include the narrative rules.
    await store({ key: `${agency}|${year}`, source: report.meta.source, at: new Date().toISOString(), report }).catch(() => undefined);
  },
};
