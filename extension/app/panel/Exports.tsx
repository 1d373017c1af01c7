/** Export buttons (the core's own exports) and "copy issues as text". */
import { useState } from 'preact/hooks';
import { EXPORT_KINDS, type ExportKind } from '../../lib/protocol';
import { letterText } from '../letter';
import type { EngineState } from '../state';
import { trusted } from '../trusted';

export function Exports({ state, download }: { state: EngineState; download(kind: ExportKind): Promise<void> }) {
  const { t } = state;
  const [status, setStatus] = useState('');
  const copy = async (anchor: Element | null) => {
    // The report's own address (on the PDF page: the PDF's, not the extension page's).
    const text = letterText(state, state.report.meta.source ?? location.href);
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('copied'));
    } catch {
      // Fallback for pages where the async clipboard is not allowed.
      // (Inside our closed root, never in the page's own document, where its script could read it.)
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('style', 'position:fixed;left:-9999px;top:0;');
      const root = anchor?.getRootNode();
      (root instanceof ShadowRoot ? root : document.body).append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      setStatus(ok ? t('copied') : t('copyFailed'));
    }
  };
  return (
    <section>
      <h2>{t('export')}</h2>
      <div class="exports">
        {EXPORT_KINDS.map((k) => (
          <button type="button" data-export={k} onClick={trusted(() => void download(k))}>
            {t(`export.${k}`)}
          </button>
        ))}
        <button type="button" data-action="copy" onClick={trusted((e) => void copy(e.currentTarget as Element))}>
          {t('copyText')}
        </button>
      </div>
      <div class="status" aria-live="polite">
        {status}
      </div>
    </section>
  );
}
