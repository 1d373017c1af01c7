/**
 * Chromium with the built extension, for the real-browser tests, `npm start` and the bench:
 * Debian's chromium driven by playwright-core, a fresh profile, *.gov.cn mapped to the local
 * server, every other host name refused (no network).
 */
import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { ROOT } from './server';

export const EXTENSION_DIR = join(ROOT, process.env.NIANBAO_OUT_DIR || '.output', 'chrome-mv3');
export const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
  (p): p is string => !!p,
);

export function chromiumPath(): string | null {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Whether the real-browser tests can run here. Without Chromium they are skipped with a clear
 * message — except under CI=true, where its absence fails the run.
 */
export function hasChromium(): boolean {
  if (chromiumPath() !== null) return true;
  const message = 'chromium not found (apt-get install -y chromium fonts-noto-cjk): real-browser tests are skipped';
  if (process.env.CI === 'true') throw new Error(`${message} — but CI=true requires them`);
  console.warn(`[nianbao] ${message}.`);
  return false;
}

/** Debian's firefox-esr (or FIREFOX_PATH), or null. */
export function FIREFOX_PATH(): string | null {
  return [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p): p is string => !!p && existsSync(p)) ?? null;
}

/**
 * `wxt build` (Chrome MV3), once per process — and not at all under `npm test`, whose global setup
 * (global-setup.ts) has built it once for every real-browser file.
 */
let built = process.env.NIANBAO_EXTENSION_BUILT === '1';
export function buildExtension(force = false): void {
  if (built && !force) return;
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: process.env.NIANBAO_VERBOSE ? 'inherit' : 'pipe', timeout: 240_000 });
  built = true;
}

export interface Lens {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  port: number;
  close(): Promise<void>;
}

export async function launch(opts: { port: number; headless?: boolean; windowSize?: [number, number]; extraArgs?: string[]; asUser?: boolean }): Promise<Lens> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium fonts-noto-cjk');
  const userDataDir = mkdtempSync(join(tmpdir(), 'nianbao-profile-'));
  const [w, h] = opts.windowSize ?? [1280, 900];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: opts.headless ?? true,
    viewport: { width: w, height: h },
    locale: 'zh-CN',
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=zh-CN',
      // For the tests and the demo, two savings that change no layout, pixel or extension API
      // (the benchmarks, `asUser: true`, keep a user's browser as it is):
      // - software compositing in the browser process instead of a GPU process emulating one
      //   (SwiftShader): ~12 % less CPU per file;
      // - web pages share a renderer process instead of one per site and tab (site isolation off,
      //   at most one renderer where the process model allows it): a new renderer
      //   cost ~0.3 CPU s, and the suite opens hundreds of tabs (extension.test.ts: 65 → 46 CPU s).
      //   What the tests check of isolation is the extension's own: its closed root, its storage
      //   keyed by site, its trusted-event checks — none depends on the process a page runs in.
      ...(opts.asUser ? [] : ['--disable-gpu', '--renderer-process-limit=1', '--disable-site-isolation-trials']),
      ...(opts.extraArgs ?? []),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=MAP *.gov.cn 127.0.0.1:${opts.port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
    ],
  });
  let worker = context.serviceWorkers()[0];
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    port: opts.port,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

interface ExecutionContext {
  id: number;
  origin: string;
  auxData?: { type?: string; isDefault?: boolean };
}

/**
 * One DevTools session per page, kept while the page lives, with the page's execution contexts as
 * the browser reports them (created, destroyed, cleared on navigation). A test reads the closed
 * panel hundreds of times per page: a session attached and Runtime enabled for every read cost
 * the suite seconds of CPU.
 */
const worldSessions = new WeakMap<Page, Promise<{ cdp: CDPSession; contexts: Map<number, ExecutionContext> }>>();

function worldSession(lens: Lens, page: Page) {
  let session = worldSessions.get(page);
  if (!session) {
    session = (async () => {
      const cdp = await lens.context.newCDPSession(page);
      const contexts = new Map<number, ExecutionContext>();
      cdp.on('Runtime.executionContextCreated', (e) => contexts.set(e.context.id, e.context as ExecutionContext));
      cdp.on('Runtime.executionContextDestroyed', (e) => contexts.delete(e.executionContextId));
      cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
      // (Runtime.enable reports every existing context before it returns: no wait needed.)
      await cdp.send('Runtime.enable');
      return { cdp, contexts };
    })();
    worldSessions.set(page, session);
    page.once('close', () => worldSessions.delete(page));
  }
  return session;
}

/**
 * Evaluate in the extension's isolated world of a page (where the content script and the engine
 * run), through the DevTools protocol. Returns undefined when the extension has no world there
 * (or the world went away with a navigation during the call).
 */
export async function evalInExtensionWorld(lens: Lens, page: Page, expression: string): Promise<unknown> {
  const { cdp, contexts } = await worldSession(lens, page);
  const world = [...contexts.values()].find(
    (c) => c.origin === `chrome-extension://${lens.extensionId}` || (c.auxData?.type === 'isolated' && c.origin.includes(lens.extensionId)),
  );
  if (!world) return undefined;
  try {
    const res = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true, awaitPromise: true });
    return res.result.value;
  } catch (err) {
    if (/Cannot find context|context was destroyed|Execution context was destroyed/i.test((err as Error).message)) return undefined;
    throw err;
  }
}

/** Wait until the engine has marked the page (its host element says so) or the timeout passes. */
export async function waitForLens(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout });
}

/** The extension's session state of the tab showing `url` (what the popup and the badge use). */
export async function tabStateFor(lens: Lens, url: string): Promise<{ status: string; counts?: Record<string, number> } | null> {
  // A string expression: the worker has `chrome`, and tsx's helpers must not leak into it.
  return lens.worker.evaluate(
    `chrome.storage.session.get('tabs').then((r) => Object.values(r.tabs || {}).find((s) => s.url === ${JSON.stringify(url)}) || null)`,
  ) as Promise<{ status: string; counts?: Record<string, number> } | null>;
}

/**
 * Press the extension's toolbar button for the tab showing `url`, as a user would (DevTools
 * protocol Extensions.triggerAction; needs --enable-unsafe-extension-debugging). This grants
 * activeTab for that tab and opens the popup.
 */
export async function clickToolbarButton(lens: Lens, url: string): Promise<void> {
  const browser = lens.context.browser();
  if (!browser) throw new Error('no browser handle for the persistent context');
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await session.send('Target.getTargets', { filter: [{}] } as never)) as { targetInfos: { type: string; url: string; targetId: string }[] };
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === url);
    if (!tab) throw new Error(`no tab target for ${url}`);
    await session.send('Extensions.triggerAction' as never, { id: lens.extensionId, targetId: tab.targetId } as never);
  } finally {
    await session.detach();
  }
}

/** The extension's id of the tab showing `url` (visible to the extension once it may access the tab). */
export async function tabIdFor(lens: Lens, url: string): Promise<number | null> {
  return (await lens.worker.evaluate(`chrome.tabs.query({}).then((tabs) => (tabs.find((t) => t.url === ${JSON.stringify(url)}) || {}).id ?? null)`)) as number | null;
}

/** The popup page, opened in a tab of its own for the given tab (popup.html?tab=ID). */
export async function openPopup(lens: Lens, tabId: number): Promise<Page> {
  const popup = await lens.context.newPage();
  await popup.goto(`chrome-extension://${lens.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/** The toolbar badge text of a tab. */
export async function badgeText(lens: Lens, tabId: number): Promise<string> {
  return (await lens.worker.evaluate(`chrome.action.getBadgeText({ tabId: ${tabId} })`)) as string;
}

/** A new tab at `url`, once its DOM is loaded. */
export async function openTab(lens: Lens, url: string): Promise<Page> {
  const p = await lens.context.newPage();
  await p.goto(url, { waitUntil: 'domcontentloaded' });
  return p;
}

/**
 * The popup's 收集本页所有年报 on the list page at `listUrl`, waited for until it is done.
 * `ready`: what to wait for in the list's tab first (a list its script writes).
 */
export async function collectFromPopup(lens: Lens, listUrl: string, timeout = 60_000, ready?: (list: Page) => Promise<unknown>): Promise<{ list: Page; popup: Page }> {
  const list = await openTab(lens, listUrl);
  await ready?.(list);
  const tabId = await tabIdFor(lens, listUrl);
  if (tabId === null) throw new Error(`no tab for ${listUrl}`);
  const popup = await openPopup(lens, tabId);
  // The test portals are local: a short pause between requests instead of the real sites' second
  // (the service worker's own scope; a Crawl-delay in robots.txt still raises it).
  await lens.worker.evaluate('globalThis.__nianbaoCollectDelayMs = 50');
  await popup.click('[data-action="collect"]');
  await popup.waitForSelector('[data-collect="done"]', { timeout });
  return { list, popup };
}

/** The collection page's coverage-matrix cell of an agency and year. */
export const matrixCell = (p: Page, agency: string, year: number) => p.locator(`table.matrix tr:has(th.ag:text-is("${agency}")) td[data-year="${year}"]`);

/**
 * With NIANBAO_SCREENSHOTS set, a screenshot of `page` at this size into .output/screens/NAME.png
 * (beside the build), for reading what a user sees; otherwise nothing.
 */
export async function screenshotIfAsked(page: Page, name: string, size: { width: number; height: number }, fullPage = false): Promise<void> {
  if (!process.env.NIANBAO_SCREENSHOTS) return;
  const dir = join(EXTENSION_DIR, '..', 'screens');
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize(size);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

/** A screenshot written into `dir` only when a directory is given (NIANBAO_SHOTS): encoding PNGs costs the suite CPU. */
export async function shotIfAsked(page: Pick<Page, 'screenshot'>, dir: string, name: string, fullPage = false): Promise<void> {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage });
}

/** The in-page attachment offer (closed shadow root): its file, its button's text and where to click it, read in the extension's world. */
export async function readAttachmentOffer(lens: Lens, page: Page): Promise<{ url: string; text: string; x: number; y: number } | null> {
  return (await evalInExtensionWorld(
    lens,
    page,
    `(() => { const a = globalThis.__nianbaoAttachment; const b = a && a.root.querySelector('[data-action="check-attachment"]'); if (!b) return null;
      const r = b.getBoundingClientRect(); return { url: a.url, text: b.textContent, x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 }; })()`,
  )) as { url: string; text: string; x: number; y: number } | null;
}

/** A local server for `handle` with the extension's browser launched on it (*.gov.cn mapped there); close() ends both. */
export async function serveAndLaunch(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ lens: Lens; close(): Promise<void> }> {
  const server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const lens = await launch({ port: (server.address() as AddressInfo).port });
  return {
    lens,
    async close() {
      await lens.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
