/**
 * The extension's own corner of the page: one <nianbao-lens> element with a closed shadow root.
 * Everything the extension shows (panel, tooltip) lives inside it: the page's CSS cannot reach it,
 * and no page script can find, read or click into it — the root is reachable only from the
 * extension's isolated world (this object, kept by the engine; tests read it through
 * globalThis.__nianbaoLens there). Only the cell marks are in the page itself.
 */
import { SHADOW_CSS } from './styles';

export const HOST_TAG = 'nianbao-lens';

export interface LensHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** A mount point inside the shadow root, created on first use. */
  mount(name: string): HTMLElement;
  /** Set the host's own box: it doubles as the spacer that lets a wide page scroll clear of the docked panel. */
  setSpacer(width: number): void;
}

// (1 px high: a box of no area would not widen the page's scrollable area.)
const HOST_STYLE = 'all: initial; position: absolute; top: 0; left: 0; height: 1px; z-index: 2147483647; visibility: visible;';

/**
 * mode 'open' only for the extension's own pages (the PDF report page), where no page script
 * runs; in a web page the root is always closed.
 */
export function createHost(doc: Document, mode: ShadowRootMode = 'closed'): LensHost {
  // One host per page (the attachment notice's, or one from an earlier run, gives way).
  doc.querySelectorAll(HOST_TAG).forEach((old) => old.remove());
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('style', `${HOST_STYLE} width: 0;`);
  const root = host.attachShadow({ mode });
  const style = doc.createElement('style');
  style.textContent = SHADOW_CSS;
  root.append(style);
  (doc.body ?? doc.documentElement).append(host);
  const mounts = new Map<string, HTMLElement>();
  return {
    host,
    root,
    mount(name) {
      let el = mounts.get(name);
      if (!el) {
        el = doc.createElement('div');
        el.className = `mount-${name}`;
        root.append(el);
        mounts.set(name, el);
      }
      return el;
    },
    setSpacer(width) {
      host.setAttribute('style', `${HOST_STYLE} width: ${Math.max(0, Math.round(width))}px;`);
    },
  };
}
