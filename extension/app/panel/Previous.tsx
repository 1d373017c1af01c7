/**
 * Last year's report in the panel (issue 20 F, G): where its numbers came from ("上年数据：读于
 * <host> <date>" / imported from <file> <date>), said once above the issues and on every finding
 * the pairing adds or changes; and the user's own choice to mark those findings on the page too.
 * Until then the page's elements carry only the page's own findings: a page script reads them, and
 * must not learn from them which reports the user keeps.
 */
import type { Issue } from '../core';
import { issueSignature, type EngineState } from '../state';
import { trusted } from '../trusted';

/** "上年数据：读于 www.example.gov.cn 2026-12-06" — the source of last year's numbers, or ''. */
export function previousSourceText(state: EngineState): string {
  const p = state.previous;
  if (!p) return '';
  const unknown = state.t('previous.unknown');
  return state.t(`previous.${p.via}`, { host: p.host ?? unknown, file: p.file ?? unknown, date: p.at.slice(0, 10) });
}


const cache = new WeakMap<Issue[], Set<Issue>>();
/** The findings the pairing with last year's report adds or changes (new cross-year issues, moved suspects). */
export function pairedFindings(state: EngineState): Set<Issue> {
  if (state.issues === state.pageIssues) return new Set();
  let set = cache.get(state.issues);
  if (!set) {
    const own = new Set(state.pageIssues.map(issueSignature));
    set = new Set(state.issues.filter((i) => !own.has(issueSignature(i))));
    cache.set(state.issues, set);
  }
  return set;
}

export function PreviousNote({ state, setPaired }: { state: EngineState; setPaired(on: boolean): void }) {
  const source = previousSourceText(state);
  if (!source) return null;
  const changed = pairedFindings(state).size > 0;
  const { t } = state;
  return (
    <section class="previous" data-via={state.previous?.via}>
      <p class="previous-source">{source}</p>
      {changed && !state.ownPage && (
        <p class="muted">
          {state.pairedMarks ? t('paired.shown') : t('paired.hidden')}{' '}
          <button class="small paired-toggle" type="button" onClick={trusted(() => setPaired(!state.pairedMarks))}>
            {state.pairedMarks ? t('paired.hide') : t('paired.show')}
          </button>
        </p>
      )}
    </section>
  );
}
