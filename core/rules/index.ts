/**
 * The rule registry — the one place that lists every rule module — `runRules`, which runs them over
 * a Report, and `sortIssues`, the order issues are shown in: errors first, then warnings, then info;
 * within a severity, report-level issues first, then table 2, 3, 4 in the official reading order.
 * The whole check (rules, then the suspects, then OCR's unsure readings, then the order) is
 * assembled above the rules, in core/check.
 */
import { cellKeys, T3_COLUMNS, T3_ROWS_2019, T3_ROWS_2021, T4_COLUMNS, T4_GROUPS, T2_ROWS_2019, T2_ROWS_2021 } from '../model/keys';
import type { Issue, Report, Severity } from '../model/schema';
import type { IssueInput, Rule, RuleContext } from './types';
import { formatOf, presentCells, type PlacedCell } from './util';

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

/** Sort issues in place into the order they are shown in (stable: within a place, registry order is kept). */
export function sortIssues(issues: Issue[]): Issue[] {
  // Each issue's rank made once, not twice per comparison (its keys are template strings looked up in maps).
  const ranks = new Map<Issue, number[]>();
  for (const issue of issues) ranks.set(issue, rank(issue));
  return issues.sort((a, b) => compareRanks(ranks.get(a)!, ranks.get(b)!));
}

function compareRanks(ra: number[], rb: number[]): number {
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  return 0;
}

/**
 * Run every enabled rule over the report, in registry order (unsorted, without suspects). A rule
 * that throws yields no issues, never a crash.
 */
export function runRules(report: Report, options: CheckOptions = {}): Issue[] {
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
  return issues;
}

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
