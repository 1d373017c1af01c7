/** What every in-page feature receives, and the shape of a feature (refined-github style). */
import type { Issue } from './core';
import type { CellLocator } from './dom-cells';
import type { LensHost } from './host';
import type { Store } from './state';
import type { ExportKind } from '../lib/protocol';

export interface AppContext {
  doc: Document;
  store: Store;
  locator: CellLocator;
  host: LensHost;
  /** Marked page cells → the active issues on them (kept by the marks feature). */
  marked: Map<HTMLElement, Issue[]>;
  /** Scroll to the page cells of an issue and flash them. */
  reveal(issue: Issue): void;
  /** Build an export and hand it to the browser as a download. */
  download(kind: ExportKind): Promise<void>;
}

export interface Feature {
  id: string;
  init(ctx: AppContext): void | Promise<void>;
}
