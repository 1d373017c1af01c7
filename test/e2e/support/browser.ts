/**
 * Chromium with the built extension, for the real-browser tests, `npm start` and the bench:
 * Debian's chromium driven by playwright-core, a fresh profile, *.gov.cn mapped to the local
 * server, every other host name refused (no network).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ROOT } from './server';

export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
export const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
  (p): p is string => !!p,
);

export function chromiumPath(): string | null {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** `wxt build` (Chrome MV3), once per process. */
let built = false;
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

export async function launch(opts: { port: number; headless?: boolean; windowSize?: [number, number] }): Promise<Lens> {
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

/**
 * Evaluate in the extension's isolated world of a page (where the content script and the engine
 * run), through the DevTools protocol. Returns undefined when the extension has no world there.
 */
export async function evalInExtensionWorld(lens: Lens, page: Page, expression: string): Promise<unknown> {
  const cdp = await lens.context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await new Promise((r) => setTimeout(r, 50));
  const world = contexts.find((c) => c.origin === `chrome-extension://${lens.extensionId}` || (c.auxData?.type === 'isolated' && c.origin.includes(lens.extensionId)));
  let value: unknown;
  if (world) {
    const res = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true, awaitPromise: true });
    value = res.result.value;
  }
  await cdp.detach();
  return value;
}

/** Wait until the engine has marked the page (its host element says so) or the timeout passes. */
export async function waitForLens(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout });
}

/** The extension's session state of the tab showing `url` (what the popup and the badge use). */
export async function tabStateFor(lens: Lens, url: string): Promise<{ status: string; counts?: Record<string, number> } | null> {
  return lens.worker.evaluate(async (u) => {
    const all = ((await chrome.storage.session.get('tabs')) as { tabs?: Record<string, { url: string; status: string }> }).tabs ?? {};
    return Object.values(all).find((s) => s.url === u) ?? null;
  }, url) as Promise<{ status: string; counts?: Record<string, number> } | null>;
}
