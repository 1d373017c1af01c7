/**
 * The long table as Parquet: read back with hyparquet (an independent reader) and with DuckDB (what
 * journalists query it with), typed, with the gold values.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetReadObjects, parquetSchema, parquetMetadata } from 'hyparquet';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { PARQUET_COLUMNS, toLongParquet } from '../core/export/parquet';
import { corpusReports, hasCorpus } from './support/corpus';
import { runCli } from './support/cli';
import { makeReport, withCell, blankCell } from './support/report-builder';
import { testDir } from './support/test-dir';

const arrayBuffer = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe('Parquet long table', () => {
  it('has the long columns, typed, a row per cell; a blank cell reads as null', async () => {
    const report = withCell(makeReport('2021', { agency: '示例县=局' }), 't3', 'granted', 'research', blankCell());
    const file = arrayBuffer(toLongParquet([report, makeReport('2019')]));
    const schema = parquetSchema(parquetMetadata(file));
    expect(schema.children.map((c) => c.element.name)).toEqual([...PARQUET_COLUMNS]);
    const types = Object.fromEntries(schema.children.map((c) => [c.element.name, c.element.type]));
    expect(types).toMatchObject({ year: 'INT32', value: 'DOUBLE', agency: 'BYTE_ARRAY', raw: 'BYTE_ARRAY' });
    const rows = await parquetReadObjects({ file });
    const blank = rows.find((r) => r.table === 't3' && r.row === 'granted' && r.column === 'research' && r.format === '2021');
    expect(blank).toMatchObject({ value: null, raw: '', agency: '示例县=局', year: 2023 });
    const granted = rows.find((r) => r.table === 't3' && r.row === 'granted' && r.column === 'total' && r.format === '2019');
    expect(typeof granted!.value).toBe('number');
    expect(new Set(rows.map((r) => r.format))).toEqual(new Set(['2021', '2019']));
  });

  it.skipIf(!hasCorpus)('nianbao export --format parquet: the corpus reads back with its gold values', async () => {
    const entries = corpusReports().slice(0, 3);
    const dir = testDir('nianbao-parquet-');
    const out = join(dir, 'long.parquet');
    const r = await runCli('export', ...entries.map((e) => e.path), '--format', 'parquet', '--out', out);
    expect(r.code).toBe(0);
    const rows = await parquetReadObjects({ file: arrayBuffer(new Uint8Array(await readFile(out))) });
    for (const e of entries) {
      const mine = rows.filter((row) => row.source && String(row.source).endsWith(e.name));
      expect(mine.length, e.name).toBeGreaterThan(0);
      const byKey = new Map(mine.map((row) => [`${row.table}.${row.row}.${row.column}`, row.value]));
      let compared = 0;
      for (const g of e.gold) {
        if (g.value === '' || !byKey.has(`${g.table}.${g.row}.${g.column}`)) continue;
        expect(byKey.get(`${g.table}.${g.row}.${g.column}`), `${e.name} ${g.table}.${g.row}.${g.column}`).toBe(Number(g.value));
        compared++;
      }
      expect(compared, e.name).toBeGreaterThan(20);
    }
  });

  it.skipIf(!hasCorpus)('DuckDB reads the file: typed columns, the gold values, one row per cell', async () => {
    const entries = corpusReports().slice(0, 2);
    const dir = testDir('nianbao-duckdb-');
    const out = join(dir, 'long.parquet');
    expect((await runCli('export', ...entries.map((e) => e.path), '--format', 'parquet', '--out', out)).code).toBe(0);
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      const types = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${out}')`)).getRowObjects();
      expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({ year: 'INTEGER', value: 'DOUBLE', agency: 'VARCHAR', table: 'VARCHAR' });
      for (const e of entries) {
        const rows = (
          await connection.runAndReadAll(`SELECT "table", "row", "column", value FROM read_parquet('${out}') WHERE source LIKE '%' || $name`, { name: e.name })
        ).getRowObjects();
        const byKey = new Map(rows.map((r) => [`${r.table}.${r.row}.${r.column}`, r.value]));
        expect(byKey.size, `${e.name}: one row per cell`).toBe(rows.length);
        const gold = e.gold.filter((g) => g.value !== '' && byKey.has(`${g.table}.${g.row}.${g.column}`));
        expect(gold.length, e.name).toBeGreaterThan(20);
        for (const g of gold) expect(byKey.get(`${g.table}.${g.row}.${g.column}`), `${e.name} ${g.table}.${g.row}.${g.column}`).toBe(Number(g.value));
      }
    } finally {
      connection.closeSync();
      db.closeSync();
    }
  });

  it('binary: refused on a terminal without --out', async () => {
    const r = await runCli('export', 'samples/demo-2023.html', '--format', 'parquet');
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/Parquet 是二进制文件/);
  });
});
