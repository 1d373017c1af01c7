/**
 * The in-page engine's state: the report read from the page, the issues the rules found, the
 * reviewer's dismissals. Features subscribe to it; nothing here touches the page.
 */
import type { Issue, Report } from './core';
import type { Lang, Translate } from '../lib/i18n';
import { addressOf, type Dismissal, type Settings } from '../lib/storage';

export interface Timing {
  /** ms spent in parseHtml + checkReport. */
  engine: number;
  /** performance.now() when the marks were in the page. */
  markedAt: number;
  /** performance.now() at each step: content script asked, engine script started, page serialised, parsed, checked. */
  steps?: Record<string, number>;
}

export interface EngineState {
  report: Report;
  issues: Issue[];
  /** Stable per report: origin + path + agency + year (reportKeyOf). */
  reportKey: string;
  dismissals: Record<string, Dismissal>;
  lang: Lang;
  t: Translate;
  settings: Settings;
  rulesLoaded: boolean;
  timing: Timing;
  /** Panel open (true) or collapsed to its badge. */
  open: boolean;
}

type Listener = (s: EngineState) => void;

export class Store {
  private listeners = new Set<Listener>();
  constructor(public state: EngineState) {}
  set(patch: Partial<EngineState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

/** A stable id for an issue within its report, so that a dismissal survives a reload. */
export function issueKey(i: Issue): string {
  const cells = i.cells.map((c) => `${c.table}.${c.row}.${c.column}`).join(',');
  return `${i.rule}|${i.table ?? ''}|${i.row ?? ''}|${i.column ?? ''}|${cells}`;
}

/** Dismissed issues stay in every export, with the reviewer's note in front of the message. */
export function markDismissed(issues: Issue[], dismissals: Record<string, Dismissal>): Issue[] {
  return issues.map((i) => {
    const d = dismissals[issueKey(i)];
    if (!d) return i;
    return {
      ...i,
      message: `【已忽略${d.note ? `：${d.note}` : ''}】${i.message}`,
      messageEn: `[dismissed${d.note ? `: ${d.note}` : ''}] ${i.messageEn}`,
    };
  });
}

/**
 * Where the user's dismissals of a report are kept: the page's origin and path (query kept, many
 * portals address a report by ?id=) — as the browser gives them, not as the page claims — with the
 * agency and year. A copy on another host or path keys its own.
 */
export function reportKeyOf(report: Report, url: string): string {
  const { agency, year } = report.meta;
  const where = addressOf(url) ?? url.replace(/#.*$/, '');
  return agency && year ? `${where}|${agency}|${year}` : where;
}

export const SEVERITIES = ['error', 'warning', 'info'] as const;

export function activeIssues(s: EngineState): Issue[] {
  return s.issues.filter((i) => !s.dismissals[issueKey(i)]);
}

export function counts(issues: Issue[]): Record<(typeof SEVERITIES)[number], number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const i of issues) c[i.severity]++;
  return c;
}
