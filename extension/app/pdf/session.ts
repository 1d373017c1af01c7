/**
 * The report page's engine: the PDF's report checked by the core, then the very in-page features
 * of a report page — marks (on the cells' boxes over the drawn pages), tooltip, panel (summary,
 * issues that scroll to their mark, dismiss with a note, exports), the tab's badge, remembering in
 * the collection — run on this extension page with the PDF view as the "page".
 */
import { check, rules, type Report } from '../core';
import type { AppContext, Feature } from '../context';
import type { CellLocator } from '../dom-cells';
import { download, type ExportApi } from '../exports';
import { marks } from '../features/marks';
import { panel } from '../features/panel';
import { tooltip } from '../features/tooltip';
import { createHost } from '../host';
import { reportKeyOf, Store } from '../state';
import { resolveLang, translator } from '../../lib/i18n';
import { dismissalsItem, getSettings } from '../../lib/storage';
import { pdfRemember, previousOf } from './previous';

/** What the session needs of a view: the element that shows a report cell (PdfView, WordView). */
export interface CellView {
  element(report: Report, ref: Parameters<CellLocator['element']>[1]): HTMLElement | null;
}

/**
 * The features of a report page that make sense on the PDF view. Not the page messages nor the tab
 * state: the popup speaks to web pages' content scripts, which an extension page has none of (its
 * exports are in the panel here); remembering is under the PDF's address.
 */
const PDF_FEATURES: readonly Feature[] = [marks, tooltip, panel, pdfRemember];

/** The core's exports, loaded on the first export (as exports.js is in a web page). */
async function loadExports(): Promise<void> {
  if (globalThis.__nianbaoExports) return;
  const [{ toIssuesCsv, toLongCsv }, { toJson }, { toXlsx }] = await Promise.all([
    import('../../../core/export/csv'),
    import('../../../core/export/json'),
    import('../../../core/export/xlsx'),
  ]);
  const api: ExportApi = { toJson, toLongCsv, toIssuesCsv, toXlsx: (items) => toXlsx(items) };
  globalThis.__nianbaoExports = api;
}

function flash(el: HTMLElement): void {
  el.removeAttribute('data-nianbao-flash');
  void el.offsetWidth; // restart the animation
  el.setAttribute('data-nianbao-flash', '');
  setTimeout(() => el.removeAttribute('data-nianbao-flash'), 1800);
}

export interface PdfSession {
  ctx: AppContext;
}

/** Check the report read from the PDF (or Word file) and start the features over the view. `source` names the file (its address or file name). */
export async function startSession(report: Report, view: CellView, source: string, parseMs: number): Promise<PdfSession> {
  const doc = document;
  const settings = await getSettings();
  const { agency, year } = report.meta;
  const prev = settings.remember && agency && year ? await previousOf(agency, year, source).catch(() => null) : null;
  const t0 = performance.now();
  const issues = check(report, prev?.report ?? null, settings.disabledRules);
  const checkMs = performance.now() - t0;
  const reportKey = reportKeyOf(report, source);
  const dismissals = (await dismissalsItem.getValue())[reportKey] ?? {};
  const lang = resolveLang(settings.language);
  const store = new Store({
    report,
    issues,
    // Our own page: no page script can read the marks, so they show every finding.
    pageIssues: prev ? check(report, null, settings.disabledRules) : issues,
    previous: prev?.from ?? null,
    pairedMarks: true,
    ownPage: true,
    reportKey,
    dismissals,
    lang,
    t: translator(lang),
    settings,
    rulesLoaded: rules().length > 0,
    timing: { engine: parseMs + checkMs, markedAt: 0 },
    // Beside the pages there is room: the panel is open on this page whatever the web pages' choice.
    open: true,
  });
  const ctx: AppContext = {
    doc,
    store,
    // The view answers the locator's one question: which element is this cell?
    locator: { element: (r: Report, ref: Parameters<CellLocator['element']>[1]) => view.element(r, ref) } as unknown as CellLocator,
    // An open root on our own page (no page script runs here): where the engine's default may be closed.
    host: (createHost as (doc: Document, mode?: ShadowRootMode) => ReturnType<typeof createHost>)(doc, 'open'),
    marked: new Map(),
    reveal(issue) {
      const els = issue.cells.map((c) => view.element(store.state.report, c)).filter((e): e is HTMLElement => !!e);
      if (!els.length) return;
      els[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
      els.forEach(flash);
      els[0].focus({ preventScroll: true });
    },
    async download(kind) {
      await loadExports();
      await download(store.state, kind, doc);
    },
  };
  for (const f of PDF_FEATURES) {
    try {
      await f.init(ctx);
    } catch (err) {
      console.error(`[nianbao] feature ${f.id} failed`, err);
    }
  }
  ctx.host.host.setAttribute('data-state', 'ready');
  return { ctx };
}
