/**
 * Where an address leads, after DNS: a public address, or one of the machine's or network's own
 * (loopback, private, link-local, the cloud metadata service, unspecified). An address the user
 * typed is the user's to choose; a redirect or a link found in a page is not — it may not lead
 * from a public address to a private one (issue 20, E).
 */
import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export type AddressKind = 'public' | 'private';

/** IPv4 ranges that are not the public internet: [first octets, prefix length]. */
const PRIVATE_V4: Array<[number[], number]> = [
  [[0], 8], // "this network", 0.0.0.0
  [[10], 8],
  [[100, 64], 10], // carrier-grade NAT
  [[127], 8],
  [[169, 254], 16], // link-local, 169.254.169.254 metadata
  [[172, 16], 12],
  [[192, 0, 0], 24],
  [[192, 168], 16],
  [[198, 18], 15],
  [[224], 4], // multicast
  [[240], 4],
];

function v4Private(ip: string): boolean {
  const n = ip.split('.').map(Number);
  const value = ((n[0] << 24) >>> 0) + (n[1] << 16) + (n[2] << 8) + n[3];
  return PRIVATE_V4.some(([octets, bits]) => {
    const base = octets.concat([0, 0, 0, 0]).slice(0, 4);
    const start = ((base[0] << 24) >>> 0) + (base[1] << 16) + (base[2] << 8) + base[3];
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === (start & mask) >>> 0;
  });
}

function v6Private(ip: string): boolean {
  const a = ip.toLowerCase().replace(/^\[|\]$/g, '');
  if (a === '::' || a === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return v4Private(mapped[1]);
  // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast, fd00:ec2::254 metadata.
  return /^f[cd]/.test(a) || /^fe[89ab]/.test(a) || /^fe[c-f]/.test(a) || /^ff/.test(a);
}

/**
 * Tests only: addresses to treat as public (a test's servers all listen on loopback), and a
 * resolver standing in for DNS (a name that answers differently each time: DNS rebinding).
 */
export const addressTestHooks: { publicAddresses: Set<string>; resolve: ((host: string) => LookupAddress[]) | null } = {
  publicAddresses: new Set<string>(),
  resolve: null,
};

async function resolveAll(host: string): Promise<LookupAddress[]> {
  return addressTestHooks.resolve ? addressTestHooks.resolve(host) : lookup(host, { all: true });
}

/** The kind of one IP address. */
export function addressKind(ip: string): AddressKind {
  if (addressTestHooks.publicAddresses.has(ip)) return 'public';
  const family = isIP(ip.replace(/^\[|\]$/g, ''));
  if (family === 4) return v4Private(ip) ? 'private' : 'public';
  if (family === 6) return v6Private(ip) ? 'private' : 'public';
  return 'private';
}

/** Host names that are the machine itself or the metadata service whatever DNS says. */
const LOCAL_NAMES = /^(?:localhost|.*\.localhost|metadata\.google\.internal|.*\.internal|.*\.local)$/i;

/** A name's kind given what DNS answered: private when it is a local name or any address is private (a name that resolves to both is not trusted). */
function namedKind(host: string, addresses: readonly { address: string }[]): AddressKind {
  return LOCAL_NAMES.test(host) || addresses.some((a) => addressKind(a.address) === 'private') ? 'private' : 'public';
}

/**
 * The kind of a URL's host (see namedKind); a name that does not resolve counts as public (the
 * request then fails on its own).
 */
export async function hostKind(url: URL): Promise<AddressKind> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return addressKind(host);
  if (LOCAL_NAMES.test(host)) return 'private';
  try {
    return namedKind(host, await resolveAll(host));
  } catch {
    return 'public';
  }
}

/** The line a refused hop gets. */
export const PRIVATE_HOP = (url: URL) => `从公网地址转到内网地址，未请求 — from a public address to a private one (${url.host}), not requested`;

/** The error a connection gets when its own DNS answer is private (see socketLookup). */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
  constructor(readonly host: string) {
    super(`${host} resolves to a private address`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for sockets. `publicOnly`: the socket may only reach public addresses, and the
 * connection's own DNS answer is checked — a name that answered "public" to hostKind and
 * "private" a moment later (DNS rebinding) is refused at connect time, with no window between the
 * check and the request. (The test resolver, when set, answers for both kinds.)
 */
export function socketLookup(publicOnly: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const answer = (addresses: LookupAddress[]) => {
      if (publicOnly && namedKind(hostname, addresses) === 'private') {
        callback(new PrivateAddressError(hostname), options.all ? [] : '', 4);
      } else if (addresses.length === 0) {
        callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), options.all ? [] : '', 4);
      } else if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    };
    if (addressTestHooks.resolve) answer(addressTestHooks.resolve(hostname));
    else lookupCallback(hostname, { ...options, all: true }, (err, addresses) => (err ? callback(err, options.all ? [] : '', 4) : answer(addresses)));
  };
}
