import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { allowedAutomatically } from '../../extension/background/engine-loader';
import { badgeOf, BADGE, getTabState, setTabState } from '../../extension/background/tab-state';
import { sitePattern } from '../../extension/entrypoints/options/Options';

beforeEach(() => fakeBrowser.reset());

describe('toolbar badge', () => {
  it('errors in red, else warnings, a check mark for a clean report, nothing on other pages', () => {
    expect(badgeOf({ status: 'ready', url: '', counts: { error: 3, warning: 1, info: 0 } })).toEqual({ text: '3', color: BADGE.error });
    expect(badgeOf({ status: 'ready', url: '', counts: { error: 0, warning: 2, info: 5 } })).toEqual({ text: '2', color: BADGE.warning });
    expect(badgeOf({ status: 'ready', url: '', counts: { error: 0, warning: 0, info: 5 } })).toEqual({ text: '✓', color: BADGE.clean });
    expect(badgeOf({ status: 'empty', url: '' })).toBeNull();
    expect(badgeOf({ status: 'none', url: '' })).toBeNull();
    expect(badgeOf(null)).toBeNull();
  });

  it('tab states are kept in session storage and forgotten', async () => {
    await setTabState(7, { status: 'ready', url: 'http://a.gov.cn/', counts: { error: 1, warning: 0, info: 0 } });
    expect(await getTabState(7)).toMatchObject({ status: 'ready' });
    await setTabState(7, null);
    expect(await getTabState(7)).toBeNull();
  });
});

describe('where it runs by itself', () => {
  it('gov.cn unless switched off; added sites by their pattern; nowhere else', () => {
    expect(allowedAutomatically('http://www.pingtan.gov.cn/x.html', true, [])).toBe(true);
    expect(allowedAutomatically('https://gov.cn/', true, [])).toBe(true);
    expect(allowedAutomatically('http://www.pingtan.gov.cn/x.html', false, [])).toBe(false);
    expect(allowedAutomatically('http://notgov.cn/', true, [])).toBe(false);
    expect(allowedAutomatically('http://www.example.org/a', true, ['*://www.example.org/*'])).toBe(true);
    expect(allowedAutomatically('http://news.example.org/a', true, ['*://*.example.org/*'])).toBe(true);
    expect(allowedAutomatically('http://news.example.org/a', true, ['*://www.example.org/*'])).toBe(false);
  });

  it('the options page turns what the user types into a match pattern', () => {
    expect(sitePattern('www.example.org')).toBe('*://www.example.org/*');
    expect(sitePattern('https://www.example.org/zwgk/index.html')).toBe('*://www.example.org/*');
    expect(sitePattern('*.example.org')).toBe('*://*.example.org/*');
    expect(sitePattern('not a site')).toBeNull();
    expect(sitePattern('')).toBeNull();
  });
});
