/** The popup, on a tab that shows a PDF itself (the browser's viewer): open it in Nianbao Lens. */
import { browser } from 'wxt/browser';
import { useSettings } from '../../lib/use-settings';
import { isPdfAddress, openableSrc, openReportPage } from './open';
import { pdfStrings } from './strings';

const isOwnPdfPage = (url: string | undefined) => !!url && url.startsWith(browser.runtime.getURL('/report.html'));

/** A tab the PDF part of the popup speaks for: a PDF shown by the browser, or our own PDF page (no "check this page" there). */
export function isPdfTab(url: string | undefined): boolean {
  return isPdfAddress(url) || isOwnPdfPage(url);
}

export function PopupOpenPdf({ tab, attachment }: { tab: { id: number; url?: string } | null; attachment?: string }) {
  const { lang } = useSettings();
  const t = pdfStrings(lang);
  // A report page whose report is an attached PDF or Word file (the engine found it): the same offer as in the page.
  if (tab && attachment && openableSrc(attachment)) {
    return (
      <div class="pdf-open" data-attachment={attachment}>
        <p class="hint">{t('attachmentText')}</p>
        <div class="row">
          <button type="button" class="primary" data-action="check-attachment" onClick={(e) => e.isTrusted && void openReportPage(attachment, { id: tab.id }).then(() => window.close())}>
            {t(/\.docx?(?:$|[?#&])/i.test(attachment) ? 'attachmentCheckWord' : 'attachmentCheck')}
          </button>
        </div>
      </div>
    );
  }
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
