/**
 * The engine: runs the core on the page as the browser holds it, then starts every feature.
 * Loaded only on pages the cheap detector took for a report (or when the user asked).
 */
import { check, parsePage, rules, type Report } from './core';
import type { AppContext } from './context';
import { CellLocator } from './dom-cells';
import { download } from './exports';
import { FEATURES } from './features';
import { applyMarks } from './features/marks';
import { createHost } from './host';
import { letterText } from './letter';
import { reportKeyOf, Store } from './state';
import { resolveLang, translator } from '../lib/i18n';
import { getDismissals, getSettings, recall } from '../lib/storage';
import { sendMessage } from '../lib/protocol';

declare global {
  var __nianbaoLens: { rerun(): Promise<void>; letter(): string; ctx: AppContext } | undefined;
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
  reportKey: string;
  dismissals: Awaited<ReturnType<typeof getDismissals>>;
  settings: Awaited<ReturnType<typeof getSettings>>;
  ms: number;
}

/** Page → report → issues, with the settings, the dismissals and last year's report if known. */
async function analyse(doc: Document): Promise<Analysis> {
  const settingsP = getSettings();
  const t0 = performance.now();
  const report = parsePage(doc.documentElement.outerHTML, location.href);
  const parseMs = performance.now() - t0;
  const settings = await settingsP;
  const reportKey = reportKeyOf(report, location.href);
  const { agency, year } = report.meta;
  const [prev, dismissals] = await Promise.all([
    settings.remember && agency && year ? recall(`${agency}|${year - 1}`) : Promise.resolve(null),
    getDismissals(reportKey),
  ]);
  const t1 = performance.now();
  const issues = check(report, (prev?.report as Report | undefined) ?? null, settings.disabledRules);
  return { report, issues, reportKey, dismissals, settings, ms: parseMs + performance.now() - t1 };
}

export async function runEngine(doc: Document = document): Promise<AppContext | null> {
  if (globalThis.__nianbaoLens) {
    // Injected again (the user pressed "check this page"): read the page afresh.
    await globalThis.__nianbaoLens.rerun();
    return globalThis.__nianbaoLens.ctx;
  }
  try {
    const a = await analyse(doc);
    const lang = resolveLang(a.settings.language);
    const store = new Store({
      report: a.report,
      issues: a.issues,
      reportKey: a.reportKey,
      dismissals: a.dismissals,
      lang,
      t: translator(lang),
      settings: a.settings,
      rulesLoaded: rules().length > 0,
      timing: { engine: a.ms, markedAt: 0 },
      open: a.settings.panelOpen,
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
        els[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
        els.forEach(flash);
        els[0].focus({ preventScroll: true });
      },
      download: (kind) => download(store.state, kind, doc),
    };
    globalThis.__nianbaoLens = {
      ctx,
      letter: () => letterText(store.state, location.href),
      async rerun() {
        const b = await analyse(doc);
        ctx.locator = new CellLocator(doc);
        store.set({ report: b.report, issues: b.issues, reportKey: b.reportKey, dismissals: b.dismissals, open: true, timing: { engine: b.ms, markedAt: 0 } });
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
