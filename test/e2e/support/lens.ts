/**
 * The extension's panel and tooltip live in a closed shadow root: no page script — and no
 * Playwright locator — reaches them. The tests read them through the explicit test hook the
 * engine keeps in the extension's isolated world (globalThis.__nianbaoLens.root), via the
 * DevTools protocol, and act on them as a user does: real mouse clicks and key presses at the
 * element's place on the screen (trusted events).
 */
import type { Page } from 'playwright-core';
import { evalInExtensionWorld, type Lens } from './browser';

/** Evaluate `body` (a function body using `root`, the closed shadow root) in the extension's world. */
export async function inLens<T>(lens: Lens, page: Page, body: string): Promise<T> {
  const expression = `(() => { const root = globalThis.__nianbaoLens && globalThis.__nianbaoLens.root; if (!root) return undefined; ${body} })()`;
  return (await evalInExtensionWorld(lens, page, expression)) as T;
}

const q = (selector: string) => JSON.stringify(selector);

export async function lensCount(lens: Lens, page: Page, selector: string): Promise<number> {
  return (await inLens<number>(lens, page, `return root.querySelectorAll(${q(selector)}).length;`)) ?? 0;
}

export async function lensText(lens: Lens, page: Page, selector: string, index = 0): Promise<string> {
  return (await inLens<string>(lens, page, `const el = root.querySelectorAll(${q(selector)})[${index}]; return el ? el.innerText : '';`)) ?? '';
}

export async function lensAttr(lens: Lens, page: Page, selector: string, name: string, index = 0): Promise<string | null> {
  return (await inLens<string | null>(lens, page, `const el = root.querySelectorAll(${q(selector)})[${index}]; return el ? el.getAttribute(${q(name)}) : null;`)) ?? null;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The on-screen rectangle of an element in the root (scrolled into the panel's view first), or null. */
export async function lensRect(lens: Lens, page: Page, selector: string, index = 0, scroll = false): Promise<Rect | null> {
  return (
    (await inLens<Rect | null>(
      lens,
      page,
      `const el = root.querySelectorAll(${q(selector)})[${index}]; if (!el) return null; ${scroll ? "el.scrollIntoView({ block: 'nearest' });" : ''} const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };`,
    )) ?? null
  );
}

/** Click an element of the panel as a user does: the mouse at its centre (a trusted event). */
export async function lensClick(lens: Lens, page: Page, selector: string, index = 0): Promise<void> {
  const r = await lensRect(lens, page, selector, index, true);
  if (!r) throw new Error(`nothing in the lens matches ${selector} [${index}]`);
  await page.mouse.click((r.left + r.right) / 2, (r.top + r.bottom) / 2);
}

/** The issues the panel lists. */
export async function readPanelItems(lens: Lens, page: Page): Promise<{ rule: string; severity: string; dismissed: boolean }[]> {
  return (
    (await inLens<{ rule: string; severity: string; dismissed: boolean }[]>(
      lens,
      page,
      `return [...root.querySelectorAll('li[data-rule]')].map((e) => ({ rule: e.getAttribute('data-rule') || '', severity: e.getAttribute('data-severity') || '', dismissed: e.classList.contains('dismissed') }));`,
    )) ?? []
  );
}
