/**
 * Hover or keyboard focus on a marked cell shows what is wrong with it: the rule's title, the
 * numbers (expected vs printed) and a one-line explanation citing the format. Rendered in the
 * shadow root; positioned beside the cell without moving anything.
 */
import { render } from 'preact';
import type { Issue } from '../core';
import type { AppContext, Feature } from '../context';
import { issueExplanation, issueMessage, issueNumbers, issueTitle } from '../describe';
import { reportCell } from '../dom-cells';

function Tip({ ctx, el, issues }: { ctx: AppContext; el: HTMLElement; issues: Issue[] }) {
  const { lang, t, report } = ctx.store.state;
  const r = el.getBoundingClientRect();
  const below = r.bottom + 8 + 120 < window.innerHeight;
  const style = {
    left: `${Math.max(8, Math.min(r.left, window.innerWidth - 348))}px`,
    ...(below ? { top: `${r.bottom + 8}px` } : { bottom: `${window.innerHeight - r.top + 8}px` }),
  };
  return (
    <div class="tip" role="tooltip" style={style}>
      {issues.map((i) => {
        const blank = i.cells.some((c) => reportCell(report, c)?.blank);
        return (
          <div class="item">
            <div class="t">{issueTitle(i, lang)}</div>
            <div class="n">{issueNumbers(i, t, blank)}</div>
            <div>{issueMessage(i, lang)}</div>
            <div class="x">{issueExplanation(i, lang)}</div>
          </div>
        );
      })}
    </div>
  );
}

export const tooltip: Feature = {
  id: 'tooltip',
  init(ctx) {
    const mount = ctx.host.mount('tip');
    let current: HTMLElement | null = null;
    const show = (el: HTMLElement) => {
      const issues = ctx.marked.get(el);
      if (!issues?.length) return;
      current = el;
      render(<Tip ctx={ctx} el={el} issues={issues} />, mount);
    };
    const hide = () => {
      if (!current) return;
      current = null;
      render(null, mount);
    };
    const target = (e: Event) => (e.target instanceof Element ? (e.target.closest('[data-nianbao-issue]') as HTMLElement | null) : null);
    ctx.doc.addEventListener('mouseover', (e) => {
      const el = target(e);
      if (el && el !== current) show(el);
      else if (!el && current && ctx.doc.activeElement !== current) hide();
    });
    ctx.doc.addEventListener('focusin', (e) => {
      const el = target(e);
      if (el) show(el);
    });
    ctx.doc.addEventListener('focusout', hide);
    ctx.doc.addEventListener('keydown', (e) => e.key === 'Escape' && hide());
    // Follow the cell when the page scrolls (focusing a cell may scroll it into view).
    window.addEventListener('scroll', () => current && show(current), { passive: true, capture: true });
    ctx.store.subscribe(() => hide());
  },
};
