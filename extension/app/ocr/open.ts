/** Background: the in-page offer "识别图片中的表格" asks for the pictures page of its own tab's page. */
import { browser } from 'wxt/browser';
import type { BackgroundFeature } from '../../background/feature';
import { onMessage } from '../../lib/protocol';
import { openableSrc } from '../pdf/open';

export const picturesOpener: BackgroundFeature = {
  id: 'pictures-open',
  init() {
    onMessage('pictures:open', async ({ data, sender }) => {
      // Only our content script sends this, for its own top frame's page.
      const src = openableSrc(data);
      if (!sender.tab || !src || (sender.tab.url && new URL(sender.tab.url).href !== src)) return false;
      await browser.tabs.create({ url: `${browser.runtime.getURL('/pictures.html' as '/popup.html')}?src=${encodeURIComponent(src)}`, ...(sender.tab.index !== undefined ? { index: sender.tab.index + 1 } : {}), ...(sender.tab.id !== undefined ? { openerTabId: sender.tab.id } : {}) });
      return true;
    });
  },
};
