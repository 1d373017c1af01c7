/**
 * The extension's own corner of the page: one <nianbao-lens> element with an open shadow root.
 * Everything the extension shows (panel, tooltip) lives inside it, so that the page's CSS cannot
 * reach it and it cannot reach the page. Only the cell marks are in the page itself.
 */
import { SHADOW_CSS } from './styles';

export const HOST_TAG = 'nianbao-lens';

export interface LensHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** A mount point inside the shadow root, created on first use. */
  mount(name: string): HTMLElement;
}

export function createHost(doc: Document): LensHost {
  doc.querySelectorAll(HOST_TAG).forEach((old) => old.remove());
  const host = doc.createElement(HOST_TAG);
  // Out of the page's flow: no layout shift, whatever the page's CSS says about unknown elements.
  host.setAttribute('style', 'all: initial; position: fixed; inset: auto 0 0 auto; z-index: 2147483647; width: 0; height: 0;');
  const root = host.attachShadow({ mode: 'open' });
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
  };
}
