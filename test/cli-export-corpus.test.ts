/**
 * Issue 2's check, literally: `nianbao export <file…> --format csv` — the real CLI on the real
 * corpus files — gives, for every report, exactly the gold key's (table,row,column,value) set.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { corpusReports, hasCorpus } from './support/corpus';

const BIN = join(import.meta.dirname, '..', 'bin', 'nianbao.mjs');
const entries = corpusReports();
const norm = (v: string) => (v === '' ? '' : String(Number(v)));

describe.skipIf(!hasCorpus)('nianbao export --format csv on every corpus report', () => {
  const csv = hasCorpus ? execFileSync(process.execPath, [BIN, 'export', ...entries.map((e) => e.path), '--format', 'csv', '--quiet'], { encoding: 'utf8', maxBuffer: 64 << 20 }) : '';
  const [header, ...lines] = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

  it('writes UTF-8 with BOM and the spec header', () => {
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(header.join(',').replace(/^\ufeff/, '')).toBe('source,agency,year,format,table,row,column,value,raw');
  });

  it.each(entries.map((e) => [e.name, e] as const))('%s: exactly the gold cells', (_name, entry) => {
    const got = lines.filter((l) => l[0] === entry.path).map((l) => `${l[4]},${l[5]},${l[6]},${norm(l[7])}`);
    const want = entry.gold.map((g) => `${g.table},${g.row},${g.column},${norm(g.value)}`);
    expect(got.sort()).toEqual(want.sort());
  });
});
