/**
 * "收集本页所有年报 / collect every report on this list", asked from the popup on a portal's 年报
 * list page: the list and the pages that follow it are read, then each linked report is fetched,
 * read with the core (cheerio/slim — no DOMParser in a service worker), checked and kept in the
 * collection. Polite: the site's robots.txt first (core/portal/robots.ts, as the CLI: no address
 * it disallows is requested — an attachment on another host asks that host's — and its
 * Crawl-delay is kept), one request at a time, DELAY_MS apart, a timeout and a byte cap on each, a
 * stop button. Only *.gov.cn, or sites the user granted; list pages and reports on the list's own
 * host only. No redirect is followed (issue 20, E): a service worker cannot see where a redirect
 * leads before the browser requests it (redirect: 'manual' answers an opaque redirect), so a
 * redirecting address is listed as such and its target never requested.
 */
import { browser } from 'wxt/browser';
import { load } from 'cheerio/slim';
import { parseHtml, type DomNode } from '../../core/parse/html';
import { findReportAttachment } from '../../core/parse/attachment';
import type { Report } from '../../core/model/schema';
import { closePdfReader, readPdfInBackground } from './pdf-reader';
import { isWordResponse, readWordBytes } from './word-reader';
import { putReports } from '../lib/collection-db';
import type { CollectFailure, CollectState } from '../lib/collection';
import { onMessage } from '../lib/protocol';
import type { BackgroundFeature } from './feature';
import { findNextPages, findReportLinks, type ReportLink } from '../../core/portal/links';
import { ALLOW_ALL, parseRobots, robotsUrlOf, type Robots } from '../../core/portal/robots';

export const DELAY_MS = 1000;
/**
 * The pause between requests: DELAY_MS, or shorter where the real-browser tests set
 * `__nianbaoCollectDelayMs` in this service worker's own global scope (their test portals are
 * local; no page or content script can reach this scope). A robots.txt Crawl-delay still raises it.
 */
const requestDelay = (): number => {
  const asked = (globalThis as { __nianbaoCollectDelayMs?: unknown }).__nianbaoCollectDelayMs;
  return typeof asked === 'number' && asked >= 0 && asked < DELAY_MS ? asked : DELAY_MS;
};
const TIMEOUT_MS = 20_000;
const MAX_BYTES = 20 * 1024 * 1024;
const MAX_LIST_PAGES = 50;
const MAX_REPORTS = 2000;
const FAILURES_KEPT = 20;
/** Longest pause without an extension call (the service worker's idle limit is 30 s). */
const KEEPALIVE_MS = 20_000;

/** *.gov.cn, or an origin the user granted (optional host permission). */
export async function mayCollect(url: string): Promise<boolean> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (u.hostname === 'gov.cn' || u.hostname.endsWith('.gov.cn')) return true;
  try {
    return await browser.permissions.contains({ origins: [`${u.origin}/*`] });
  } catch {
    return false;
  }
}

/** The charset a page declares (header, then <meta>), UTF-8 when none. */
function charsetOf(type: string | null, head: Uint8Array): string {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(type ?? '');
  if (fromHeader) return fromHeader[1];
  const ascii = new TextDecoder('latin1').decode(head.subarray(0, 4096));
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(ascii);
  return fromMeta ? fromMeta[1] : 'utf-8';
}

export const REDIRECT_NOT_FOLLOWED = '该地址转向别处，未跟随（扩展无法在请求前看到转向的地址） — the address redirects elsewhere: not followed (the extension cannot see where to before it is requested)';

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** A fetched address: its bytes (a Word file is read from them), their text, where it ended and its media type. */
export interface FetchedPage {
  html: string;
  bytes: Uint8Array;
  url: string;
  type: string;
}

export async function fetchPage(url: string, signal: AbortSignal): Promise<FetchedPage> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const res = await fetch(url, { credentials: 'omit', redirect: 'manual', signal: AbortSignal.any([signal, timeout]) });
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) throw new Error(REDIRECT_NOT_FOLLOWED);
  if (!res.ok) throw new HttpError(res.status);
  const finalUrl = res.url || url;
  if (!(await mayCollect(finalUrl))) throw new Error('redirected off the allowed sites');
  const reader = res.body?.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new Error(`larger than ${MAX_BYTES / 1024 / 1024} MB`);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) bytes.set(p, at), (at += p.byteLength);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charsetOf(res.headers.get('content-type'), bytes));
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return { html: decoder.decode(bytes), bytes, url: finalUrl, type: (res.headers.get('content-type') ?? '').toLowerCase() };
}

const ROBOTS_DISALLOWED = 'robots.txt 不允许抓取 — disallowed by the site’s robots.txt';

/**
 * The site's robots.txt: no file (4xx) allows everything; one that cannot be read (5xx, network)
 * allows nothing (RFC 9309 §2.3.1.4) — the collection stops and says why.
 */
async function robotsOf(listUrl: string, signal: AbortSignal): Promise<Robots> {
  try {
    const { html } = await fetchPage(robotsUrlOf(listUrl), signal);
    return parseRobots(html); // it reads the first 500 KiB only
  } catch (e) {
    if (e instanceof HttpError && e.status >= 400 && e.status < 500 && e.status !== 429) return ALLOW_ALL;
    if (signal.aborted) throw e;
    throw new Error(`robots.txt 无法读取，按 RFC 9309 不收集该网站 — the site's robots.txt could not be read (${(e as Error).message}): nothing is collected from it`);
  }
}

let state: CollectState | null = null;
let stopper: AbortController | null = null;

/**
 * The state in session storage after every step: the popup finds it even if the service worker was
 * restarted, and the extension call keeps the worker alive while it collects (MV3 ends an idle worker after 30 s).
 */
const SESSION_KEY = 'collect';
async function save(s: CollectState): Promise<void> {
  await browser.storage.session.set({ [SESSION_KEY]: s }).catch(() => undefined);
}
async function savedState(): Promise<CollectState | null> {
  if (state) return state;
  const got = (await browser.storage.session.get(SESSION_KEY).catch(() => ({}))) as Record<string, CollectState | undefined>;
  const s = got[SESSION_KEY] ?? null;
  // A collection cut off by a restart is not running any more.
  return s && s.status === 'running' ? { ...s, status: 'stopped', current: null } : s;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((ok) => {
    const t = setTimeout(ok, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), ok()), { once: true });
  });

function fail(s: CollectState, f: CollectFailure): void {
  s.failedCount++;
  if (s.failed.length < FAILURES_KEPT) s.failed.push({ url: f.url.slice(0, 500), title: f.title.slice(0, 200), reason: f.reason.slice(0, 600) });
}

/** The most of a tab's rendered page the collector reads (characters of its serialised DOM). */
const MAX_RENDERED_CHARS = 20_000_000;

/**
 * The list page as the reader sees it: its DOM serialised in the tab (activeTab from the popup,
 * or the site's host permission). A list that a script builds from JSON has its links only there.
 * Null when the tab cannot be read.
 */
async function renderedList(tabId: number): Promise<string | null> {
  try {
    const [first] = await browser.scripting.executeScript({
      target: { tabId },
      func: (max: number) => {
        const html = document.documentElement.outerHTML;
        return html.length > max ? null : html;
      },
      args: [MAX_RENDERED_CHARS],
    });
    return typeof first?.result === 'string' ? first.result : null;
  } catch {
    return null;
  }
}

/**
 * Read the list pages, then fetch and keep each report. `rendered`: the first list page as the
 * reader's tab shows it (links a script wrote from JSON included); without it, it is fetched.
 */
export async function collect(listUrl: string, delayMs = DELAY_MS, rendered: string | null = null): Promise<CollectState> {
  stopper?.abort();
  const ctl = new AbortController();
  stopper = ctl;
  const s: CollectState = { status: 'running', listUrl, pages: 0, found: 0, done: 0, added: 0, failed: [], failedCount: 0, current: listUrl };
  state = s;
  const host = new URL(listUrl).host;
  const lists = [listUrl];
  const seenLists = new Set(lists);
  const reports = new Map<string, ReportLink>();
  /** The report links and the following list pages of one list page. */
  const readListPage = (html: string, url: string) => {
    const root = load(html).root()[0] as unknown as DomNode;
    for (const link of findReportLinks(root, url)) {
      if (reports.size >= MAX_REPORTS || reports.has(link.url)) continue;
      // As the CLI: only the site the list is on (a link to another site is not followed).
      if (new URL(link.url).host === host) reports.set(link.url, link);
    }
    for (const next of findNextPages(root, url)) {
      if (new URL(next).host === host && !seenLists.has(next)) (seenLists.add(next), lists.push(next));
    }
    s.found = reports.size;
  };
  let first = true;
  const polite = async () => {
    // A long Crawl-delay is slept in pieces with a storage call between them: an MV3 service worker
    // that makes no extension call for 30 s is stopped, and the collection with it.
    for (let left = first ? 0 : delayMs; left > 0 && !ctl.signal.aborted; left -= KEEPALIVE_MS) {
      await sleep(Math.min(left, KEEPALIVE_MS), ctl.signal);
      if (left > KEEPALIVE_MS) await save(s);
    }
    first = false;
  };
  try {
    await polite();
    const robots = await robotsOf(listUrl, ctl.signal);
    // Other hosts' robots.txt (an attachment elsewhere on gov.cn), read once each when needed.
    const robotsByOrigin = new Map<string, Promise<Robots>>([[new URL(listUrl).origin, Promise.resolve(robots)]]);
    const robotsFor = (url: string) => {
      const origin = new URL(url).origin;
      let known = robotsByOrigin.get(origin);
      if (!known) robotsByOrigin.set(origin, (known = polite().then(() => robotsOf(url, ctl.signal))));
      return known;
    };
    // A site that asks for a slower crawl gets it.
    if (robots.crawlDelay !== null) delayMs = Math.max(delayMs, robots.crawlDelay * 1000);
    for (let i = 0; i < lists.length && i < MAX_LIST_PAGES && !ctl.signal.aborted; i++) {
      if (i === 0 && rendered !== null) {
        // The page the reader has open: not fetched again (robots.txt governs our requests, not theirs).
        s.pages++;
        readListPage(rendered, listUrl);
        continue;
      }
      if (!robots.allows(lists[i])) {
        if (i === 0) throw new Error(ROBOTS_DISALLOWED);
        fail(s, { url: lists[i], title: '', reason: ROBOTS_DISALLOWED });
        continue;
      }
      await polite();
      if (ctl.signal.aborted) break;
      s.current = lists[i];
      await save(s);
      let page: FetchedPage;
      try {
        page = await fetchPage(lists[i], ctl.signal);
      } catch (e) {
        if (i === 0) throw e;
        fail(s, { url: lists[i], title: '', reason: (e as Error).message });
        continue;
      }
      s.pages++;
      readListPage(page.html, page.url);
    }
    for (const link of reports.values()) {
      if (ctl.signal.aborted) break;
      if (!robots.allows(link.url)) {
        fail(s, { url: link.url, title: link.title, reason: ROBOTS_DISALLOWED });
        s.done++;
        continue;
      }
      await polite();
      if (ctl.signal.aborted) break;
      s.current = link.url;
      await save(s);
      try {
        const { report, url, attachment } = await readLinkedReport(link, robotsFor, ctl.signal, () => polite());
        const [res] = await putReports([{ report, url, via: 'collect', attachment }]);
        if (!res.ok) throw new Error(res.reason === 'noKey' ? 'no agency or year' : res.reason === 'quota' ? 'storage full' : (res.error ?? res.reason));
        s.added++;
      } catch (e) {
        if (ctl.signal.aborted) break;
        fail(s, { url: link.url, title: link.title, reason: (e as Error).message || String(e) });
      }
      s.done++;
    }
    s.status = ctl.signal.aborted ? 'stopped' : 'done';
  } catch (e) {
    s.status = ctl.signal.aborted ? 'stopped' : 'failed';
    s.error = ((e as Error).message || String(e)).slice(0, 300);
  }
  s.current = null;
  // A collection that was replaced by a newer one leaves the PDF reader to it.
  if (stopper === ctl) await closePdfReader();
  await save(s);
  return s;
}

const endsInPdf = (url: string) => /\.pdf$/i.test(new URL(url).pathname);

/** A linked report as read: the address the collection keeps (the page the list linked) and, when the report was a file attached to that page, the file read. */
interface LinkedReport {
  report: Report;
  url: string;
  attachment?: string;
}

/**
 * The report a list links to: a page with the tables; a PDF (read in the offscreen document); a
 * Word file (.docx/.doc, read here); or a page whose report is its PDF or Word attachment (the
 * attachment read, if robots.txt and the allowed sites let us).
 */
async function readLinkedReport(link: ReportLink, robotsFor: (url: string) => Promise<Robots>, signal: AbortSignal, polite: () => Promise<void>): Promise<LinkedReport> {
  if (endsInPdf(link.url)) return { report: await readPdfInBackground(link.url), url: link.url };
  const page = await fetchPage(link.url, signal);
  if (isWordResponse(page.bytes, page.type, page.url)) return { report: readWordBytes(page.bytes, page.url), url: page.url };
  if (page.type.includes('pdf')) {
    // A PDF at an address that did not say so: read again by the PDF reader, a pause apart.
    await polite();
    return { report: await readPdfInBackground(page.url), url: page.url };
  }
  if (page.type && !/html|text\/plain/.test(page.type)) throw new Error(`不是网页 — not a web page (${page.type.split(';')[0].slice(0, 60)})`);
  const report = parseHtml(page.html, { source: page.url });
  if (report.meta.format) return { report, url: page.url };
  const attachment = findReportAttachment(page.html, page.url, link.title);
  if (!attachment) throw new Error('页面中没有年报数据表，也没有年报附件 — no report tables on the page and no report attachment');
  if (!(await mayCollect(attachment.url))) throw new Error(`附件在其他网站，未下载 — the attachment is on another site: ${attachment.url}`);
  if (!(await robotsFor(attachment.url)).allows(attachment.url)) throw new Error(`附件：${ROBOTS_DISALLOWED}: ${attachment.url}`);
  await polite();
  if (signal.aborted) throw new Error('stopped');
  if (attachment.kind === 'pdf') return { report: await readPdfInBackground(attachment.url), url: page.url, attachment: attachment.url };
  const file = await fetchPage(attachment.url, signal).catch((e: Error) => {
    throw new Error(`附件无法下载 — the attachment could not be downloaded (${e.message}): ${attachment.url}`);
  });
  return { report: readWordBytes(file.bytes, file.url), url: page.url, attachment: file.url };
}

/** The stop button. */
export function stopCollect(): void {
  stopper?.abort();
}

export const collectFeature: BackgroundFeature = {
  id: 'collect',
  init() {
    onMessage('collect:start', async ({ data }) => {
      const tab = await browser.tabs.get(data.tabId).catch(() => null);
      const url = tab?.url;
      if (!url || !(await mayCollect(url))) return { ok: false, error: 'site' };
      if (state?.status === 'running') return { ok: false, error: 'busy' };
      const rendered = await renderedList(data.tabId);
      // Checked again after the await, and no await until collect() marks itself running: a double
      // click starts one collection.
      if ((state as CollectState | null)?.status === 'running') return { ok: false, error: 'busy' };
      void collect(url, requestDelay(), rendered);
      return { ok: true };
    });
    onMessage('collect:stop', () => stopCollect());
    onMessage('collect:state', () => savedState());
  },
};
