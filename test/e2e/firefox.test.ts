/**
 * The Firefox build in a real Firefox: Debian's firefox-esr driven over WebDriver BiDi by
 * puppeteer-core, the extension installed through BiDi (webExtension.install, as a temporary
 * add-on). Every http:// request goes through a proxy pref to the local test server, which answers
 * for any host name — so the sample report is seen at www.example.gov.cn, where the extension's
 * content script runs. Checked: the page is marked (data-nianbao-issue cells), the panel is open
 * beside it, and an export downloads a file.
 *
 * The panel lives in a closed shadow root, and BiDi reaches no content-script world, so the test
 * acts as a user does: the panel is found on the screen (document.elementFromPoint answers with
 * our host element where the panel is), scrolled with the mouse wheel to its export buttons at the
 * bottom, and clicked (trusted events) until a download lands in the download folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_PATH } from './support/browser';
import { ROOT, startServer, type PageServer } from './support/server';

const FIREFOX = FIREFOX_PATH();
if (!FIREFOX) {
  const message = 'firefox-esr not found (apt-get install -y firefox-esr): the Firefox test is skipped';
  if (process.env.CI === 'true') throw new Error(`${message} — but CI=true requires it`);
  console.warn(`[nianbao] ${message}.`);
}

const OUT_DIR = process.env.NIANBAO_OUT_DIR || '.output';
const EXTENSION = join(ROOT, OUT_DIR, 'firefox-mv3');
const GECKO_ID = 'nianbao-lens@nianbao.invalid';
const REPORT_URL = 'http://www.example.gov.cn/samples/demo-2024.html';

let server: PageServer;
let browser: Browser;
let page: Page;
let downloads = '';

beforeAll(async () => {
  if (!FIREFOX) return;
  // (Under `npm test` the global setup has built it.)
  if (process.env.NIANBAO_EXTENSION_BUILT !== '1') execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: process.env.NIANBAO_VERBOSE ? 'inherit' : 'pipe', timeout: 240_000 });
  server = await startServer();
  downloads = mkdtempSync(join(tmpdir(), 'nianbao-firefox-downloads-'));
  const puppeteer = (await import('puppeteer-core')).default;
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1000, height: 700 },
    extraPrefsFirefox: {
      // Every http:// request to the local server, whatever its host name (it serves by path).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      // Downloads go to our folder, without a dialog.
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.manager.showWhenStarting': false,
      'intl.accept_languages': 'zh-CN',
      // The wheel scrolls at once (the test waits for frames drawn, not for an animation).
      'general.smoothScroll': false,
    },
  });
  const id = await browser.installExtension(EXTENSION);
  expect(id).toBe(GECKO_ID);
  page = await browser.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

/**
 * Wait for the download folder to satisfy `done` (checked now and on every change in it —
 * events, not sleeps), or give up after `timeout` ms with null. Firefox creates NAME (empty) and
 * NAME.part at the start of a download, writes into NAME.part and renames it over NAME at the end.
 */
function waitForFolder(done: (files: string[]) => string | undefined, timeout: number): Promise<string | null> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = done(readdirSync(downloads));
      if (hit !== undefined) finish(hit);
    };
    const watcher = watch(downloads, check);
    const timer = setTimeout(() => finish(null), timeout);
    function finish(value: string | null) {
      clearTimeout(timer);
      watcher.close();
      resolve(value);
    }
    check();
  });
}
/** What our exports of the sample are called. */
const EXPORT_NAME = /^示例市示例局-2024.*\.(csv|json|xlsx)$/;
/** A download has begun (any file in the folder). */
const begun = (files: string[]) => files[0];
/** Size of a file in the folder, or 0 once it is gone (Firefox renames its temporary files away). */
function sizeOf(file: string): number {
  try {
    return statSync(join(downloads, file)).size;
  } catch {
    return 0;
  }
}
/**
 * The export has finished: a file under its own name (not one of Firefox's temporary names),
 * with bytes in it, and nothing still being written (.part).
 */
const finished = (files: string[]) => (files.some((f) => f.endsWith('.part')) ? undefined : files.find((f) => EXPORT_NAME.test(f) && sizeOf(f) > 0));
/** Two frames of the page drawn: a scroll by the wheel has been applied. */
const framesDrawn = (p: Page) => p.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

describe.skipIf(!FIREFOX)('the extension in Firefox (firefox-esr, WebDriver BiDi)', () => {
  it('marks the sample report in the page', async () => {
    await page.goto(REPORT_URL, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('nianbao-lens[data-state="ready"]', { timeout: 30_000 });
    const marks = await page.$$eval('[data-nianbao-issue]', (els) => els.map((e) => ({ rules: e.getAttribute('data-nianbao-issue') ?? '', cell: e.getAttribute('data-nianbao-cell') ?? '' })));
    expect(marks.length).toBeGreaterThan(5);
    const rules = new Set(marks.flatMap((m) => m.rules.split(' ')));
    for (const rule of ['t3.row-total', 't3.outcome-total', 't4.total']) expect(rules).toContain(rule);
    expect(marks.some((m) => m.cell.split(' ').includes('t3.granted.total'))).toBe(true);
  });

  it('shows the panel beside the page', async () => {
    const at = await page.evaluate(() => {
      const hit = (x: number, y: number) => document.elementFromPoint(x, y)?.tagName.toLowerCase() ?? null;
      const width = document.documentElement.clientWidth; // without the scroll bar
      let left = width;
      while (left > 0 && hit(left - 1, innerHeight / 3) === 'nianbao-lens') left--;
      return { page: hit(20, innerHeight / 3), panel: hit(width - 40, 60), left, width };
    });
    expect(at.page).not.toBe('nianbao-lens');
    expect(at.panel).toBe('nianbao-lens');
    expect(at.width - at.left).toBeGreaterThan(200); // a panel, not the collapsed badge
  });

  it('downloads an export from the panel', async () => {
    const { left, width, height } = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      let x = width;
      while (x > 0 && document.elementFromPoint(x - 1, innerHeight / 3)?.tagName.toLowerCase() === 'nianbao-lens') x--;
      return { left: x, width, height: document.documentElement.clientHeight };
    });
    // Scroll the panel to its end, where the export buttons are (no smooth scrolling: see the prefs).
    await page.mouse.move((left + width) / 2, height / 2);
    for (let i = 0; i < 5; i++) await page.mouse.wheel({ deltaY: 2000 });
    await framesDrawn(page);
    // Its export buttons sit at the bottom, left-aligned: click up from the bottom until a download
    // begins (a click on the note below them does nothing), then wait for it to finish. A download
    // shows in the folder at once; one slower than the short guard is only clicked again (a second
    // copy of the same export), so the guard need not be wide.
    let started: string | null = null;
    for (let y = height - 12; y > height - 160 && !started; y -= 8) {
      await page.mouse.click(left + 30, y);
      started = await waitForFolder(begun, 400);
    }
    if (!started) started = await waitForFolder(begun, 5_000);
    expect(started, 'no download began').not.toBeNull();
    const file = (await waitForFolder(finished, 60_000)) ?? undefined;
    expect(file, 'no download arrived').toBeDefined();
    console.info(`[firefox] downloaded ${file}`);
    expect(file).toMatch(EXPORT_NAME);
    const bytes = readFileSync(join(downloads, file!));
    expect(bytes.length).toBeGreaterThan(100);
    if (file!.endsWith('.csv')) expect(bytes.toString('utf8')).toMatch(/^\ufeffsource,agency,year,/);
  });
});
