/**
 * The content script on *.gov.cn pages (and on sites the user added). Tiny on purpose: it decides
 * cheaply whether the page is an annual report — title, headings, the labels of the official
 * tables — and only then asks the background to load the engine (engine.js, a separate script
 * with the core) into this frame. Pages that build their tables later are watched, bounded and
 * debounced. Nothing else happens on other pages.
 *
 * Nothing of ours reaches the page's own world: WXT's ContentScriptContext (which posts
 * "wxt:content-script-started" with the extension's id to every page) is replaced by a stub at
 * build time (wxt.config.ts, extension/lib/no-wxt-context.ts); main() takes no context.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { allowedAutomatically, detect, hasSignatureTables, STRONG_TITLE } from '../lib/detect';
import { sendMessage } from '../lib/protocol';

declare global {
  /** When the content script asked for the engine (performance.now()), for the engine's timing. */
  var __nianbaoAskedAt: number | undefined;
  /** Storage the engine will need, read while the engine loads (raw values, keyed as WXT stores them). */
  var __nianbaoPrefetch: Promise<Record<string, unknown>> | undefined;
  /** Main-thread ms this script has spent: the first look, then every look of the watcher. */
  var __nianbaoCost: { detect: number; watch: number; looks: number } | undefined;
  /** The detector itself, for the bench to time it again once warm (only in the extension's world). */
  var __nianbaoDetect: typeof detect | undefined;
}

/** How long a page is watched for tables to appear, and how often it is looked at. */
const WATCH_MS = { maybe: 20_000, no: 8_000 } as const;
const DEBOUNCE_MS = 150;

const cost = { detect: 0, watch: 0, looks: 0 };

/** The settings as stored (raw: the content script carries no storage library). */
type RawSettings = { govcn?: boolean; sites?: string[] };
let settingsRaw: Promise<Record<string, unknown>> = Promise.resolve({});

let loading = false;
function load(): void {
  if (loading) return;
  loading = true;
  globalThis.__nianbaoAskedAt = performance.now();
  globalThis.__nianbaoPrefetch = Promise.all([settingsRaw, browser.storage.local.get(['dismissals', 'ui'])]).then(([a, b]) => ({
    ...a,
    ...b,
  }));
  sendMessage('engine:load', undefined).catch(() => undefined);
}

/** Watch a page that may build its report after load: only a change in the number of tables is looked at. */
function watch(verdict: 'maybe' | 'no'): void {
  const tables = document.getElementsByTagName('table');
  let count = tables.length;
  let timer = 0;
  const observer = new MutationObserver(() => {
    if (timer) return;
    timer = window.setTimeout(() => {
      const t0 = performance.now();
      timer = 0;
      if (tables.length !== count) {
        count = tables.length;
        if (hasSignatureTables(document)) {
          stop();
          load();
        }
      }
      cost.watch += performance.now() - t0;
      cost.looks++;
    }, DEBOUNCE_MS);
  });
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.documentElement, { childList: true, subtree: true });
  setTimeout(stop, WATCH_MS[verdict]);
}

export function start(): void {
  const t0 = performance.now();
  const verdict = detect(document);
  // A title naming one year's report loads the engine even without tables (as earlyTitle does while
  // the page arrives): its report may be an attached PDF, which the engine then offers.
  if (verdict === 'report' || (verdict === 'maybe' && STRONG_TITLE.test(document.title))) load();
  else {
    watch(verdict);
    if (verdict === 'maybe') sendMessage('tab:detected', 'watching').catch(() => undefined);
  }
  cost.detect += performance.now() - t0;
}

/**
 * While the page arrives: as soon as its <title> is parsed, a title naming one year's report
 * starts the engine loading, so that it is ready when the tables are. Stops at the <body>.
 */
function earlyTitle(): void {
  const look = () => {
    const t0 = performance.now();
    let done = false;
    if (document.title) {
      done = true;
      if (STRONG_TITLE.test(document.title)) load();
    } else if (document.body) done = true;
    cost.detect += performance.now() - t0;
    return done;
  };
  if (look()) return;
  const observer = new MutationObserver(() => look() && observer.disconnect());
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => observer.disconnect(), { once: true });
}

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  // Registered at document_start: the title is looked at as soon as it is parsed, and the tables
  // at the very start of DOMContentLoaded (before the page's own handlers), not in a later task.
  runAt: 'document_start',
  allFrames: false,
  main() {
    // First of all: may it run here (gov.cn switched off)? Until the answer, nothing else happens
    // — no detection, no message — and where it may not run, nothing happens at all.
    settingsRaw = browser.storage.sync.get('settings').catch(() => ({}));
    void settingsRaw.then((raw) => {
      const s = (raw.settings ?? {}) as RawSettings;
      if (!allowedAutomatically(location.href, s.govcn ?? true, s.sites ?? [])) return;
      globalThis.__nianbaoCost = cost;
      globalThis.__nianbaoDetect = detect;
      if (document.readyState === 'loading') {
        earlyTitle();
        document.addEventListener('DOMContentLoaded', () => (loading ? undefined : start()), { once: true });
      } else start();
    });
  },
});
