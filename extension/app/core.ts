/**
 * The one place the in-page engine touches the core. The extension adds no parsing of its own:
 * the page as the browser holds it goes to parseHtml, the report to checkReport, and the exports
 * are the core's own functions (see exports.ts).
 */
import { checkReport, parseHtml, RULES, type Issue, type Report } from '../../core';

export type { Issue, Report, Cell, CellRef } from '../../core';
export { labelOf } from '../../core';

export interface RuleInfo {
  id: string;
  severity: 'error' | 'warning' | 'info';
  title: { zh: string; en: string };
  explanation: { zh: string; en: string };
}

export function parsePage(html: string, source: string): Report {
  return parseHtml(html, { source });
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
