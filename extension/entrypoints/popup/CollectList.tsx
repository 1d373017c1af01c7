/**
 * The popup's "收集本页所有年报 / collect every report on this list" (a list page has no report
 * panel): the background reads the list and its next pages, fetches each linked report politely
 * and keeps it in the collection; here the progress, a stop button and the first failures.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { collectionTranslator } from '../../lib/collection-i18n';
import type { CollectState } from '../../lib/collection';
import { sendMessage } from '../../lib/protocol';
import { useSettings } from '../../lib/use-settings';

const FAILURES_SHOWN = 3;

export function CollectList({ tabId, url }: { tabId: number; url?: string }) {
  const { lang } = useSettings();
  const t = useMemo(() => collectionTranslator(lang), [lang]);
  const [state, setState] = useState<CollectState | null>(null);
  const [error, setError] = useState('');

  const refresh = async () => setState(await sendMessage('collect:state', undefined).catch(() => null));
  useEffect(() => void refresh(), []);
  useEffect(() => {
    if (state?.status !== 'running') return;
    const timer = setTimeout(() => void refresh(), 500);
    return () => clearTimeout(timer);
  }, [state]);

  if (!url || !/^https?:/i.test(url)) return null;
  const mine = state && state.listUrl === url ? state : null;
  const start = async () => {
    setError('');
    const res = await sendMessage('collect:start', { tabId }).catch((e: Error) => ({ ok: false, error: e.message }));
    if (!res.ok) setError(res.error === 'site' ? t('collectSite') : res.error === 'busy' ? t('collectBusy') : t('collectFailed', { error: res.error }));
    void refresh();
  };
  const failed = mine?.failedCount ? t('collectFailedCount', { n: mine.failedCount }) : '';
  const n = mine ? { pages: mine.pages, found: mine.found, done: mine.done, added: mine.added, failed } : {};
  let line = '';
  if (mine?.status === 'running') line = t('collectRunning', n);
  else if (mine?.status === 'done') line = mine.found ? t('collectDone', n) : t('collectNone');
  else if (mine?.status === 'stopped') line = t('collectStopped', n);
  else if (mine?.status === 'failed') line = t('collectFailed', { error: mine.error });
  return (
    <section class="collect" data-collect={mine?.status ?? 'idle'} data-added={mine?.added ?? 0} data-found={mine?.found ?? 0}>
      <div class="row">
        {mine?.status === 'running' ? (
          <button type="button" data-action="collect-stop" onClick={() => void sendMessage('collect:stop', undefined).then(refresh)}>
            {t('collectStop')}
          </button>
        ) : (
          <button type="button" data-action="collect" disabled={state?.status === 'running'} onClick={() => void start()}>
            {t('collectList')}
          </button>
        )}
      </div>
      {line ? (
        <p class="hint" aria-live="polite">
          {line}
        </p>
      ) : (
        <p class="hint">{t('collectHint')}</p>
      )}
      {mine && mine.status !== 'running' && mine.failed.length > 0 && (
        <ul class="hint failures">
          {mine.failed.slice(0, FAILURES_SHOWN).map((f) => (
            <li>{t('collectFailure', { title: f.title || f.url, reason: f.reason })}</li>
          ))}
          {mine.failedCount > FAILURES_SHOWN && <li>{t('more', { n: mine.failedCount - FAILURES_SHOWN })}</li>}
        </ul>
      )}
      {error && <p class="hint error">{error}</p>}
    </section>
  );
}
