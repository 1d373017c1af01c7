/**
 * Hover or keyboard focus on a strongly marked cell shows what is wrong with it: the rule's title,
 * the numbers (expected vs printed), the suspect's suggested value and a one-line explanation —
 * and the cells its issues take part in get their faint mark meanwhile. Rendered in the shadow
 * root; placed beside the cell, always left of the docked panel, never over it, always inside
 * the window: a tooltip taller than the room scrolls (the mouse may move into it).
 */
import { render } from 'preact';
import type { Issue } from '../core';
import type { AppContext, Feature } from '../context';
import { issueCandidates, issueExplanation, issueMessage, issueNumbers, issueTitle } from '../describe';
import { isTrusted } from '../trusted';
import { markInfo, showRelated } from './marks';
import { pairedFindings, previousSourceText } from '../panel/Previous';
import { panelWidth, RAIL_WIDTH } from './panel';

const TIP_MAX = 340;

/**
 * Where the tooltip may be: from 8 px to the panel's left edge less 8 px, on the side of the cell
 * with more room (below when it has at least 300 px), and never taller than that room — a longer
 * tooltip scrolls. It touches the cell (2 px over its edge), so the mouse can move from the cell
 * into it without crossing another mark.
 */
export function tipBox(ctx: AppContext, r: DOMRect): { left: number; maxWidth: number; maxHeight: number; top?: number; bottom?: number } {
  const reserved = ctx.store.state.open ? panelWidth(window.innerWidth) : RAIL_WIDTH;
  const right = window.innerWidth - reserved - 8;
  const maxWidth = Math.max(120, Math.min(TIP_MAX, right - 8));
  const left = Math.max(8, Math.min(r.left, right - maxWidth));
  const height = window.innerHeight;
  const roomBelow = height - 8 - (r.bottom - 2);
  const roomAbove = r.top + 2 - 8;
  const below = roomBelow >= 300 || roomBelow >= roomAbove;
  return below
    ? { left, maxWidth, top: r.bottom - 2, maxHeight: Math.max(60, roomBelow) }
    : { left, maxWidth, bottom: height - r.top - 2, maxHeight: Math.max(60, roomAbove) };
}

function Tip({ ctx, el, issues }: { ctx: AppContext; el: HTMLElement; issues: Issue[] }) {
  const { lang, t, report } = ctx.store.state;
  const box = tipBox(ctx, el.getBoundingClientRect());
  const style = {
    left: `${box.left}px`,
    maxWidth: `${box.maxWidth}px`,
    maxHeight: `${box.maxHeight}px`,
    ...(box.top !== undefined ? { top: `${box.top}px` } : { bottom: `${box.bottom}px` }),
  };
  const suggested = el.getAttribute('data-nianbao-suggested');
  const paired = pairedFindings(ctx.store.state);
  return (
    <div class="tip" role="tooltip" style={style}>
      {issues.map((i) => (
        <div class="item">
          <div class="t">{issueTitle(i, lang)}</div>
          <div class="n">{issueNumbers(i, lang, report)}</div>
          <div>{issueMessage(i, lang)}</div>
          {issueCandidates(i, lang) && <div class="c">{issueCandidates(i, lang)}</div>}
          <div class="x">{issueExplanation(i, lang)}</div>
          {paired.has(i) && <div class="src">{previousSourceText(ctx.store.state)}</div>}
        </div>
      ))}
      {suggested !== null && (
        <div class="item s">
          {t('suspectLead')}
          {t('mark.suggested', { value: suggested })}
        </div>
      )}
    </div>
  );
}

export const tooltip: Feature = {
  id: 'tooltip',
  init(ctx) {
    const mount = ctx.host.mount('tip');
    let current: HTMLElement | null = null;
    const inTip = (e: MouseEvent) => {
      const r = mount.firstElementChild?.getBoundingClientRect();
      return !!r && e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    };
    const show = (el: HTMLElement) => {
      const issues = ctx.marked.get(el);
      if (!issues?.length) return;
      current = el;
      render(<Tip ctx={ctx} el={el} issues={issues} />, mount);
      showRelated(ctx, issues);
    };
    const hide = () => {
      if (!current) return;
      current = null;
      render(null, mount);
      showRelated(ctx, null);
    };
    // Strong marks only: a cell that merely takes part in a sum has no tooltip of its own.
    const target = (e: Event) => {
      const el = e.target instanceof Element ? (e.target.closest('[data-nianbao-role]') as HTMLElement | null) : null;
      return el && markInfo(ctx, el)?.role !== 'part' ? el : null;
    };
    ctx.doc.addEventListener('mouseover', (e) => {
      if (!isTrusted(e)) return;
      // The mouse in the tooltip (to scroll it): it stays.
      if (e.target === ctx.host.host && inTip(e as MouseEvent)) return;
      const el = target(e);
      if (el && el !== current) show(el);
      else if (!el && current && ctx.doc.activeElement !== current) hide();
    });
    ctx.doc.addEventListener('focusin', (e) => {
      if (!isTrusted(e)) return;
      const el = target(e);
      if (el) show(el);
    });
    ctx.doc.addEventListener('focusout', (e) => isTrusted(e) && hide());
    ctx.doc.addEventListener('keydown', (e) => isTrusted(e) && e.key === 'Escape' && hide());
    // Follow the cell when the page scrolls (focusing a cell may scroll it into view).
    window.addEventListener('scroll', () => current && show(current), { passive: true, capture: true });
    ctx.store.subscribe(() => hide());
  },
};
