/**
 * My collection, pure parts: the import of our own JSON export (validated report by report, a
 * preview of what it adds, replaces and skips, messages of bounded length), coverage (missing
 * years, late reports), and the export items (previous-year pairing, dismissals marked as the
 * panel marks them).
 */
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { toJson } from '../../core/export/json';
import { toLongCsv } from '../../core/export/csv';
import { T3_COLUMNS } from '../../core/model/keys';
import type { Report } from '../../core/model/schema';
import { issueKey } from '../../extension/app/state';
import { figures } from '../../extension/app/figures';
import { checkReport } from '../../core/check/index';
import { boundedList, summaryOf, type EntrySummary, type StoredReport } from '../../extension/lib/collection';
import { coverageCsv, coverageRows } from '../../extension/lib/collection-coverage';
import { collectionExportFile, collectionFileName, collectionItems, type CollectionExport, type CollectionItem } from '../../extension/lib/collection-export';
import { parseImport, previewImport } from '../../extension/lib/collection-import';
import { makeReport, valueAt, withCell, withMeta, withText } from '../support/report-builder';
import { entryOf } from '../support/collection-entry';

/** An export of items already loaded, as the downloaded file's text. */
async function collectionExport(kind: CollectionExport, items: readonly CollectionItem[]): Promise<string> {
  const bytes = new Uint8Array(await (await collectionExportFile(kind, [items])).blob.arrayBuffer());
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes); // a CSV keeps its BOM
}

beforeEach(() => fakeBrowser.reset());

const AGENCY = '示例市生态环境局';
const r2024 = makeReport('2021', { year: 2024, agency: AGENCY });
/** Last year's report, whose 结转下年度 agrees with 2024's 上年结转 except for one column. */
let r2023 = makeReport('2021', { year: 2023, agency: AGENCY });
for (const c of T3_COLUMNS) r2023 = withCell(r2023, 't3', 'carried_forward', c.key, valueAt(r2024, 't3', 'carried_over', c.key));
r2023 = withCell(r2023, 't3', 'carried_forward', 'natural_person', 9);

/** A summary as the database writes it (checked alone: these tests pair at export time). */
const entry = (report: Report, at?: string, origin?: string): EntrySummary => entryOf(report, { at, origin });
const loaded = (...reports: Report[]) => ({
  entries: reports.map((r) => entry(r)),
  map: new Map(reports.map((r) => [entry(r).id, r])),
});
const items = (reports: Report[], dismissals = {}, disabled: string[] = []) => {
  const { entries, map } = loaded(...reports);
  return collectionItems(entries, map, dismissals, disabled);
};

describe('import of a JSON file our export wrote', () => {
  it('a good file: every report becomes an entry, nothing skipped', () => {
    const text = toJson([{ report: r2023, issues: [] }, { report: r2024, issues: [] }]);
    const res = parseImport(text);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.skipped).toEqual([]);
    expect(res.entries.map((e) => e.report.meta.year)).toEqual([2023, 2024]);
    expect(res.entries[1].report).toEqual(r2024);
  });

  it('keeps the text and sections (the narrative rules need them)', () => {
    const withNarrative = withText(r2024, '本年共收到政府信息公开申请 42 件。');
    const res = parseImport(toJson([{ report: withNarrative, issues: [] }]));
    expect(res.ok && res.entries[0].report.text).toContain('42 件');
    expect(res.ok && res.entries[0].report.sections.length).toBe(r2024.sections.length);
  });

  it('malformed JSON: one error, no entries', () => {
    expect(parseImport('{"generator": "nianbao-lens", "reports": [')).toEqual({ ok: false, error: 'notJson' });
    expect(parseImport('')).toEqual({ ok: false, error: 'notJson' });
  });

  it('the wrong shape, or not our format: one error, no entries', () => {
    for (const doc of [[], null, 42, 'text', {}, { generator: 'someone-else', version: 1, reports: [] }, { generator: 'nianbao-lens', version: 2, reports: [] }, { generator: 'nianbao-lens', version: 1, reports: {} }, { generator: 'nianbao-lens', version: 1 }]) {
      expect(parseImport(JSON.stringify(doc)), JSON.stringify(doc)).toEqual({ ok: false, error: 'notOurs' });
    }
  });

  it('a mix: the valid reports are imported, each invalid one skipped with its position, name and reason', () => {
    const broken = { ...r2024, meta: { ...r2024.meta, agency: '某县人民政府', year: '2022' } };
    const noT3 = { ...withMeta(r2024, { agency: '某区人民政府', year: 2021 }), t3: undefined };
    const noAgency = withMeta(r2024, { agency: null });
    const doc = JSON.parse(toJson([{ report: r2023, issues: [] }]));
    doc.reports.push({ report: broken, issues: [] }, { report: noT3, issues: [] }, { report: noAgency, issues: [] }, 'not an item', { report: r2024, issues: [] });
    const res = parseImport(JSON.stringify(doc));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.entries.map((e) => e.report.meta.year)).toEqual([2023, 2024]);
    expect(res.skipped.map((s) => [s.n, s.name, s.reason])).toEqual([
      [2, '某县人民政府 2022', 'invalid'],
      [3, '某区人民政府 2021', 'invalid'],
      [4, '2024', 'noKey'],
      [5, '?', 'invalid'],
    ]);
    expect(res.skipped[0].detail).toMatch(/^meta\.year: /);
    expect(res.skipped[1].detail).toMatch(/^t3: /);
  });

  it('no more than one import takes; the rest is skipped as such', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ report: withMeta(r2024, { year: 2010 + i }), issues: [] }));
    const res = parseImport(toJson(many), 3);
    expect(res.ok && res.entries.length).toBe(3);
    expect(res.ok && res.skipped.map((s) => [s.n, s.reason])).toEqual([
      [4, 'full'],
      [5, 'full'],
    ]);
  });

  it('the preview says what is added and what is replaced, before anything is written; nothing kept is dropped', () => {
    const res = parseImport(toJson([{ report: r2023, issues: [] }, { report: r2024, issues: [] }, { report: withMeta(r2024, { agency: '某县人民政府' }), issues: [] }]));
    if (!res.ok) throw new Error('not ok');
    const idOf = (e: { report: Report }) => `${e.report.meta.agency}|${e.report.meta.year}`;
    const p = previewImport(res, idOf, new Set([`${AGENCY}|2023`, '别的局|2020']));
    expect(p.add).toEqual([`${AGENCY} 2024`, '某县人民政府 2024']);
    expect(p.replace).toEqual([`${AGENCY} 2023`]);
    expect(p.skipped).toEqual([]);
  });

  it('messages stay short: a 10,000-report file with every report broken names the first five, then a count', () => {
    const doc = { generator: 'nianbao-lens', version: 1, reports: Array.from({ length: 10_000 }, (_, i) => ({ report: { meta: { agency: `某某局${i}`, year: 2020 } }, issues: [] })) };
    const res = parseImport(JSON.stringify(doc));
    if (!res.ok) throw new Error('not ok');
    expect(res.skipped).toHaveLength(10_000);
    const text = boundedList(res.skipped.map((s) => `第 ${s.n} 份（${s.name}）：${s.detail}`), 5, '；', (n) => `……另有 ${n} 项`);
    expect(text.length).toBeLessThan(1000);
    expect(text).toMatch(/第 1 份（某某局0 2020）/);
    expect(text).toMatch(/另有 9995 项$/);
    expect(boundedList(['a', 'b'])).toBe('a、b');
  });
});

describe('coverage: agencies × years', () => {
  it('a missing year between the first and last report, a late one, the deadline per 条例第四十九条', () => {
    const gov = '示例县人民政府';
    const list = [
      entry(withMeta(r2024, { agency: gov, year: 2021, published: '2022-03-30' })),
      entry(withMeta(r2024, { agency: gov, year: 2023, published: '2024-04-10' })),
      entry(withMeta(r2024, { year: 2024, published: '2025-02-05' })),
    ];
    const rows = coverageRows(list);
    expect(rows.map((r) => [r.agency, r.year, r.status, r.daysLate, r.deadline])).toEqual([
      [gov, 2021, 'published', null, '2022-03-31'],
      [gov, 2022, 'missing', null, '2023-03-31'],
      [gov, 2023, 'published', 10, '2024-03-31'],
      [AGENCY, 2024, 'published', 5, '2025-01-31'],
    ]);
    // The matrix finds each row's entry and its web address again.
    expect(rows[0]).toMatchObject({ id: list[0].id, source: list[0].url, agencyKey: list[0].agencyKey });
    expect(rows[1]).toMatchObject({ id: null, source: null, agencyKey: list[0].agencyKey });
    const csv = coverageCsv(rows);
    expect(csv.split(/\r?\n/)[0].replace(/^\ufeff/, '')).toBe('agency,year,status,published,deadline,days_late,format,errors,warnings,copied,source');
    expect(csv).toContain(`${gov},2022,missing,,2023-03-31,`);
    expect(csv).toContain(`${gov},2023,published,2024-04-10,2024-03-31,10,`);
  });

  it('dismissed issues and rules switched off are not counted', () => {
    const e = entry(withCell(r2024, 't3', 'granted', 'total', 999_999));
    const [row] = coverageRows([e]);
    expect(row.errors).toBeGreaterThan(0);
    const keys = e.issues.filter(([, sev]) => sev === 'error').map(([, , key]) => key);
    const dismissed = { [`${e.origin}${e.path}|${e.agency}|${e.year}`]: Object.fromEntries(keys.map((k) => [k, { note: '', at: '' }])) };
    expect(coverageRows([e], dismissed)[0].errors).toBe(0);
    expect(coverageRows([e], {}, e.issues.map(([rule]) => rule))[0].errors).toBe(0);
  });
});

describe('collection → export items', () => {
  it('each report is checked against the same agency’s previous year when the collection has it', () => {
    const alone = items([r2024]);
    expect(alone[0].issues.some((i) => i.rule === 'cross-year.carry-over')).toBe(false);

    const both = items([r2024, r2023]);
    const carry = both[0].issues.filter((i) => i.rule === 'cross-year.carry-over');
    expect(carry.map((i) => i.column)).toContain('natural_person');
    expect(both[0].errors).toBe(both[0].issues.filter((i) => i.severity === 'error').length);
    expect(both[0].errors).toBeGreaterThan(0);
    // 2023 has no 2022 in the collection; another agency's 2023 is not paired either.
    expect(both[1].issues.some((i) => i.rule.startsWith('cross-year.'))).toBe(false);
    const other = items([withMeta(r2023, { agency: '沭阳县发展和改革局' }), r2024]);
    expect(other.find((it) => it.report.meta.year === 2024)!.issues.some((i) => i.rule === 'cross-year.carry-over')).toBe(false);
  });

  it('rules switched off in the options are not run', () => {
    expect(items([r2023, r2024], {}, ['cross-year.carry-over']).flatMap((it) => it.issues).some((i) => i.rule === 'cross-year.carry-over')).toBe(false);
  });

  it('dismissed issues stay in the export, marked with the note as the panel marks them, and are not counted', () => {
    const [first] = items([r2023, r2024]).filter((it) => it.report.meta.year === 2024);
    const target = first.issues.find((i) => i.rule === 'cross-year.carry-over')!;
    const dismissals = { [`https://www.example.gov.cn/2024.html|${AGENCY}|2024`]: { [issueKey(target)]: { note: '已向该局核实', at: '2025-01-03T00:00:00.000Z' } } };
    const [after] = items([r2023, r2024], dismissals).filter((it) => it.report.meta.year === 2024);
    expect(after.issues.length).toBe(first.issues.length);
    const marked = after.issues.find((i) => issueKey(i) === issueKey(target))!;
    expect(marked.message).toBe(`【已忽略：已向该局核实】${target.message}`);
    expect(marked.messageEn).toBe(`[dismissed: 已向该局核实] ${target.messageEn}`);
    expect(after.errors).toBe(first.errors - 1);
  });

  it('exports the selection with the core’s functions, under collection file names', async () => {
    const list = items([r2023, r2024]);
    expect(await collectionExport('csv', list)).toBe(toLongCsv(list.map((it) => ({ report: it.report, issues: it.issues }))));
    const json = JSON.parse((await collectionExport('json', list)) as string);
    expect(json).toMatchObject({ generator: 'nianbao-lens', version: 1 });
    expect(json.reports).toHaveLength(2);
    // What we export, we import back.
    const back = parseImport(JSON.stringify(json));
    expect(back.ok && back.entries.length).toBe(2);
    expect(collectionFileName('csv', 2)).toBe('nianbao-collection-2-reports.csv');
    expect(collectionFileName('csv-wide', 2)).toBe('nianbao-collection-2-reports-wide.csv');
    expect(collectionFileName('issues-csv', 2)).toBe('nianbao-collection-2-reports-issues.csv');
    expect(collectionFileName('coverage-csv', 2)).toBe('nianbao-collection-2-reports-coverage.csv');
    expect(collectionFileName('xlsx', 1)).toBe('nianbao-collection-1-reports.xlsx');
  });

  it('a report that does not load (damaged) is left out, not a crash', () => {
    const { entries, map } = loaded(r2023, r2024);
    map.set(entries[0].id, null as unknown as Report);
    expect(collectionItems(entries, map, {}, []).map((it) => it.report.meta.year)).toEqual([2024]);
  });
});
