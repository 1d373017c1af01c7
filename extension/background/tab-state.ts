/**
 * What each tab holds (report found or not, the counts), kept in session storage for the popup,
 * and the toolbar badge: the error count in red, a check mark for a clean report, nothing on any
 * other page. Forgotten when the tab navigates or closes.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { onMessage, type TabState } from '../lib/protocol';
import type { BackgroundFeature } from './feature';

/**
 * Per-tab state, in session storage so that a restarted service worker still knows it. Defined
 * here, in the background only: session storage is closed to content scripts, and an item defined
 * in a module the engine imports is read there at once ("Access to storage is not allowed from this context").
 */
export const tabStatesItem = storage.defineItem<Record<string, TabState>>('session:tabs', { fallback: {}, version: 1 });

export const BADGE = { error: '#c5221f', warning: '#b06000', clean: '#188038' } as const;

/** The toolbar badge of a tab state: text and colour, or null for none. */
export function badgeOf(state: TabState | null): { text: string; color: string } | null {
  if (!state || state.status !== 'ready' || !state.counts) return null;
  const { error, warning } = state.counts;
  if (error > 0) return { text: String(error > 999 ? '999+' : error), color: BADGE.error };
  if (warning > 0) return { text: String(warning > 999 ? '999+' : warning), color: BADGE.warning };
  return { text: '✓', color: BADGE.clean };
}

async function showBadge(tabId: number, state: TabState | null): Promise<void> {
  const b = badgeOf(state);
  try {
    await browser.action.setBadgeText({ tabId, text: b ? b.text : '' });
    if (b) await browser.action.setBadgeBackgroundColor({ tabId, color: b.color });
  } catch {
    // The tab is gone.
  }
}

export async function getTabState(tabId: number): Promise<TabState | null> {
  return (await tabStatesItem.getValue())[String(tabId)] ?? null;
}

/** Writes one after another, in the order asked: a 'loading' asked first is never written after the 'ready'. */
let queue: Promise<void> = Promise.resolve();

export function setTabState(tabId: number, state: TabState | null): Promise<void> {
  queue = queue.then(async () => {
    const all = { ...(await tabStatesItem.getValue()) };
    if (state) all[String(tabId)] = state;
    else delete all[String(tabId)];
    await tabStatesItem.setValue(all);
    await showBadge(tabId, state);
  }).catch((err) => console.warn('[nianbao] tab state', err));
  return queue;
}

export const tabState: BackgroundFeature = {
  id: 'tab-state',
  init() {
    onMessage('tab:report', async ({ data, sender }) => {
      const tabId = sender.tab?.id;
      // Only the top frame speaks for the tab.
      if (tabId === undefined || (sender.frameId ?? 0) !== 0) return;
      await setTabState(tabId, data);
    });
    onMessage('tab:detected', async ({ data, sender }) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || (sender.frameId ?? 0) !== 0 || !sender.url) return;
      await setTabState(tabId, { status: data, url: sender.url });
    });
    onMessage('tab:state', ({ data }) => getTabState(data));
    browser.tabs.onUpdated.addListener((tabId, info) => {
      if (info.status === 'loading') void setTabState(tabId, null);
    });
    browser.tabs.onRemoved.addListener((tabId) => void setTabState(tabId, null));
  },
};
