/**
 * The one place the in-page engine touches the core. The extension adds no parsing of its own:
 * the page as the browser holds it (its live DOM, read in place) goes to parseTree, the report to checkReport, and the exports
 * are the core's own functions (see exports.ts).
 */
// Module by module, not the core/index.ts barrel: the barrel re-exports the zod schemas, whose
// construction at load time the engine does not need (types only) — it would double the engine.
import { parseTree } from '../../core/parse/dom';
import { LIVE_DOM, tablesHoldingTables } from './dom-tree';
import { checkReport } from '../../core/check/index';
import { RULES } from '../../core/rules/index';
import type { Issue, Report } from '../../core/model/schema';

export type { Issue, Report, Cell, CellRef } from '../../core/model/schema';
export { labelOf } from '../../core/model/keys';
export { readingNotes } from '../../core/parse/build';
export { halfOf } from '../../core/model/bilingual';

export interface RuleInfo {
  id: string;
  severity: 'error' | 'warning' | 'info';
  title: { zh: string; en: string };
  explanation: { zh: string; en: string };
}

export function parsePage(doc: Document, source: string): Report {
  return parseTree(LIVE_DOM, doc as Node, { source }, tablesHoldingTables(doc));
}

export function check(report: Report, previous: Report | null, disabled: string[]): Issue[] {
  return checkReport(report, { previous: previous ?? undefined, disabled });
}

export function rules(): readonly RuleInfo[] {
  return RULES;
}

export function ruleInfo(id: string): RuleInfo | undefined {
  return RULES.find((r) => r.id === id);
}
