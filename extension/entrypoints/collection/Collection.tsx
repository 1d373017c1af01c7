/**
 * My collection: every report remembered (storage `local:reports`), checked as the panel checks it
 * (the same agency's previous year when the collection has it, the rules switched off in the
 * options left out, dismissals marked), exported together, removed, or imported from our own
 * JSON export. Every string from i18n; page-derived text only ever as text nodes.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  COLLECTION_EXPORTS,
  collectionExport,
  collectionFileName,
  collectionItems,
  EXPORT_MIME,
  parseImport,
  reportName,
  type CollectionExport,
  type Skipped,
} from '../../lib/collection';
import type { Translate } from '../../lib/i18n';
import { dismissalsItem, forget, REMEMBER_MAX, rememberedItem, rememberMany, type Dismissals, type RememberedReport } from '../../lib/storage';
import { useSettings } from '../../lib/use-settings';

type Message = { kind: 'ok' | 'error'; lines: string[] } | null;

function download(data: string | Uint8Array, type: string, name: string): void {
  const blob = new Blob([data as BlobPart], { type });
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

function skippedText(t: Translate, s: Skipped): string {
  if (s.reason === 'invalid') return t('skip.invalid', { n: s.n, name: s.name, detail: s.detail });
  if (s.reason === 'full') return t('skip.full', { n: s.n, name: s.name, max: REMEMBER_MAX });
  return t('skip.noKey', { n: s.n, name: s.name });
}

const isWebUrl = (u: string | null): u is string => !!u && /^https?:\/\//i.test(u);

export function Collection() {
  const { settings, t, lang, loaded } = useSettings();
  const [remembered, setRemembered] = useState<Record<string, RememberedReport> | null>(null);
  const [dismissals, setDismissals] = useState<Dismissals>({});
  const [deselected, setDeselected] = useState<Set<string>>(new Set());
  const [msg, setMsg] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void rememberedItem.getValue().then(setRemembered);
    void dismissalsItem.getValue().then(setDismissals);
    const a = rememberedItem.watch((v) => setRemembered(v ?? {}));
    const b = dismissalsItem.watch((v) => setDismissals(v ?? {}));
    return () => (a(), b());
  }, []);

  const items = useMemo(
    () => (remembered ? collectionItems(remembered, dismissals, settings.disabledRules) : []),
    [remembered, dismissals, settings.disabledRules],
  );
  const selected = items.filter((it) => !deselected.has(it.entry.key));

  const toggle = (key: string, on: boolean) => {
    const next = new Set(deselected);
    if (on) next.delete(key);
    else next.add(key);
    setDeselected(next);
  };
  const toggleAll = (on: boolean) => setDeselected(on ? new Set() : new Set(items.map((it) => it.entry.key)));

  const exportFile = async (kind: CollectionExport) => {
    if (!selected.length) return setMsg({ kind: 'error', lines: [t('exportNone')] });
    setBusy(true);
    try {
      download(await collectionExport(kind, selected), EXPORT_MIME[kind], collectionFileName(kind, selected.length));
      setMsg(null);
    } catch (e) {
      setMsg({ kind: 'error', lines: [t('exportFailed', { error: e instanceof Error ? e.message : String(e) })] });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entry: RememberedReport) => {
    await forget(entry.key);
    setMsg({ kind: 'ok', lines: [t('removed', { name: reportName(entry.report as never) })] });
  };
  const clearAll = async () => {
    if (!confirm(t('clearConfirm', { n: items.length }))) return;
    await rememberedItem.setValue({});
    setMsg({ kind: 'ok', lines: [t('cleared')] });
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setMsg({ kind: 'error', lines: [t('importUnreadable', { file: file.name })] });
    }
    const res = parseImport(text, REMEMBER_MAX);
    if (!res.ok) return setMsg({ kind: 'error', lines: [t(res.error === 'notJson' ? 'importNotJson' : 'importNotOurs', { file: file.name })] });
    if (res.entries.length) await rememberMany(res.entries);
    const lines = [
      res.entries.length ? t('importDone', { n: res.entries.length, names: res.entries.map((e) => reportName(e.report as never)).join('、') }) : t('importNothing'),
    ];
    if (res.skipped.length) lines.push(t('importSkipped', { n: res.skipped.length, reasons: res.skipped.map((s) => skippedText(t, s)).join('；') }));
    setMsg({ kind: res.entries.length && !res.skipped.length ? 'ok' : 'error', lines });
  };

  if (!loaded || !remembered) return null;
  const when = (at: string) => {
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? at : d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  };
  return (
    <>
      <h1>{t('collectionTitle')}</h1>
      <p class="hint">{t('collectionIntro')}</p>

      {items.length > 0 && (
        <>
        <h2>{t('exportSelected')}</h2>
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

      <h2>{t('importTitle')}</h2>
      <p class="hint">{t('importHelp')}</p>
      <input type="file" accept=".json,application/json" data-action="import" onChange={(e) => void importFile(e.target as HTMLInputElement)} />

      <div class="msg" aria-live="polite" data-kind={msg?.kind ?? ''}>
        {msg?.lines.map((l) => <p>{l}</p>)}
      </div>
      {items.length === 0 ? (
        <p class="empty">{t('collectionEmpty')}</p>
      ) : (
        <>
          <p class="count" data-count={items.length} data-selected={selected.length}>
            {t('collectionCount', { n: items.length, selected: selected.length })}
          </p>
          <table>
            <thead>
              <tr>
                <th>
                  <input type="checkbox" aria-label={t('selectAll')} checked={selected.length === items.length} onChange={(e) => toggleAll((e.target as HTMLInputElement).checked)} />
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
              {items.map(({ entry, report, errors, warnings }) => (
                <tr data-key={entry.key}>
                  <td>
                    <input type="checkbox" checked={!deselected.has(entry.key)} onChange={(e) => toggle(entry.key, (e.target as HTMLInputElement).checked)} />
                  </td>
                  <td>{report.meta.agency}</td>
                  <td>{report.meta.year}</td>
                  <td>{report.meta.format ? t(`format.${report.meta.format}`) : t('unknown')}</td>
                  <td class="src">
                    {isWebUrl(entry.source) ? (
                      <a href={entry.source} target="_blank" rel="noopener noreferrer">
                        {entry.source}
                      </a>
                    ) : (
                      entry.source
                    )}
                  </td>
                  <td>{when(entry.at)}</td>
                  <td class="num" data-errors={errors}>
                    <span class={errors ? 'error' : ''}>{errors}</span>
                  </td>
                  <td class="num" data-warnings={warnings}>
                    <span class={warnings ? 'warning' : ''}>{warnings}</span>
                  </td>
                  <td>
                    <button type="button" data-action="remove" onClick={() => void remove(entry)}>
                      {t('remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

        </>
      )}

    </>
  );
}
