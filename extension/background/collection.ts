/**
 * The collection's messages from the engine in a page: last year's report of the same agency (one
 * IndexedDB look-up, never the whole collection), and "keep this report" — under the origin and
 * path the browser gives for the sending frame, never what the page says about itself.
 */
import { browser } from 'wxt/browser';
import { Report } from '../../core/model/schema';
import { ensureMigrated, previousReport, putReports, whereFrom } from '../lib/collection-db';
import { onMessage } from '../lib/protocol';
import type { BackgroundFeature } from './feature';

/** Reports being kept, in order: a look-up waits for them (the page read just before is last year's of the next). */
let writes: Promise<unknown> = Promise.resolve();

export const collection: BackgroundFeature = {
  id: 'collection',
  init() {
    void ensureMigrated();
    onMessage('collection:previous', async ({ data, sender }) => {
      if (!data || typeof data.agency !== 'string' || !Number.isInteger(data.year)) return null;
      await ensureMigrated();
      await writes;
      // The asking page's own site (as the browser gives it) is the agency's site for its pairing;
      // our own PDF page names the PDF's address (no web page can send as that page).
      const own = !!sender.url && sender.url.startsWith(browser.runtime.getURL('/report.html'));
      const home = whereFrom(own && typeof data.home === 'string' ? data.home : sender.url)?.origin ?? null;
      return previousReport(data.agency.slice(0, 500), data.year, home).catch(() => null);
    });
    onMessage('collection:remember', async ({ data, sender }) => {
      if (!sender.tab || !sender.url) return { ok: false, reason: 'sender' };
      const parsed = Report.safeParse(data);
      if (!parsed.success) return { ok: false, reason: 'invalid' };
      await ensureMigrated();
      const put = writes.then(() => putReports([{ report: parsed.data, url: sender.url!, via: 'page' }]));
      writes = put.catch(() => undefined);
      const [res] = await put.catch(() => [{ ok: false as const, reason: 'failed' as const }]);
      return res.ok ? { ok: true } : { ok: false, reason: res.reason };
    });
  },
};
