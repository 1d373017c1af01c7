/**
 * engine.js: the core (parser, rules, exports) and the in-page UI. Injected into the page's
 * isolated world by the background (scripting.executeScript) only after the content script has
 * found a report, or when the user asks to check a page — never listed in the manifest.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runEngine } from '../app/run';

export default defineUnlistedScript(() => {
  void runEngine();
});
