/**
 * The panel in the closed shadow root: summary, issues by severity, exports. It docks to the right
 * edge, full height, and makes room for itself — the page's root gets a right margin as wide as
 * the panel (and a scroll padding, so that scrolling a cell into view keeps it clear), and a page
 * wider than what is left can still be scrolled clear of it (the host's width) — so the panel
 * never covers a cell of the page. Collapsed, it is a slim tab in a narrow strip of its own.
 * Every handler acts only on trusted events; the open/collapsed choice is kept in local storage.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AppContext, Feature } from '../context';
import { Exports } from '../panel/Exports';
import { Issues } from '../panel/Issues';
import { PreviousNote } from '../panel/Previous';
import { ReadingNotes } from '../panel/ReadingNotes';
import { Summary } from '../panel/Summary';
import { activeIssues, counts, issueKey, type EngineState } from '../state';
import { setDismissal, updateUi } from '../../lib/storage';
import { isTrusted } from '../trusted';
import { showRelated } from './marks';
import { COLORS } from '../styles';
import type { Issue } from '../core';

/** Width of the docked panel for a window width: 30 % of it, between 280 and 380 px. */
export function panelWidth(windowWidth: number): number {
  return Math.round(Math.min(380, Math.max(280, windowWidth * 0.3)));
}
/** Width of the strip the collapsed tab keeps. */
export const RAIL_WIDTH = 40;

/** Room for the panel in the page: our own stylesheet, kept by reference (never looked up by id). */
const docks = new WeakMap<Document, HTMLStyleElement>();

/** Our attribute on a report table made to fit beside the panel (kept in the page only while docked). */
export const FIT_ATTR = 'data-nianbao-fit';

/**
 * Make room at the right edge for a panel `width` px wide (0: give the room back).
 *
 * A marked table wider than the room left (cells of fixed widths, as portals print them) is let
 * reflow to fit it — its fixed widths dropped, its text wrapping — so that every marked number is
 * seen together with its row label, without scrolling sideways (issue 18: the 总计 column of a
 * 1100-px table lay under the panel, and scrolling to it hid the labels). A table that still does
 * not fit (a fixed-width frame around it) can be scrolled clear of the panel (the host's width).
 */
export function dock(ctx: AppContext, width: number): void {
  const { doc } = ctx;
  let style = docks.get(doc);
  if (!style) {
    style = doc.createElement('style');
    docks.set(doc, style);
  }
  style.textContent = width
    ? // (body too: a page in quirks mode scrolls its body.)
      `html { margin-right: ${width}px !important; scroll-padding-right: ${width + 8}px !important; } body { scroll-padding-right: ${width + 8}px !important; } @media print { html { margin-right: 0 !important; } }
@media screen { table[${FIT_ATTR}] { width: auto !important; max-width: 100% !important; table-layout: auto !important; } table[${FIT_ATTR}] > * > tr > * { width: auto !important; min-width: 0 !important; white-space: normal !important; } table[${FIT_ATTR}] > * > tr > * * { max-width: 100% !important; } }`
    : '';
  if (!style.isConnected) (doc.head ?? doc.documentElement).append(style);
  ctx.host.setSpacer(0);
  const view = doc.defaultView ?? window;
  const room = view.innerWidth - width;
  const tables = Array.from(doc.getElementsByTagName('table'));
  // Measured with the page's own widths first: a table fits again when the panel is collapsed.
  for (const table of tables) table.removeAttribute(FIT_ATTR);
  if (!width) return;
  for (const table of tables) {
    if (table.getBoundingClientRect().right + view.scrollX > room && table.querySelector('[data-nianbao-role]')) table.setAttribute(FIT_ATTR, '');
  }
  // A page wider than the room left: let it scroll far enough that its right edge clears the panel.
  // (The report's tables are what must clear it: their right edge, in page coordinates.)
  let right = 0;
  for (const table of tables) right = Math.max(right, table.getBoundingClientRect().right + view.scrollX);
  if (right > room) ctx.host.setSpacer(right + width + 8);
}

export function dockStyleOf(doc: Document): HTMLStyleElement | null {
  return docks.get(doc) ?? null;
}

function useWindowWidth(): number {
  const [w, setW] = useState(window.innerWidth);
  useEffect(() => {
    const on = () => setW(window.innerWidth);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return w;
}

function Panel({ ctx }: { ctx: AppContext }) {
  const [state, setState] = useState<EngineState>(ctx.store.state);
  const [msg, setMsg] = useState('');
  useEffect(() => ctx.store.subscribe(setState), []);
  const windowWidth = useWindowWidth();
  const width = state.open ? panelWidth(windowWidth) : RAIL_WIDTH;
  useEffect(() => {
    dock(ctx, width);
    // Images and fonts still arriving may widen the tables: measure again once the page has loaded.
    if (ctx.doc.readyState === 'complete') return;
    const again = () => dock(ctx, width);
    window.addEventListener('load', again, { once: true });
    return () => window.removeEventListener('load', again);
  }, [width, windowWidth]);
  const { t } = state;
  const c = counts(activeIssues(state));
  const toggle = (e: Event, open: boolean) => {
    if (!isTrusted(e)) return;
    ctx.store.set({ open });
    void updateUi({ panelOpen: open }).catch(() => undefined);
  };
  if (!state.open) {
    const worst = c.error ? 'error' : c.warning ? 'warning' : null;
    return (
      <button class="badge" type="button" aria-label={t('expand')} title={t('badgeTitle', { errors: c.error, warnings: c.warning })} onClick={(e) => toggle(e, true)}>
        <span class="dot" style={{ background: worst ? COLORS[worst] : '#188038' }}>
          {worst ? c[worst] : '✓'}
        </span>
        <span class="name">{t('name')}</span>
      </button>
    );
  }
  const actions = {
    reveal: (i: Issue) => ctx.reveal(i),
    dismiss: async (i: Issue, note: string | null) => {
      try {
        const own = await setDismissal(state.reportKey, issueKey(i), note === null ? null : { note, at: new Date().toISOString() });
        ctx.store.set({ dismissals: own });
        setMsg('');
      } catch (err) {
        setMsg(/quota/i.test(String(err)) ? t('quota') : String(err).slice(0, 200));
      }
    },
    hover: (i: Issue | null) => showRelated(ctx, i ? [i] : null),
  };
  return (
    <div class="lens" role="complementary" aria-label={t('name')} style={{ width: `${width}px` }}>
      <header>
        <h1>
          {t('name')} <span style={{ fontWeight: 'normal', fontSize: '12px' }}>{t('popupCounts', c)}</span>
        </h1>
        <button type="button" title={t('collapse')} aria-label={t('collapse')} onClick={(e) => toggle(e, false)}>
          –
        </button>
      </header>
      <div class="body">
        {msg && (
          <p class="msg" role="alert">
            {msg}
          </p>
        )}
        <Summary state={state} />
        <PreviousNote state={state} setPaired={(on) => ctx.store.set({ pairedMarks: on })} />
        <Issues state={state} actions={actions} />
        <ReadingNotes state={state} />
        <Exports state={state} download={ctx.download} />
        <p class="muted">{t('readNote', { cells: countCells(state), ms: Math.round(state.timing.engine) })}</p>
      </div>
    </div>
  );
}

function countCells(s: EngineState): number {
  let n = 0;
  for (const table of [s.report.t2, s.report.t3, s.report.t4] as Record<string, Record<string, unknown> | undefined>[]) {
    for (const row of Object.values(table)) n += Object.keys(row ?? {}).length;
  }
  return n;
}

export const panel: Feature = {
  id: 'panel',
  init(ctx) {
    render(<Panel ctx={ctx} />, ctx.host.mount('panel'));
  },
};
