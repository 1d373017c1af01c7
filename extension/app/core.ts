/**
 * The one place the in-page engine touches the core. The extension adds no parsing of its own:
 * the page as the browser holds it goes to parseHtml, the report to checkReport, and the exports
 * are the core's own functions.
 */
import * as core from '../../core';
import type { Issue, Report } from '../../core';

export type { Issue, Report, Cell, CellRef } from '../../core';
export { labelOf, T3_COLUMNS, T4_GROUPS, T4_COLUMNS } from '../../core';

export interface RuleInfo {
  id: string;
  severity: 'error' | 'warning' | 'info';
  title: { zh: string; en: string };
  explanation: { zh: string; en: string };
}

// The rules module is being finished next door; read it through the namespace so that the
// extension builds (and shows the parsed report) even before checkReport lands.
const api = core as unknown as {
  checkReport?: (report: Report, opts?: { previous?: Report | null; disabled?: string[] }) => Issue[];
  RULES?: readonly RuleInfo[];
};

export function parsePage(html: string, source: string): Report {
  return core.parseHtml(html, { source });
}

export function check(report: Report, previous: Report | null, disabled: string[]): Issue[] {
  if (!api.checkReport) return [];
  return api.checkReport(report, { previous: previous ?? undefined, disabled });
}

export function rules(): readonly RuleInfo[] {
  return api.RULES ?? [];
}

export function ruleInfo(id: string): RuleInfo | undefined {
  return api.RULES?.find((r) => r.id === id);
}
