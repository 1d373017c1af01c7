/**
 * The collection's export read a batch at a time (collectionBatches) and written as the batches
 * come (collectionExportFile): the same items, in the same order, paired with the same previous
 * years as collectionItems over the whole selection; each report read once; the files the same as
 * the core's writers make of all the items at once.
 */
import ExcelJS from 'exceljs';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { toJson } from '../../core/export/json';
import { toLongCsv } from '../../core/export/csv';
import { toXlsx } from '../../core/export/xlsx';
import { collectionBatches, collectionExportFile, collectionItems, type CollectionItem, type Loaded } from '../../extension/lib/collection-export';
import { makeReport } from '../support/report-builder';
import { entryOf } from '../support/collection-entry';

beforeEach(() => fakeBrowser.reset());

/** Three agencies × four years, listed as the page lists them (agency, then the newest year first); one report damaged. */
const reports = ['甲局', '乙局', '丙局'].flatMap((agency) => [2024, 2023, 2022, 2021].map((year) => makeReport('2021', { year, agency })));
const entries = reports.map((r) => entryOf(r, { path: `/${r.meta.agency}/${r.meta.year}.html` }));
const stored = new Map<string, Loaded | null>(entries.map((e, i) => [e.id, { report: reports[i], issues: null }]));
stored.set(entries[5].id, null);

async function batchesOf(size: number, reads: string[]): Promise<CollectionItem[][]> {
  const out: CollectionItem[][] = [];
  const load = async (ids: readonly string[]) => (reads.push(...ids), new Map(ids.map((id) => [id, stored.get(id) ?? null])));
  for await (const b of collectionBatches(entries, entries, {}, [], load, size)) out.push(b);
  return out;
}

describe('collection export, a batch at a time', () => {
  it('the same items as the whole selection at once, each report read once', async () => {
    const whole = collectionItems(entries, stored, {}, []);
    expect(whole).toHaveLength(11);
    expect(whole.some((it) => it.previous)).toBe(true);
    for (const size of [1, 5, 50]) {
      const reads: string[] = [];
      const batches = await batchesOf(size, reads);
      expect(batches).toHaveLength(Math.ceil(entries.length / size));
      expect(batches.flat()).toEqual(whole);
      expect(new Set(reads).size).toBe(reads.length);
    }
  });

  it('the files are what the core writes of all the items at once', async () => {
    const whole = collectionItems(entries, stored, {}, []);
    const text = async (blob: Blob) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
    const json = await collectionExportFile('json', await batchesOf(5, []));
    expect(json.count).toBe(11);
    expect(await text(json.blob)).toBe(toJson(whole.map((it) => ({ report: it.report, issues: it.issues, collected: { origin: it.entry.origin, via: it.entry.via, at: it.entry.at } }))));
    // A report read from a page's attachment names that file in its record.
    const attached = { ...whole[0], entry: { ...whole[0].entry, attachment: 'https://www.example.gov.cn/files/2024.docx' } };
    const one = JSON.parse(await text((await collectionExportFile('json', [[attached]])).blob));
    expect(one.reports[0].collected).toEqual({ origin: attached.entry.origin, via: attached.entry.via, at: attached.entry.at, attachment: 'https://www.example.gov.cn/files/2024.docx' });
    expect(await text((await collectionExportFile('csv', await batchesOf(5, []))).blob)).toBe(toLongCsv(whole));

    const read = async (bytes: ArrayBuffer | Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes as ArrayBuffer) as unknown as ArrayBuffer);
      return wb.worksheets.map((ws) => ws.getSheetValues());
    };
    const xlsx = await collectionExportFile('xlsx', await batchesOf(5, []));
    expect(await read(await xlsx.blob.arrayBuffer())).toEqual(await read(await toXlsx(whole.map((it) => ({ report: it.report, issues: it.issues, previous: it.previous })))));
  });
});
