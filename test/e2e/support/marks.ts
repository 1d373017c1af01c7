/** Reading the marks and the panel back from a page, and matching them against FINDINGS. */
import type { Page } from 'playwright-core';
import type { FindingSpec } from '../../support/corpus';
import type { Lens } from './browser';
import { readPanelItems } from './lens';

export interface Mark {
  rules: string[];
  severity: string;
  /** suspect | total | part */
  role: string;
  suggested: string | null;
  cells: string[];
  text: string;
}
export interface PanelItem {
  rule: string;
  severity: string;
}

export async function readMarks(page: Page): Promise<Mark[]> {
  return page.$$eval('[data-nianbao-issue]', (els) =>
    els.map((e) => ({
      rules: (e.getAttribute('data-nianbao-issue') ?? '').split(' ').filter(Boolean),
      severity: e.getAttribute('data-nianbao-severity') ?? '',
      role: e.getAttribute('data-nianbao-role') ?? '',
      suggested: e.getAttribute('data-nianbao-suggested'),
      cells: (e.getAttribute('data-nianbao-cell') ?? '').split(' ').filter(Boolean),
      text: e.textContent ?? '',
    })),
  );
}

/**
 * The issues the panel lists. In a web page the panel's root is closed: pass the Lens, and it is
 * read through the test hook. readPanel(page) reads an open root (the extension's own pages).
 */
export async function readPanel(lensOrPage: Lens | Page, page?: Page): Promise<PanelItem[]> {
  if (page) return (await readPanelItems(lensOrPage as Lens, page)).map(({ rule, severity }) => ({ rule, severity }));
  return (lensOrPage as Page).locator('nianbao-lens li[data-rule]').evaluateAll((els) =>
    els.map((e) => ({ rule: e.getAttribute('data-rule') ?? '', severity: e.getAttribute('data-severity') ?? '' })),
  );
}

/** Does a report cell id (t3.granted.total) fall under a finding's table / row / column? */
export function cellMatches(cellId: string, f: FindingSpec): boolean {
  // Row keys may hold a dot themselves (denied.state_secret): table first, column last.
  const parts = cellId.split('.');
  const table = parts[0];
  const column = parts[parts.length - 1];
  const row = parts.slice(1, -1).join('.');
  if (!f.table || f.table !== table) return false;
  if (f.row && f.row !== row) return false;
  if (f.column && f.column !== column) return false;
  return true;
}

/** The number a cell prints, as the gold key writes it (integers only; notes in brackets ignored). */
export function printedInteger(text: string): string | null {
  const t = text.normalize('NFKC').replace(/[\s,]/g, '').replace(/[（(].*$/, '');
  if (t === '') return '';
  return /^\d+$/.test(t) ? String(Number(t)) : null;
}
