/** The service worker: loads the engine where a report was found, keeps the toolbar badge, answers the popup. */
import { defineBackground } from 'wxt/utils/define-background';
import { BACKGROUND_FEATURES } from '../background';

export default defineBackground(() => {
  for (const f of BACKGROUND_FEATURES) {
    try {
      f.init();
    } catch (err) {
      console.error(`[nianbao] background feature ${f.id} failed`, err);
    }
  }
});
