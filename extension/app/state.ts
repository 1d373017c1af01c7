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
  /** performance.now() at each step: content script asked, engine script loaded and started, page read (parsed), storage in, checked, last year's report joined (paired). */
  steps?: Record<string, number>;
}

/**
 * Where last year's numbers came from (the collection's entry the report was paired with): read on
 * a site, collected from a portal's list, or imported from a file — with the day.
 */
export interface PreviousSource {
  via: 'page' | 'collect' | 'import' | 'migrated';
  /** The host it was read on or collected from (null: no web address). */
  host: string | null;
  /** The file it was imported from. */
  file: string | null;
  /** When it was kept (ISO). */
  at: string;
}

export interface EngineState {
  report: Report;
  /** Every issue, last year's report included: shown only inside our closed shadow root. */
  issues: Issue[];
  /**
   * The issues of the page alone (without last year's report): the only ones written onto the
   * page's own elements, so that nothing a page script can read differs with what the user keeps
   * (issue 20 F). The same array as `issues` when there is no last year's report.
   */
  pageIssues: Issue[];
  /** Last year's report's source, when the report was checked against one. */
  previous: PreviousSource | null;
  /** The user asked (a trusted click) to mark the cross-year findings on the page too. */
  pairedMarks: boolean;
  /** The extension's own page (PDF/Word): no page script there, every finding is marked. */
  ownPage?: boolean;
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

/** An issue with what the pairing may change in it (its suspects and candidates): equal for the same finding, read with or without last year's report. */
export function issueSignature(i: Issue): string {
  return `${issueKey(i)}#${(i.suspects ?? []).map((s) => `${s.table}.${s.row}.${s.column}=${s.suggested}`).join(',')}#${(i.candidates ?? []).length}`;
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

/** The issues whose marks go onto the page's elements: the page's own, or every one once the user asked. */
export function markedIssues(s: EngineState): Issue[] {
  return (s.pairedMarks ? s.issues : s.pageIssues).filter((i) => !s.dismissals[issueKey(i)]);
}

/** Does the pairing with last year's report change anything (new findings, moved suspects)? */
export function pairingMatters(s: EngineState): boolean {
  return s.previous !== null && s.issues !== s.pageIssues;
}

export function counts(issues: Issue[]): Record<(typeof SEVERITIES)[number], number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const i of issues) c[i.severity]++;
  return c;
}
