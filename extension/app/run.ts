/**
 * The engine: runs the core on the page as the browser holds it, then starts every feature.
 * Loaded only on pages the cheap detector took for a report (or when the user asked).
 */
import { check, domTreeOf, parsePage, rules, type Report } from './core';
import type { AppContext } from './context';
import { CellLocator } from './dom-cells';
import { download } from './exports';
import { FEATURES } from './features';
import { applyMarks } from './features/marks';
import { createHost } from './host';
import { offerAttachment } from './features/attachment';
import { offerPictures } from './features/pictures';
import { letterText } from './letter';
import { figures } from './figures';
import { reportKeyOf, Store, type PreviousSource } from './state';
import { resolveLang, translator } from '../lib/i18n';
import { DEFAULT_SETTINGS, DEFAULT_UI, dismissalsItem, getSettings, getUi, type Dismissal, type Dismissals, type Settings, type UiState } from '../lib/storage';
import { markStyleOf } from './features/marks';
import { dockStyleOf } from './features/panel';
import { previousReport } from './features/remember';
import { sendMessage } from '../lib/protocol';

/** When this script began to run (performance.now()). */
const LOADED_AT = performance.now();

declare global {
  /**
   * The engine, in the extension's isolated world only (no page script can reach it). Also the
   * explicit test hook: the closed shadow root and our stylesheets, which the page cannot see.
   */
  var __nianbaoLens:
    | { rerun(): Promise<void>; letter(): string; ctx: AppContext; root: ShadowRoot; styles(): { marks: HTMLStyleElement | null; dock: HTMLStyleElement | null } }
    | undefined;
}

function flash(el: HTMLElement): void {
  el.removeAttribute('data-nianbao-flash');
  void el.offsetWidth; // restart the animation
  el.setAttribute('data-nianbao-flash', '');
  setTimeout(() => el.removeAttribute('data-nianbao-flash'), 1800);
}

interface Analysis {
  report: Report;
  issues: ReturnType<typeof check>;
  /** The page's own issues (without last year's report): the only ones its elements show. */
  pageIssues: ReturnType<typeof check>;
  previous: PreviousSource | null;
  reportKey: string;
  dismissals: Record<string, Dismissal>;
  settings: Awaited<ReturnType<typeof getSettings>>;
  ui: UiState;
  ms: number;
  steps: Record<string, number>;
}

/** Page → report → issues, with the settings, the dismissals and last year's report if known. */
async function analyse(doc: Document): Promise<Analysis> {
  // Storage is read while the page is parsed: the replies wait in the queue, not the user.
  // The content script has usually read them already, while this script was loading.
  const pre = globalThis.__nianbaoPrefetch;
  globalThis.__nianbaoPrefetch = undefined;
  const rawP = pre ? pre.catch(() => null) : Promise.resolve(null);
  const settingsP = rawP.then((raw) => (raw ? { ...DEFAULT_SETTINGS, ...(raw.settings as Partial<Settings> | undefined) } : getSettings()));
  const uiP = rawP.then((raw) => (raw ? { ...DEFAULT_UI, ...(raw.ui as Partial<UiState> | undefined) } : getUi().catch(() => DEFAULT_UI)));
  const dismissalsP = rawP.then((raw) => (raw ? ((raw.dismissals ?? {}) as Dismissals) : dismissalsItem.getValue()));
  const t0 = performance.now();
  const tree = domTreeOf(doc);
  const serialised = performance.now(); // the page's DOM copied into the core's tree shape
  const report = parsePage(tree, location.href);
  const parsed = performance.now();
  const { agency, year } = report.meta;
  // Last year's report of the same agency: one look-up in the background's collection, asked while storage is read.
  const previousP = settingsP.then((st) => (st.remember ? previousReport(agency, year) : null));
  const [settings, allDismissals, previous] = await Promise.all([settingsP, dismissalsP, previousP]);
  const t1 = performance.now();
  const reportKey = reportKeyOf(report, location.href);
  const issues = check(report, previous?.report ?? null, settings.disabledRules);
  // Marks written onto the page come from the page alone: a page script must not learn what the user keeps.
  const pageIssues = previous ? check(report, null, settings.disabledRules) : issues;
  const checked = performance.now();
  const steps = { asked: globalThis.__nianbaoAskedAt ?? NaN, start: t0, serialised, parsed, storage: t1, checked };
  const ui = await uiP;
  return { report, issues, pageIssues, previous: previous?.from ?? null, reportKey, dismissals: allDismissals[reportKey] ?? {}, settings, ui, ms: parsed - t0 + checked - t1, steps };
}

/** Loaded early (from the title) while the page still arrives: wait for the whole document. */
function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

export async function runEngine(doc: Document = document): Promise<AppContext | null> {
  if (globalThis.__nianbaoLens) {
    // Injected again (the user pressed "check this page"): read the page afresh.
    await globalThis.__nianbaoLens.rerun();
    return globalThis.__nianbaoLens.ctx;
  }
  // Loaded by the content script (automatic), not by the user's "check this page".
  const automatic = globalThis.__nianbaoAskedAt !== undefined;
  try {
    await domReady(doc);
    const a = await analyse(doc);
    if (automatic && !figures(a.report).hasTables) {
      // The title promised a report, the page holds none: leave the page alone. Should the user
      // ask for this page later ("check this page"), that injection is theirs, not automatic.
      globalThis.__nianbaoAskedAt = undefined;
      // …unless its report is an attached PDF: say so, and offer to check it (here and in the popup).
      const attachment = offerAttachment(doc, resolveLang(a.settings.language));
      // …or its tables are pictures: offer to read them by offline OCR.
      if (!attachment) await offerPictures(doc, resolveLang(a.settings.language));
      await sendMessage('tab:report', { status: 'empty', url: location.href, ...(attachment ? { attachment } : {}) }).catch(() => undefined);
      return null;
    }
    const lang = resolveLang(a.settings.language);
    const store = new Store({
      report: a.report,
      issues: a.issues,
      pageIssues: a.pageIssues,
      previous: a.previous,
      pairedMarks: false,
      reportKey: a.reportKey,
      dismissals: a.dismissals,
      lang,
      t: translator(lang),
      settings: a.settings,
      rulesLoaded: rules().length > 0,
      timing: { engine: a.ms, markedAt: 0, steps: { ...a.steps, loaded: LOADED_AT } },
      open: a.ui.panelOpen,
    });
    const ctx: AppContext = {
      doc,
      store,
      locator: new CellLocator(doc),
      host: createHost(doc),
      marked: new Map(),
      reveal(issue) {
        const els = issue.cells.map((c) => ctx.locator.element(store.state.report, c)).filter((e): e is HTMLElement => !!e);
        if (!els.length) return;
        // (The page's scroll padding keeps it clear of the docked panel.)
        els[0].scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'smooth' });
        els.forEach(flash);
        els[0].focus({ preventScroll: true });
      },
      download: (kind) => download(store.state, kind, doc),
    };
    globalThis.__nianbaoLens = {
      ctx,
      root: ctx.host.root,
      styles: () => ({ marks: markStyleOf(doc), dock: dockStyleOf(doc) }),
      letter: () => letterText(store.state, location.href),
      async rerun() {
        const b = await analyse(doc);
        ctx.locator = new CellLocator(doc);
        store.set({ report: b.report, issues: b.issues, pageIssues: b.pageIssues, previous: b.previous, pairedMarks: false, reportKey: b.reportKey, dismissals: b.dismissals, open: true, timing: { engine: b.ms, markedAt: 0 } });
        applyMarks(ctx);
        store.state.timing.markedAt = performance.now();
      },
    };
    for (const f of FEATURES) {
      try {
        await f.init(ctx);
      } catch (err) {
        console.error(`[nianbao] feature ${f.id} failed`, err);
      }
    }
    // Our own element says when everything is in place (tests and the bench wait for it).
    ctx.host.host.setAttribute('data-state', 'ready');
    return ctx;
  } catch (err) {
    console.error('[nianbao] engine failed', err);
    await sendMessage('tab:report', { status: 'failed', url: location.href, error: String(err) }).catch(() => undefined);
    return null;
  }
}
