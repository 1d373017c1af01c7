/**
 * The whole check of a report, assembled from the layers below: the rules (core/rules) find the
 * issues, the suspect search (core/suspects) names the printed number that explains them, OCR's
 * unsure readings (core/ocr) turn errors that rest on them into warnings, and the issues are put in
 * the order they are shown in. Browser-safe.
 */
import type { Issue, Report } from '../model/schema';
import { runRules, sortIssues, type CheckOptions } from '../rules/index';
import { findSuspects, suspectsOf, type SuspectSearch } from '../suspects/index';
import { unsureIssues } from './unsure';

export type { CheckOptions };

/** Check a report: its issues, each with its suspects, sorted (errors first, then table order). */
export function checkReport(report: Report, options: CheckOptions = {}): Issue[] {
  const issues = runRules(report, options);
  explain(issues, report, options.previous ?? null);
  unsureIssues(report, issues);
  return sortIssues(issues);
}

const ARITHMETIC = new Set(['t3.row-total', 't3.outcome-total', 't3.balance', 't4.total', 'cross-year.carry-over', 'cross-year.in-force', 'cell.negative']);
const NOTE_AMBIGUOUS = '有几种同样小的改法都能让表中数字一致，无法确定是哪个数字印错 — several equally small corrections make the table add up; which number is wrong cannot be told';
const NOTE_UNEXPLAINED = '没有少数几个数字的改动能让表中数字全部一致，无法确定是哪个数字印错 — no correction of a few numbers makes the table add up; which number is wrong cannot be told';

/** Give each issue the suspects that explain it (the smallest correction of the whole report). */
function explain(issues: Issue[], report: Report, previous: Report | null): void {
  if (!issues.some((i) => ARITHMETIC.has(i.rule))) return;
  let search: SuspectSearch;
  try {
    search = findSuspects(report, previous);
  } catch {
    return; // a bug in the search must not hide the issues
  }
  for (const issue of issues) {
    issue.suspects = suspectsOf(issue, search);
    if (issue.suspects.length || !ARITHMETIC.has(issue.rule)) continue;
    const ids = issue.cells.map((c) => `${c.table}.${c.row}.${c.column}`);
    if (ids.some((id) => search.ambiguousCells.has(id))) {
      issue.suspectsNote = NOTE_AMBIGUOUS;
      issue.candidates = issue.cells
        .filter((_, k) => search.candidates.has(ids[k]))
        .map((c) => ({ ...c, printed: search.candidates.get(`${c.table}.${c.row}.${c.column}`) ?? null }));
    } else if (ids.some((id) => search.unexplainedCells.has(id))) issue.suspectsNote = NOTE_UNEXPLAINED;
  }
}

