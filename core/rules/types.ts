/**
 * What a rule is (ESLint style): an id, a default severity, a title and an explanation in Chinese
 * and English that cite the official format or the regulation, and `check(ctx)`, which reports
 * issues through `ctx.issue`. Rules never throw on odd input: a cell they cannot read is skipped.
 */
import type { FormatId, TableId } from '../model/keys';
import type { Cell, CellRef, ExpectedFrom, Issue, Report, Severity } from '../model/schema';

/** A present cell of the report with its place (what `RuleContext.cells` lists). */
export interface PlacedCell {
  table: TableId;
  row: string;
  column: string;
  cell: Cell;
}

export interface Bilingual {
  zh: string;
  en: string;
}

/** What a rule hands to `ctx.issue`: rule id and severity are filled in from the rule. */
export interface IssueInput {
  /** Overrides the rule's default severity (e.g. a blank 总计 is a warning, other blanks info). */
  severity?: Severity;
  table: TableId | null;
  row: string | null;
  column: string | null;
  cells?: CellRef[];
  /** What the located cell should print according to `expectedFrom`; dropped when the issue has no located cell. */
  expected?: number | null;
  /** Where `expected` comes from (required with it; 'rule' when left out). */
  expectedFrom?: ExpectedFrom | null;
  /** narrative.copied: the share of the narrative repeated from last year, 0–1. */
  share?: number;
  /**
   * Ignored: the engine reads `actual` from the located cell itself, so that it always is what the
   * cell prints. Kept so that older rule code still compiles.
   * @deprecated
   */
  actual?: number | null;
  message: string;
  messageEn: string;
}

export interface RuleContext {
  readonly report: Report;
  /** Last year's report of the same agency, when given. */
  readonly previous: Report | null;
  /** The batch or collection the report was read with (itself included), for the cross-agency rules. */
  readonly batch: readonly Report[];
  /** The report's format (meta.format, or guessed from the rows present). */
  readonly format: FormatId | null;
  /** Every cell present in the report (util.presentCells), listed once per check for all rules. */
  cells(): readonly PlacedCell[];
  /** Report one issue (ESLint's context.report). */
  issue(issue: IssueInput): void;
}

export interface Rule {
  id: string;
  severity: Severity;
  title: Bilingual;
  explanation: Bilingual;
  check(ctx: RuleContext): void;
}

export type { Issue };
