/**
 * Loads the engine into a frame whose content script found a report — if the user lets it run
 * there (gov.cn switched on, or a site added in the options) — and xlsx.js on demand.
 */
import { inject } from '../lib/inject';
import { onMessage } from '../lib/protocol';
import { getSettings } from '../lib/storage';
import type { BackgroundFeature } from './feature';
import { setTabState } from './tab-state';

export function allowedAutomatically(url: string, govcn: boolean, sites: string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  if (host === 'gov.cn' || host.endsWith('.gov.cn')) return govcn;
  return sites.some((pattern) => {
    const m = /^\*:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
    if (!m) return false;
    return m[1] ? host === m[2] || host.endsWith(`.${m[2]}`) : host === m[2];
  });
}

export const engineLoader: BackgroundFeature = {
  id: 'engine-loader',
  init() {
    onMessage('engine:load', async ({ sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !sender.url) return false;
      const { govcn, sites } = await getSettings();
      if (!allowedAutomatically(sender.url, govcn, sites)) return false;
      if (sender.frameId === 0 || sender.frameId === undefined) await setTabState(tabId, { status: 'loading', url: sender.url });
      await inject(tabId, '/engine.js', sender.frameId);
      return true;
    });
    onMessage('engine:xlsx', async ({ sender }) => {
      if (sender.tab?.id === undefined) return false;
      await inject(sender.tab.id, '/xlsx.js', sender.frameId);
      return true;
    });
  },
};
