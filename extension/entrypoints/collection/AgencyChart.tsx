/** One agency's requests across the years, as a small bar chart (collection page). */
import { OUTCOME_KEYS, type EntrySummary } from '../../lib/collection';
import type { CT } from '../../lib/collection-i18n';

export const OUTCOME_COLOURS = ['#188038', '#7cb342', '#c5221f', '#9e9e9e', '#b06000', '#5c6bc0'];

/**
 * Requests received (bar height) and how they were handled (stacked colours), one bar per year;
 * ✗ exactly where the coverage grid says the year is missing (a year outside the agency's own
 * range is blank in both).
 */
export function AgencyChart({ t, agency, years, entries, missing }: { t: CT; agency: string; years: number[]; entries: Map<number, EntrySummary>; missing: ReadonlySet<number> }) {
  const W = 280;
  const H = 110;
  const pad = { l: 30, r: 6, t: 16, b: 18 };
  // Scaled to the requests received and handled (办结), not to the outcomes' sum: one wrong figure
  // (a planted 999) must not flatten every other year; a stack beyond the top is cut and marked ▲.
  const sums = years.map((y) => (entries.get(y)?.figures.outcomes ?? []).reduce<number>((a, b) => a + (b ?? 0), 0));
  const scale = Math.max(...years.map((y) => Math.max(entries.get(y)?.figures.received ?? 0, entries.get(y)?.figures.processed ?? 0)));
  const max = Math.max(1, scale || Math.max(...sums));
  const any = years.some((y) => entries.get(y)?.figures.received !== null && entries.get(y)?.figures.received !== undefined);
  const bw = Math.max(4, Math.min(28, (W - pad.l - pad.r) / Math.max(1, years.length) - 6));
  const x = (i: number) => pad.l + i * ((W - pad.l - pad.r) / Math.max(1, years.length)) + 3;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - Math.min(v, max) / max);
  return (
    <figure class="chart" data-agency={agency}>
      <figcaption>{agency}</figcaption>
      {any ? (
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={agency}>
          <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="#9aa0a6" />
          <text x={pad.l - 4} y={pad.t + 3} text-anchor="end" class="axis">
            {max}
          </text>
          <text x={pad.l - 4} y={H - pad.b} text-anchor="end" class="axis">
            0
          </text>
          {years.map((yr, i) => {
            const e = entries.get(yr);
            const bars: preact.JSX.Element[] = [];
            let base = 0;
            (e?.figures.outcomes ?? []).forEach((v, k) => {
              if (!v) return;
              bars.push(
                <rect x={x(i)} y={y(base + v)} width={bw} height={Math.max(0, y(base) - y(base + v))} fill={OUTCOME_COLOURS[k]}>
                  <title>{`${yr} ${t(`outcome.${OUTCOME_KEYS[k]}`)} ${v}`}</title>
                </rect>,
              );
              base += v;
            });
            const rec = e?.figures.received;
            return (
              <g>
                {bars}
                {rec !== null && rec !== undefined && (
                  <>
                    <line x1={x(i) - 2} x2={x(i) + bw + 2} y1={y(rec)} y2={y(rec)} stroke="#202124" stroke-width="2">
                      <title>{`${yr} ${t('received', { n: rec })}`}</title>
                    </line>
                    <text x={x(i) + bw / 2} y={y(rec) - 2} text-anchor="middle" class="val">
                      {rec}
                    </text>
                  </>
                )}
                {sums[i] > max && (
                  <text x={x(i) + bw / 2} y={pad.t - 6} text-anchor="middle" class="over">
                    ▲<title>{`${yr} ${sums[i]}`}</title>
                  </text>
                )}
                {!e && missing.has(yr) && (
                  <text x={x(i) + bw / 2} y={H - pad.b - 3} text-anchor="middle" class="miss">
                    ✗
                  </text>
                )}
                <text x={x(i) + bw / 2} y={H - 5} text-anchor="middle" class="axis">
                  {String(yr).slice(2)}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <p class="hint">{t('chartNone')}</p>
      )}
    </figure>
  );
}
