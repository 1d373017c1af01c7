/**
 * One corpus page in one format, measured against its gold key and findings.json: cells exact,
 * table findings reported, error-level issues findings.json does not allow (errors on cells that
 * are right), reading warnings. Shared by scripts/measure-office-corpus.ts and
 * test/office-corpus.test.ts.
 */
import type { Issue, Report } from '../../core/model/schema';
import { readFileSync } from 'node:fs';
import { InputError, pdfjsAssets, readReportFile } from '../../core/node/index';
import { parsePdf, PdfReadError } from '../../core/parse/pdf/index';
import { checkReport } from '../../core/check/index';
import { cellLines } from './cells';
import type { CorpusEntry, FindingSpec, FindingsEntry } from './corpus';

export interface Measured {
  /** 'read', or the InputError kind when the file gave no report. */
  outcome: string;
  message?: string;
  exact: number;
  total: number;
  /** Gold lines read otherwise: `table,row,column gold → read`. */
  wrong: string[];
  findings: number;
  findingsExpected: number;
  missedFindings: string[];
  falseErrors: string[];
  warnings: string[];
}

const matches = (i: Issue, s: FindingSpec) =>
  s.rules.includes(i.rule) && (s.table === undefined || i.table === s.table) && (s.row === undefined || i.row === s.row) && (s.column === undefined || i.column === s.column);
const specName = (s: FindingSpec) => `${s.rules.join('|')}@${[s.table, s.row, s.column].map((x) => x ?? '*').join('/')}`;

const norm = (v: string) => (v.trim() === '' ? '' : String(Number(v.trim())));

/**
 * The report in a file: PDFs through parsePdf on this thread (the Node reader's worker stops at
 * 30 s, which a machine busy converting pages can exceed: the measure is of the reading, not the
 * clock), everything else through readReportFile.
 */
async function readFile(file: string): Promise<Report> {
  if (!file.endsWith('.pdf')) return readReportFile(file);
  return parsePdf(new Uint8Array(readFileSync(file)), { source: file, ...pdfjsAssets() }).catch((e) => {
    throw e instanceof PdfReadError ? new InputError(file, e.message, e.code === 'not-a-report' ? 'not-report' : 'unreadable') : e;
  });
}

export async function measureFile(entry: CorpusEntry, spec: FindingsEntry | undefined, file: string, previousFile: string | null): Promise<Measured> {
  const total = entry.gold.length;
  const tableFindings = (spec?.must ?? []).filter((s) => s.table !== undefined);
  let report: Report;
  try {
    report = await readFile(file);
  } catch (e) {
    const kind = e instanceof InputError ? e.kind : 'crash';
    return { outcome: kind, message: (e as Error).message, exact: 0, total, wrong: [], findings: 0, findingsExpected: tableFindings.length, missedFindings: tableFindings.map(specName), falseErrors: [], warnings: [] };
  }
  const got = new Map(cellLines(report).map((l) => [l.split(',').slice(0, 3).join(','), l.split(',')[3]]));
  const wrong: string[] = [];
  for (const g of entry.gold) {
    const key = `${g.table},${g.row},${g.column}`;
    const read = got.get(key);
    if (read !== norm(g.value)) wrong.push(`${key} ${norm(g.value) || '∅'} → ${read === undefined ? 'missing' : read || '∅'}`);
  }
  const previous = previousFile ? await readFile(previousFile).catch(() => null) : null;
  const issues = checkReport(report, { previous });
  const allowed = [...(spec?.must ?? []), ...(spec?.may ?? [])];
  const missed = tableFindings.filter((s) => !issues.some((i) => matches(i, s)));
  return {
    outcome: 'read',
    exact: total - wrong.length,
    total,
    wrong,
    findings: tableFindings.length - missed.length,
    findingsExpected: tableFindings.length,
    missedFindings: missed.map(specName),
    falseErrors: issues.filter((i) => i.severity === 'error' && !allowed.some((s) => matches(i, s))).map((i) => `${i.rule}@${i.table ?? '-'}/${i.row ?? '-'}/${i.column ?? '-'}`),
    warnings: report.diagnostics.filter((d) => d.level !== 'info').map((d) => d.code),
  };
}
