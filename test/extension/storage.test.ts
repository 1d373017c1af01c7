import { fakeBrowser } from 'wxt/testing';
import { storage } from 'wxt/utils/storage';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  dismissalsItem,
  getDismissals,
  getSettings,
  setDismissal,
  settingsItem,
  updateSettings,
} from '../../extension/lib/storage';

beforeEach(() => fakeBrowser.reset());

describe('settings (sync, versioned)', () => {
  it('falls back to the defaults: gov.cn on, no extra sites, every rule on, language from the browser', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ govcn: true, sites: [], disabledRules: [], language: 'auto', remember: true });
  });

  it('updates merge and persist in sync storage', async () => {
    await updateSettings({ disabledRules: ['t4.total'], language: 'en' });
    expect(await getSettings()).toMatchObject({ disabledRules: ['t4.total'], language: 'en', govcn: true });
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toMatchObject({ language: 'en' });
  });

  it('two changes made at once both stay (no update writes back a value read before the other)', async () => {
    await Promise.all([updateSettings({ disabledRules: ['t4.total'] }), updateSettings({ language: 'en' }), updateSettings({ remember: false })]);
    expect(await getSettings()).toMatchObject({ disabledRules: ['t4.total'], language: 'en', remember: false });
  });

  it('is versioned: a later release can migrate what version 1 stored', async () => {
    await updateSettings({ language: 'zh' });
    const next = storage.defineItem<Record<string, unknown>>('sync:settings', {
      fallback: {},
      version: 2,
      migrations: { 2: (old: Record<string, unknown>) => ({ ...old, migrated: true }) },
    });
    await next.migrate();
    expect(await next.getValue()).toMatchObject({ language: 'zh', migrated: true });
    expect(await next.getMeta()).toMatchObject({ v: 2 });
    expect(settingsItem.key).toBe('sync:settings');
  });

  it('a stored value from an older build without newer fields still reads with every field', async () => {
    await fakeBrowser.storage.sync.set({ settings: { govcn: false } });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, govcn: false });
  });
});

describe('dismissals (local, per report)', () => {
  it('keeps a note per issue under its report, and removes it again', async () => {
    await setDismissal('示例市示例局|2024', 't4.total|t4|review|total|', { note: '已核实', at: '2025-01-01T00:00:00Z' });
    await setDismissal('示例市示例局|2023', 'x', { note: '', at: '2025-01-01T00:00:00Z' });
    expect(await getDismissals('示例市示例局|2024')).toEqual({ 't4.total|t4|review|total|': { note: '已核实', at: '2025-01-01T00:00:00Z' } });
    expect(Object.keys(await dismissalsItem.getValue())).toHaveLength(2);
    await setDismissal('示例市示例局|2024', 't4.total|t4|review|total|', null);
    expect(await getDismissals('示例市示例局|2024')).toEqual({});
    expect(await getDismissals('示例市示例局|2023')).toHaveProperty('x');
  });
});

// The remembered reports moved to IndexedDB: test/extension/collection-db.test.ts.
