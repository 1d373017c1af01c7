/**
 * My collection: the import of our own JSON export (validated report by report) and the
 * collection's export items (previous-year pairing, dismissals marked as the panel marks them).
 */
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { toJson } from '../../core/export/json';
import { toLongCsv } from '../../core/export/csv';
import { T3_COLUMNS } from '../../core/model/keys';
import type { Report } from '../../core/model/schema';
import { issueKey } from '../../extension/app/state';
import { collectionExport, collectionFileName, collectionItems, parseImport } from '../../extension/lib/collection';
import { forget, rememberedItem, rememberMany, type RememberedReport } from '../../extension/lib/storage';
import { makeReport, valueAt, withCell, withMeta, withText } from '../support/report-builder';

beforeEach(() => fakeBrowser.reset());

const AGENCY = '示例市生态环境局';
const r2024 = makeReport('2021', { year: 2024, agency: AGENCY });
/** Last year's report, whose 结转下年度 agrees with 2024's 上年结转 except for one column. */
let r2023 = makeReport('2021', { year: 2023, agency: AGENCY });
for (const c of T3_COLUMNS) r2023 = withCell(r2023, 't3', 'carried_forward', c.key, valueAt(r2024, 't3', 'carried_over', c.key));
r2023 = withCell(r2023, 't3', 'carried_forward', 'natural_person', 9);

const entry = (report: Report, at = '2025-01-01T00:00:00.000Z'): RememberedReport => ({
  key: `${report.meta.agency}|${report.meta.year}`,
  source: report.meta.source,
  at,
  report,
});
const byKey = (...entries: RememberedReport[]) => Object.fromEntries(entries.map((e) => [e.key, e]));

describe('import of a JSON file our export wrote', () => {
  it('a good file: every report becomes an entry keyed agency|year, nothing skipped', () => {
    const text = toJson([{ report: r2023, issues: [] }, { report: r2024, issues: [] }]);
    const res = parseImport(text, 60, '2025-02-02T00:00:00.000Z');
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.skipped).toEqual([]);
    expect(res.entries.map((e) => e.key)).toEqual([`${AGENCY}|2023`, `${AGENCY}|2024`]);
    expect(res.entries[1]).toMatchObject({ at: '2025-02-02T00:00:00.000Z', report: r2024 });
  });

  it('keeps the text and sections (the narrative rules need them)', () => {
    const withNarrative = withText(r2024, '本年共收到政府信息公开申请 42 件。');
    const res = parseImport(toJson([{ report: withNarrative, issues: [] }]), 60);
    expect(res.ok && (res.entries[0].report as Report).text).toContain('42 件');
    expect(res.ok && (res.entries[0].report as Report).sections.length).toBe(r2024.sections.length);
  });

  it('malformed JSON: one error, no entries', () => {
    expect(parseImport('{"generator": "nianbao-lens", "reports": [', 60)).toEqual({ ok: false, error: 'notJson' });
    expect(parseImport('', 60)).toEqual({ ok: false, error: 'notJson' });
  });

  it('the wrong shape, or not our format: one error, no entries', () => {
    for (const doc of [[], null, 42, 'text', {}, { generator: 'someone-else', version: 1, reports: [] }, { generator: 'nianbao-lens', version: 2, reports: [] }, { generator: 'nianbao-lens', version: 1, reports: {} }, { generator: 'nianbao-lens', version: 1 }]) {
      expect(parseImport(JSON.stringify(doc), 60), JSON.stringify(doc)).toEqual({ ok: false, error: 'notOurs' });
    }
  });

  it('a mix: the valid reports are imported, each invalid one skipped with its position, name and reason', () => {
    const broken = { ...r2024, meta: { ...r2024.meta, agency: '某县人民政府', year: '2022' } };
    const noT3 = { ...withMeta(r2024, { agency: '某区人民政府', year: 2021 }), t3: undefined };
    const noAgency = withMeta(r2024, { agency: null });
    const doc = JSON.parse(toJson([{ report: r2023, issues: [] }]));
    doc.reports.push({ report: broken, issues: [] }, { report: noT3, issues: [] }, { report: noAgency, issues: [] }, 'not an item', { report: r2024, issues: [] });
    const res = parseImport(JSON.stringify(doc), 60);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.entries.map((e) => e.key)).toEqual([`${AGENCY}|2023`, `${AGENCY}|2024`]);
    expect(res.skipped.map((s) => [s.n, s.name, s.reason])).toEqual([
      [2, '某县人民政府 2022', 'invalid'],
      [3, '某区人民政府 2021', 'invalid'],
      [4, '2024', 'noKey'],
      [5, '?', 'invalid'],
    ]);
    expect(res.skipped[0].detail).toMatch(/^meta\.year: /);
    expect(res.skipped[1].detail).toMatch(/^t3: /);
  });

  it('no more than the collection holds', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ report: withMeta(r2024, { year: 2010 + i }), issues: [] }));
    const res = parseImport(toJson(many), 3);
    expect(res.ok && res.entries.length).toBe(3);
    expect(res.ok && res.skipped.map((s) => [s.n, s.reason])).toEqual([
      [4, 'full'],
      [5, 'full'],
    ]);
  });
});

describe('collection → export items', () => {
  it('each report is checked against the same agency’s previous year when the collection has it', () => {
    const alone = collectionItems(byKey(entry(r2024)), {}, []);
    expect(alone[0].issues.some((i) => i.rule === 'cross-year.carry-over')).toBe(false);

    const both = collectionItems(byKey(entry(r2023, '2025-01-01T00:00:00.000Z'), entry(r2024, '2025-01-02T00:00:00.000Z')), {}, []);
    expect(both.map((it) => it.report.meta.year)).toEqual([2024, 2023]); // newest first
    const carry = both[0].issues.filter((i) => i.rule === 'cross-year.carry-over');
    expect(carry.map((i) => i.column)).toContain('natural_person');
    expect(both[0].errors).toBe(both[0].issues.filter((i) => i.severity === 'error').length);
    expect(both[0].errors).toBeGreaterThan(0);
    // 2023 has no 2022 in the collection; another agency's 2023 is not paired either.
    expect(both[1].issues.some((i) => i.rule.startsWith('cross-year.'))).toBe(false);
    const other = collectionItems(byKey(entry(withMeta(r2023, { agency: '沭阳县发展和改革局' })), entry(r2024)), {}, []);
    expect(other.find((it) => it.report.meta.year === 2024)!.issues.some((i) => i.rule === 'cross-year.carry-over')).toBe(false);
  });

  it('rules switched off in the options are not run', () => {
    const items = collectionItems(byKey(entry(r2023), entry(r2024)), {}, ['cross-year.carry-over']);
    expect(items.flatMap((it) => it.issues).some((i) => i.rule === 'cross-year.carry-over')).toBe(false);
  });

  it('dismissed issues stay in the export, marked with the note as the panel marks them, and are not counted', () => {
    const [first] = collectionItems(byKey(entry(r2023), entry(r2024)), {}, []).filter((it) => it.report.meta.year === 2024);
    const target = first.issues.find((i) => i.rule === 'cross-year.carry-over')!;
    const dismissals = { [`${AGENCY}|2024`]: { [issueKey(target)]: { note: '已向该局核实', at: '2025-01-03T00:00:00.000Z' } } };
    const [after] = collectionItems(byKey(entry(r2023), entry(r2024)), dismissals, []).filter((it) => it.report.meta.year === 2024);
    expect(after.issues.length).toBe(first.issues.length);
    const marked = after.issues.find((i) => issueKey(i) === issueKey(target))!;
    expect(marked.message).toBe(`【已忽略：已向该局核实】${target.message}`);
    expect(marked.messageEn).toBe(`[dismissed: 已向该局核实] ${target.messageEn}`);
    expect(after.errors).toBe(first.errors - 1);
  });

  it('exports the selection with the core’s functions, under collection file names', async () => {
    const items = collectionItems(byKey(entry(r2023), entry(r2024)), {}, []);
    expect(await collectionExport('csv', items)).toBe(toLongCsv(items.map((it) => ({ report: it.report, issues: it.issues }))));
    const json = JSON.parse((await collectionExport('json', items)) as string);
    expect(json).toMatchObject({ generator: 'nianbao-lens', version: 1 });
    expect(json.reports).toHaveLength(2);
    // What we export, we import back.
    const back = parseImport(JSON.stringify(json), 60);
    expect(back.ok && back.entries.length).toBe(2);
    expect(collectionFileName('csv', 2)).toBe('nianbao-collection-2-reports.csv');
    expect(collectionFileName('csv-wide', 2)).toBe('nianbao-collection-2-reports-wide.csv');
    expect(collectionFileName('issues-csv', 2)).toBe('nianbao-collection-2-reports-issues.csv');
    expect(collectionFileName('xlsx', 1)).toBe('nianbao-collection-1-reports.xlsx');
  });
});

describe('collection storage', () => {
  it('adds several at once (replacing the same key) and removes one', async () => {
    await rememberMany([entry(r2023), entry(r2024)]);
    await rememberMany([entry(r2024, '2025-03-01T00:00:00.000Z')]);
    expect(Object.keys(await rememberedItem.getValue()).sort()).toEqual([`${AGENCY}|2023`, `${AGENCY}|2024`]);
    expect((await rememberedItem.getValue())[`${AGENCY}|2024`].at).toBe('2025-03-01T00:00:00.000Z');
    await forget(`${AGENCY}|2023`);
    expect(Object.keys(await rememberedItem.getValue())).toEqual([`${AGENCY}|2024`]);
  });
});
