/**
 * Sites the user added in the options run the same content script automatically, once the user
 * has granted the host permission (asked at runtime; only *.gov.cn is in the manifest).
 */
import { browser } from 'wxt/browser';
import { settingsItem } from '../lib/storage';
import type { BackgroundFeature } from './feature';

const SCRIPT_ID = 'nianbao-sites';

export async function syncSiteScripts(sites: string[]): Promise<string[]> {
  const granted: string[] = [];
  for (const s of sites) {
    if (await browser.permissions.contains({ origins: [s] }).catch(() => false)) granted.push(s);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length) {
    await browser.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches: granted, js: ['content-scripts/content.js'], runAt: 'document_start', persistAcrossSessions: true },
    ]);
  }
  return granted;
}

export const sites: BackgroundFeature = {
  id: 'sites',
  init() {
    const sync = async () => syncSiteScripts((await settingsItem.getValue()).sites ?? []).catch((e) => console.warn('[nianbao] sites', e));
    void sync();
    settingsItem.watch(() => void sync());
    browser.permissions.onRemoved?.addListener(() => void sync());
    browser.permissions.onAdded?.addListener(() => void sync());
  },
};
