/**
 * Marks every page cell involved in an active issue: data-nianbao-issue (rule ids),
 * data-nianbao-severity (the worst), data-nianbao-cell (report cell ids), an outline and a
 * corner badge from one injected stylesheet, and tabindex so the keyboard can reach it.
 */
import type { Issue } from '../core';
import type { AppContext, Feature } from '../context';
import { cellId } from '../dom-cells';
import { activeIssues } from '../state';
import { MARK_CSS } from '../styles';

const RANK = { error: 3, warning: 2, info: 1 } as const;
const STYLE_ID = 'nianbao-lens-marks';
const ATTRS = ['data-nianbao-issue', 'data-nianbao-severity', 'data-nianbao-cell'];

export function injectMarkStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = MARK_CSS;
  (doc.head ?? doc.documentElement).append(style);
}

export function clearMarks(doc: Document): void {
  doc.querySelectorAll('[data-nianbao-issue]').forEach((el) => {
    ATTRS.forEach((a) => el.removeAttribute(a));
    if (el.getAttribute('data-nianbao-tabindex') === 'added') el.removeAttribute('tabindex');
    el.removeAttribute('data-nianbao-tabindex');
  });
}

export function applyMarks(ctx: AppContext): void {
  const { doc, store, locator, marked } = ctx;
  clearMarks(doc);
  marked.clear();
  const { report } = store.state;
  const cellIds = new Map<HTMLElement, Set<string>>();
  for (const issue of activeIssues(store.state)) {
    for (const ref of issue.cells) {
      const el = locator.element(report, ref);
      if (!el) continue;
      const list = marked.get(el) ?? [];
      if (!list.includes(issue)) list.push(issue);
      marked.set(el, list);
      const ids = cellIds.get(el) ?? new Set<string>();
      ids.add(cellId(ref));
      cellIds.set(el, ids);
    }
  }
  for (const [el, issues] of marked) {
    const rules = [...new Set(issues.map((i) => i.rule))];
    const worst = issues.reduce<Issue['severity']>((w, i) => (RANK[i.severity] > RANK[w] ? i.severity : w), 'info');
    el.setAttribute('data-nianbao-issue', rules.join(' '));
    el.setAttribute('data-nianbao-severity', worst);
    el.setAttribute('data-nianbao-cell', [...(cellIds.get(el) ?? [])].join(' '));
    if (!el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('data-nianbao-tabindex', 'added');
    }
  }
}

export const marks: Feature = {
  id: 'marks',
  init(ctx) {
    injectMarkStyle(ctx.doc);
    applyMarks(ctx);
    ctx.store.state.timing.markedAt = performance.now();
    ctx.host.host.setAttribute('data-state', 'marked');
    let last = ctx.store.state.dismissals;
    ctx.store.subscribe((s) => {
      if (s.dismissals !== last) {
        last = s.dismissals;
        applyMarks(ctx);
      }
    });
  },
};
