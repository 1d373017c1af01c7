/**
 * Keeps each report read (when the user allows it): the collection page lists and exports them,
 * and next year's report of the same agency is checked against it (carried-over requests,
 * documents in force). The collection lives in the background's IndexedDB: the engine sends the
 * report there (kept under this frame's origin and path, which the browser gives, not the page)
 * and asks for last year's report by message — it never reads the collection itself.
 */
import type { Feature } from '../context';
import type { Report } from '../core';
import type { PreviousSource } from '../state';
import { sendMessage } from '../../lib/protocol';

export const remember: Feature = {
  id: 'remember',
  async init(ctx) {
    const { report, settings } = ctx.store.state;
    const { agency, year } = report.meta;
    if (!settings.remember || !agency || !year || !report.meta.format) return;
    // The whole report, text and sections too (the background caps the narrative).
    await sendMessage('collection:remember', report).catch(() => undefined);
  },
};

export interface Previous {
  report: Report;
  /** Where its numbers came from (named beside every cross-year finding). */
  from: PreviousSource;
}

/** Last year's report of the same agency from the collection, with its source (null when none, or when the background cannot answer). */
export async function previousReport(agency: string | null, year: number | null, home?: string): Promise<Previous | null> {
  if (!agency || !year) return null;
  const res = await sendMessage('collection:previous', { agency, year, ...(home ? { home } : {}) }).catch(() => null);
  if (!res?.report || !res.from) return null;
  return { report: res.report as Report, from: res.from };
}
