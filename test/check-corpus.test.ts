/**
 * The rules against the real defects of the corpus (../shared/corpus/FINDINGS.md, findings.json):
 * every `must` finding is reported by one of its rules at its table/row/column, and no error is
 * reported that findings.json does not list as `must` or `may`. Warnings and info are not limited
 * here (they are tested rule by rule); errors are what a reader would take as proof.
 *
 * pdf/findings.json names the official PDFs; their numbers are those of the main-folder .txt
 * (pdftotext -layout of the same PDF), so those entries are checked against the .txt.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../core/check/index';
import { readReportFile } from '../core/node/read';
import type { Issue, Report } from '../core/model/schema';
import { CORPUS_DIR, findings, hasCorpus, type FindingSpec, type FindingsEntry } from './support/corpus';

function matches(issue: Issue, spec: FindingSpec): boolean {
  return (
    spec.rules.includes(issue.rule) &&
    (spec.table === undefined || issue.table === spec.table) &&
    (spec.row === undefined || issue.row === spec.row) &&
    (spec.column === undefined || issue.column === spec.column)
  );
}

const describeSpec = (s: FindingSpec) => `${s.rules.join('|')} @ ${[s.table, s.row, s.column].map((x) => x ?? '*').join('/')}`;
const describeIssue = (i: Issue) => `${i.severity} ${i.rule} @ ${i.table ?? '-'}/${i.row ?? '-'}/${i.column ?? '-'}: ${i.message}`;

const cache = new Map<string, Promise<Report>>();
const read = (path: string) => {
  if (!cache.has(path)) cache.set(path, readReportFile(path));
  return cache.get(path)!;
};

interface Case {
  name: string;
  path: string;
  previousPath: string | null;
  spec: FindingsEntry;
}

function cases(): Case[] {
  if (!hasCorpus) return [];
  const out: Case[] = [];
  for (const [name, spec] of Object.entries(findings())) {
    out.push({ name, path: join(CORPUS_DIR, name), previousPath: spec.previous ? join(CORPUS_DIR, spec.previous) : null, spec });
  }
  for (const [name, spec] of Object.entries(findings('converted'))) {
    out.push({
      name: `converted/${name}`,
      path: join(CORPUS_DIR, 'converted', name),
      previousPath: spec.previous ? join(CORPUS_DIR, 'converted', spec.previous) : null,
      spec,
    });
  }
  for (const [name, spec] of Object.entries(findings('pdf'))) {
    const txt = (n: string) => join(CORPUS_DIR, n.replace(/\.pdf$/, '.txt'));
    out.push({ name: `pdf/${name} (as its .txt)`, path: txt(name), previousPath: spec.previous ? txt(spec.previous) : null, spec });
  }
  return out;
}

describe.skipIf(!hasCorpus)('rules on the corpus (findings.json)', () => {
  for (const c of cases()) {
    describe(c.name, () => {
      const run = async () => {
        const report = await read(c.path);
        const previous = c.previousPath ? await read(c.previousPath) : null;
        return checkReport(report, { previous });
      };

      for (const spec of c.spec.must) {
        it(`reports ${describeSpec(spec)}`, async () => {
          const issues = await run();
          const hit = issues.find((i) => matches(i, spec));
          expect(hit, `no issue matches ${describeSpec(spec)}; issues:\n${issues.map(describeIssue).join('\n')}`).toBeDefined();
        });
      }

      it('reports no error that findings.json does not list', async () => {
        const issues = await run();
        const allowed = [...c.spec.must, ...c.spec.may];
        const stray = issues.filter((i) => i.severity === 'error' && !allowed.some((s) => matches(i, s)));
        expect(stray.map(describeIssue)).toEqual([]);
      });

      if (c.spec.consistent && c.spec.must.length === 0) {
        it('a consistent report gets no table arithmetic issue at all', async () => {
          const issues = await run();
          const arithmetic = issues.filter((i) => /^t[34]\./.test(i.rule));
          expect(arithmetic.map(describeIssue)).toEqual([]);
        });
      }
    });
  }
});
