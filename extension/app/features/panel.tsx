/**
 * The panel in the shadow root: summary, issues by severity, exports. Collapses to a small badge
 * (the choice is remembered) so that it never covers the text for good.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AppContext, Feature } from '../context';
import { Exports } from '../panel/Exports';
import { Issues } from '../panel/Issues';
import { Summary } from '../panel/Summary';
import { activeIssues, counts, issueKey, type EngineState } from '../state';
import { setDismissal, updateSettings } from '../../lib/storage';
import { COLORS } from '../styles';

function Panel({ ctx }: { ctx: AppContext }) {
  const [state, setState] = useState<EngineState>(ctx.store.state);
  useEffect(() => ctx.store.subscribe(setState), []);
  const { t } = state;
  const c = counts(activeIssues(state));
  const toggle = (open: boolean) => {
    ctx.store.set({ open });
    void updateSettings({ panelOpen: open });
  };
  if (!state.open) {
    const worst = c.error ? 'error' : c.warning ? 'warning' : null;
    return (
      <button class="badge" type="button" aria-label={t('expand')} title={t('badgeTitle', { errors: c.error, warnings: c.warning })} onClick={() => toggle(true)}>
        {t('name')}
        <span class="dot" style={{ background: worst ? COLORS[worst] : '#188038' }}>
          {worst ? c[worst] : '✓'}
        </span>
      </button>
    );
  }
  const actions = {
    reveal: (i: Parameters<AppContext['reveal']>[0]) => ctx.reveal(i),
    dismiss: async (i: Parameters<AppContext['reveal']>[0], note: string | null) => {
      const own = await setDismissal(state.reportKey, issueKey(i), note === null ? null : { note, at: new Date().toISOString() });
      ctx.store.set({ dismissals: own });
    },
  };
  return (
    <div class="lens" role="complementary" aria-label={t('name')}>
      <header>
        <h1>
          {t('name')} <span style={{ fontWeight: 'normal', fontSize: '12px' }}>{t('popupCounts', c)}</span>
        </h1>
        <button type="button" title={t('collapse')} aria-label={t('collapse')} onClick={() => toggle(false)}>
          –
        </button>
      </header>
      <div class="body">
        <Summary state={state} />
        <Issues state={state} actions={actions} />
        <Exports state={state} download={ctx.download} />
        <p class="muted">{t('readNote', { cells: countCells(state), ms: Math.round(state.timing.engine) })}</p>
      </div>
    </div>
  );
}

function countCells(s: EngineState): number {
  let n = 0;
  for (const table of [s.report.t2, s.report.t3, s.report.t4] as Record<string, Record<string, unknown> | undefined>[]) {
    for (const row of Object.values(table)) n += Object.keys(row ?? {}).length;
  }
  return n;
}

export const panel: Feature = {
  id: 'panel',
  init(ctx) {
    render(<Panel ctx={ctx} />, ctx.host.mount('panel'));
  },
};
