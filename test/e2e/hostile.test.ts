/**
 * A hostile page controls nothing of ours (issue 11): our own sample report served under two
 * gov.cn host names — the real one, and a copy on another host whose script attacks the lens.
 * Page script here is what page.evaluate / addInitScript run: the page's own main world.
 * - nothing of ours is posted to the page world (message events heard in the main world);
 * - the panel's shadow root is closed: the page cannot find, read (notes), click, dismiss,
 *   export or toggle; even a reference to our buttons (as if leaked) acts only on trusted events;
 * - a copy on another host keys its own dismissals (it cannot hide the real report's issues);
 * - a page shipping <style id="nianbao-lens-marks"> does not hide our marks;
 * - with gov.cn switched off the content script does nothing at all.
 * Every assertion here fails on the build before this work (open root, agency|year keys, the
 * style looked up by id, WXT's content-script-started message).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, evalInExtensionWorld, hasChromium, launch, waitForLens, type Lens } from './support/browser';
import { inLens, lensClick, lensCount, lensText } from './support/lens';
import { SAMPLES_DIR, startServer, type PageServer } from './support/server';

const hasBrowser = hasChromium();

const REAL = 'http://www.example.gov.cn/samples/demo-2024.html';
const COPY = 'http://copy.attacker.gov.cn/samples/demo-2024.html';
const NOTE = '私人备注：已电话核实 13800000000';

let server: PageServer;
let lens: Lens;

/** In the page's main world, before any script: every message event and custom event type heard. */
const LISTEN = `
  window.__heard = [];
  window.addEventListener('message', (e) => window.__heard.push('message:' + JSON.stringify(e.data)), true);
  document.addEventListener('nianbao', () => window.__heard.push('custom'), true);
`;

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  server = await startServer();
  lens = await launch({ port: server.port });
  await lens.context.addInitScript(LISTEN);
}, 300_000);

afterAll(async () => {
  await lens?.close();
  await server?.close();
});

async function open(url: string, body?: (html: string) => string): Promise<Page> {
  const page = await lens.context.newPage();
  if (body) {
    // Our own sample page, with the page's own additions.
    const html = readFileSync(join(SAMPLES_DIR, 'demo-2024.html'), 'utf8');
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: body(html) }));
  }
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

/**
 * Every message the page world has heard so far: a marker of ours is posted last and waited for
 * (messages arrive in the order they were posted), then left out — an event, not a pause.
 */
const heard = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const marker = `nianbao-test-${Math.random()}`;
        const on = (e: MessageEvent) => {
          if (e.data !== marker) return;
          removeEventListener('message', on);
          resolve((window as unknown as { __heard: string[] }).__heard.filter((h) => h !== `message:${JSON.stringify(marker)}`));
        };
        addEventListener('message', on);
        postMessage(marker, '*');
      }),
  );
const storageOf = (area: 'local' | 'sync', key: string) => lens.worker.evaluate(`chrome.storage.${area}.get(${JSON.stringify(key)}).then((r) => r[${JSON.stringify(key)}] ?? null)`);
const errorsListed = (page: Page) => lensCount(lens, page, 'li[data-severity="error"]:not(.dismissed)');

describe.skipIf(!hasBrowser)('a hostile page controls nothing of ours', () => {
  it('nothing is posted to the page world; the root is closed; page script can neither see nor act', async () => {
    const page = await lens.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(REAL, { waitUntil: 'domcontentloaded' });
    try {
      await waitForLens(page);
      expect(await heard(page)).toEqual([]);
      // No error thrown on the page either (the old build threw "Access to storage is not allowed from this context").
      expect(errors).toEqual([]);
      // The host element is there, its root is not reachable from the page.
      expect(await page.evaluate(() => document.querySelector('nianbao-lens')!.shadowRoot)).toBeNull();
      expect(await page.evaluate(() => document.querySelectorAll('li[data-rule], button[data-export]').length)).toBe(0);
      // Forged events on our marks show nothing.
      await page.evaluate(() => {
        const cell = document.querySelector('[data-nianbao-role="suspect"]')!;
        cell.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      });
      expect(await lensCount(lens, page, '.tip')).toBe(0);

      // A page that overrides attachShadow before we run still gets nothing (our world has its own).
      const sneaky = await open(REAL.replace('www.', 'sneaky.'), (html) =>
        html.replace('<head>', `<head><script>const a = Element.prototype.attachShadow; Element.prototype.attachShadow = function (o) { window.__stolen = a.call(this, { ...o, mode: 'open' }); return window.__stolen; };</script>`),
      );
      try {
        await waitForLens(sneaky);
        expect(await sneaky.evaluate(() => (window as unknown as { __stolen?: ShadowRoot }).__stolen ?? null)).toBeNull();
        expect(await sneaky.evaluate(() => document.querySelector('nianbao-lens')!.shadowRoot)).toBeNull();
      } finally {
        await sneaky.close();
      }
    } finally {
      await page.close();
    }
  });

  it('even holding our buttons, script clicks do nothing: no dismissal, no download, no toggle, no storage write', async () => {
    const page = await open(REAL);
    try {
      await waitForLens(page);
      const errors = await errorsListed(page);
      expect(errors).toBeGreaterThan(0);
      const before = { dismissals: await storageOf('local', 'dismissals'), ui: await storageOf('local', 'ui'), settings: await storageOf('sync', 'settings') };
      let downloads = 0;
      page.on('download', () => downloads++);
      // .click() from script (as a page would, had it a reference): untrusted events.
      await inLens(lens, page, `
        for (const b of root.querySelectorAll('button[data-export], button[data-action="copy"]')) b.click();
        root.querySelector('li[data-severity="error"] .actions button').click();
        root.querySelector('header button').click();
        for (let i = 0; i < 150; i++) root.querySelector('header button') && root.querySelector('header button').click();
      `);
      // What a click would draw is drawn at once (Preact renders in a microtask): nothing.
      expect(await lensCount(lens, page, 'textarea')).toBe(0);
      expect(await lensCount(lens, page, '.lens')).toBe(1);
      expect(await lensText(lens, page, '.exports + .status')).toBe('');
      // What a click would start (a file, a storage write) is looked for after the user's own
      // export, clicked afterwards, has downloaded: an event to wait on, not a pause — its file is the only one.
      await Promise.all([page.waitForEvent('download'), lensClick(lens, page, 'button[data-export]')]);
      expect(downloads).toBe(1);
      expect({ dismissals: await storageOf('local', 'dismissals'), ui: await storageOf('local', 'ui'), settings: await storageOf('sync', 'settings') }).toEqual(before);
      expect(await errorsListed(page)).toBe(errors);

      // The same clicks by the user (trusted) work: the toggle is kept in local storage, never sync.
      await lensClick(lens, page, 'header button');
      await expect.poll(() => storageOf('local', 'ui')).toEqual({ panelOpen: false });
      expect(await storageOf('sync', 'settings')).toEqual(before.settings);
      await lensClick(lens, page, 'button.badge');
      await expect.poll(() => storageOf('local', 'ui')).toEqual({ panelOpen: true });
    } finally {
      await page.close();
    }
  });

  it('a copy on another gov.cn host cannot dismiss the real report’s issues, nor read its notes', async () => {
    const real = await open(REAL);
    let errors = 0;
    try {
      await waitForLens(real);
      errors = await errorsListed(real);
      // The user dismisses one issue on the real report, with a private note.
      await lensClick(lens, real, 'li[data-severity="error"] .actions button');
      await lensClick(lens, real, 'li[data-severity="error"] textarea');
      await real.keyboard.insertText(NOTE);
      await lensClick(lens, real, 'li[data-severity="error"] .actions button');
      await expect.poll(() => errorsListed(real)).toBe(errors - 1);
      // The page cannot read the note anywhere in its DOM.
      expect(await real.evaluate((n) => document.documentElement.outerHTML.includes(n), NOTE)).toBe(false);
    } finally {
      await real.close();
    }

    // The copy, on another host: the user's dismissal does not apply, the note is not shown.
    const copy = await open(COPY);
    try {
      await waitForLens(copy);
      expect(await errorsListed(copy)).toBe(errors);
      expect(await lensText(lens, copy, '.lens')).not.toContain(NOTE);
      // Its own dismissals (made by a user there) stay its own…
      await lensClick(lens, copy, 'li[data-severity="error"] .actions button');
      await lensClick(lens, copy, 'li[data-severity="error"] .actions button');
      await expect.poll(() => errorsListed(copy)).toBe(errors - 1);
    } finally {
      await copy.close();
    }
    // …and the real report still shows exactly its own one dismissal.
    const again = await open(REAL);
    try {
      await waitForLens(again);
      expect(await errorsListed(again)).toBe(errors - 1);
      expect(await lensCount(lens, again, 'li.dismissed')).toBe(1);
      const keys = Object.keys(((await storageOf('local', 'dismissals')) ?? {}) as object);
      expect(keys.sort()).toEqual([`${COPY}|示例市示例局|2024`, `${REAL}|示例市示例局|2024`].sort());
    } finally {
      await again.close();
    }
  });

  it('a page shipping <style id="nianbao-lens-marks"> does not hide our marks', async () => {
    const page = await open(REAL.replace('www.', 'styled.'), (html) =>
      html.replace('<head>', '<head><style id="nianbao-lens-marks">/* the page got here first */</style>'),
    );
    try {
      await waitForLens(page);
      const cell = page.locator('[data-nianbao-role="suspect"]').first();
      expect(await cell.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');
      expect(await cell.evaluate((e) => getComputedStyle(e, '::after').content)).toMatch(/应为/);
    } finally {
      await page.close();
    }
  });

  it('gov.cn switched off: the content script does nothing at all (no detection, no engine, no message)', async () => {
    await lens.worker.evaluate(`chrome.storage.sync.get('settings').then((r) => chrome.storage.sync.set({ settings: { ...(r.settings || {}), govcn: false } }))`);
    const page = await open(REAL.replace('www.', 'off.'));
    try {
      await page.waitForLoadState('load');
      // The content script has its answer: a read of the same setting, asked in its world after its own, has answered.
      await expect.poll(() => evalInExtensionWorld(lens, page, `chrome.storage.sync.get('settings').then(() => 'read')`)).toBe('read');
      expect(await page.locator('nianbao-lens, [data-nianbao-issue]').count()).toBe(0);
      expect(await heard(page)).toEqual([]);
      // The content script's world exists, and nothing ran in it past the settings check.
      expect(await evalInExtensionWorld(lens, page, 'JSON.stringify([typeof globalThis.__nianbaoCost, typeof globalThis.__nianbaoLens, typeof globalThis.__nianbaoAskedAt])')).toBe('["undefined","undefined","undefined"]');
    } finally {
      await page.close();
      await lens.worker.evaluate(`chrome.storage.sync.get('settings').then((r) => chrome.storage.sync.set({ settings: { ...(r.settings || {}), govcn: true } }))`);
    }
  });
});
