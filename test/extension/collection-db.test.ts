/**
 * The collection in IndexedDB (fake-indexeddb): entries keyed by origin + path + agency + year, a
 * page on another site can neither replace nor evict a collected report, pages are rate-limited,
 * the old `local:reports` layout is read back whole after the update, a malformed stored row is
 * shown as bad, the narrative is capped, quota errors come back as such.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { T3_COLUMNS } from '../../core/model/keys';
import type { Report } from '../../core/model/schema';
import { checkReport } from '../../core/check/index';
import {
  closeCollectionDb,
  deleteEntries,
  DB_NAME,
  ensureMigrated,
  listSummaries,
  loadItems,
  loadReports,
  migrateLegacy,
  openCollectionDb,
  previousReport,
  putReports,
  RATE_LIMIT,
  resetMigration,
  reportShape,
} from '../../extension/lib/collection-db';
import { NARRATIVE_CAP } from '../../extension/lib/collection';
import { coverageRows } from '../../extension/lib/collection-coverage';
import { rememberedItem, type RememberedReport } from '../../extension/lib/storage';
import { makeReport, valueAt, withCell, withMeta, withText } from '../support/report-builder';

beforeEach(() => {
  fakeBrowser.reset();
  closeCollectionDb();
  resetMigration();
  globalThis.indexedDB = new IDBFactory();
});

const AGENCY = '示例市生态环境局';
const r2024 = withMeta(makeReport('2021', { year: 2024, agency: AGENCY }), { published: '2025-01-20' });
let r2023 = withMeta(makeReport('2021', { year: 2023, agency: AGENCY }), { published: '2024-01-15' });
for (const c of T3_COLUMNS) r2023 = withCell(r2023, 't3', 'carried_forward', c.key, valueAt(r2024, 't3', 'carried_over', c.key));
r2023 = withCell(r2023, 't3', 'carried_forward', 'natural_person', 9);
const REAL = 'https://sthjj.example.gov.cn/zwgk/ndbg/2023.html';
const FAKE = 'https://copy.other.gov.cn/a/2023.html';

describe('keys: where the report came from, plus agency and year', () => {
  it('one entry per origin + path + agency + year; the same page read again replaces its own entry', async () => {
    const [a] = await putReports([{ report: r2023, url: REAL, via: 'collect' }]);
    expect(a).toMatchObject({ ok: true, replaced: false });
    expect(a.ok && a.id).toBe(`https://sthjj.example.gov.cn/zwgk/ndbg/2023.html|示例市生态环境局|2023`);
    const [b] = await putReports([{ report: withText(r2023, '新的正文'), url: `${REAL}#top`, via: 'page' }]);
    expect(b).toMatchObject({ ok: true, replaced: true });
    const { entries } = await listSummaries();
    expect(entries).toHaveLength(1);
    // The same address, read in the browser: the entry is what the user read there (issue 20 G).
    expect(entries[0].via).toBe('page');
  });

  it('a page on another site claiming the same agency and year gets its own entry: the collected one is neither replaced nor used for pairing', async () => {
    await putReports([{ report: r2023, url: REAL, via: 'collect' }]);
    const forged = withCell(r2023, 't3', 'carried_forward', 'natural_person', valueAt(r2024, 't3', 'carried_over', 'natural_person'));
    await putReports([{ report: forged, url: FAKE, via: 'page' }]);
    const { entries } = await listSummaries();
    expect(entries.map((e) => e.origin).sort()).toEqual(['https://copy.other.gov.cn', 'https://sthjj.example.gov.cn']);
    const kept = (await loadReports([entries.find((e) => e.origin === 'https://sthjj.example.gov.cn')!.id])).values().next().value as Report;
    expect(valueAt(kept, 't3', 'carried_forward', 'natural_person')).toBe(9);
    // Last year's report for the 2024 report on the agency's site is still the collected one: the cross-year error stays.
    const prev = await previousReport(AGENCY, 2024, 'https://sthjj.example.gov.cn');
    expect(prev?.source).toBe(REAL);
    expect(valueAt(prev!.report, 't3', 'carried_forward', 'natural_person')).toBe(9);
    // And the coverage counts one report for 2023, with one other claim noted.
    await putReports([{ report: r2024, url: 'https://sthjj.example.gov.cn/zwgk/ndbg/2024.html', via: 'collect' }]);
    const rows = coverageRows((await listSummaries()).entries);
    expect(rows.find((r) => r.year === 2023)).toMatchObject({ source: REAL, others: 1 });
    expect(rows.find((r) => r.year === 2024)!.errors).toBeGreaterThan(0);
  });

  it('even a forged page read first does not win over the report the user collects later', async () => {
    await putReports([{ report: r2023, url: FAKE, via: 'page' }]);
    await putReports([{ report: r2023, url: REAL, via: 'collect' }]);
    expect((await previousReport(AGENCY, 2024, 'https://sthjj.example.gov.cn'))?.source).toBe(REAL);
    // …and it names where its numbers came from.
    expect((await previousReport(AGENCY, 2024, 'https://sthjj.example.gov.cn'))?.from).toMatchObject({ via: 'collect', host: 'sthjj.example.gov.cn', file: null });
  });

  it('what the user read on the agency’s site outranks a list collection and an import claiming it from elsewhere (issue 20 G)', async () => {
    await putReports([{ report: r2023, url: REAL, via: 'page' }]);
    const planted = withCell(r2023, 't3', 'carried_forward', 'natural_person', 1);
    await putReports([{ report: planted, url: 'https://list.other.gov.cn/ndbg/x.html', via: 'collect' }]);
    await putReports([{ report: planted, url: 'https://sthjj.example.gov.cn/zwgk/ndbg/other.html', via: 'import', file: 'forged.json' }]);
    for (const home of ['https://sthjj.example.gov.cn', null]) {
      const prev = await previousReport(AGENCY, 2024, home);
      expect(prev?.source).toBe(REAL);
      expect(prev?.from.via).toBe('page');
    }
    const rows = coverageRows((await listSummaries()).entries);
    expect(rows.find((r) => r.year === 2023)).toMatchObject({ source: REAL, others: 2 });
  });

  it('agency names printed differently are one agency', async () => {
    await putReports([{ report: withMeta(r2023, { agency: '示例市 生态环境局（区政府办公室编制）' }), url: REAL, via: 'collect' }]);
    expect((await previousReport(AGENCY, 2024))?.source).toBe(REAL);
  });
});

describe('no page can evict or flood the collection', () => {
  it(`a site's pages add at most ${RATE_LIMIT} new entries an hour; nothing kept is evicted; other sites and the user are not limited`, async () => {
    await putReports([{ report: r2023, url: REAL, via: 'collect' }]);
    const flood = Array.from({ length: 61 }, (_, i) => ({ report: withMeta(r2024, { agency: `伪造机关${i}局` }), url: `https://evil.example.gov.cn/p.html`, via: 'page' as const }));
    const res = await putReports(flood, new Date('2025-03-01T10:00:00Z'));
    expect(res.filter((r) => r.ok)).toHaveLength(RATE_LIMIT);
    expect(res.filter((r) => !r.ok && r.reason === 'rate')).toHaveLength(61 - RATE_LIMIT);
    const { entries } = await listSummaries();
    expect(entries.some((e) => e.url === REAL)).toBe(true);
    expect(entries).toHaveLength(RATE_LIMIT + 1);
    // The same page updating its own entries is not a new entry; an hour later the site may add again.
    expect((await putReports([flood[0]], new Date('2025-03-01T10:30:00Z')))[0].ok).toBe(true);
    expect((await putReports([flood[RATE_LIMIT]], new Date('2025-03-01T10:30:00Z')))[0]).toMatchObject({ ok: false, reason: 'rate' });
    expect((await putReports([flood[RATE_LIMIT]], new Date('2025-03-01T11:00:01Z')))[0].ok).toBe(true);
    // Another site, and the user's own collect, are not limited by it.
    expect((await putReports([{ report: r2024, url: 'https://other.example.gov.cn/x.html', via: 'page' }], new Date('2025-03-01T10:30:00Z')))[0].ok).toBe(true);
    const many = Array.from({ length: 30 }, (_, i) => ({ report: withMeta(r2024, { year: 1990 + i }), url: `https://evil.example.gov.cn/r${i}.html`, via: 'collect' as const }));
    expect((await putReports(many, new Date('2025-03-01T10:30:00Z'))).every((r) => r.ok)).toBe(true);
  });
});

describe('what is kept', () => {
  it(`the narrative is capped at ${NARRATIVE_CAP} characters (and says so); tables and agency/year stay whole`, async () => {
    const huge = withText(r2024, '本机关认真贯彻落实条例。'.repeat(400_000));
    await putReports([{ report: huge, url: REAL, via: 'page' }]);
    const { entries } = await listSummaries();
    expect(entries[0].truncated).toBe(true);
    const kept = [...(await loadReports([entries[0].id])).values()][0]!;
    expect(kept.text.length).toBe(NARRATIVE_CAP);
    expect(kept.sections.reduce((n, s) => n + s.text.length, 0)).toBeLessThanOrEqual(NARRATIVE_CAP);
    expect(kept.t3).toEqual(huge.t3);
  });

  it('the issues found when a report is kept are kept with it (an export of a thousand does not check them again)', async () => {
    const [a, b] = await putReports([{ report: r2023, url: REAL, via: 'collect' }, { report: r2024, url: 'https://sthjj.example.gov.cn/2024.html', via: 'collect' }]);
    const loaded = await loadItems([a.ok ? a.id : '', b.ok ? b.id : '']);
    const l2024 = loaded.get(b.ok ? b.id : '')!;
    expect(l2024.issues).toEqual(checkReport(r2024, { previous: r2023 }));
    expect(l2024.issues!.some((i) => i.rule === 'cross-year.carry-over')).toBe(true);
  });

  it('a report without agency or year is not kept', async () => {
    expect(await putReports([{ report: withMeta(r2024, { agency: null }), url: REAL, via: 'page' }])).toEqual([{ ok: false, reason: 'noKey' }]);
  });

  it('removing an entry checks the next year again (its cross-year issues go)', async () => {
    const [a] = await putReports([{ report: r2023, url: REAL, via: 'collect' }, { report: r2024, url: 'https://sthjj.example.gov.cn/2024.html', via: 'collect' }]);
    const before = (await listSummaries()).entries.find((e) => e.year === 2024)!;
    expect(before.issues.some(([rule]) => rule === 'cross-year.carry-over')).toBe(true);
    await deleteEntries([a.ok ? a.id : '']);
    const after = (await listSummaries()).entries;
    expect(after).toHaveLength(1);
    expect(after[0].issues.some(([rule]) => rule.startsWith('cross-year.'))).toBe(false);
  });
});

describe('migration from the old layout (local:reports, "agency|year" → report)', () => {
  const legacy = (report: Report, source: string | null, at: string): RememberedReport => ({ key: `${report.meta.agency}|${report.meta.year}`, source, at, report });

  it('a collection stored in the old layout is read back whole after the update, paired as before', async () => {
    const old: Record<string, RememberedReport> = {};
    const reports = [r2023, r2024, ...Array.from({ length: 58 }, (_, i) => withMeta(r2024, { agency: `某县第${i}局`, year: 2000 + (i % 20) }))];
    reports.forEach((r, i) => {
      const e = legacy(r, i % 3 === 0 ? null : `https://www${i}.example.gov.cn/ndbg/${i}.html`, new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString());
      old[e.key] = e;
    });
    await rememberedItem.setValue(old);
    expect(await migrateLegacy()).toEqual({ moved: 60, bad: 0 });
    const { entries, bad } = await listSummaries();
    expect(bad).toEqual([]);
    expect(entries).toHaveLength(60);
    expect(new Set(entries.map((e) => `${e.agency}|${e.year}`))).toEqual(new Set(Object.keys(old)));
    for (const e of entries) expect(e.via).toBe('migrated');
    const back = await loadReports(entries.map((e) => e.id));
    for (const e of entries) expect(back.get(e.id)).toEqual(old[`${e.agency}|${e.year}`].report);
    // The kept time stays the time it was read.
    expect(entries.find((e) => e.agency === AGENCY && e.year === 2023)!.at).toBe(old[`${AGENCY}|2023`].at);
    expect((await previousReport(AGENCY, 2024))?.report).toEqual(r2023);
    // Once only: a second run changes nothing, even if the old item is still there.
    expect(await migrateLegacy()).toEqual({ moved: 0, bad: 0 });
    expect((await listSummaries()).entries).toHaveLength(60);
  });

  it('a malformed old entry becomes a bad entry shown as such; the others move', async () => {
    await rememberedItem.setValue({
      [`${AGENCY}|2024`]: legacy(r2024, null, '2025-01-01T00:00:00.000Z'),
      '坏的|2020': { key: '坏的|2020', source: null, at: 'x', report: { meta: { agency: '坏的' } } } as RememberedReport,
      'null|null': null as unknown as RememberedReport,
    });
    await ensureMigrated();
    const { entries, bad } = await listSummaries();
    expect(entries.map((e) => e.year)).toEqual([2024]);
    expect(bad.map((b) => b.id).sort()).toEqual(['migrated:/null|null', 'migrated:/坏的|2020']);
  });
});

describe('stored rows are read as untrusted', () => {
  it('one malformed stored summary is listed as bad; every other entry still reads', async () => {
    await putReports([{ report: r2023, url: REAL, via: 'collect' }, { report: r2024, url: 'https://sthjj.example.gov.cn/2024.html', via: 'collect' }]);
    const db = await openCollectionDb();
    await new Promise<void>((ok) => {
      const tx = db.transaction('summaries', 'readwrite');
      tx.objectStore('summaries').put({ id: 'x|broken', agency: null, year: '2020' });
      tx.objectStore('summaries').put({ id: 'y|broken', agency: '某局', year: 2020, issues: [['a', 'fatal', 1]] });
      tx.oncomplete = () => ok();
    });
    const { entries, bad } = await listSummaries();
    expect(entries).toHaveLength(2);
    expect(bad.map((b) => b.id).sort()).toEqual(['x|broken', 'y|broken']);
    await deleteEntries(['x|broken']);
    expect((await listSummaries()).bad).toHaveLength(1);
  });

  it('a malformed stored report loads as null (an export leaves it out), not as a crash', async () => {
    const [a] = await putReports([{ report: r2024, url: REAL, via: 'collect' }]);
    const db = await openCollectionDb();
    const id = a.ok ? a.id : '';
    await new Promise<void>((ok) => {
      const tx = db.transaction('reports', 'readwrite');
      tx.objectStore('reports').put({ id, report: { meta: 42 } });
      tx.oncomplete = () => ok();
    });
    expect((await loadReports([id])).get(id)).toBeNull();
  });

  it('a row this build validated and stamped is read back as written; a row of another build (or none) is parsed again', async () => {
    const [a] = await putReports([{ report: r2024, url: REAL, via: 'collect' }]);
    const id = a.ok ? a.id : '';
    const db = await openCollectionDb();
    const row = await new Promise<Record<string, unknown>>((ok) => {
      const r = db.transaction('reports').objectStore('reports').get(id);
      r.onsuccess = () => ok(r.result);
    });
    expect(row.shape).toBe(reportShape());
    expect(reportShape()).toMatch(/^[0-9a-z]+\.[0-9a-z]+$/);
    expect((await loadReports([id])).get(id)?.meta.agency).toBe(r2024.meta.agency);
    const put = (r: Record<string, unknown>) =>
      new Promise<void>((ok) => {
        const tx = db.transaction('reports', 'readwrite');
        tx.objectStore('reports').put(r);
        tx.oncomplete = () => ok();
      });
    // An older build's row (no stamp) that still fits the schema reads; one stamped by another build that does not, does not.
    await put({ ...row, shape: undefined });
    expect((await loadReports([id])).get(id)?.meta.year).toBe(r2024.meta.year);
    await put({ ...row, shape: 'other.build', report: { meta: 42 } });
    expect((await loadReports([id])).get(id)).toBeNull();
  });

  it('a report that does not fit the schema is not kept, whoever hands it over', async () => {
    const [a] = await putReports([{ report: { ...r2024, t2: 'not a table' } as unknown as Report, url: REAL, via: 'collect' }]);
    expect(a).toMatchObject({ ok: false, reason: 'failed' });
  });
});

describe('quota', () => {
  it('a full disk comes back as reason "quota", nothing half-kept', async () => {
    const db = await openCollectionDb();
    const original = db.transaction.bind(db);
    (db as { transaction: typeof db.transaction }).transaction = ((names: string | string[], mode?: IDBTransactionMode) => {
      const tx = original(names, mode);
      if (mode === 'readwrite') {
        const store = tx.objectStore.bind(tx);
        tx.objectStore = (n: string) => {
          const s = store(n);
          s.put = () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          };
          return s;
        };
      }
      return tx;
    }) as typeof db.transaction;
    const res = await putReports([{ report: r2024, url: REAL, via: 'import' }]);
    expect(res).toEqual([{ ok: false, reason: 'quota', error: expect.stringMatching(/quota/i) }]);
    (db as { transaction: typeof db.transaction }).transaction = original;
    expect((await listSummaries()).entries).toEqual([]);
    expect(DB_NAME).toBe('nianbao-collection');
  });
});
