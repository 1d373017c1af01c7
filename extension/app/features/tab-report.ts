/** Tells the background what was found, for the toolbar badge and the popup; again after a dismissal, and when last year's report joins. */
import type { Feature } from '../context';
import { sendMessage, type TabState } from '../../lib/protocol';
import { activeIssues, counts, type EngineState } from '../state';
import { figures } from '../figures';

export function tabStateOf(s: EngineState): TabState {
  const { meta } = s.report;
  const found = figures(s.report).hasTables;
  return {
    status: found ? 'ready' : 'empty',
    url: location.href,
    agency: meta.agency,
    year: meta.year,
    format: meta.format,
    counts: counts(activeIssues(s)),
    dismissed: s.issues.length - activeIssues(s).length,
  };
}

export const tabReport: Feature = {
  id: 'tab-report',
  init(ctx) {
    const send = (s: EngineState) => sendMessage('tab:report', tabStateOf(s)).catch(() => undefined);
    void send(ctx.store.state);
    let last = ctx.store.state.dismissals;
    let lastIssues = ctx.store.state.issues;
    ctx.store.subscribe((s) => {
      if (s.dismissals === last && s.issues === lastIssues) return;
      last = s.dismissals;
      lastIssues = s.issues;
      void send(s);
    });
  },
};
