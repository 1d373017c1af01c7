/** For citizens: who, which year, which format, a few figures in plain words, and a small chart. */
import type { ComponentChildren } from 'preact';
import type { Issue } from '../core';
import { activeIssues, type EngineState } from '../state';
import { figureCells, figures, type FigureKey, type Figures } from '../figures';

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

/** What the summary must say beside a figure that an active error or warning touches. */
export interface Caution {
  kind: 'table' | 'narrative';
  /** The figure once the suspects are corrected, when a suspect lies in it. */
  suggested: number | null;
}

const cellKey = (c: { table: string; row: string | null; column: string | null }) => `${c.table}.${c.row}.${c.column}`;

/** Each figure that an active error or warning touches, with the corrected value where a suspect lies in it. */
export function cautions(state: EngineState): Partial<Record<FigureKey, Caution>> {
  const cells = figureCells(state.report);
  const issues = activeIssues(state).filter((i) => i.severity !== 'info');
  const out: Partial<Record<FigureKey, Caution>> = {};
  for (const [key, list] of Object.entries(cells) as [FigureKey, (typeof cells)[FigureKey]][]) {
    const mine = new Set(list.map((c) => cellKey(c.ref)));
    if (!mine.size) continue;
    // An issue whose wrong number the core has found touches the figure holding that number; without
    // a suspect, the figure the rule checks (the issue's own cell) — not every figure that takes
    // part in its sum, which may well be right.
    const touches = (i: Issue) =>
      i.suspects?.length
        ? i.suspects.some((x) => mine.has(cellKey(x)))
        : i.table !== null
          ? mine.has(cellKey({ table: i.table, row: i.row, column: i.column }))
          : i.cells.length === 1 && mine.has(cellKey(i.cells[0]));
    const touching = issues.filter(touches);
    if (!touching.length) continue;
    const suspects = new Map<string, number>();
    for (const i of touching) for (const s of i.suspects ?? []) if (mine.has(cellKey(s))) suspects.set(cellKey(s), s.suggested);
    // The figure once corrected: each row's suggested value where it has a suspect, else what it stands for now.
    const shown = list.every((c) => c.value === null) ? null : list.reduce((a, c) => a + (c.value ?? 0), 0);
    const fixed = list.reduce<number | null>((a, c) => (a === null ? null : suspects.has(cellKey(c.ref)) ? a + suspects.get(cellKey(c.ref))! : c.value === null ? null : a + c.value), 0);
    const suggested = suspects.size && fixed !== null && fixed !== shown ? fixed : null;
    out[key] = { kind: touching.every((i) => i.rule.startsWith('narrative.')) ? 'narrative' : 'table', suggested };
  }
  return out;
}

const MARK = '\u0001';

/** A figures sentence with each figure in its own element, a caution beside those an error touches. */
function Sentence({ state, text, vars, warn }: { state: EngineState; text: 'figuresRequests' | 'figuresOutcomes' | 'figuresReview'; vars: Partial<Record<FigureKey, number | string>>; warn: Partial<Record<FigureKey, Caution>> }) {
  const { t } = state;
  const keys = Object.keys(vars) as FigureKey[];
  const parts = t(text, Object.fromEntries(keys.map((k) => [k, `${MARK}${k}${MARK}`]))).split(MARK);
  const children: ComponentChildren[] = [];
  for (let n = 0; n < parts.length; n++) {
    if (n % 2 === 0) {
      children.push(parts[n]);
      continue;
    }
    const key = parts[n] as FigureKey;
    const c = warn[key];
    // The unit and words that belong to the figure ("17 件", "17 granted") stay before the caution.
    const unit = /^(.*?)(?=[，。；,.;]| and |$)/.exec(parts[n + 1] ?? '')?.[1] ?? '';
    if (n + 1 < parts.length) parts[n + 1] = parts[n + 1].slice(unit.length);
    children.push(
      <span class={c ? 'fig caution' : 'fig'} data-figure={key}>
        {vars[key]}
        {unit}
        {c && (
          <span class="caution-note" data-caution={c.kind}>
            {' ⚠ '}
            {t(c.kind === 'narrative' ? 'caution.narrative' : 'caution.table')}
            {c.suggested !== null && `（${t('caution.suggested', { value: c.suggested })}）`}
          </span>
        )}
      </span>,
    );
  }
  return <p class="figures">{children}</p>;
}

export function Summary({ state }: { state: EngineState }) {
  const { report, t } = state;
  const { meta } = report;
  const f = figures(report);
  const v = (n: number | null) => (n === null ? '—' : n);
  const out = Object.fromEntries(f.outcomes.map((o) => [o.key, v(o.value)]));
  const warn = cautions(state);
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
          <Sentence state={state} text="figuresRequests" vars={{ new: v(f.newReceived), over: v(f.carriedOver), done: v(f.processed), fwd: v(f.carriedForward) }} warn={warn} />
          <Sentence state={state} text="figuresOutcomes" vars={out} warn={warn} />
          {(f.review !== null || f.litigation !== null) && <Sentence state={state} text="figuresReview" vars={{ review: v(f.review), litigation: v(f.litigation) }} warn={warn} />}
          <h2>{t('chartTitle')}</h2>
          <Chart state={state} f={f} />
        </>
      ) : (
        <p class="muted">{t('noReport')}</p>
      )}
    </section>
  );
}
