/**
 * Exports of the real corpus (../shared/corpus, read in place, never copied): the long CSV of each
 * report is exactly its gold cell set, and the wide CSV of the whole corpus carries the same values.
 * These depend on the parsers: a report a parser cannot read yet fails here.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { LONG_COLUMNS, WIDE_META_COLUMNS, toLongCsv, toWideCsv, type ExportItem } from '../core/export/index';
import { cellKeys } from '../core/model/keys';
import { readReportFile } from '../core/node/read';
import { corpusReports, hasCorpus } from './support/corpus';

const rows = (csv: string) => Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
/** Values compared as numbers ("18651.06" = "18651.060"), blanks as blanks. */
const norm = (v: string) => (v === '' ? '' : String(Number(v)));

const entries = corpusReports();

describe.skipIf(!hasCorpus)('long CSV of the corpus', () => {
  it.each(entries.map((e) => [e.name, e] as const))('%s equals its gold cells', async (_name, entry) => {
    const report = await readReportFile(entry.path);
    const lines = rows(toLongCsv([{ report, issues: [] }]));
    expect(lines[0]).toEqual([...LONG_COLUMNS]);
    const got = lines.slice(1).map((l) => `${l[4]}.${l[5]}.${l[6]}=${norm(l[7])}`);
    const want = entry.gold.map((g) => `${g.table}.${g.row}.${g.column}=${norm(g.value)}`);
    expect([...got].sort()).toEqual([...want].sort());
    // In official order, every line about this report.
    const order = cellKeys(report.meta.format!).map((k) => `${k.table}.${k.row}.${k.column}`);
    const ids = lines.slice(1).map((l) => `${l[4]}.${l[5]}.${l[6]}`);
    expect(ids).toEqual(order.filter((id) => ids.includes(id)));
    expect(new Set(lines.slice(1).map((l) => l.slice(0, 4).join('|'))).size).toBe(1);
    expect(lines[1].slice(1, 4)).toEqual([entry.meta.agency, String(entry.meta.year), entry.meta.format]);
  });
});

describe.skipIf(!hasCorpus)('wide CSV of the whole corpus', () => {
  it('has one line per report, with the values of its long lines', async () => {
    const items: ExportItem[] = [];
    for (const e of entries) items.push({ report: await readReportFile(e.path), issues: [] });
    const wide = rows(toWideCsv(items));
    expect(wide).toHaveLength(entries.length + 1);
    const header = wide[0];
    expect(header.slice(0, WIDE_META_COLUMNS.length)).toEqual([...WIDE_META_COLUMNS]);
    items.forEach((item, i) => {
      const line = wide[i + 1];
      expect(line[0]).toBe(item.report.meta.source);
      const long = rows(toLongCsv([item])).slice(1);
      const fromLong = new Map(long.map((l) => [`${l[4]}.${l[5]}.${l[6]}`, l[7]]));
      const fromWide = new Map<string, string>(header.map((h, c): [string, string] => [h, line[c]]).filter(([h, v]) => /^t[234]\./.test(h) && v !== ''));
      // Every long value is in the wide line, and every non-blank wide value is a long line.
      for (const [id, v] of fromLong) expect([id, line[header.indexOf(id)]]).toEqual([id, v]);
      for (const [id, v] of fromWide) expect([id, fromLong.get(id)]).toEqual([id, v]);
      // …and both match the gold.
      const gold = entries[i].gold.filter((g) => g.value !== '');
      for (const g of gold) expect(norm(line[header.indexOf(`${g.table}.${g.row}.${g.column}`)])).toBe(norm(g.value));
    });
  });
});
