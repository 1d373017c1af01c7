/**
 * What the reader could not read, or read by guess (the report's warning-level diagnostics: a PDF
 * table cut at the page edge, rows whose columns cannot be told, a page past a limit) — the issues
 * that say 见读取说明 point here. Text only (page-derived text is never markup).
 */
import { readingNotes } from '../core';
import type { EngineState } from '../state';

/** A diagnostic's message is "中文 — English": the user's language's half. */
function half(message: string, lang: EngineState['lang']): string {
  const at = message.indexOf(' — ');
  if (at < 0) return message;
  return lang === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

export function ReadingNotes({ state }: { state: EngineState }) {
  const notes = readingNotes(state.report);
  if (!notes.length) return null;
  return (
    <details class="group notes" data-reading-notes>
      <summary>{state.t('readingNotes', { n: notes.length })}</summary>
      <ul class="notes">
        {notes.map((d) => (
          <li data-code={d.code}>{half(d.message, state.lang)}</li>
        ))}
      </ul>
    </details>
  );
}
