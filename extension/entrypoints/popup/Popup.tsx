/**
 * The toolbar popup: the state of the current tab (report found or not, counts), the same exports
 * as the panel, and "check this page" for a portal outside *.gov.cn (injected only when asked).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { restricted } from '../../lib/inject';
import { EXPORT_KINDS, sendMessage, type TabState } from '../../lib/protocol';
import { useSettings } from '../../lib/use-settings';
import { isPdfTab, PopupOpenPdf } from '../../app/pdf/PopupOpen';
import { CollectList } from './CollectList';

/** The tab this popup speaks for: ?tab=<id> (when opened as a page), else the active tab. */
async function targetTab(): Promise<{ id: number; url?: string } | null> {
  const param = new URLSearchParams(location.search).get('tab');
  const tab = param ? await browser.tabs.get(Number(param)).catch(() => null) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return null;
  return { id: tab.id, url: tab.url ?? ownPageIn(tab.id) };
}

/**
 * The address of our own page (the PDF report page) shown in a tab, which the browser does not
 * tell us through tabs without the "tabs" permission: our pages are our own views.
 */
function ownPageIn(tabId: number): string | undefined {
  try {
    return (browser.extension.getViews({ type: 'tab', tabId }) as unknown as globalThis.Window[])[0]?.location.href;
  } catch {
    return undefined;
  }
}

export function Popup() {
  const { t } = useSettings();
  const [tab, setTab] = useState<{ id: number; url?: string } | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const refresh = async (id: number) => setState(await sendMessage('tab:state', id).catch(() => null));
  useEffect(() => {
    void targetTab().then((tb) => {
      setTab(tb);
      if (tb) void refresh(tb.id);
    });
  }, []);
  // While the engine works, look again shortly.
  useEffect(() => {
    if (!tab || !state || (state.status !== 'loading' && state.status !== 'watching')) return;
    const timer = setTimeout(() => void refresh(tab.id), 400);
    return () => clearTimeout(timer);
  }, [tab, state]);

  const check = async () => {
    if (!tab) return;
    setBusy(true);
    setError('');
    const res = await sendMessage('tab:check', tab.id).catch((e: Error) => ({ ok: false, error: e.message }));
    if (!res.ok) setError(res.error ?? '');
    setBusy(false);
    void refresh(tab.id);
  };
  const exportFile = (kind: (typeof EXPORT_KINDS)[number]) => tab && void sendMessage('page:export', kind, tab.id).catch((e: Error) => setError(e.message));
  const openPanel = () => tab && void sendMessage('page:panel', undefined, tab.id).catch(() => undefined);

  const ready = state?.status === 'ready';
  const c = state?.counts;
  const cannot = restricted(tab?.url);
  let line: string;
  switch (state?.status) {
    case 'ready':
      line = t('popupReport');
      break;
    case 'empty':
      line = t('popupEmpty');
      break;
    case 'loading':
      line = t('popupLoading');
      break;
    case 'watching':
      line = t('popupWatching');
      break;
    case 'failed':
      line = t('popupFailed', { error: state.error });
      break;
    default:
      line = t('popupNone');
  }
  return (
    <>
      <header>{t('name')}</header>
      <main>
        <p class="state" data-status={state?.status ?? 'none'}>
          {line}
        </p>
        <PopupOpenPdf tab={tab} attachment={state?.attachment} />
        {state?.status === 'ready' && (
          <>
            <p class="meta">
              {[state.agency, state.year, state.format && t(`format.${state.format as '2019' | '2021' | 'hybrid'}`)].filter(Boolean).join(' · ')}
            </p>
            {c && (
              <p class={`counts ${c.error ? 'error' : c.warning ? 'warning' : 'clean'}`} data-counts={`${c.error} ${c.warning} ${c.info}`}>
                {c.error || c.warning || c.info ? t('popupCounts', c) : t('popupClean')}
              </p>
            )}
            <div class="row">
              {EXPORT_KINDS.map((k) => (
                <button type="button" data-export={k} onClick={() => exportFile(k)}>
                  {t(`export.${k}`)}
                </button>
              ))}
            </div>
            <div class="row">
              <button type="button" onClick={openPanel}>
                {t('popupOpenPanel')}
              </button>
            </div>
          </>
        )}
        {!ready && state?.status !== 'loading' && !isPdfTab(tab?.url) && (
          <>
            <div class="row">
              <button type="button" class="primary" data-action="check" disabled={busy || cannot} onClick={() => void check()}>
                {t('popupCheck')}
              </button>
            </div>
            <p class="hint">{cannot ? t('popupRestricted') : t('popupCheckHint')}</p>
          </>
        )}
        {error && <p class="hint error">{error}</p>}
        {tab && !ready && state?.status !== 'loading' && !cannot && <CollectList tabId={tab.id} url={tab.url} />}
      </main>
      <footer>
        <a data-action="collection" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/collection.html') })}>
          {t('openCollection')}
        </a>
        {' · '}
        <a onClick={() => void browser.runtime.openOptionsPage()}>{t('popupOptions')}</a>
      </footer>
    </>
  );
}
