import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Undo a test's stubbed fetch. The extension files share one module graph per worker (isolate:
 * false), and vi.unstubAllGlobals() also removes the fake `chrome`/`browser` WXT's setup stubbed
 * for the whole file: those are put back, so a module first imported by a later test still finds them.
 */
export function unstubFetch(): void {
  vi.unstubAllGlobals();
  vi.stubGlobal('chrome', fakeBrowser);
  vi.stubGlobal('browser', fakeBrowser);
}
