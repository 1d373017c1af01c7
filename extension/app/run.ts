/**
 * The engine: runs the core on the page as the browser holds it, then starts every feature.
 * Loaded only on pages the cheap detector took for a report (or when the user asked).
 */
import { check, parsePage, rules, type Report } from './core';
import type { AppContext, Feature } from './context';
import { CellLocator } from './dom-cells';
import { download } from './exports';
import { FEATURES } from './features';
import { applyMarks, marks, markStyleOf } from './features/marks';
import { createHost } from './host';
import { offerAttachment } from './features/attachment';
import { offerPictures } from './features/pictures';
import { letterText } from './letter';
import { figures } from './figures';
import { reportKeyOf, Store, type PreviousSource } from './state';
import { resolveLang, translator } from '../lib/i18n';
import { DEFAULT_SETTINGS, DEFAULT_UI, dismissalsItem, getSettings, getUi, type Dismissal, type Dismissals, type Settings, type UiState } from '../lib/storage';
import { dockStyleOf } from './features/panel';
import { previousReport } from './features/remember';
import { sendMessage } from '../lib/protocol';

/** When this script began to run (performance.now()). */
const LOADED_AT = performance.now();
/** When the read ahead of DOMContentLoaded (readAhead) ended, if it ran. */
let readAheadAt: number | undefined;

declare global {
  /**
   * The engine, in the extension's isolated world only (no page script can reach it). Also the
   * explicit test hook: the closed shadow root and our stylesheets, which the page cannot see.
   */
  var __nianbaoLens:
    | { rerun(): Promise<void>; letter(): string; ctx: AppContext; root: ShadowRoot; styles(): { marks: HTMLStyleElement | null; dock: HTMLStyleElement | null } }
    | undefined;
  /** When the read ahead of DOMContentLoaded ended (isolated world only; the tests wait for it). */
  var __nianbaoReadAheadAt: number | undefined;
}

function flash(el: HTMLElement): void {
  el.removeAttribute('data-nianbao-flash');
  void el.offsetWidth; // restart the animation
  el.setAttribute('data-nianbao-flash', '');
  setTimeout(() => el.removeAttribute('data-nianbao-flash'), 1800);
}

/** The page read and checked alone, with what storage holds for it: enough for the first marks. */
interface PageReading {
  report: Report;
  /** The page's own issues (without last year's report): the only ones its elements show. */
  pageIssues: ReturnType<typeof check>;
  reportKey: string;
  dismissals: Record<string, Dismissal>;
  settings: Settings;
  ui: UiState;
  ms: number;
  steps: Record<string, number>;
}

/** What last year's report adds: every issue (the panel's), and where last year's numbers came from. */
interface Pairing {
  issues: ReturnType<typeof check>;
  previous: PreviousSource | null;
}

/**
 * The page's live DOM → report → the page's own issues. Settings (rules switched off) and
 * dismissals are read while the page is read — the content script has usually fetched them while
 * this script loaded — and awaited before the check, so no mark of a dismissed or switched-off
 * finding ever shows. Last year's report is not waited for (pairWithLastYear, afterwards).
 */
async function readPage(doc: Document): Promise<PageReading> {
  const pre = globalThis.__nianbaoPrefetch;
  globalThis.__nianbaoPrefetch = undefined;
  const rawP = pre ? pre.catch(() => null) : Promise.resolve(null);
  const settingsP = rawP.then((raw) => (raw ? { ...DEFAULT_SETTINGS, ...(raw.settings as Partial<Settings> | undefined) } : getSettings()));
  const uiP = rawP.then((raw) => (raw ? { ...DEFAULT_UI, ...(raw.ui as Partial<UiState> | undefined) } : getUi().catch(() => DEFAULT_UI)));
  const dismissalsP = rawP.then((raw) => (raw ? ((raw.dismissals ?? {}) as Dismissals) : dismissalsItem.getValue()));
  const t0 = performance.now();
  const report = parsePage(doc, location.href);
  const parsed = performance.now();
  const [settings, allDismissals, ui] = await Promise.all([settingsP, dismissalsP, uiP]);
  const storage = performance.now();
  const reportKey = reportKeyOf(report, location.href);
  const pageIssues = check(report, null, settings.disabledRules);
  const checked = performance.now();
  const steps: Record<string, number> = { asked: globalThis.__nianbaoAskedAt ?? NaN, start: t0, parsed, storage, checked };
  if (readAheadAt !== undefined) steps.ahead = readAheadAt;
  return { report, pageIssues, reportKey, dismissals: allDismissals[reportKey] ?? {}, settings, ui, ms: parsed - t0 + checked - storage, steps };
}

/**
 * Last year's report of the same agency (one look-up in the background's collection) and every
 * issue with it; null when there is none. Marks written onto the page stay the page's own (a page
 * script must not learn what the user keeps): this only refines the panel.
 */
async function pairWithLastYear(a: PageReading): Promise<Pairing | null> {
  if (!a.settings.remember) return null;
  const previous = await previousReport(a.report.meta.agency, a.report.meta.year);
  if (!previous) return null;
  return { issues: check(a.report, previous.report, a.settings.disabledRules), previous: previous.from };
}

/** The store's fields a reading (and its pairing, when known) sets. */
function readingState(a: PageReading, p: Pairing | null) {
  return { report: a.report, issues: p?.issues ?? a.pageIssues, pageIssues: a.pageIssues, previous: p?.previous ?? null, pairedMarks: false, reportKey: a.reportKey, dismissals: a.dismissals };
}

async function initFeatures(ctx: AppContext, features: readonly Feature[]): Promise<void> {
  for (const f of features) {
    try {
      await f.init(ctx);
    } catch (err) {
      console.error(`[nianbao] feature ${f.id} failed`, err);
    }
  }
}

/** Loaded early (from the title) while the page still arrives: wait for the whole document. */
function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  readAhead(doc);
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/**
 * While the page still arrives, read and check what has arrived, once its first table is in, when
 * the browser is idle; the result is dropped. The first run of the walk, the table reader and the
 * rules is cold code — compiled on first call, then interpreted — and cost most of the 45 ms the
 * read at DOMContentLoaded took (the same read, warm, takes a few ms): this way that cost falls
 * in the time the page was loading anyway, and the read the marks wait for runs warm.
 */
function readAhead(doc: Document): void {
  const tables = doc.getElementsByTagName('table');
  const idle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 100 }) : setTimeout(fn, 0));
  const attempt = () => {
    if (doc.readyState !== 'loading') return; // too late: the real read is due
    if (!tables.length) return void setTimeout(() => idle(attempt), 30);
    try {
      check(parsePage(doc, location.href), null, []);
    } catch {
      // a read of half a page may fail; the real read will say why, if it fails too
    }
    globalThis.__nianbaoReadAheadAt = readAheadAt = performance.now();
  };
  idle(attempt);
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
    const a = await readPage(doc);
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
    // Last year's report is asked for now; the first marks do not wait for it.
    const pairingP = pairWithLastYear(a).catch(() => null);
    const store = new Store({
      ...readingState(a, null),
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
        const b = await readPage(doc);
        const pairing = await pairWithLastYear(b).catch(() => null);
        ctx.locator = new CellLocator(doc);
        store.set({ ...readingState(b, pairing), open: true, timing: { engine: b.ms, markedAt: 0 } });
        applyMarks(ctx);
        store.state.timing.markedAt = performance.now();
      },
    };
    // The marks first, from the page alone; then last year's report joins (the page's marks stay
    // as they are: it adds to what the panel, the tooltip and the badge show), and the rest starts
    // with the whole state.
    const first = FEATURES.filter((f) => f.id === marks.id);
    await initFeatures(ctx, first);
    const pairing = await pairingP;
    if (pairing) store.set({ issues: pairing.issues, previous: pairing.previous });
    store.state.timing.steps!.paired = performance.now();
    await initFeatures(ctx, FEATURES.filter((f) => !first.includes(f)));
    // Our own element says when everything is in place (tests and the bench wait for it).
    ctx.host.host.setAttribute('data-state', 'ready');
    return ctx;
  } catch (err) {
    console.error('[nianbao] engine failed', err);
    await sendMessage('tab:report', { status: 'failed', url: location.href, error: String(err) }).catch(() => undefined);
    return null;
  }
}
