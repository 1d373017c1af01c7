/**
 * What the reader could not read, or read by guess (the report's warning-level diagnostics: a PDF
 * table cut at the page edge, rows whose columns cannot be told, a page past a limit) — the issues
 * that say 见读取说明 point here. Text only (page-derived text is never markup).
 */
import { halfOf, readingNotes } from '../core';
import type { EngineState } from '../state';

export function ReadingNotes({ state }: { state: EngineState }) {
  const notes = readingNotes(state.report);
  if (!notes.length) return null;
  return (
    <details class="group notes" data-reading-notes>
      <summary>{state.t('readingNotes', { n: notes.length })}</summary>
      <ul class="notes">
        {notes.map((d) => (
          <li data-code={d.code}>{halfOf(d.message, state.lang)}</li>
        ))}
      </ul>
    </details>
  );
}
