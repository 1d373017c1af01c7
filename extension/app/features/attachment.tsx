/**
 * A report page whose report is an attachment: the page names the report but holds no tables, and
 * links a PDF or Word file (core/parse/attachment.ts decides which). The lens says so and offers
 * to check the file on the extension's report page.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { findReportAttachmentInTree, type ReportAttachment } from '../../../core/parse/attachment';
import type { DomNode } from '../../../core/parse/dom';
import type { Feature } from '../context';
import { figures } from '../figures';
import { createHost, type LensHost } from '../host';
import { pdfStrings } from '../pdf/strings';
import { sendMessage } from '../../lib/protocol';
import type { Lang } from '../../lib/i18n';

declare global {
  /** Test hook, in the extension's isolated world only: the offer's shadow root (closed in web pages) and the PDF it offers. */
  var __nianbaoAttachment: { root: ShadowRoot; url: string } | undefined;
}

const LINK_ATTR: Record<string, string> = { a: 'href', area: 'href', iframe: 'src', embed: 'src', object: 'data' };
const MAX_LINKS = 5_000;

/** The page's report PDF, from a small tree of its links only (the core's page copy leaves addresses out). */
export function attachmentOf(doc: Document): ReportAttachment | null {
  const root: DomNode = { type: 'root', children: [], parent: null };
  const els = doc.querySelectorAll('a[href], area[href], iframe[src], embed[src], object[data]');
  for (let i = 0; i < els.length && i < MAX_LINKS; i++) {
    const el = els[i];
    const attr = LINK_ATTR[el.localName];
    if (!attr) continue;
    const node: DomNode = { type: 'tag', name: el.localName, attribs: { [attr]: el.getAttribute(attr) ?? '', title: el.getAttribute('title') ?? '' }, children: [], parent: root };
    node.children!.push({ type: 'text', data: (el.textContent ?? '').slice(0, 300), parent: node });
    root.children!.push(node);
  }
  const heading = doc.querySelector('h1, h2')?.textContent ?? '';
  return findReportAttachmentInTree(root, doc.baseURI, `${doc.title} ${heading.slice(0, 200)}`);
}

const CSS = `
.attach { position: fixed; right: 16px; top: 16px; bottom: auto; width: 340px; max-width: calc(100vw - 32px); }
.attach .file { display: block; margin: 4px 0 8px; word-break: break-all; color: #1f3a5f; font-weight: 600; }
.attach button.check { font: inherit; padding: 4px 12px; border: 0; border-radius: 4px; background: #1f3a5f; color: #fff; cursor: pointer; }
.attach button.check:disabled { opacity: .6; cursor: default; }
.attach .err { color: #c5221f; margin: 6px 0 0; }
`;

/** The room the docked panel takes at the right edge (it gives the document a right margin), followed as it changes. */
function useDockedWidth(doc: Document, follow: boolean): number {
  const read = () => (follow ? parseFloat(getComputedStyle(doc.documentElement).marginRight) || 0 : 0);
  const [width, setWidth] = useState(read);
  useEffect(() => {
    if (!follow) return;
    const update = () => setWidth(read());
    const observer = new MutationObserver(update);
    observer.observe(doc.head ?? doc.documentElement, { childList: true, subtree: true, characterData: true });
    window.addEventListener('resize', update);
    update();
    return () => (observer.disconnect(), window.removeEventListener('resize', update));
  }, []);
  return width;
}

function Offer({ doc, found, lang, besidePanel, onClose }: { doc: Document; found: ReportAttachment; lang: Lang; besidePanel: boolean; onClose(): void }) {
  const t = pdfStrings(lang);
  // Beside the panel (when the user asked to check the page), not over it.
  const right = 16 + useDockedWidth(doc, besidePanel);
  const open = (e: MouseEvent) => {
    // Only the user's own click opens it, never a page's synthetic one.
    if (!e.isTrusted) return;
    void sendMessage('pdf:open', found.url).catch(() => undefined);
  };
  const word = found.kind === 'word';
  const title = t(word ? 'attachmentTitleWord' : 'attachmentTitle');
  return (
    <div class="lens attach" role="complementary" aria-label={title} data-attachment={found.url} data-kind={found.kind} style={{ right: `${right}px` }}>
      <style>{CSS}</style>
      <header>
        <h1>{title}</h1>
        <button type="button" aria-label="×" onClick={onClose}>
          ×
        </button>
      </header>
      <div class="body">
        <p style={{ margin: 0 }}>{t('attachmentText')}</p>
        <span class="file" title={found.url}>
          {found.text}
        </span>
        <button type="button" class="check" data-action="check-attachment" onClick={(e) => open(e as unknown as MouseEvent)}>
          {t(word ? 'attachmentCheckWord' : 'attachmentCheck')}
        </button>
      </div>
    </div>
  );
}

function show(doc: Document, host: LensHost, found: ReportAttachment, lang: Lang, besidePanel: boolean): void {
  const mount = host.mount('attachment');
  render(<Offer doc={doc} found={found} lang={lang} besidePanel={besidePanel} onClose={() => render(null, mount)} />, mount);
}

/**
 * The engine found no report tables on a page it was loaded for: offer the attachment, if the page
 * has one, in a lens of its own. Its address when offered, else null.
 */
export function offerAttachment(doc: Document, lang: Lang): string | null {
  const found = attachmentOf(doc);
  if (!found) return null;
  const host = createHost(doc);
  host.host.setAttribute('data-state', 'attachment');
  show(doc, host, found, lang, false);
  globalThis.__nianbaoAttachment = { root: host.root, url: found.url };
  return found.url;
}

/** When the user asked to check such a page: the panel says "no tables", this says where the report is. */
export const attachment: Feature = {
  id: 'attachment',
  init(ctx) {
    if (figures(ctx.store.state.report).hasTables) return;
    const found = attachmentOf(ctx.doc);
    if (!found) return;
    show(ctx.doc, ctx.host, found, ctx.store.state.lang, true);
    globalThis.__nianbaoAttachment = { root: ctx.host.root, url: found.url };
  },
};
