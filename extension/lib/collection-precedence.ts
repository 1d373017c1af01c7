/**
 * Which kept entry counts when several claim one agency and year (issue 20 G).
 *
 * 1. One kept on the agency's own site: for pairing, the site of the report being checked (a
 *    2024 report read on X's site is checked against the 2023 report kept from X's site); for the
 *    collection page, the site that holds most of the agency's entries.
 * 2. Then what the user read in the browser, at the address the browser reported, over one kept
 *    before this database, over one collected from a portal's list or imported from a file.
 * 3. Then the earliest kept.
 *
 * So a list page the user collects from, or a file the user imports, never puts numbers in place
 * of a report the user read, and a page on another host claiming an agency never replaces the
 * agency's own report — it is one more claim beside it (shown as +1 in the matrix).
 */
import type { Via } from './collection';

export const VIA_RANK: Record<Via, number> = { page: 0, migrated: 1, collect: 2, import: 2 };

interface Ranked {
  via: Via;
  origin: string;
  created: string;
  id: string;
}

/** Does `a` count before `b`, `home` being the agency's own site? */
export function outranks(a: Ranked, b: Ranked, home: string | null = null): boolean {
  const ha = a.origin === home ? 0 : 1;
  const hb = b.origin === home ? 0 : 1;
  if (ha !== hb) return ha < hb;
  const ra = VIA_RANK[a.via];
  const rb = VIA_RANK[b.via];
  return ra < rb || (ra === rb && (a.created < b.created || (a.created === b.created && a.id < b.id)));
}

/** The entry that counts among claims to one agency and year (null for none). */
export function primaryOf<T extends Ranked>(entries: readonly T[], home: string | null = null): T | null {
  let best: T | null = null;
  for (const e of entries) if (!best || outranks(e, best, home)) best = e;
  return best;
}

/** The agency's own site, as its entries tell: the web origin holding most of them (a tie: the one with a report the user read, then by name). */
export function homeOrigin(entries: readonly Pick<Ranked, 'origin' | 'via'>[]): string | null {
  const n = new Map<string, { count: number; read: boolean }>();
  for (const e of entries) {
    if (!/^https?:/.test(e.origin)) continue;
    const c = n.get(e.origin) ?? { count: 0, read: false };
    c.count++;
    c.read ||= e.via === 'page';
    n.set(e.origin, c);
  }
  let best: string | null = null;
  for (const [origin, c] of n) {
    const b = best ? n.get(best)! : null;
    if (!b || c.count > b.count || (c.count === b.count && (Number(c.read) > Number(b.read) || (c.read === b.read && origin < best!)))) best = origin;
  }
  return best;
}

type Keyed = Ranked & { agencyKey: string; year: number };

/** The claims of each agency and year (key "agencyKey|year") and each agency's own site. */
export function claimsOf<T extends Keyed>(entries: readonly T[]): { claims: Map<string, T[]>; homes: Map<string, string | null> } {
  const claims = new Map<string, T[]>();
  const byAgency = new Map<string, T[]>();
  for (const e of entries) {
    const k = `${e.agencyKey}|${e.year}`;
    claims.set(k, [...(claims.get(k) ?? []), e]);
    const list = byAgency.get(e.agencyKey);
    if (list) list.push(e);
    else byAgency.set(e.agencyKey, [e]);
  }
  const homes = new Map<string, string | null>();
  for (const [k, list] of byAgency) homes.set(k, homeOrigin(list));
  return { claims, homes };
}

/** The entry that counts for each agency and year (key "agencyKey|year"), on the collection page. */
export function primaryEntries<T extends Keyed>(entries: readonly T[]): Map<string, T> {
  const { claims, homes } = claimsOf(entries);
  const best = new Map<string, T>();
  for (const [k, list] of claims) best.set(k, primaryOf(list, homes.get(list[0].agencyKey) ?? null)!);
  return best;
}

/** Last year's entry an entry is checked against: the primary claim of the year before, its own site first. */
export function previousEntryOf<T extends Keyed>(entry: Keyed, claims: ReadonlyMap<string, readonly T[]>): T | null {
  return primaryOf(claims.get(`${entry.agencyKey}|${entry.year - 1}`) ?? [], entry.origin);
}

/**
 * How an entry stands after it is kept again under the same id: a read of the same address keeps
 * the stronger standing (a collect of a page the user read stays "read"); an import replaces only
 * by the user's explicit choice, and then the entry is what it now holds — imported.
 */
export function viaAfterPut(old: Via | undefined, input: Via): Via {
  if (input === 'import' || !old) return input;
  return VIA_RANK[old] < VIA_RANK[input] ? old : input;
}
