/**
 * The rule registry — the one place that lists every rule module — and `checkReport`, which runs
 * them over a Report and returns the issues sorted: errors first, then warnings, then info; within
 * a severity, report-level issues first, then table 2, 3, 4 in the official reading order.
 */
import { cellKeys, T3_COLUMNS, T3_ROWS_2019, T3_ROWS_2021, T4_COLUMNS, T4_GROUPS, T2_ROWS_2019, T2_ROWS_2021 } from '../model/keys';
import type { Issue, Report, Severity } from '../model/schema';
import type { IssueInput, Rule, RuleContext } from './types';
import { formatOf, presentCells, type PlacedCell } from './util';
import { findSuspects, suspectsOf, type SuspectSearch } from '../suspects/index';

import { rule as t3Balance } from './t3.balance';
import { rule as t3OutcomeTotal } from './t3.outcome-total';
import { rule as t3RowTotal } from './t3.row-total';
import { rule as t4Total } from './t4.total';
import { rule as cellNotANumber } from './cell.not-a-number';
import { rule as cellNegative } from './cell.negative';
import { rule as cellFraction } from './cell.fraction';
import { rule as cellBlank } from './cell.blank';
import { rule as narrativeTableMismatch } from './narrative.table-mismatch';
import { rule as narrativeSumMismatch } from './narrative.sum-mismatch';
import { rule as formatOutdated } from './format.outdated';
import { rule as metaYearMismatch } from './meta.year-mismatch';
import { rule as metaLate } from './meta.late';
import { rule as structureMissingSection } from './structure.missing-section';
import { rule as structureMissingRow } from './structure.missing-row';
import { rule as nameVariant } from './name.variant';
import { rule as crossYearCarryOver } from './cross-year.carry-over';
import { rule as crossYearInForce } from './cross-year.in-force';
import { rule as narrativeCopied } from './narrative.copied';
import { unsureIssues } from '../ocr/proofread';
import { rule as narrativeCopiedAcross } from './narrative.copied-across';
import { rule as narrativeFeeMismatch } from './narrative.fee-mismatch';
import { rule as structureMissingElement } from './structure.missing-element';
import { rule as structureOverviewTopics } from './structure.overview-topics';

export const RULES: readonly Rule[] = [
  t3Balance,
  t3OutcomeTotal,
  t3RowTotal,
  t4Total,
  cellNotANumber,
  cellNegative,
  cellFraction,
  cellBlank,
  narrativeTableMismatch,
  narrativeSumMismatch,
  formatOutdated,
  metaYearMismatch,
  metaLate,
  structureMissingSection,
  structureMissingRow,
  nameVariant,
  crossYearCarryOver,
  crossYearInForce,
  narrativeCopied,
  narrativeCopiedAcross,
  narrativeFeeMismatch,
  structureMissingElement,
  structureOverviewTopics,
];

export type { Rule, RuleContext, IssueInput };

export interface CheckOptions {
  /** Last year's report of the same agency, for the cross-year rules. */
  previous?: Report | null;
  /** The batch the report was read with (itself included), for narrative.copied-across. */
  batch?: readonly Report[];
  /** Rule ids to skip. */
  disabled?: string[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const TABLE_RANK = { t2: 1, t3: 2, t4: 3 } as const;

/** Reading order of rows and columns, over both formats. */
const ROW_RANK = new Map<string, number>();
const COL_RANK = new Map<string, number>();
[...T2_ROWS_2019, ...T2_ROWS_2021].forEach((r, i) => ROW_RANK.has(`t2.${r.key}`) || ROW_RANK.set(`t2.${r.key}`, i));
[...T3_ROWS_2021, ...T3_ROWS_2019].forEach((r, i) => ROW_RANK.has(`t3.${r.key}`) || ROW_RANK.set(`t3.${r.key}`, i));
T4_GROUPS.forEach((g, i) => ROW_RANK.set(`t4.${g.key}`, i));
[...cellKeys('2019'), ...cellKeys('2021')].filter((k) => k.table === 't2').forEach((k, i) => COL_RANK.has(`t2.${k.column}`) || COL_RANK.set(`t2.${k.column}`, i));
T3_COLUMNS.forEach((c, i) => COL_RANK.set(`t3.${c.key}`, i));
T4_COLUMNS.forEach((c, i) => COL_RANK.set(`t4.${c.key}`, i));
// The 2019 single （六） row sits where the 2021 sub-rows are.
ROW_RANK.set('t3.other', ROW_RANK.get('t3.other.no_correction') ?? 99);

function rank(issue: Issue): number[] {
  const t = issue.table ? TABLE_RANK[issue.table] : 0;
  const row = issue.table && issue.row ? (ROW_RANK.get(`${issue.table}.${issue.row}`) ?? 999) : -1;
  const col = issue.table && issue.column ? (COL_RANK.get(`${issue.table}.${issue.column}`) ?? 999) : -1;
  return [SEVERITY_RANK[issue.severity], t, row, col];
}

function compare(a: Issue, b: Issue): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  return 0;
}

/**
 * The numbers of an issue, each meaning one thing: `actual` is what the located cell prints, read
 * from the cell (never from the rule), `expected` what `expectedFrom` says it should print. An issue
 * without a located cell has neither.
 */
function figuresOf(report: Report, input: IssueInput): Pick<Issue, 'expected' | 'actual' | 'expectedFrom'> {
  const { table, row, column } = input;
  if (!table || !row || !column) return { expected: null, actual: null, expectedFrom: null };
  const printed = report[table][row]?.[column]?.value ?? null;
  const expected = input.expected ?? null;
  return { expected, actual: printed, expectedFrom: expected === null ? null : (input.expectedFrom ?? 'rule') };
}

/** Run every enabled rule over the report. A rule that throws yields no issues, never a crash. */
export function checkReport(report: Report, options: CheckOptions = {}): Issue[] {
  const disabled = new Set(options.disabled ?? []);
  const issues: Issue[] = [];
  const format = formatOf(report);
  let cells: readonly PlacedCell[] | null = null;
  const cellsOnce = () => (cells ??= presentCells(report));
  for (const rule of RULES) {
    if (disabled.has(rule.id)) continue;
    const found: Issue[] = [];
    const ctx: RuleContext = {
      report,
      previous: options.previous ?? null,
      batch: options.batch ?? [],
      format,
      cells: cellsOnce,
      issue(input: IssueInput) {
        found.push({
          rule: rule.id,
          severity: input.severity ?? rule.severity,
          table: input.table,
          row: input.row,
          column: input.column,
          cells: input.cells ?? [],
          ...figuresOf(report, input),
          ...(input.share === undefined ? {} : { share: input.share }),
          message: input.message,
          messageEn: input.messageEn,
          suspects: [],
          candidates: [],
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule bug must not hide the other rules' findings; say so instead.
      found.length = 0;
      found.push({
        rule: rule.id,
        severity: 'info',
        table: null,
        row: null,
        column: null,
        cells: [],
        expected: null,
        actual: null,
        expectedFrom: null,
        message: `规则 ${rule.id} 运行出错，未能检查：${err instanceof Error ? err.message : String(err)}`,
        messageEn: `Rule ${rule.id} failed and did not check: ${err instanceof Error ? err.message : String(err)}`,
        suspects: [],
        candidates: [],
      });
    }
    issues.push(...found);
  }
  explain(issues, report, options.previous ?? null);
  unsureIssues(report, issues);
  // Array.prototype.sort is stable: within the same place, registry order is kept.
  return issues.sort(compare);
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

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
