/**
 * Opening a PDF report on the extension's report page (report.html?src=<url>): from the popup
 * directly, from the in-page attachment offer through the background (a web page's world may not
 * open extension pages, and the page itself never can: only our content script asks, on a click).
 */
import { browser } from 'wxt/browser';
import type { BackgroundFeature } from '../../background/feature';
import { onMessage } from '../../lib/protocol';

/** A PDF address we open: http(s) only, bounded in length. */
export function openableSrc(src: unknown): string | null {
  if (typeof src !== 'string' || src.length > 4096) return null;
  try {
    const u = new URL(src);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * A browser tab's address that shows a PDF itself (the browser's own viewer; content scripts do not
 * run there): a path ending in .pdf, or a portal's download script naming a .pdf file in its query
 * (…/downfile.jsp?filename=P0202501.pdf). The report page checks the bytes: a wrong guess gets a
 * clear message there, never a wrong reading.
 */
export function isPdfAddress(url: string | undefined): boolean {
  if (!url || !openableSrc(url)) return false;
  const u = new URL(url);
  if (/\.pdf$/i.test(u.pathname)) return true;
  for (const value of u.searchParams.values()) if (/\.pdf$/i.test(value.trim())) return true;
  return false;
}

export function reportPageUrl(src: string): string {
  return `${browser.runtime.getURL('/report.html')}?src=${encodeURIComponent(src)}`;
}

/** Open the report page for `src` in a new tab next to `besideTab`. */
export async function openReportPage(src: string, besideTab?: { id?: number; index?: number }): Promise<boolean> {
  const ok = openableSrc(src);
  if (!ok) return false;
  await browser.tabs.create({
    url: reportPageUrl(ok),
    ...(besideTab?.index !== undefined ? { index: besideTab.index + 1 } : {}),
    ...(besideTab?.id !== undefined ? { openerTabId: besideTab.id } : {}),
  });
  return true;
}

/** Background: the in-page "check the attached PDF" asks for the report page. */
export const pdfOpener: BackgroundFeature = {
  id: 'pdf-open',
  init() {
    onMessage('pdf:open', async ({ data, sender }) => {
      // Only our content script's world can send this; still, only a top frame's own tab.
      if (!sender.tab) return false;
      return openReportPage(data, sender.tab);
    });
  },
};
