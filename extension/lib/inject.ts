/** Inject one of the extension's own scripts into a tab's isolated world (scripting API). */
import { browser } from 'wxt/browser';

export type Script = '/engine.js' | '/exports.js';

export async function inject(tabId: number, file: Script, frameId?: number): Promise<void> {
  await browser.scripting.executeScript({
    target: frameId === undefined ? { tabId } : { tabId, frameIds: [frameId] },
    files: [file],
    // Now, not at document_idle (which waits for the page's images and scripts, or 200 ms).
    injectImmediately: true,
  });
}

/** Pages no extension may script (browser pages, the web store). */
export function restricted(url: string | undefined): boolean {
  if (!url) return true;
  return !/^(https?|file):/.test(url) || /^https:\/\/(chrome\.google\.com\/webstore|chromewebstore\.google\.com|addons\.mozilla\.org)/.test(url);
}
