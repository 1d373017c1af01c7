/**
 * The collection page in a DOM (happy-dom, fake IndexedDB): one malformed stored entry is shown as
 * damaged while the rest still shows; an import says what it adds, replaces and skips before it
 * writes anything, and writes only on confirm; a full disk gets a message, not a blank page.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toJson } from '../../core/export/json';
import { Collection } from '../../extension/entrypoints/collection/Collection';
import * as db from '../../extension/lib/collection-db';
import { closeCollectionDb, listSummaries, openCollectionDb, putReports, resetMigration } from '../../extension/lib/collection-db';
import { updateSettings } from '../../extension/lib/storage';
import { makeReport, withMeta } from '../support/report-builder';

const AGENCY = '示例市生态环境局';
const r2023 = withMeta(makeReport('2021', { year: 2023, agency: AGENCY }), { published: '2024-01-15' });
const r2024 = withMeta(makeReport('2021', { year: 2024, agency: AGENCY }), { published: '2025-02-20' });
const REAL = 'https://sthjj.example.gov.cn/2023.html';

let root: HTMLElement;
beforeEach(async () => {
  fakeBrowser.reset();
  closeCollectionDb();
  resetMigration();
  globalThis.indexedDB = new IDBFactory();
  globalThis.__nianbaoCollectionReady = undefined;
  await updateSettings({ language: 'zh' });
  document.body.innerHTML = '<div id="app"></div>';
  root = document.getElementById('app')!;
});
afterEach(() => {
  render(null, root);
  vi.restoreAllMocks();
});

/** Wait until `test` holds: looked at on every change of the page (an event, not a clock), given up after `ms`. */
const until = (test: () => boolean, what: string, ms = 20_000) =>
  new Promise<void>((resolve, reject) => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out waiting for ${what}: ${root.textContent?.slice(0, 400)}`));
    }, ms);
  });
const text = () => root.textContent ?? '';

function chooseFile(name: string, content: string): void {
  const input = root.querySelector<HTMLInputElement>('input[data-action="import"]')!;
  const file = new File([content], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the collection page', () => {
  it('shows the matrix and the list; a malformed stored entry is listed as damaged instead of blanking the page', async () => {
    await putReports([{ report: r2023, url: REAL, via: 'collect' }, { report: r2024, url: 'https://sthjj.example.gov.cn/2024.html', via: 'collect' }]);
    const d = await openCollectionDb();
    await new Promise<void>((ok) => {
      const tx = d.transaction('summaries', 'readwrite');
      tx.objectStore('summaries').put({ id: 'https://x.gov.cn/a|坏|2020', agency: null });
      tx.oncomplete = () => ok();
    });
    render(<Collection />, root);
    await until(() => !!root.querySelector('table.list'), 'the list');
    expect(root.querySelectorAll('table.list tbody tr')).toHaveLength(2);
    expect(root.querySelector('section.bad')?.getAttribute('data-bad')).toBe('1');
    expect(text()).toContain('损坏的条目');
    expect(text()).not.toMatch(/Cannot destructure|TypeError/);
    // Coverage: 2024 published late (department: deadline 2025-01-31).
    const late = root.querySelector('table.matrix td[data-year="2024"]')!;
    expect(late.getAttribute('data-late')).toBe('20');
    expect(root.querySelectorAll('figure.chart svg')).toHaveLength(1);
    // The damaged one can be removed.
    root.querySelector<HTMLButtonElement>('button[data-action="remove-bad"]')!.click();
    await until(() => !root.querySelector('section.bad'), 'the damaged entry removed');
  });

  it('the charts mark ✗ exactly where the coverage grid says a year is missing, nowhere else', async () => {
    const other = '示例县人民政府';
    const r2021 = withMeta(makeReport('2021', { year: 2021, agency: AGENCY }), { published: '2022-01-15' });
    const o2020 = withMeta(makeReport('2019', { year: 2020, agency: other }), { published: '2021-01-20' });
    await putReports([r2021, r2024, o2020].map((report, n) => ({ report, url: `https://x.example.gov.cn/${n}.html`, via: 'collect' as const })));
    render(<Collection />, root);
    await until(() => root.querySelectorAll('figure.chart').length === 2, 'the charts');
    for (const row of root.querySelectorAll<HTMLElement>('tr[data-agency-key]')) {
      const name = row.querySelector('th')!.textContent!;
      const gridMissing = [...row.querySelectorAll<HTMLElement>('td[data-status="missing"]')].map((td) => td.dataset.year).sort();
      const chart = [...root.querySelectorAll<HTMLElement>('figure.chart')].find((f) => f.dataset.agency === name)!;
      const years = [...chart.querySelectorAll('g')].filter((g) => g.querySelector('text.miss')).map((g) => `20${[...g.querySelectorAll('text.axis')].at(-1)!.textContent}`).sort();
      expect([name, years]).toEqual([name, gridMissing]);
    }
    expect(root.querySelectorAll('td[data-status="missing"]').length).toBeGreaterThan(0);
  });

  it('an import says what it adds, replaces and skips first, and writes only on confirm', async () => {
    await putReports([{ report: r2023, url: REAL, via: 'collect' }]);
    render(<Collection />, root);
    await until(() => !!root.querySelector('table.list'), 'the list');
    const broken = Array.from({ length: 30 }, (_, i) => ({ report: { meta: { agency: `某局${i}`, year: 2020 } }, issues: [] }));
    const doc = JSON.parse(toJson([{ report: withMeta(r2023, { source: REAL }), issues: [] }, { report: withMeta(r2024, { source: 'https://sthjj.example.gov.cn/2024.html' }), issues: [] }]));
    doc.reports.push(...broken);
    chooseFile('mine.json', JSON.stringify(doc));
    await until(() => !!root.querySelector('.preview'), 'the preview');
    const preview = root.querySelector('.preview')!;
    expect(preview.getAttribute('data-preview-add')).toBe('1');
    expect(preview.getAttribute('data-preview-replace')).toBe('1');
    expect(preview.getAttribute('data-preview-skip')).toBe('30');
    // Bounded: the first five problems, then a count.
    expect(preview.textContent!.length).toBeLessThan(1200);
    expect(preview.textContent).toContain('另有 25 项');
    // Nothing written yet.
    expect((await listSummaries()).entries).toHaveLength(1);
    root.querySelector<HTMLButtonElement>('button[data-action="import-confirm"]')!.click();
    await until(() => text().includes('已导入 2 份'), 'the import');
    expect((await listSummaries()).entries).toHaveLength(2);
    await until(() => root.querySelectorAll('table.list tbody tr').length === 2, 'the list again');
  });

  it('cancel changes nothing', async () => {
    render(<Collection />, root);
    await until(() => !!root.querySelector('input[data-action="import"]'), 'the page');
    chooseFile('mine.json', toJson([{ report: r2024, issues: [] }]));
    await until(() => !!root.querySelector('.preview'), 'the preview');
    root.querySelector<HTMLButtonElement>('button[data-action="import-cancel"]')!.click();
    await until(() => text().includes('已取消导入'), 'the cancel message');
    expect((await listSummaries()).entries).toHaveLength(0);
  });

  it('a full disk during an import: a message that says so, the page stays', async () => {
    render(<Collection />, root);
    await until(() => !!root.querySelector('input[data-action="import"]'), 'the page');
    vi.spyOn(db, 'putReports').mockResolvedValue([{ ok: false, reason: 'quota', error: 'QuotaExceededError' }]);
    chooseFile('big.json', toJson([{ report: r2024, issues: [] }]));
    await until(() => !!root.querySelector('.preview'), 'the preview');
    root.querySelector<HTMLButtonElement>('button[data-action="import-confirm"]')!.click();
    await until(() => text().includes('存储空间已满'), 'the quota message');
    expect(root.querySelector('.msg')!.getAttribute('data-kind')).toBe('error');
    expect(root.querySelector('.msg')!.textContent!.length).toBeLessThan(200);
  });

  it('a file that is not ours: one line, nothing changed', async () => {
    render(<Collection />, root);
    await until(() => !!root.querySelector('input[data-action="import"]'), 'the page');
    chooseFile('broken.json', '{"generator": "nianbao-lens", "reports": [');
    await until(() => text().includes('文件不是 JSON'), 'the message');
    expect(root.querySelector('.preview')).toBeNull();
  });
});
