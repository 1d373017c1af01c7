/**
 * robots.txt (RFC 9309), for collecting a portal politely: the rules of the group that names our
 * product token (`nianbao-lens`, or `nianbao`), else of `*`; the longest matching rule decides,
 * Allow winning a tie; `*` and a final `$` in patterns; paths compared percent-encoded. The
 * non-standard Crawl-delay is read too: a site that asks for a slower crawl gets it.
 * Browser-safe: the CLI and the extension's collector share it.
 */

/** RFC 9309 §2.5: at least the first 500 KiB are parsed; the rest is ignored. */
export const MAX_ROBOTS_BYTES = 500 * 1024;
/** The product token our User-Agent starts with. */
export const ROBOTS_AGENT = 'nianbao-lens';
/** Rules longer than this are ignored (a path rule of 2,000 characters is already absurd). */
export const MAX_RULE_CHARS = 2_000;
/** A Crawl-delay above this is taken as this (a report list of 100 links stays under 2 hours). */
export const MAX_CRAWL_DELAY_S = 60;

export interface Robots {
  /** Whether a URL (or a path with its query) may be fetched. */
  allows(url: string | URL): boolean;
  /** The Crawl-delay asked of us in seconds (capped at MAX_CRAWL_DELAY_S), null when none. */
  crawlDelay: number | null;
}

interface Rule {
  allow: boolean;
  /** The pattern, percent-encoded as a path is. */
  pattern: string;
}

/** Everything may be fetched: no robots.txt (4xx), or an empty one. */
export const ALLOW_ALL: Robots = { allows: () => true, crawlDelay: null };
/** Nothing may be fetched: the site's robots.txt could not be read (5xx or network error, RFC 9309 §2.3.1.4). */
export const DISALLOW_ALL: Robots = { allows: () => false, crawlDelay: null };

/** A path's octets in one form: non-ASCII and unsafe characters percent-encoded, existing escapes upper-cased. */
function normalisePath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // a malformed escape stays as it is
  }
  return encodeURI(decoded).replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

/**
 * Whether a path matches a rule's pattern: a prefix match, `*` for any run of characters, a final
 * `$` for the end of the path. The literal pieces between the stars are found left to right with
 * indexOf (leftmost is always right for `*`-only patterns): no backtracking, so no hostile pattern
 * can make one call cost more than a few scans of the path per piece.
 */
export function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const parts = (anchored ? pattern.slice(0, -1) : pattern).split('*');
  if (!path.startsWith(parts[0])) return false;
  let at = parts[0].length;
  if (parts.length === 1) return !anchored || path.length === at;
  const last = parts.length - 1;
  for (let k = 1; k < last; k++) {
    const piece = parts[k];
    if (piece === '') continue;
    const found = path.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  const tail = parts[last];
  if (!anchored) return tail === '' || path.indexOf(tail, at) >= 0;
  return path.length - tail.length >= at && path.endsWith(tail);
}

function agentMatches(token: string, agent: string): boolean {
  // "nianbao-lens" and "nianbao" both name us; matching is case-insensitive (RFC 9309 §2.2.1).
  return token === agent || (token.length >= 4 && agent.startsWith(token));
}

/** The rules for `agent` in a robots.txt text. */
export function parseRobots(text: string, agent: string = ROBOTS_AGENT): Robots {
  const groups: { agents: string[]; rules: Rule[]; delay: number | null }[] = [];
  let current: (typeof groups)[number] | null = null;
  let lastWasAgent = false;
  for (const raw of text.slice(0, MAX_ROBOTS_BYTES).split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [], delay: null }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue; // rules before any User-agent line belong to no group
    if (key === 'allow' || key === 'disallow') {
      if (value === '') continue; // "Disallow:" with nothing allows everything
      if (value.length > MAX_RULE_CHARS) continue; // no real rule is this long; a hostile one is dropped
      const pattern = normalisePath(value);
      current.rules.push({ allow: key === 'allow', pattern });
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.delay = Math.min(n, MAX_CRAWL_DELAY_S);
    }
  }
  const me = agent.toLowerCase();
  let chosen = groups.filter((g) => g.agents.some((a) => a !== '*' && agentMatches(a, me)));
  if (chosen.length === 0) chosen = groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.delay).filter((d): d is number => d !== null);
  const crawlDelay = delays.length ? Math.max(...delays) : null;
  if (rules.length === 0) return { allows: () => true, crawlDelay };
  return {
    crawlDelay,
    allows(url) {
      let path: string;
      if (typeof url === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(url)) path = url;
      else {
        const u = typeof url === 'string' ? new URL(url) : url;
        path = u.pathname + u.search;
      }
      path = normalisePath(path || '/');
      if (path === '/robots.txt') return true; // RFC 9309 §2.2.2: always allowed
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!patternMatches(rule.pattern, path)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}

/** Where a URL's robots.txt is: its origin's /robots.txt. */
export function robotsUrlOf(url: string | URL): string {
  return new URL('/robots.txt', url).href;
}
