/**
 * Marks the page cells of the active issues, in three strengths (data-nianbao-role):
 * - suspect: the printed number the smallest correction of the report changes (Issue.suspects),
 *   with the value it should have in its badge (data-nianbao-suggested);
 * - total: without a suspect, the cell the rule checks (the issue's own cell, usually a total);
 * - part: a cell that only takes part in the sum — no mark of its own, shown faintly while the
 *   issue or its strong mark is hovered or focused (data-nianbao-related).
 * Beside it data-nianbao-issue (rule ids), data-nianbao-severity (the worst) and data-nianbao-cell
 * (report cell ids). A report with one wrong number shows one strong mark.
 *
 * Only the page's own issues are marked (state.markedIssues): what the pairing with last year's
 * report adds or moves is shown in the closed panel, and on the page only once the user asks —
 * a page script reads these attributes, and must not learn what the user keeps (issue 20 F).
 *
 * The stylesheet is ours: created here and kept by reference (never looked up in the page), so a
 * page shipping an element with any id of ours changes nothing.
 */
import type { CellRef, Issue } from '../core';
import type { AppContext, Feature } from '../context';
import { cellId } from '../dom-cells';
import { issueSignature, markedIssues } from '../state';
import { MARK_CSS } from '../styles';

export type Role = 'suspect' | 'total' | 'part';

const RANK = { error: 3, warning: 2, info: 1 } as const;
const ROLE_RANK: Record<Role, number> = { suspect: 3, total: 2, part: 1 };
const ATTRS = ['data-nianbao-issue', 'data-nianbao-severity', 'data-nianbao-cell', 'data-nianbao-role', 'data-nianbao-suggested', 'data-nianbao-badge', 'data-nianbao-related'];

/** Our mark stylesheets, per document: kept by reference. */
const sheets = new WeakMap<Document, HTMLStyleElement>();

export function injectMarkStyle(doc: Document): HTMLStyleElement {
  let style = sheets.get(doc);
  if (!style) {
    style = doc.createElement('style');
    style.textContent = MARK_CSS;
    sheets.set(doc, style);
  }
  // Last in the document: after the page's own sheets, so equal rules of the page do not win.
  if (!style.isConnected || style !== (doc.head ?? doc.documentElement).lastElementChild) (doc.head ?? doc.documentElement).append(style);
  return style;
}

/** Our mark stylesheet of a document (for the test hook), or null. */
export function markStyleOf(doc: Document): HTMLStyleElement | null {
  return sheets.get(doc) ?? null;
}

export interface MarkedCell {
  ref: CellRef;
  role: Role;
  /** For a suspect: the value that makes every equation hold. */
  suggested?: number;
}

const refKey = (r: CellRef) => `${r.table}.${r.row}.${r.column}`;

/** The cells of one issue with their strength (suspects treated as [] where the core gives none). */
export function cellsOfIssue(issue: Issue): MarkedCell[] {
  const suspects = (issue as { suspects?: Issue['suspects'] }).suspects ?? [];
  const strong = new Map<string, MarkedCell>();
  for (const s of suspects) strong.set(refKey(s), { ref: { table: s.table, row: s.row, column: s.column }, role: 'suspect', suggested: s.suggested });
  if (!strong.size) {
    if (issue.table && issue.row && issue.column) strong.set(refKey(issue as CellRef), { ref: { table: issue.table, row: issue.row, column: issue.column }, role: 'total' });
    else if (issue.cells.length === 1) strong.set(refKey(issue.cells[0]), { ref: issue.cells[0], role: 'total' });
  }
  const out = [...strong.values()];
  for (const c of issue.cells) if (!strong.has(refKey(c))) out.push({ ref: c, role: 'part' });
  return out;
}

/** Marked elements → what they are, kept for the tooltip and the hover of related cells. */
interface MarkInfo {
  role: Role;
  issues: Issue[];
}
const infos = new WeakMap<AppContext, Map<HTMLElement, MarkInfo>>();
/** Issue (by issueSignature: the panel's issue and the marked one may be two readings of one finding) → its page elements. */
const elementsOfIssue = new WeakMap<AppContext, Map<string, HTMLElement[]>>();

export function markInfo(ctx: AppContext, el: HTMLElement): MarkInfo | undefined {
  return infos.get(ctx)?.get(el);
}

export function clearMarks(doc: Document): void {
  doc.querySelectorAll('[data-nianbao-issue], [data-nianbao-related]').forEach((el) => {
    ATTRS.forEach((a) => el.removeAttribute(a));
    if (el.getAttribute('data-nianbao-tabindex') === 'added') el.removeAttribute('tabindex');
    el.removeAttribute('data-nianbao-tabindex');
  });
}

export function applyMarks(ctx: AppContext): void {
  const { doc, store, locator, marked } = ctx;
  clearMarks(doc);
  marked.clear();
  const info = new Map<HTMLElement, MarkInfo>();
  const byIssue = new Map<string, HTMLElement[]>();
  infos.set(ctx, info);
  elementsOfIssue.set(ctx, byIssue);
  const { report } = store.state;
  const cellIds = new Map<HTMLElement, Set<string>>();
  const suggested = new Map<HTMLElement, number>();
  for (const issue of markedIssues(store.state)) {
    const els: HTMLElement[] = [];
    for (const c of cellsOfIssue(issue)) {
      const el = locator.element(report, c.ref);
      if (!el) continue;
      els.push(el);
      const list = marked.get(el) ?? [];
      if (!list.includes(issue)) list.push(issue);
      marked.set(el, list);
      const ids = cellIds.get(el) ?? new Set<string>();
      ids.add(cellId(c.ref));
      cellIds.set(el, ids);
      const cur = info.get(el);
      if (!cur || ROLE_RANK[c.role] > ROLE_RANK[cur.role]) info.set(el, { role: c.role, issues: list });
      else cur.issues = list;
      if (c.role === 'suspect' && c.suggested !== undefined) suggested.set(el, c.suggested);
    }
    byIssue.set(issueSignature(issue), els);
  }
  for (const [el, issues] of marked) {
    const rules = [...new Set(issues.map((i) => i.rule))];
    const worst = issues.reduce<Issue['severity']>((w, i) => (RANK[i.severity] > RANK[w] ? i.severity : w), 'info');
    const role = info.get(el)!.role;
    el.setAttribute('data-nianbao-issue', rules.join(' '));
    el.setAttribute('data-nianbao-severity', worst);
    el.setAttribute('data-nianbao-cell', [...(cellIds.get(el) ?? [])].join(' '));
    el.setAttribute('data-nianbao-role', role);
    if (suggested.has(el)) {
      el.setAttribute('data-nianbao-suggested', String(suggested.get(el)));
      el.setAttribute('data-nianbao-badge', store.state.t('mark.suggested', { value: suggested.get(el) }));
    }
    // Only strong marks are stops for the keyboard (and show the tooltip).
    if (role !== 'part' && !el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('data-nianbao-tabindex', 'added');
    }
  }
}

/** Show (or hide, with null) the faint marks of the cells that take part in the given issues. */
export function showRelated(ctx: AppContext, issues: readonly Issue[] | null): void {
  ctx.doc.querySelectorAll('[data-nianbao-related]').forEach((el) => el.removeAttribute('data-nianbao-related'));
  if (!issues) return;
  const byIssue = elementsOfIssue.get(ctx);
  // A finding not marked on the page (one the pairing adds or changes, until the user asks) shows nothing there.
  for (const i of issues) for (const el of byIssue?.get(issueSignature(i)) ?? []) el.setAttribute('data-nianbao-related', '');
}

export const marks: Feature = {
  id: 'marks',
  init(ctx) {
    injectMarkStyle(ctx.doc);
    applyMarks(ctx);
    ctx.store.state.timing.markedAt = performance.now();
    ctx.host.host.setAttribute('data-state', 'marked');
    let last = ctx.store.state.dismissals;
    let paired = ctx.store.state.pairedMarks;
    ctx.store.subscribe((s) => {
      if (s.dismissals !== last || s.pairedMarks !== paired) {
        last = s.dismissals;
        paired = s.pairedMarks;
        applyMarks(ctx);
      }
    });
  },
};
