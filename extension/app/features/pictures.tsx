/**
 * A report page whose tables are pictures (<img> inside the article where the tables should be,
 * no table text): the lens says so and offers to read them — 识别图片中的表格 — on the extension's
 * pictures page (app/ocr/pictures-page.tsx), which reads them by offline OCR. Only on the user's
 * own click; nothing is read before.
 */
import { render } from 'preact';
import { MIN_TABLE_PICTURE_SIDE } from '../../../core/ocr/pictures';
import { createHost } from '../host';
import { sendMessage } from '../../lib/protocol';
import type { Lang } from '../../lib/i18n';

declare global {
  /** Test hook, in the extension's isolated world only: the offer's shadow root. */
  var __nianbaoPictures: { root: ShadowRoot; pictures: number } | undefined;
}

/** How long the pictures still loading are waited for before they are counted (a bound, not a pause). */
const PICTURE_WAIT_MS = 10_000;

/**
 * Pictures large enough to hold a table (icons, logos and stamps are smaller). The engine runs once
 * the DOM is ready, when pictures may still be loading (a size of 0): those are waited for, up to
 * PICTURE_WAIT_MS, so a slow picture is neither left out of the count nor the reason for no offer.
 */
export async function tablePictures(doc: Document): Promise<HTMLImageElement[]> {
  const images = [...doc.images].slice(0, 200).filter((img) => /^https?:/i.test(img.currentSrc || img.src));
  const loading = images.filter((img) => !img.complete);
  if (loading.length) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((done) => (timer = setTimeout(done, PICTURE_WAIT_MS)));
    await Promise.race([Promise.all(loading.map((img) => img.decode().catch(() => undefined))), bound]);
    clearTimeout(timer);
  }
  return images.filter((img) => Math.min(img.naturalWidth, img.naturalHeight) >= MIN_TABLE_PICTURE_SIDE);
}

const CSS = `
.pictures { position: fixed; right: 16px; top: 16px; bottom: auto; width: 340px; max-width: calc(100vw - 32px); }
.pictures button.read { font: inherit; padding: 4px 12px; border: 0; border-radius: 4px; background: #1f3a5f; color: #fff; cursor: pointer; margin-top: 8px; }
`;

const TEXT = {
  zh: { title: '表格是图片', text: '本页年报的数据表是图片，没有文字。可以在本机识别（不联网），再核对。', read: '识别图片中的表格 / Read the tables in the pictures' },
  en: { title: 'The tables are pictures', text: "This report's tables are pictures, not text. They can be read on this computer (offline OCR) and then checked.", read: '识别图片中的表格 / Read the tables in the pictures' },
};

/** The engine found no tables on a report page: offer to read its pictures, when it has any. True when offered. */
export async function offerPictures(doc: Document, lang: Lang): Promise<boolean> {
  const found = await tablePictures(doc);
  if (!found.length) return false;
  const t = TEXT[lang];
  const host = createHost(doc);
  host.host.setAttribute('data-state', 'pictures');
  const mount = host.mount('pictures');
  const read = (e: MouseEvent) => {
    // Only the user's own click, never a page's synthetic one.
    if (!e.isTrusted) return;
    void sendMessage('pictures:open', location.href).catch(() => undefined);
  };
  render(
    <div class="lens pictures" role="complementary" aria-label={t.title} data-pictures={found.length}>
      <style>{CSS}</style>
      <header>
        <h1>{t.title}</h1>
        <button type="button" aria-label="×" onClick={() => render(null, mount)}>
          ×
        </button>
      </header>
      <div class="body">
        <p style={{ margin: 0 }}>{t.text}</p>
        <button type="button" class="read" data-action="read-pictures" onClick={(e) => read(e as unknown as MouseEvent)}>
          {t.read}
        </button>
      </div>
    </div>,
    mount,
  );
  globalThis.__nianbaoPictures = { root: host.root, pictures: found.length };
  return true;
}
