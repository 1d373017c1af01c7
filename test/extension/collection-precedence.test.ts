/**
 * Issue 20 G, the pure parts: which kept entry counts when several claim one agency and year
 * (collection-precedence.ts), and what an import holds back for the user's explicit choice
 * (collection-import.ts) — a report whose recorded site is not its address's, or one that would
 * replace a report the user read at that address.
 */
import { describe, expect, it } from 'vitest';
import { toJson } from '../../core/export/json';
import type { Via } from '../../extension/lib/collection';
import { homeOrigin, outranks, previousEntryOf, primaryEntries, primaryOf, claimsOf, viaAfterPut } from '../../extension/lib/collection-precedence';
import { parseImport, previewImport } from '../../extension/lib/collection-import';
import { makeReport, withMeta } from '../support/report-builder';

const OWN = 'https://sthjj.example.gov.cn';
const LIST = 'https://list.other.gov.cn';
const PROBE = 'https://probe.other.gov.cn';

let n = 0;
const entry = (origin: string, via: Via, year = 2023, created = `2026-01-0${++n % 9 || 1}T00:00:00Z`) => ({ id: `${origin}/${year}/${via}/${n}`, origin, via, created, agencyKey: 'sthjj', year });

describe('which entry counts (issue 20 G)', () => {
  it('what the user read outranks what was kept before, a list collection and an import — whatever came first', () => {
    const read = entry(OWN, 'page', 2023, '2026-03-01T00:00:00Z');
    const collected = entry(LIST, 'collect', 2023, '2026-01-01T00:00:00Z');
    const imported = entry(OWN, 'import', 2023, '2026-01-01T00:00:00Z');
    const migrated = entry(OWN, 'migrated', 2023, '2026-01-01T00:00:00Z');
    expect(primaryOf([collected, imported, migrated, read])).toBe(read);
    expect(primaryOf([collected, imported, migrated])).toBe(migrated);
    // Same standing: the earliest kept.
    expect(primaryOf([entry(LIST, 'collect', 2023, '2026-02-01T00:00:00Z'), collected])).toBe(collected);
    expect(outranks(read, collected)).toBe(true);
    expect(outranks(collected, read)).toBe(false);
  });

  it('a list the user collects from does not plant another agency’s report over the one read on the agency’s site, for pairing or in the matrix', () => {
    const read = entry(OWN, 'page');
    const planted = entry(LIST, 'collect');
    const thisYear = entry(OWN, 'page', 2024);
    const { claims } = claimsOf([read, planted, thisYear]);
    expect(previousEntryOf(thisYear, claims)).toBe(read);
    expect(primaryEntries([planted, read, thisYear]).get('sthjj|2023')).toBe(read);
  });

  it('a page on another host claiming the agency never replaces the agency’s own report, read or collected there', () => {
    const collected = entry(OWN, 'collect', 2023, '2026-05-01T00:00:00Z');
    const forged = entry(PROBE, 'page', 2023, '2026-01-01T00:00:00Z');
    const own2024 = entry(OWN, 'collect', 2024);
    // Pairing the 2024 report read on the agency's site: its own site's 2023 first.
    expect(previousEntryOf(own2024, claimsOf([forged, collected, own2024]).claims)).toBe(collected);
    // The matrix: the site holding most of the agency's reports is its own.
    expect(homeOrigin([forged, collected, own2024])).toBe(OWN);
    expect(primaryEntries([forged, collected, own2024]).get('sthjj|2023')).toBe(collected);
  });

  it('kept again under the same address: a read keeps its standing; an import (the user’s explicit choice) is an import', () => {
    expect(viaAfterPut('page', 'collect')).toBe('page');
    expect(viaAfterPut('collect', 'page')).toBe('page');
    expect(viaAfterPut('page', 'import')).toBe('import');
    expect(viaAfterPut(undefined, 'collect')).toBe('collect');
  });
});

describe('an import holds back what does not agree (issue 20 G)', () => {
  const AGENCY = '示例市生态环境局';
  const REAL = `${OWN}/zwgk/ndbg/2023.html`;
  const r2023 = withMeta(makeReport('2021', { year: 2023, agency: AGENCY }), { source: REAL });
  const r2022 = withMeta(makeReport('2021', { year: 2022, agency: AGENCY }), { source: `${OWN}/zwgk/ndbg/2022.html` });
  const r2021 = withMeta(makeReport('2021', { year: 2021, agency: AGENCY }), { source: `${OWN}/zwgk/ndbg/2021.html` });
  const idOf = (e: { report: { meta: { source: string | null; year: number | null } } }) => `${e.report.meta.source}|${e.report.meta.year}`;

  it('names each report’s site and collection day; a forged site or a replaced read report is held, the rest added or replaced', () => {
    const text = toJson([
      // Written by the collection: its site and day agree with its address.
      { report: r2021, issues: [], collected: { origin: OWN, via: 'collect', at: '2025-02-01T08:00:00.000Z' } },
      // A forged file: the report claims the agency's address, its record names another site.
      { report: r2022, issues: [], collected: { origin: 'https://attacker.gov.cn', via: 'page', at: '2025-02-02T08:00:00.000Z' } },
      // Would replace the report the user read at that very address.
      { report: r2023, issues: [] },
    ]);
    const res = parseImport(text);
    if (!res.ok) throw new Error('not ok');
    const kept = new Map<string, Via>([[`${REAL}|2023`, 'page']]);
    const p = previewImport(res, idOf, kept);
    expect(p.rows.map((r) => [r.name, r.origin, r.at, r.action, r.hold ?? null])).toEqual([
      [`${AGENCY} 2021`, OWN, '2025-02-01T08:00:00.000Z', 'add', null],
      [`${AGENCY} 2022`, OWN, '2025-02-02T08:00:00.000Z', 'hold', 'originMismatch'],
      [`${AGENCY} 2023`, OWN, null, 'hold', 'replacesRead'],
    ]);
    expect(p.held).toEqual([`${AGENCY} 2022`, `${AGENCY} 2023`]);
    expect(p.add).toEqual([`${AGENCY} 2021`]);
    // A collected (not read) entry at that address is replaced as before.
    expect(previewImport(res, idOf, new Map<string, Via>([[`${REAL}|2023`, 'collect']])).rows[2]).toMatchObject({ action: 'replace' });
  });

  it('the attached file a report was read from comes back with it — a web address only', () => {
    const at = '2025-02-01T08:00:00.000Z';
    const text = toJson([
      { report: r2021, issues: [], collected: { origin: OWN, via: 'collect', at, attachment: `${OWN}/files/2021.docx` } },
      { report: r2022, issues: [], collected: { origin: OWN, via: 'collect', at, attachment: 'javascript:alert(1)' } },
    ]);
    const res = parseImport(text);
    if (!res.ok) throw new Error('not ok');
    expect(res.entries.map((e) => e.collected.attachment)).toEqual([`${OWN}/files/2021.docx`, null]);
  });

  it('a file’s record that is not a string, too long or not a date reads as unknown', () => {
    const doc = JSON.parse(toJson([{ report: r2021, issues: [] }]));
    doc.reports[0].collected = { origin: 'x'.repeat(400), at: 'yesterday' };
    const res = parseImport(JSON.stringify(doc));
    if (!res.ok) throw new Error('not ok');
    expect(res.entries[0].collected).toEqual({ origin: null, at: null, attachment: null });
    expect(previewImport(res, idOf, new Map()).rows[0]).toMatchObject({ action: 'add', at: null });
  });
});
