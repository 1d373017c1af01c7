/** The popup, on a tab that shows a PDF itself (the browser's viewer): open it in Nianbao Lens. */
import { browser } from 'wxt/browser';
import { useSettings } from '../../lib/use-settings';
import { isPdfAddress, openReportPage } from './open';
import { pdfStrings } from './strings';

const isOwnPdfPage = (url: string | undefined) => !!url && url.startsWith(browser.runtime.getURL('/report.html'));

/** A tab the PDF part of the popup speaks for: a PDF shown by the browser, or our own PDF page (no "check this page" there). */
export function isPdfTab(url: string | undefined): boolean {
  return isPdfAddress(url) || isOwnPdfPage(url);
}

export function PopupOpenPdf({ tab }: { tab: { id: number; url?: string } | null }) {
  const { lang } = useSettings();
  const t = pdfStrings(lang);
  // Our own PDF page: everything is in its panel.
  if (isOwnPdfPage(tab?.url)) return <p class="hint" data-pdf-page="">{t('ownPage')}</p>;
  if (!tab?.url || !isPdfAddress(tab.url)) return null;
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
