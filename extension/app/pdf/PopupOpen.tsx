/** The popup, on a tab that shows a PDF itself (the browser's viewer): open it in Nianbao Lens. */
import { useSettings } from '../../lib/use-settings';
import { isPdfAddress, openReportPage } from './open';
import { pdfStrings } from './strings';

export { isPdfAddress };

export function PopupOpenPdf({ tab }: { tab: { id: number; url?: string } | null }) {
  const { lang } = useSettings();
  if (!tab?.url || !isPdfAddress(tab.url)) return null;
  const t = pdfStrings(lang);
  const url = tab.url;
  return (
    <div class="pdf-open" data-pdf={url}>
      <div class="row">
        <button type="button" class="primary" data-action="open-pdf" onClick={(e) => e.isTrusted && void openReportPage(url, { id: tab.id }).then(() => window.close())}>
          {t('openInLens')}
        </button>
      </div>
      <p class="hint">{t('openInLensHint')}</p>
    </div>
  );
}
