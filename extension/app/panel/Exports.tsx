/** Export buttons (the core's own exports) and "copy issues as text". */
import { useState } from 'preact/hooks';
import { EXPORT_KINDS, type ExportKind } from '../../lib/protocol';
import { letterText } from '../letter';
import type { EngineState } from '../state';

export function Exports({ state, download }: { state: EngineState; download(kind: ExportKind): Promise<void> }) {
  const { t } = state;
  const [status, setStatus] = useState('');
  const copy = async () => {
    const text = letterText(state, location.href);
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('copied'));
    } catch {
      // Fallback for pages where the async clipboard is not allowed.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('style', 'position:fixed;left:-9999px;top:0;');
      document.body.append(area);
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
          <button type="button" data-export={k} onClick={() => void download(k)}>
            {t(`export.${k}`)}
          </button>
        ))}
        <button type="button" data-action="copy" onClick={() => void copy()}>
          {t('copyText')}
        </button>
      </div>
      <div class="status" aria-live="polite">
        {status}
      </div>
    </section>
  );
}
