import { describe, expect, it } from 'vitest';
import { MESSAGES, resolveLang, translator } from '../../extension/lib/i18n';

describe('i18n', () => {
  it('follows the browser: any zh-* is Chinese, anything else English; a choice wins', () => {
    expect(resolveLang('auto', 'zh-CN')).toBe('zh');
    expect(resolveLang('auto', 'zh-TW')).toBe('zh');
    expect(resolveLang('auto', 'en-US')).toBe('en');
    expect(resolveLang('auto', 'fr')).toBe('en');
    expect(resolveLang('zh', 'en-US')).toBe('zh');
    expect(resolveLang('en', 'zh-CN')).toBe('en');
  });

  it('every string exists in both languages, with the same placeholders', () => {
    const zh = MESSAGES.zh;
    const en = MESSAGES.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zh) as (keyof typeof zh)[]) expect(vars(en[k]), k).toEqual(vars(zh[k]));
  });

  it('fills placeholders; a missing number reads as —', () => {
    expect(translator('zh')('suspectPrinted', { printed: 17, suggested: 15 })).toBe('印 17，应为 15');
    expect(translator('en')('figuresReview', { review: 3, litigation: null })).toBe('3 administrative reviews and — lawsuits about disclosure.');
  });
});
