/**
 * Downloads with limits (Node only): every byte counted after decompression (a gzip bomb stops at
 * the cap like an endless response), one time limit for headers and body together, redirects
 * followed by hand — only to http(s), at most five. Every failure is a DownloadError whose reason
 * is one bilingual line starting "无法下载 — could not download".
 */
import { readFileSync } from 'node:fs';
import type { Agent, fetch } from 'undici';
import { hostKind, PRIVATE_HOP, PrivateAddressError, socketLookup, type AddressKind } from './address';
import { InputError } from './input-error';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_REDIRECTS = 5;

let cachedVersion: string | null = null;

/** This package's version, from the nearest package.json named nianbao-lens above this module. */
export function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'nianbao-lens' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // no package.json here: look one level up
    }
    dir = new URL('..', dir);
  }
  return (cachedVersion = '0.0.0');
}

/** The User-Agent of every request we make: the tool's name and version. */
export function userAgent(): string {
  return `nianbao-lens/${packageVersion()} (+https://github.com/nianbao-lens)`;
}

export interface FetchCappedOptions {
  /** Bytes of the (decompressed) body at most; default 50 MB. */
  maxBytes?: number;
  /** A longer body is cut at maxBytes and returned (else it is refused as too large). */
  truncate?: boolean;
  /** Time for the whole download, redirects and body included; default 30 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Asked before a redirect is followed; throwing refuses it, and fetchCapped throws that error
   * as it is — the redirected address is never requested (a crawl that keeps to its sites).
   */
  beforeRedirect?: (next: URL) => void | Promise<void>;
  /**
   * The page this address was found on, when it is a link and not an address the user typed: the
   * first request is then held to the same rule as a redirect (no public → private).
   */
  linkFrom?: string;
}

/**
 * Refuses a hop from a public address to a private one (loopback, private, link-local,
 * metadata), checked after DNS before the hop is requested. The user's own first address may be
 * anything.
 */
async function checkHop(from: URL, to: URL, fromKind: AddressKind | null, url: string, status: number | null): Promise<{ from: AddressKind; to: AddressKind }> {
  const [a, b] = await Promise.all([fromKind ?? hostKind(from), hostKind(to)]);
  if (a === 'public' && b === 'private') throw new AddressRefused(url, PRIVATE_HOP(to), status);
  return { from: a, to: b };
}

/**
 * undici, loaded on the first download: a batch of files never downloads, and loading undici was
 * a tenth of each export worker thread's time.
 */
let undiciOnce: Promise<typeof import('undici')> | null = null;
const undici = () => (undiciOnce ??= import('undici'));

const agents: { any?: Agent; publicOnly?: Agent } = {};
/** The connection pool of a request: `publicOnly` for hops led to from a public address. */
const agentFor = (AgentClass: typeof Agent, publicOnly: boolean) => (agents[publicOnly ? 'publicOnly' : 'any'] ??= new AgentClass({ connect: { lookup: socketLookup(publicOnly) } }));

const refusedAtConnect = (err: unknown) => {
  for (let e = err as { cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as { cause?: unknown } | undefined, depth++) if (e instanceof PrivateAddressError) return true;
  return false;
};

export interface Fetched {
  bytes: Uint8Array;
  /** The content-type header, lower-cased ('' when none). */
  contentType: string;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
}

/** A download that failed: HTTP status (when there was a response), else a network reason. */
export class DownloadError extends InputError {
  constructor(
    url: string,
    why: string,
    readonly status: number | null = null,
  ) {
    super(url, `无法下载 — could not download (${why})`, 'download');
  }
}

/** A hop refused for where it leads (public → private): not a failure to retry. */
export class AddressRefused extends DownloadError {}

const mb = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`);

function networkReason(err: unknown, timedOut: boolean): string {
  if (timedOut) return 'timed out';
  const e = err as { name?: string; cause?: { code?: string; message?: string }; code?: string; message?: string };
  if (e?.name === 'AbortError') return 'aborted';
  return String(e?.cause?.code ?? e?.code ?? e?.cause?.message ?? e?.message ?? 'network error').split('\n')[0];
}

/**
 * GET a URL with a byte cap and a time limit. Resolves only for a 2xx response read in full;
 * throws DownloadError otherwise (network error, HTTP error, too large, timed out, bad redirect).
 */
export async function fetchCapped(url: string, opts: FetchCappedOptions = {}): Promise<Fetched> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const headers = { 'user-agent': userAgent(), 'accept-encoding': 'gzip, deflate, br', ...opts.headers };
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new DownloadError(url, 'not a URL');
  }
  if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new DownloadError(url, `not http(s): ${current.protocol}`);
  let currentKind: AddressKind | null = null;
  // Reached from a public address (a redirect, or a link on a public page): the connection itself
  // may only go to a public address, whatever DNS answers by then.
  let mustBePublic = false;
  if (opts.linkFrom) {
    const hop = await checkHop(new URL(opts.linkFrom), current, null, url, null);
    currentKind = hop.to;
    mustBePublic = hop.from === 'public';
  }

  const { Agent: AgentClass, fetch } = await undici();
  for (let hop = 0; ; hop++) {
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(current, { redirect: 'manual', signal, headers, dispatcher: agentFor(AgentClass, mustBePublic) });
    } catch (err) {
      if (refusedAtConnect(err)) throw new AddressRefused(url, PRIVATE_HOP(current), null);
      throw new DownloadError(url, networkReason(err, timeout.aborted));
    }
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      await res.body?.cancel().catch(() => {});
      const location = res.headers.get('location');
      if (!location) throw new DownloadError(url, `HTTP ${res.status} without a Location`, res.status);
      if (hop >= MAX_REDIRECTS) throw new DownloadError(url, `more than ${MAX_REDIRECTS} redirects`, res.status);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new DownloadError(url, `bad redirect: ${location.slice(0, 80)}`, res.status);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new DownloadError(url, `redirect to ${next.protocol} refused`, res.status);
      const checked = await checkHop(current, next, currentKind, url, res.status);
      currentKind = checked.to;
      mustBePublic = checked.from === 'public';
      await opts.beforeRedirect?.(next);
      current = next;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new DownloadError(url, `HTTP ${res.status}`, res.status);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    const encoded = (res.headers.get('content-encoding') ?? '').trim() !== '';
    if (!encoded && Number.isFinite(declared) && declared > maxBytes && !opts.truncate) {
      await res.body?.cancel().catch(() => {});
      throw new DownloadError(url, `larger than ${mb(maxBytes)}`, res.status);
    }
    const bytes = await readCapped(res, url, maxBytes, timeout, opts.truncate ?? false);
    return { bytes, contentType: (res.headers.get('content-type') ?? '').toLowerCase(), finalUrl: current.href, status: res.status };
  }
}

/** The body, decompressed, stopping as soon as it passes maxBytes. */
async function readCapped(res: Awaited<ReturnType<typeof fetch>>, url: string, maxBytes: number, timeout: AbortSignal, truncate: boolean): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (total + value.byteLength > maxBytes) {
        await reader.cancel().catch(() => {});
        if (!truncate) throw new DownloadError(url, `larger than ${mb(maxBytes)}`, res.status);
        chunks.push(value.subarray(0, maxBytes - total));
        total = maxBytes;
        break;
      }
      total += value.byteLength;
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw new DownloadError(url, networkReason(err, timeout.aborted), res.status);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
