/**
 * The collection cannot be probed (issue 20 F). The user reads agency X's 2023 report on X's own
 * site; a page on another gov.cn host claims to be X's 2024 report (its 上年结转 differs from what
 * X's 2023 report carried forward, so pairing the two gives cross-year findings and moves the
 * suspects). A script of that page records every attribute and child-list mutation it can observe
 * and, once the lens is ready, every attribute and the computed styles of every element it can
 * reach. The records are the same whether or not the user keeps X's 2023 report — while the user
 * still sees the cross-year findings, with the source of last year's numbers, in the closed panel.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consistentValues, writeReportPage } from '../support/page-writer';
import { buildExtension, evalInExtensionWorld, hasChromium, launch, openTab, waitForLens, type Lens } from './support/browser';
import { lensClick, lensCount, lensText } from './support/lens';

const hasBrowser = hasChromium();

const AGENCY = '示例市生态环境局';
const OWN = 'www.sthjj-demo.gov.cn';
const OTHER = 'www.probe-demo.gov.cn';
const LAST_YEAR = `http://${OWN}/ndbg/2023.html`;
const PROBE = `http://${OTHER}/ndbg/2024.html`;

/** In the probing page's main world, before any script: every mutation it can observe. */
const RECORD = `
  window.__seen = [];
  const pathOf = (n) => { const out = []; for (let e = n; e && e.nodeType === 1; e = e.parentElement) { const i = e.parentElement ? Array.prototype.indexOf.call(e.parentElement.children, e) : 0; out.unshift(e.localName + ':' + i); } return out.join('/'); };
  new MutationObserver((list) => {
    for (const m of list) {
      if (m.type === 'attributes') window.__seen.push(['attr', pathOf(m.target), m.attributeName, m.target.getAttribute(m.attributeName)]);
      else if (m.type === 'childList') window.__seen.push(['child', pathOf(m.target), [...m.addedNodes].map((n) => n.nodeName).join(','), [...m.removedNodes].map((n) => n.nodeName).join(',')]);
      else window.__seen.push(['text', pathOf(m.target.parentElement), m.target.data]);
    }
  }).observe(document, { attributes: true, childList: true, characterData: true, subtree: true });
`;

/** What the page's script can read at the end: every element's attributes and the styles a mark could change. */
function snapshot(page: Page) {
  return page.evaluate(() => {
    const PROPS = ['outline-style', 'outline-color', 'outline-width', 'background-color', 'color', 'box-shadow', 'width', 'white-space', 'text-decoration-line', 'margin-right', 'scroll-padding-right', 'font-weight'];
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const attrs = Array.from(el.attributes).map((a) => `${a.name}=${a.value}`).join(' ');
      const cs = getComputedStyle(el);
      const after = getComputedStyle(el, '::after');
      const before = getComputedStyle(el, '::before');
      out.push(`${el.localName} [${attrs}] ${PROPS.map((p) => cs.getPropertyValue(p)).join('|')} after:${after.content}${after.backgroundColor} before:${before.content}`);
    }
    const seen = (window as unknown as { __seen: unknown[] }).__seen;
    return { elements: out, mutations: JSON.stringify(seen), scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight] };
  });
}

const report = (year: number, seed: number, published: string) =>
  writeReportPage({ format: '2021', agency: AGENCY, year, published, values: consistentValues('2021', seed) }, { portal: true });

let server: Server;

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = `http://${host}${req.url}`;
    const body = url === LAST_YEAR ? report(2023, 12, '2024-01-18') : url === PROBE ? report(2024, 11, '2025-01-20') : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
}, 300_000);

afterAll(async () => {
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

/** The probing page in a browser of its own (a fresh profile), after the user read `before` there. */
async function probe(before: string[], look?: (lens: Lens, page: Page) => Promise<void>) {
  const lens = await launch({ port: (server.address() as AddressInfo).port });
  try {
    for (const url of before) {
      const p = await openTab(lens, url);
      await waitForLens(p);
      await p.close();
    }
    await lens.context.addInitScript(RECORD);
    const page = await openTab(lens, PROBE);
    await waitForLens(page);
    await page.waitForFunction(() => document.readyState === 'complete');
    // The panel has made room for itself (its effect runs after the first render).
    await expect.poll(() => evalInExtensionWorld(lens, page, 'globalThis.__nianbaoLens.styles().dock?.isConnected === true')).toBe(true);
    const seen = await snapshot(page);
    await look?.(lens, page);
    return seen;
  } finally {
    await lens.close();
  }
}

describe.skipIf(!hasBrowser)('the collection cannot be probed (issue 20 F)', () => {
  it('a page on another gov.cn host sees the same attributes, mutations and styles whether or not the user keeps last year’s report; the panel still shows the cross-year findings and their source', async () => {
    const without = await probe([]);
    let paired = 0;
    let source = '';
    const withIt = await probe([LAST_YEAR], async (lens, page) => {
      paired = await lensCount(lens, page, 'li[data-paired]');
      source = await lensText(lens, page, '.previous-source');
      expect(await lensCount(lens, page, 'li[data-rule^="cross-year."]')).toBeGreaterThan(0);
      // Only the user's own click writes them onto the page.
      expect(await page.locator('[data-nianbao-issue*="cross-year."]').count()).toBe(0);
      await lensClick(lens, page, '.paired-toggle');
      await page.waitForSelector('[data-nianbao-issue*="cross-year."]', { state: 'attached', timeout: 10_000 });
    });
    // The pairing does change what the user is told…
    expect(paired).toBeGreaterThan(0);
    expect(source).toMatch(new RegExp(`^上年数据：读于 ${OWN.replace(/\./g, '\\.')} \\d{4}-\\d{2}-\\d{2}$`));
    // …and nothing the page can read.
    expect(withIt.mutations.length).toBeGreaterThan(100);
    expect(withIt.mutations).toBe(without.mutations);
    expect(withIt.elements).toEqual(without.elements);
    expect(withIt.scroll).toEqual(without.scroll);
  }, 90_000);
});
