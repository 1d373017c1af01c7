/** Settings as Preact state for the popup and the options page (kept in sync with storage). */
import { useEffect, useState } from 'preact/hooks';
import { translator, resolveLang, type Lang, type Translate } from './i18n';
import { DEFAULT_SETTINGS, getSettings, settingsItem, type Settings } from './storage';

export function useSettings(): { settings: Settings; lang: Lang; t: Translate; loaded: boolean } {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void getSettings().then((s) => (setSettings(s), setLoaded(true)));
    return settingsItem.watch((s) => setSettings({ ...DEFAULT_SETTINGS, ...s }));
  }, []);
  const lang = resolveLang(settings.language);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return { settings, lang, t: translator(lang), loaded };
}
