/**
 * "Check this page" from the popup, for a portal outside *.gov.cn: the engine is injected only
 * when the user asks (activeTab + scripting), never before.
 */
import { browser } from 'wxt/browser';
import { inject, restricted } from '../lib/inject';
import { onMessage } from '../lib/protocol';
import type { BackgroundFeature } from './feature';
import { setTabState } from './tab-state';

export const checkPage: BackgroundFeature = {
  id: 'check-page',
  init() {
    onMessage('tab:check', async ({ data: tabId }) => {
      try {
        const tab = await browser.tabs.get(tabId);
        if (restricted(tab.url)) return { ok: false, error: 'restricted' };
        await setTabState(tabId, { status: 'loading', url: tab.url ?? '' });
        await inject(tabId, '/engine.js', 0);
        return { ok: true };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    });
  },
};
