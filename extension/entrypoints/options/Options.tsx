/**
 * Options: sites where it runs automatically (gov.cn, plus sites added with a permission asked at
 * runtime), rules on/off, language, remembering reports for the cross-year checks.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { rules } from '../../app/core';
import type { Language } from '../../lib/storage';
import { updateSettings } from '../../lib/storage';
import { clearCollection } from '../../lib/collection-db';
import { useSettings } from '../../lib/use-settings';

/** "www.example.org", "https://www.example.org/path", "*.example.org" → a match pattern, or null. */
export function sitePattern(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (!text) return null;
  let host = text;
  try {
    if (/^[a-z]+:\/\//.test(text)) host = new URL(text).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\/.*$/, '');
  const wild = host.startsWith('*.');
  const bare = wild ? host.slice(2) : host;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(bare)) return null;
  return `*://${wild ? '*.' : ''}${bare}/*`;
}

export function Options() {
  const { settings, t, lang, loaded } = useSettings();
  const [site, setSite] = useState('');
  const [msg, setMsg] = useState('');
  const all = rules();

  const add = () => {
    const pattern = sitePattern(site);
    if (!pattern) return setMsg(t('sitesInvalid'));
    // Asked right in the click, as the permission prompt requires.
    void browser.permissions.request({ origins: [pattern] }).then(async (ok) => {
      if (!ok) return setMsg(t('sitesDenied'));
      await updateSettings({ sites: [...new Set([...settings.sites, pattern])] });
      setSite('');
      setMsg(t('saved'));
    });
  };
  const remove = async (pattern: string) => {
    await updateSettings({ sites: settings.sites.filter((s) => s !== pattern) });
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    setMsg(t('saved'));
  };
  const toggleRule = (id: string, on: boolean) =>
    void updateSettings({ disabledRules: on ? settings.disabledRules.filter((r) => r !== id) : [...settings.disabledRules, id] });

  if (!loaded) return null;
  return (
    <>
      <h1>{t('optionsTitle')}</h1>
      <h2>{t('sites')}</h2>
      <ul>
        <li>
          <label>
            <input type="checkbox" checked={settings.govcn} onChange={(e) => void updateSettings({ govcn: (e.target as HTMLInputElement).checked })} />{' '}
            {t('sitesGovcn')}
          </label>
        </li>
        {settings.sites.map((s) => (
          <li data-site={s}>
            <code>{s}</code>
            <button type="button" onClick={() => void remove(s)}>
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input type="text" value={site} placeholder={t('sitesPlaceholder')} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />{' '}
        <button type="submit">{t('sitesAdd')}</button>
      </form>
      <p class="hint">{t('sitesHelp')}</p>
      <div class="msg" aria-live="polite">
        {msg}
      </div>

      <h2>{t('rulesTitle')}</h2>
      {all.length === 0 && <p>{t('rulesNone')}</p>}
      <ul>
        {all.map((r) => (
          <li class="rule" data-rule={r.id}>
            <label>
              <input type="checkbox" checked={!settings.disabledRules.includes(r.id)} onChange={(e) => toggleRule(r.id, (e.target as HTMLInputElement).checked)} />{' '}
              <span class={`sev ${r.severity}`}>{t(`severity.${r.severity}`)}</span> {r.title[lang]} <span class="id">{r.id}</span>
            </label>
            <div class="explain">{r.explanation[lang]}</div>
          </li>
        ))}
      </ul>

      <h2>{t('language')}</h2>
      <select value={settings.language} onChange={(e) => void updateSettings({ language: (e.target as HTMLSelectElement).value as Language })}>
        {(['auto', 'zh', 'en'] as const).map((l) => (
          <option value={l}>{t(`language.${l}`)}</option>
        ))}
      </select>

      <h2>{t('remember')}</h2>
      <label>
        <input type="checkbox" checked={settings.remember} onChange={(e) => void updateSettings({ remember: (e.target as HTMLInputElement).checked })} />{' '}
        {t('remember')}
      </label>{' '}
      <button type="button" onClick={() => void clearCollection().then(() => setMsg(t('forgotten')))}>
        {t('forget')}
      </button>{' '}
      <a data-action="collection" href={browser.runtime.getURL('/collection.html')} target="_blank" rel="noopener">
        {t('openCollection')}
      </a>
    </>
  );
}
