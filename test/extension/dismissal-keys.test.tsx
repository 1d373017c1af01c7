/**
 * Dismissals are kept per page (origin + path + agency + year), so that a copy of a report on
 * another host cannot hide the real report's issues; the old "agency|year" keys are migrated.
 * Our handlers act only on trusted events.
 */
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing';
import { storage } from 'wxt/utils/storage';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { reportKeyOf } from '../../extension/app/state';
import { acceptUntrustedEventsForTests } from '../../extension/app/trusted';
import { Exports } from '../../extension/app/panel/Exports';
import { addressOf, DEFAULT_UI, getUi, LEGACY_PREFIX, migrateDismissalKeys, updateUi, type Dismissals } from '../../extension/lib/storage';
import { translator } from '../../extension/lib/i18n';

beforeEach(() => {
  fakeBrowser.reset();
  acceptUntrustedEventsForTests(false);
});

const report = (agency: string | null, year: number | null) => ({ meta: { agency, year } }) as never;

describe('dismissal keys', () => {
  it('origin + path (query kept, fragment dropped) + agency + year: another host or path keys its own', () => {
    const a = reportKeyOf(report('示例市示例局', 2024), 'http://www.example.gov.cn/zwgk/nb.html?id=3#top');
    expect(a).toBe('http://www.example.gov.cn/zwgk/nb.html?id=3|示例市示例局|2024');
    expect(reportKeyOf(report('示例市示例局', 2024), 'http://copy.example.gov.cn/zwgk/nb.html?id=3')).not.toBe(a);
    expect(reportKeyOf(report('示例市示例局', 2024), 'https://www.example.gov.cn/zwgk/nb.html?id=3')).not.toBe(a);
    expect(reportKeyOf(report(null, null), 'http://www.example.gov.cn/a.html#x')).toBe('http://www.example.gov.cn/a.html');
    expect(addressOf('javascript:alert(1)')).toBeNull();
  });

  it('old agency|year keys move to the address the report was read at, else aside (never applied to a page)', () => {
    const d = { note: '已核实', at: '2025-01-01T00:00:00Z' };
    const old: Dismissals = {
      '示例市示例局|2024': { k1: d },
      '某县人民政府|2019': { k2: d },
      'http://www.example.gov.cn/a.html': { k3: d },
    };
    const out = migrateDismissalKeys(old, { '示例市示例局|2024': 'http://www.example.gov.cn/samples/demo-2024.html' });
    expect(out).toEqual({
      'http://www.example.gov.cn/samples/demo-2024.html|示例市示例局|2024': { k1: d },
      [`${LEGACY_PREFIX}某县人民政府|2019`]: { k2: d },
      'http://www.example.gov.cn/a.html': { k3: d },
    });
  });

  it('the stored item is versioned: a version-1 value is migrated on read', async () => {
    const d = { note: 'n', at: 't' };
    await fakeBrowser.storage.local.set({ dismissals: { '示例市示例局|2024': { k: d } }, reports: { '示例市示例局|2024': { source: 'http://www.example.gov.cn/r.html' } } });
    const item = storage.defineItem<Dismissals>('local:dismissals', {
      fallback: {},
      version: 2,
      migrations: { 2: async (v: Dismissals) => migrateDismissalKeys(v, { '示例市示例局|2024': 'http://www.example.gov.cn/r.html' }) },
    });
    expect(await item.getValue()).toEqual({ 'http://www.example.gov.cn/r.html|示例市示例局|2024': { k: d } });
    expect(await item.getMeta()).toMatchObject({ v: 2 });
  });
});

describe('UI state', () => {
  it('the panel open/collapsed lives in local storage, never sync', async () => {
    expect(await getUi()).toEqual(DEFAULT_UI);
    await updateUi({ panelOpen: false });
    expect((await fakeBrowser.storage.local.get('ui')).ui).toEqual({ panelOpen: false });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});

describe('trusted events only', () => {
  it('a scripted click on an export or copy button does nothing', async () => {
    const download = vi.fn(async () => undefined);
    const root = document.createElement('div');
    document.body.append(root);
    const state = { t: translator('zh'), report: { meta: {} }, issues: [], dismissals: {} } as never;
    render(<Exports state={state} download={download} />, root);
    (root.querySelector('button[data-export="csv"]') as HTMLButtonElement).click();
    (root.querySelector('button[data-action="copy"]') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 0));
    expect(download).not.toHaveBeenCalled();
    expect(root.querySelector('.status')?.textContent).toBe('');
    acceptUntrustedEventsForTests(true);
    (root.querySelector('button[data-export="csv"]') as HTMLButtonElement).click();
    expect(download).toHaveBeenCalledWith('csv');
  });
});
