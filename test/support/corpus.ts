/**
 * The shared corpus of real reports lives beside the project (../shared/corpus), never inside it.
 * Without it, corpus tests are skipped with a clear message; under CI=true its absence fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../../shared/corpus');
export const hasCorpus = existsSync(join(CORPUS_DIR, 'findings.json'));

if (!hasCorpus) {
  const message = `corpus not found at ${CORPUS_DIR}: corpus tests are skipped`;
  if (process.env.CI === 'true') throw new Error(`${message} — but CI=true requires it`);
  console.warn(`[nianbao] ${message}.`);
}

export interface GoldCell {
  table: string;
  row: string;
  column: string;
  value: string;
}

export interface CorpusEntry {
  /** File name relative to the corpus folder, e.g. "05-pingtan-2024.html" or "converted/08-….txt". */
  name: string;
  path: string;
  gold: GoldCell[];
  meta: { agency: string; year: number; format: string; published: string | null; notes?: string[] };
}

function entriesIn(sub: string, exts: string[]): CorpusEntry[] {
  if (!hasCorpus) return [];
  const dir = join(CORPUS_DIR, sub);
  return readdirSync(dir)
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .sort()
    .map((f) => {
      const base = f.replace(/\.(html|txt|pdf)$/, '');
      const goldText = readFileSync(join(dir, `${base}.gold.csv`), 'utf8');
      const gold = goldText
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => {
          const [table, row, column, value = ''] = line.split(',');
          return { table, row, column, value };
        });
      return {
        name: sub ? `${sub}/${f}` : f,
        path: join(dir, f),
        gold,
        meta: JSON.parse(readFileSync(join(dir, `${base}.meta.json`), 'utf8')),
      };
    });
}

/** Every report directly in the corpus folder (HTML pages and PDF text). */
export const corpusReports = (): CorpusEntry[] => entriesIn('', ['.html', '.txt']);
/** The two texts garbled by a third-party converter: robustness cases, not required. */
export const convertedReports = (): CorpusEntry[] => entriesIn('converted', ['.txt']);

export interface FindingSpec {
  rules: string[];
  table?: string;
  row?: string;
  column?: string;
}
export interface FindingsEntry {
  consistent: boolean;
  must: FindingSpec[];
  may: FindingSpec[];
  previous?: string;
}
export function findings(sub = ''): Record<string, FindingsEntry> {
  if (!hasCorpus) return {};
  return JSON.parse(readFileSync(join(CORPUS_DIR, sub, 'findings.json'), 'utf8'));
}

export function readCorpus(name: string): string {
  return readFileSync(join(CORPUS_DIR, name), 'utf8');
}
