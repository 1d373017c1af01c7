/**
 * `npm start`: builds the extension, serves the project's sample report pages (and the real pages
 * of ../shared/corpus when that folder is there) on 127.0.0.1 under gov.cn host names, and opens
 * Chromium with the extension on a sample report.
 *
 * With a display: a normal browser window; stop with Ctrl-C.
 * Without one (or with --headless): runs headless, writes screenshots of the marked page, the
 * panel and a tooltip, and the four exports into demo/, and says where.
 *
 *   npm start                 # window if $DISPLAY is set, else headless demo
 *   npm start -- --headless   # always the headless demo
 *   PORT=8787 npm start       # fixed port for the local server
 */
import { mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { buildExtension, chromiumPath, evalInExtensionWorld, launch, openPopup, tabIdFor, waitForLens, type Lens } from '../test/e2e/support/browser';
import { lensClick } from '../test/e2e/support/lens';
import { corpusPages, ROOT, samplePages, startServer } from '../test/e2e/support/server';

const DEMO_DIR = join(ROOT, 'demo');
const HOST = 'www.example.gov.cn';
/** The sample shown first: last year's report is opened before it, so the cross-year checks show too. */
const MAIN_SAMPLE = 'demo-2024.html';
const PREVIOUS_SAMPLE = 'demo-2023.html';

const say = (text: string) => process.stdout.write(`${text}\n`);

async function visit(lens: Lens, path: string): Promise<Page> {
  const page = await lens.context.newPage();
  await page.goto(`http://${HOST}${path}`, { waitUntil: 'domcontentloaded' });
  await waitForLens(page);
  return page;
}

async function headlessDemo(lens: Lens): Promise<void> {
  mkdirSync(DEMO_DIR, { recursive: true });
  const written: string[] = [];
  const shot = async (page: Page, name: string, fullPage = false) => {
    const file = join(DEMO_DIR, name);
    await page.screenshot({ path: file, fullPage });
    written.push(file);
  };

  if (samplePages().includes(PREVIOUS_SAMPLE)) await (await visit(lens, `/samples/${PREVIOUS_SAMPLE}`)).close();
  const page = await visit(lens, `/samples/${MAIN_SAMPLE}`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
  await shot(page, 'sample-panel.png');
  await shot(page, 'sample-marked-page.png', true);

  // The tooltip of the first wrong number (a strong mark), hovered: its row's cells show faintly.
  const first = page.locator('[data-nianbao-role="suspect"], [data-nianbao-role="total"][data-nianbao-severity="error"]').first();
  if (await first.count()) {
    await first.scrollIntoViewIfNeeded();
    await first.hover();
    await page.waitForTimeout(150);
    await shot(page, 'sample-tooltip.png');
    // The same at 1024×768.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(200);
    await first.scrollIntoViewIfNeeded();
    await page.mouse.move(1, 1);
    await first.hover();
    await page.waitForTimeout(150);
    await shot(page, 'sample-tooltip-1024.png');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.mouse.move(1, 1);
  }

  // The popup of this tab, and the options page, as pages of their own.
  const tabId = await tabIdFor(lens, page.url());
  if (tabId !== null) {
    const popup = await openPopup(lens, tabId);
    await popup.setViewportSize({ width: 320, height: 280 });
    await popup.waitForTimeout(300);
    await shot(popup, 'popup.png');
    await popup.close();
  }
  const options = await lens.context.newPage();
  await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
  await options.waitForTimeout(300);
  await shot(options, 'options.png', true);
  await options.close();
  await page.bringToFront();

  // The panel collapsed to its badge, so that the page can be read.
  await lensClick(lens, page, 'header button');
  await page.waitForTimeout(150);
  await shot(page, 'sample-collapsed.png');
  await lensClick(lens, page, 'button.badge');

  // Every export, downloaded from the panel as a user would.
  for (const kind of ['json', 'csv', 'xlsx', 'issues-csv']) {
    const [download] = await Promise.all([page.waitForEvent('download'), lensClick(lens, page, `button[data-export="${kind}"]`)]);
    const file = join(DEMO_DIR, download.suggestedFilename());
    copyFileSync((await download.path())!, file);
    written.push(file);
  }
  // "Copy issues as text": the letter to the agency, read back from the clipboard.
  await lensClick(lens, page, 'button[data-action="copy"]');
  const letter = (await evalInExtensionWorld(lens, page, 'globalThis.__nianbaoLens.letter()')) as string | undefined;
  if (letter) {
    const file = join(DEMO_DIR, 'issues-letter.txt');
    writeFileSync(file, letter);
    written.push(file);
  }
  await page.close();

  // A real page of the corpus, when present.
  const corpus = corpusPages();
  const real = corpus.find((f) => f.startsWith('01-')) ?? corpus[0];
  if (real) {
    const p = await visit(lens, `/corpus/${real}`);
    for (const [w, h] of [
      [1280, 800],
      [1024, 768],
    ]) {
      await p.setViewportSize({ width: w, height: h });
      await p.waitForTimeout(150);
      await p.locator('[data-nianbao-role="suspect"], [data-nianbao-role="total"]').first().scrollIntoViewIfNeeded().catch(() => undefined);
      await p.waitForTimeout(200);
      await shot(p, `corpus-${real.replace(/\.html$/, '')}${w === 1280 ? '' : `-${w}`}.png`);
    }
    await p.close();
  }

  const index = join(DEMO_DIR, 'README.txt');
  writeFileSync(
    index,
    `年报透镜 Nianbao Lens — headless demo\n\n${written.map((f) => relative(DEMO_DIR, f)).join('\n')}\n\nSample page: http://${HOST}/samples/${MAIN_SAMPLE} (served locally, host mapped by Chromium).\n`,
  );
  say(`\nDemo written to ${relative(process.cwd(), DEMO_DIR) || DEMO_DIR}/:`);
  for (const f of written) say(`  ${relative(process.cwd(), f)}`);
}

async function main(): Promise<void> {
  const headless = process.argv.includes('--headless') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!chromiumPath()) {
    // No browser here: show the same engine on the same sample from the command line.
    say('Chromium not found — the browser demo needs it: apt-get install -y chromium fonts-noto-cjk');
    say(`Meanwhile, the same checks on the sample, from the command line (nianbao check samples/${MAIN_SAMPLE} --previous samples/${PREVIOUS_SAMPLE}):\n`);
    const { main: cli } = await import('../core/cli/main');
    await cli(['check', join(ROOT, 'samples', MAIN_SAMPLE), '--previous', join(ROOT, 'samples', PREVIOUS_SAMPLE)]);
    return;
  }
  if (!samplePages().length) {
    say('No sample pages in samples/ (run: npx tsx scripts/gen-samples.ts).');
    process.exit(1);
  }
  say('Building the extension (wxt build)…');
  buildExtension();
  const server = await startServer(Number(process.env.PORT ?? 0));
  say(`Serving samples${corpusPages().length ? ' and ../shared/corpus' : ''} on 127.0.0.1:${server.port}, seen as http://${HOST}/`);
  const lens = await launch({ port: server.port, headless });
  try {
    if (headless) {
      say('No display: running headless.');
      await headlessDemo(lens);
    } else {
      if (samplePages().includes(PREVIOUS_SAMPLE)) await (await visit(lens, `/samples/${PREVIOUS_SAMPLE}`)).close();
      const index = await lens.context.newPage();
      await index.goto(`http://${HOST}/`);
      await visit(lens, `/samples/${MAIN_SAMPLE}`);
      for (const p of lens.context.pages()) if (p.url() === 'about:blank') await p.close();
      say(`Chromium is open on http://${HOST}/samples/${MAIN_SAMPLE} — all pages: http://${HOST}/. Ctrl-C to stop.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        lens.context.once('close', () => resolve());
      });
    }
  } finally {
    await lens.close().catch(() => undefined);
    await server.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
