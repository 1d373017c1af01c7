/**
 * The corpus's `previous` pairs (findings.json) are found without --previous: the pairing of the
 * batch export, and the cross-year findings it brings, on the real reports.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { main } from '../core/cli/main';
import { readReportFile } from '../core/node/read';
import { pairableOf, pairYears } from '../core/compare/pair';
import { CORPUS_DIR, findings, hasCorpus } from './support/corpus';

const files = () => readdirSync(CORPUS_DIR).filter((f) => /\.(html|txt)$/.test(f)).sort().map((f) => join(CORPUS_DIR, f));

describe.skipIf(!hasCorpus)('corpus: years paired without --previous', () => {
  it('pairYears finds every previous of findings.json, and no other pair', async () => {
    const paths = files();
    const reports = await Promise.all(paths.map((p) => readReportFile(p)));
    const pairs = pairYears(reports.map((r) => pairableOf(r.meta)));
    const found = Object.fromEntries(paths.map((p, i) => [basename(p), pairs[i] === null ? undefined : basename(paths[pairs[i]!])]));
    const want = Object.fromEntries(Object.entries(findings()).map(([name, spec]) => [name, spec.previous]));
    expect(found).toEqual(want);
  });

  it('nianbao export --format issues-csv reports the cross-year findings', async () => {
    let out = '';
    const code = await main(['export', ...files(), '--format', 'issues-csv', '--quiet', '--jobs', '0'], { out: (t) => void (out += t), err: () => {} });
    expect(code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(out.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    for (const [name, spec] of Object.entries(findings())) {
      for (const must of spec.must.filter((m) => m.rules.some((r) => r.startsWith('cross-year.')))) {
        const hit = rows.find((r) => basename(r.source) === name && must.rules.includes(r.rule) && (!must.table || r.cell.startsWith(`${must.table}.`)));
        expect(hit, `${name}: ${must.rules.join('|')}`).toBeDefined();
      }
    }
    expect(rows.filter((r) => r.rule.startsWith('cross-year.')).map((r) => basename(r.source)).sort()).toEqual(['05-pingtan-2024.html', '06-pingtan-2025.html', '07-pingtan-2023.html']);
  }, 30_000);
});
