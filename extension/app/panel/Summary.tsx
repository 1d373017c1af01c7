/** For citizens: who, which year, which format, a few figures in plain words, and a small chart. */
import type { EngineState } from '../state';
import { figures, type Figures } from '../figures';

export const OUTCOME_COLORS: Record<Figures['outcomes'][number]['key'], string> = {
  granted: '#188038',
  partial: '#81c995',
  denied: '#c5221f',
  unavailable: '#f29900',
  notProcessed: '#9aa0a6',
  other: '#5f6368',
};

/** 34%, or <1% for a share that is there but rounds to nothing. */
export function percent(part: number, total: number): string {
  const p = Math.round((part / total) * 100);
  return p === 0 && part > 0 ? '<1%' : `${p}%`;
}

export function Chart({ state, f }: { state: EngineState; f: Figures }) {
  const { t } = state;
  const parts = f.outcomes.filter((o) => (o.value ?? 0) > 0);
  const total = parts.reduce((a, o) => a + (o.value ?? 0), 0);
  if (total === 0) return <p class="muted">{t('chartEmpty')}</p>;
  let x = 0;
  return (
    <div class="chart" aria-label={t('chartTitle')}>
      <svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img">
        {parts.map((o) => {
          const w = ((o.value ?? 0) / total) * 100;
          const rect = <rect x={x} y={0} width={w} height={10} fill={OUTCOME_COLORS[o.key]} />;
          x += w;
          return rect;
        })}
      </svg>
      <div class="legend">
        {parts.map((o) => (
          <span>
            <i style={{ background: OUTCOME_COLORS[o.key] }} />
            {t(`outcome.${o.key}`)} {o.value}（{percent(o.value ?? 0, total)}）
          </span>
        ))}
      </div>
    </div>
  );
}

export function Summary({ state }: { state: EngineState }) {
  const { report, t } = state;
  const { meta } = report;
  const f = figures(report);
  const v = (n: number | null) => (n === null ? '—' : n);
  const out = Object.fromEntries(f.outcomes.map((o) => [o.key, v(o.value)]));
  return (
    <section class="summary">
      <h2>{t('summary')}</h2>
      <dl class="meta">
        <dt>{t('agency')}</dt>
        <dd>{meta.agency ?? t('unknown')}</dd>
        <dt>{t('year')}</dt>
        <dd>{meta.year ?? t('unknown')}</dd>
        <dt>{t('format')}</dt>
        <dd>{meta.format ? t(`format.${meta.format}`) : t('unknown')}</dd>
        {meta.published && (
          <>
            <dt>{t('published')}</dt>
            <dd>{meta.published}</dd>
          </>
        )}
      </dl>
      {f.hasTables ? (
        <>
          <p class="figures">
            {t('figuresRequests', { new: v(f.newReceived), over: v(f.carriedOver), done: v(f.processed), fwd: v(f.carriedForward) })}
          </p>
          <p class="figures">{t('figuresOutcomes', out)}</p>
          {(f.review !== null || f.litigation !== null) && <p class="figures">{t('figuresReview', { review: v(f.review), litigation: v(f.litigation) })}</p>}
          <h2>{t('chartTitle')}</h2>
          <Chart state={state} f={f} />
        </>
      ) : (
        <p class="muted">{t('noReport')}</p>
      )}
    </section>
  );
}
