/**
 * Loads the engine into a frame whose content script found a report — if the user lets it run
 * there (gov.cn switched on, or a site added in the options) — and exports.js on demand.
 */
import { allowedAutomatically } from '../lib/detect';
import { inject } from '../lib/inject';
import { onMessage } from '../lib/protocol';
import { getSettings, settingsItem, type Settings } from '../lib/storage';
import type { BackgroundFeature } from './feature';

export { allowedAutomatically };
import { setTabState } from './tab-state';

/** Settings kept in memory while the worker lives (read once, then followed): no storage read on the way to the engine. */
let settings: Promise<Settings> | null = null;
const currentSettings = () => (settings ??= getSettings());

export const engineLoader: BackgroundFeature = {
  id: 'engine-loader',
  init() {
    settingsItem.watch(() => (settings = getSettings()));
    onMessage('engine:load', async ({ sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !sender.url) return false;
      const { govcn, sites } = await currentSettings();
      if (!allowedAutomatically(sender.url, govcn, sites)) return false;
      // The state is written while the engine loads (tab-state keeps the order of writes).
      const state = sender.frameId ? Promise.resolve() : setTabState(tabId, { status: 'loading', url: sender.url });
      await inject(tabId, '/engine.js', sender.frameId);
      await state;
      return true;
    });
    onMessage('engine:exports', async ({ sender }) => {
      if (sender.tab?.id === undefined) return false;
      await inject(sender.tab.id, '/exports.js', sender.frameId);
      return true;
    });
  },
};
