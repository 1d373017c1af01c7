/**
 * The CLI on PDFs, as a user runs it: `nianbao export <corpus pdf…> --format csv` gives exactly
 * each gold key, a directory of PDFs is read (not skipped), and a scan ends with exit 2 and its
 * one bilingual line — no stack trace.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, hasCorpus } from './support/corpus';
import { readFileSync, readdirSync } from 'node:fs';

const BIN = join(import.meta.dirname, '..', 'bin', 'nianbao.mjs');
const PDF_DIR = join(CORPUS_DIR, 'pdf');
const pdfs = hasCorpus ? readdirSync(PDF_DIR).filter((f) => f.endsWith('.pdf')).sort() : [];
const norm = (v: string) => (v === '' ? '' : String(Number(v)));
const gold = (name: string) =>
  readFileSync(join(PDF_DIR, name.replace(/\.pdf$/, '.gold.csv')), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => {
      const [t, r, c, v = ''] = l.split(',');
      return `${t},${r},${c},${norm(v)}`;
    });

describe.skipIf(!hasCorpus)('nianbao export on the corpus PDFs', () => {
  const csv = hasCorpus ? execFileSync(process.execPath, [BIN, 'export', ...pdfs.map((f) => join(PDF_DIR, f)), '--format', 'csv', '--quiet'], { encoding: 'utf8', maxBuffer: 64 << 20 }) : '';
  const [, ...lines] = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

  it.each(pdfs)('%s: exactly the gold cells', (name) => {
    const got = lines.filter((l) => l[0] === join(PDF_DIR, name)).map((l) => `${l[4]},${l[5]},${l[6]},${norm(l[7])}`);
    expect(got.sort()).toEqual(gold(name).sort());
  });

  it('a directory of PDFs: every PDF read', () => {
    const out = execFileSync(process.execPath, [BIN, 'export', PDF_DIR, '--format', 'csv', '--quiet', '--no-ocr'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const sources = new Set(Papa.parse<string[]>(out, { skipEmptyLines: true }).data.slice(1).map((l) => l[0]));
    for (const name of pdfs) expect([...sources].some((s) => s.endsWith(name))).toBe(true);
    // Each PDF is read in its own worker thread (issue 20, D), one after another.
  }, 120_000);
});

describe('nianbao check on a scanned PDF', () => {
  it('exit 2 and the one line that names a scan', () => {
    const res = spawnSync(process.execPath, [BIN, 'check', '--no-ocr', join(import.meta.dirname, 'fixtures', 'pdf', 'scan.pdf')], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('扫描件，没有文字层，无法核对 — scanned PDF without a text layer: cannot be checked');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
