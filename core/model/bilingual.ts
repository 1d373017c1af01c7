/** The product's messages are written "中文 — English" (diagnostics, suspects notes). Browser-safe. */

/** One language's half of a "中文 — English" text; the whole text when it has no English half. */
export function halfOf(text: string, lang: 'zh' | 'en'): string {
  const at = text.indexOf(' — ');
  if (at < 0) return text;
  return lang === 'en' ? text.slice(at + 3) : text.slice(0, at);
}
