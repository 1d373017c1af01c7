/**
 * The crawl's requests: one at a time per host, paced, retried, each site's robots.txt obeyed and
 * redirects kept to the sites of the list pages.
 */
import { AddressRefused, DownloadError, fetchCapped, type Fetched } from '../node/fetch';
import { ALLOW_ALL, MAX_ROBOTS_BYTES, parseRobots, robotsUrlOf, type Robots } from '../portal/robots';

/** Any download at most (PDFs and Word files; pages have their own, smaller limit). */
export const MAX_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** Milliseconds now, and a pause of so many milliseconds. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}
export const REAL_TIMER: Timer = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * A request the crawl does not make: the site's robots.txt disallows it, or a redirect leads to
 * another site. The link is listed as skipped with the reason, never fetched.
 */
export class Refused extends Error {
  constructor(
    readonly reason: string,
    /** The few words of a progress line. */
    readonly short: string,
  ) {
    super(reason);
  }
}

const ROBOTS_UNREADABLE = (why: string) =>
  `robots.txt 无法读取，按 RFC 9309 不抓取该网站（可用 --ignore-robots）— the site's robots.txt could not be read (${why}): nothing is fetched from it, as RFC 9309 asks (--ignore-robots to override)`;
const ROBOTS_DISALLOWED = 'robots.txt 不允许抓取 — disallowed by the site’s robots.txt';

export interface FetcherOptions {
  delay: number;
  retries: number;
  /** Follow the sites' robots.txt (default); false with --ignore-robots. */
  robots: boolean;
  /** Hosts the crawl may visit: a redirect elsewhere is refused before it is requested. */
  allowedHost: (url: string) => boolean;
  onRequest?: (url: string) => void;
  signal?: AbortSignal;
  say: (line: string) => void;
  timer: Timer;
}

/**
 * One request at a time per host, `delay` apart (longer when the site's robots.txt asks for a
 * Crawl-delay); retries with backoff on 5xx and network errors; each site's robots.txt read once,
 * before anything else on it, and obeyed — for redirects too.
 */
export class PoliteFetcher {
  private last = new Map<string, number>();
  private hostDelay = new Map<string, number>();
  private robots = new Map<string, Promise<{ robots: Robots; unreadable?: string }>>();
  constructor(private opts: FetcherOptions) {}

  private async wait(host: string) {
    const delay = this.hostDelay.get(host) ?? this.opts.delay;
    const { now, sleep } = this.opts.timer;
    const last = this.last.get(host);
    if (last !== undefined && now() - last < delay) await sleep(delay - (now() - last));
    this.last.set(host, now());
  }

  /** Throws Refused when the crawl must not request `url`. */
  private async mayRequest(url: URL, redirected: boolean, robotsFile = false): Promise<void> {
    // A robots.txt that redirects is followed, to another host too (RFC 9309 §2.3.1.2), without
    // asking a robots.txt (it would wait on itself).
    if (robotsFile) return;
    if (redirected && !this.opts.allowedHost(url.href)) throw new Refused(`转到其他网站，未请求 — redirected to another site, not requested: ${url.href}`, '转到其他网站 — redirected to another site');
    if (!this.opts.robots) return;
    let known = this.robots.get(url.origin);
    if (!known) this.robots.set(url.origin, (known = this.readRobots(url)));
    const { robots, unreadable } = await known;
    if (unreadable) throw new Refused(unreadable, 'robots.txt 无法读取 — robots.txt unreadable');
    if (!robots.allows(url)) throw new Refused(ROBOTS_DISALLOWED, 'robots.txt 不允许 — disallowed by robots.txt');
  }

  private async readRobots(url: URL): Promise<{ robots: Robots; unreadable?: string }> {
    try {
      // Only the first 500 KiB are read (RFC 9309 §2.5); a longer file is cut there, not refused.
      const got = await this.request(robotsUrlOf(url), MAX_ROBOTS_BYTES, true);
      const robots = parseRobots(new TextDecoder().decode(got.bytes));
      if (robots.crawlDelay !== null && robots.crawlDelay * 1000 > this.opts.delay) {
        this.hostDelay.set(url.host, robots.crawlDelay * 1000);
        this.opts.say(`nianbao collect: ${url.host} 的 robots.txt 要求请求间隔 ${robots.crawlDelay} 秒 — ${url.host}'s robots.txt asks for ${robots.crawlDelay} s between requests\n`);
      }
      return { robots };
    } catch (err) {
      if (err instanceof Refused) return { robots: ALLOW_ALL, unreadable: ROBOTS_UNREADABLE(err.reason) };
      const status = err instanceof DownloadError ? err.status : null;
      // No robots.txt (404, 403…): everything is allowed. Unreachable (5xx, 429, network): nothing is.
      if (status !== null && status >= 400 && status < 500 && status !== 429) return { robots: ALLOW_ALL };
      if (status) return { robots: ALLOW_ALL, unreadable: ROBOTS_UNREADABLE(`HTTP ${status}`) };
      // No answer at all: the site is down or unknown, not only its robots.txt — say that.
      return { robots: ALLOW_ALL, unreadable: `网站无法访问 — the site could not be reached (${reasonOf(err).replace(/^无法下载 — could not download \((.*)\)$/, '$1')})` };
    }
  }

  /** `linkFrom`: the page the address was found on (a list page's link is not the user's address). */
  async get(url: string, maxBytes = MAX_BYTES, linkFrom?: string): Promise<Fetched> {
    await this.mayRequest(new URL(url), false);
    return this.request(url, maxBytes, false, linkFrom);
  }

  private async request(url: string, maxBytes: number, robotsFile = false, linkFrom?: string): Promise<Fetched> {
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      await this.wait(host);
      this.opts.onRequest?.(url);
      try {
        return await fetchCapped(url, { maxBytes, truncate: robotsFile, timeoutMs: TIMEOUT_MS, signal: this.opts.signal, linkFrom, beforeRedirect: (next) => this.mayRequest(next, true, robotsFile) });
      } catch (err) {
        if (err instanceof Refused) throw err;
        if (err instanceof AddressRefused) throw new Refused(err.reason, '转到内网地址 — to a private address');
        const status = err instanceof DownloadError ? err.status : null;
        const transient = status === null || status >= 500 || status === 429;
        if (!transient || attempt >= this.opts.retries || this.opts.signal?.aborted) throw err;
        // Backoff: the delay doubled each time (at least 200 ms), on top of the per-host pause.
        await this.opts.timer.sleep(Math.max(200, this.opts.delay) * 2 ** attempt);
      }
    }
  }
}

export const reasonOf = (err: unknown): string => {
  const e = err as { reason?: string; message?: string };
  return (e.reason ?? e.message ?? String(err)).split('\n')[0];
};
