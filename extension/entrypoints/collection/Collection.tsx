/**
 * My collection: the coverage matrix (agencies × years), each agency's requests across the years,
 * filters and search, the reports list (paginated), exports of the selection with the coverage, and
 * the import of our own JSON export — said before it is done. The page reads the small summaries
 * only (IndexedDB, collection-db.ts); whole reports are read when an export asks for them. Stored
 * rows are validated: a damaged one is listed as damaged, never blanks the page. Page-derived text
 * only ever as text nodes.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { countsOf, OUTCOME_KEYS, type EntrySummary } from '../../lib/collection';
import { coverageRows, type CoverageRow } from '../../lib/collection-coverage';
import { COLLECTION_EXPORTS, collectionBatches, collectionExportFile, collectionFileName, type CollectionExport } from '../../lib/collection-export';
import {
  clearCollection,
  deleteEntries,
  ensureMigrated,
  isQuotaError,
  listSummaries,
  loadItems,
  onCollectionChange,
  type BadEntry,
} from '../../lib/collection-db';
import { collectionTranslator, type CT } from '../../lib/collection-i18n';
import { dismissalsItem, type Dismissals } from '../../lib/storage';
import { useSettings } from '../../lib/use-settings';
import { Scores } from './Scores';
import { AgencyChart, OUTCOME_COLOURS } from './AgencyChart';
import { ImportPanel } from './ImportPanel';
import { cellMarks, cellTitle } from './coverage-cell';
import { Pager } from './Pager';

export type Message = { kind: 'ok' | 'error'; lines: string[] } | null;
type Filter = 'all' | 'late' | 'missing' | 'errors' | 'copied' | 'other';
const FILTERS: Filter[] = ['all', 'late', 'missing', 'errors', 'copied', 'other'];
const AGENCIES_PER_PAGE = 25;
const ROWS_PER_PAGE = 50;

declare global {
  /** When the page first showed the collection (performance.now()): the bench reads it. */
  var __nianbaoCollectionReady: number | undefined;
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const isWebUrl = (u: string | null | undefined): u is string => !!u && /^https?:\/\//i.test(u);
/** The last part of an address's path, decoded (an attachment named by its file). */
function fileNameOf(url: string): string {
  const last = url.split(/[?#]/)[0].split('/').pop() || url;
  try {
    return decodeURIComponent(last).slice(0, 120);
  } catch {
    return last.slice(0, 120);
  }
}
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

export function Collection() {
  const { settings, lang, loaded } = useSettings();
  const t = useMemo(() => collectionTranslator(lang), [lang]);
  const [entries, setEntries] = useState<EntrySummary[] | null>(null);
  const [bad, setBad] = useState<BadEntry[]>([]);
  const [loadError, setLoadError] = useState('');
  const [dismissals, setDismissals] = useState<Dismissals>({});
  const [deselected, setDeselected] = useState<Set<string>>(new Set());
  const [msg, setMsg] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [agencyPage, setAgencyPage] = useState(0);
  const [rowPage, setRowPage] = useState(0);

  const reload = () =>
    listSummaries()
      .then(({ entries, bad }) => (performance.mark('nianbao:summaries'), setEntries(entries), setBad(bad), setLoadError('')))
      .catch((e: unknown) => (setEntries([]), setLoadError(String((e as Error)?.message ?? e))));
  useEffect(() => {
    void ensureMigrated().then(reload);
    void dismissalsItem.getValue().then((d) => setDismissals(d ?? {}));
    const a = dismissalsItem.watch((v) => setDismissals(v ?? {}));
    let timer = 0;
    const b = onCollectionChange(() => {
      clearTimeout(timer);
      timer = window.setTimeout(() => void reload(), 300);
    });
    return () => (a(), b());
  }, []);
  useLayoutEffect(() => {
    if (entries && loaded && globalThis.__nianbaoCollectionReady === undefined) {
      globalThis.__nianbaoCollectionReady = performance.now();
      document.documentElement.dataset.ready = 'true';
    }
  }, [entries, loaded]);

  // Coverage once per change of the collection, dismissals or rules switched off.
  const coverage = useMemo(() => (entries ? coverageRows(entries, dismissals, settings.disabledRules) : []), [entries, dismissals, settings.disabledRules]);
  const disabled = useMemo(() => new Set(settings.disabledRules), [settings.disabledRules]);

  const byAgency = useMemo(() => {
    const m = new Map<string, CoverageRow[]>();
    for (const r of coverage) m.set(r.agencyKey, [...(m.get(r.agencyKey) ?? []), r]);
    return m;
  }, [coverage]);

  const shownAgencies = useMemo(() => {
    const q = fold(query.trim());
    const out: string[] = [];
    for (const [key, rows] of byAgency) {
      if (q && !fold(rows[rows.length - 1].agency).includes(q)) continue;
      const ok =
        filter === 'all' ||
        rows.some((r) =>
          filter === 'late' ? !!r.daysLate : filter === 'missing' ? r.status === 'missing' : filter === 'errors' ? r.errors > 0 : filter === 'copied' ? r.copied !== null && r.copied >= 0.5 : r.others > 0,
        );
      if (ok) out.push(key);
    }
    return out;
  }, [byAgency, query, filter]);
  const shownSet = useMemo(() => new Set(shownAgencies), [shownAgencies]);

  const years = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of shownAgencies) for (const r of byAgency.get(k) ?? []) (lo = Math.min(lo, r.year)), (hi = Math.max(hi, r.year));
    return Number.isFinite(lo) ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) : [];
  }, [shownAgencies, byAgency]);

  const shownEntries = useMemo(
    () => (entries ?? []).filter((e) => shownSet.has(e.agencyKey)).sort((a, b) => a.agency.localeCompare(b.agency, 'zh') || b.year - a.year || a.id.localeCompare(b.id)),
    [entries, shownSet],
  );
  const selected = shownEntries.filter((e) => !deselected.has(e.id));
  const byAgencyYear = useMemo(() => {
    const m = new Map<string, Map<number, EntrySummary>>();
    const byId = new Map((entries ?? []).map((e) => [e.id, e]));
    for (const r of coverage) {
      if (!r.id) continue;
      const e = byId.get(r.id);
      if (!e) continue;
      if (!m.has(r.agencyKey)) m.set(r.agencyKey, new Map());
      m.get(r.agencyKey)!.set(r.year, e);
    }
    return m;
  }, [coverage, entries]);

  const agencyPages = Math.max(1, Math.ceil(shownAgencies.length / AGENCIES_PER_PAGE));
  const ap = Math.min(agencyPage, agencyPages - 1);
  const pageAgencies = shownAgencies.slice(ap * AGENCIES_PER_PAGE, (ap + 1) * AGENCIES_PER_PAGE);
  const rowPages = Math.max(1, Math.ceil(shownEntries.length / ROWS_PER_PAGE));
  const rp = Math.min(rowPage, rowPages - 1);
  const pageRows = shownEntries.slice(rp * ROWS_PER_PAGE, (rp + 1) * ROWS_PER_PAGE);

  const more = (n: number) => t('more', { n });
  const writeError = (e: unknown, what: string) =>
    setMsg({ kind: 'error', lines: [isQuotaError(e) ? t('quota', { what }) : t('failedWrite', { error: String((e as Error)?.message ?? e).slice(0, 200) })] });

  const exportFile = async (kind: CollectionExport) => {
    if (!selected.length) return setMsg({ kind: 'error', lines: [t('exportNone')] });
    setBusy(true);
    try {
      // Read, written and let go a batch at a time: an export of a thousand reports never holds them all.
      const batches = kind === 'coverage-csv' ? [] : collectionBatches(selected, entries ?? [], dismissals, settings.disabledRules, loadItems);
      const selectedAgencies = new Set(selected.map((e) => e.agencyKey));
      const { blob, count } = await collectionExportFile(kind, batches, coverage.filter((r) => selectedAgencies.has(r.agencyKey)));
      download(blob, collectionFileName(kind, kind === 'coverage-csv' ? selected.length : count));
      const damaged = kind === 'coverage-csv' ? 0 : selected.length - count;
      setMsg(damaged ? { kind: 'error', lines: [t('exportBad', { n: damaged })] } : null);
    } catch (e) {
      setMsg({ kind: 'error', lines: [t('exportFailed', { error: String((e as Error)?.message ?? e).slice(0, 200) })] });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string, name: string) => {
    try {
      await deleteEntries([id]);
      setMsg({ kind: 'ok', lines: [t('removed', { name })] });
    } catch (e) {
      writeError(e, '');
    }
    await reload();
  };
  const clearAll = async () => {
    if (!confirm(t('clearConfirm', { n: (entries?.length ?? 0) + bad.length }))) return;
    await clearCollection();
    setMsg({ kind: 'ok', lines: [t('cleared')] });
    await reload();
  };

  if (!loaded) return null;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(deselected);
    if (on) next.delete(id);
    else next.add(id);
    setDeselected(next);
  };
  const toggleAll = (on: boolean) => setDeselected(on ? new Set() : new Set(shownEntries.map((e) => e.id)));
  const when = (at: string) => {
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? at : d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  };
  const allYears = coverage.map((r) => r.year);

  return (
    <>
      <h1>{t('title')}</h1>
      <p class="hint">{t('intro')}</p>
      {!entries ? (
        <p class="hint">{t('loading')}</p>
      ) : (
        <>
          {loadError && <p class="msg" data-kind="error">{t('loadFailed', { error: loadError })}</p>}
          {entries.length > 0 && (
            <p class="stats" data-count={entries.length}>
              {t('stats', { n: entries.length, agencies: byAgency.size, from: Math.min(...allYears), to: Math.max(...allYears) })}
            </p>
          )}

          {bad.length > 0 && (
            <section class="bad" data-bad={bad.length}>
              <h2>{t('bad')}</h2>
              <p class="hint">{t('badHelp')}</p>
              <ul>
                {bad.slice(0, 20).map((b) => (
                  <li data-bad-id={b.id ?? ''}>
                    {t('badEntry', { id: (b.id ?? '?').slice(0, 200), problem: b.problem.slice(0, 200) })}{' '}
                    {b.id && (
                      <button type="button" data-action="remove-bad" onClick={() => void remove(b.id!, b.id!)}>
                        {t('remove')}
                      </button>
                    )}
                  </li>
                ))}
                {bad.length > 20 && <li>{t('more', { n: bad.length - 20 })}</li>}
              </ul>
            </section>
          )}

          {entries.length > 0 && (
            <>
              <div class="row filters">
                <input type="search" placeholder={t('search')} aria-label={t('search')} value={query} data-action="search" onInput={(e) => (setQuery((e.target as HTMLInputElement).value), setAgencyPage(0), setRowPage(0))} />
                {FILTERS.map((f) => (
                  <button type="button" class={filter === f ? 'on' : ''} data-filter={f} aria-pressed={filter === f} onClick={() => (setFilter(f), setAgencyPage(0), setRowPage(0))}>
                    {t(`filter.${f}`)}
                  </button>
                ))}
              </div>

              <h2>{t('coverage')}</h2>
              <p class="hint legend">{t('legend')}</p>
              <div class="matrix-wrap">
                <table class="matrix" data-agencies={shownAgencies.length}>
                  <thead>
                    <tr>
                      <th>{t('agency')}</th>
                      {years.map((y) => (
                        <th class="yr">{y}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {pageAgencies.map((key) => {
                      const rows = byAgency.get(key)!;
                      const byYear = new Map(rows.map((r) => [r.year, r]));
                      return (
                        <tr data-agency-key={key}>
                          <th class="ag">{rows[rows.length - 1].agency}</th>
                          {years.map((y) => {
                            const r = byYear.get(y);
                            if (!r) return <td class="cell none" />;
                            const { symbol, kind } = cellMarks(r);
                            const attrs = {
                              class: `cell ${kind}`,
                              'data-year': y,
                              'data-status': r.status,
                              'data-late': r.daysLate ?? undefined,
                              'data-errors': r.status === 'published' ? r.errors : undefined,
                              'data-copied': r.copied !== null && r.copied >= 0.5 ? 'true' : undefined,
                              title: cellTitle(t, r),
                            };
                            return (
                              <td {...attrs}>
                                {isWebUrl(r.source) ? (
                                  <a href={r.source} target="_blank" rel="noopener noreferrer">
                                    {symbol}
                                  </a>
                                ) : (
                                  symbol
                                )}
                                {r.others > 0 && <sup>+{r.others}</sup>}
                              </td>
                            );
                          })}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager t={t} page={ap} pages={agencyPages} set={setAgencyPage} name="agencies" />

              <h2>{t('charts')}</h2>
              <p class="hint">
                {t('chartHelp')}{' '}
                {OUTCOME_KEYS.map((k, i) => (
                  <span class="key">
                    <i style={{ background: OUTCOME_COLOURS[i] }} />
                    {t(`outcome.${k}`)}
                  </span>
                ))}
              </p>
              <div class="charts">
                {pageAgencies.map((key) => (
                  <AgencyChart t={t} agency={byAgency.get(key)![byAgency.get(key)!.length - 1].agency} years={years} entries={byAgencyYear.get(key) ?? new Map()} missing={new Set((byAgency.get(key) ?? []).filter((r) => r.status === 'missing').map((r) => r.year))} />
                ))}
              </div>

              <h2>{t('exportTitle')}</h2>
              <div class="row">
                {COLLECTION_EXPORTS.map((k) => (
                  <button type="button" data-export={k} disabled={busy || !selected.length} onClick={() => void exportFile(k)}>
                    {t(`export.${k}`)}
                  </button>
                ))}
                <button type="button" class="danger" data-action="clear" onClick={() => void clearAll()}>
                  {t('clearAll')}
                </button>
              </div>
            </>
          )}

          <ImportPanel t={t} busy={busy} setBusy={setBusy} setMsg={setMsg} reload={reload} writeError={writeError} more={more} entries={entries ?? []} />

          <div class="msg" aria-live="polite" data-kind={msg?.kind ?? ''}>
            {msg?.lines.map((l) => <p>{l}</p>)}
          </div>

          {entries.length === 0 ? (
            <p class="empty">{t('empty')}</p>
          ) : (
            <>
              <h2>{t('list')}</h2>
              <p class="count" data-count={shownEntries.length} data-selected={selected.length}>
                {t('count', { shown: shownEntries.length, selected: selected.length })}
              </p>
              <table class="list">
                <thead>
                  <tr>
                    <th>
                      <input type="checkbox" aria-label={t('selectAll')} checked={selected.length === shownEntries.length} onChange={(e) => toggleAll((e.target as HTMLInputElement).checked)} />
                    </th>
                    <th>{t('agency')}</th>
                    <th>{t('year')}</th>
                    <th>{t('format')}</th>
                    <th>{t('source')}</th>
                    <th>{t('readAt')}</th>
                    <th>{t('errors')}</th>
                    <th>{t('warnings')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {pageRows.map((e) => {
                    const { errors, warnings } = countsOf(e, dismissals, disabled);
                    return (
                      <tr data-key={e.id} data-origin={e.origin} data-agency={e.agency} data-year={e.year}>
                        <td>
                          <input type="checkbox" checked={!deselected.has(e.id)} onChange={(ev) => toggle(e.id, (ev.target as HTMLInputElement).checked)} />
                        </td>
                        <td>{e.agency}</td>
                        <td>{e.year}</td>
                        <td>{e.format ?? t('unknown')}</td>
                        <td class="src">
                          {isWebUrl(e.url) ? (
                            <a href={e.url} target="_blank" rel="noopener noreferrer">
                              {e.url}
                            </a>
                          ) : (
                            `${e.origin}${e.path}`
                          )}
                          <span class="via"> · {t(`via.${e.via}`)}</span>
                          {isWebUrl(e.attachment) && (
                            <span class="via" data-attachment={e.attachment}>
                              {' · '}
                              {t('readFrom')}{' '}
                              <a href={e.attachment} target="_blank" rel="noopener noreferrer">
                                {fileNameOf(e.attachment)}
                              </a>
                            </span>
                          )}
                          {e.truncated && <span class="via"> · {t('truncated')}</span>}
                        </td>
                        <td>{when(e.at)}</td>
                        <td class="num" data-errors={errors}>
                          <span class={errors ? 'error' : ''}>{errors}</span>
                        </td>
                        <td class="num" data-warnings={warnings}>
                          <span class={warnings ? 'warning' : ''}>{warnings}</span>
                        </td>
                        <td>
                          <button type="button" data-action="remove" onClick={() => void remove(e.id, `${e.agency} ${e.year}`)}>
                            {t('remove')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <Pager t={t} page={rp} pages={rowPages} set={setRowPage} name="rows" />
              <Scores entries={entries} dismissals={dismissals} disabled={settings.disabledRules} />
            </>
          )}
        </>
      )}
    </>
  );
}
