/**
 * 评分 Scores: every collected report scored against a rule pack (a shipped one, or one the user
 * loads from a file — validated, one line naming the failing field), sortable; a click shows the
 * report's deductions with their evidence and citations; the 雷同 pairs side by side; the scores as
 * CSV/XLSX and the long table as Parquet. All the work is the core's (core/score/): the page only
 * shows it, as text nodes.
 */
import { useMemo, useState } from 'preact/hooks';
import { checkReport } from '../../../core/check/index';
import { toLongParquet } from '../../../core/export/parquet';
import { parsePack, type Pack } from '../../../core/score/pack';
import { shippedPacks } from '../../../core/score/packs/index';
import { RATIO_KEYS, RATIO_TITLES, ratioText } from '../../../core/score/ratios';
import { scoreBatch, type ReportScore } from '../../../core/score/score';
import { scoreCsv, scoreXlsx } from '../../../core/score/table';
import type { EntrySummary } from '../../lib/collection';
import { collectionItems, idsToLoad } from '../../lib/collection-export';
import { loadItems } from '../../lib/collection-db';
import type { Dismissals } from '../../lib/storage';

/** Scoring holds every report at once: a bound on what one click loads. */
const MAX_SCORED = 600;
const PACK_MAX_BYTES = 1_000_000;
type SortKey = 'score' | 'agency' | 'year';

function save(data: string | Uint8Array, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface Pair {
  a: ReportScore;
  b: string;
  passages: Array<{ mine: string; theirs: string }>;
}

export function Scores({ entries, dismissals, disabled }: { entries: readonly EntrySummary[]; dismissals: Dismissals; disabled: string[] }) {
  const packs = shippedPacks();
  const [packId, setPackId] = useState(packs[0].id);
  const [own, setOwn] = useState<Pack | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ scores: ReportScore[]; sources: Map<string, string> } | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'score', up: false });
  const [open, setOpen] = useState<string | null>(null);
  const pack = own && packId === own.id ? own : (packs.find((p) => p.id === packId) ?? packs[0]);

  const loadPackFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > PACK_MAX_BYTES) return setProblem(`${file.name}: 不是 1 MB 以内的文件 — not a file under 1 MB`);
    let value: unknown;
    try {
      value = JSON.parse(await file.text());
    } catch {
      return setProblem(`${file.name}: 不是有效的 JSON — not valid JSON`);
    }
    const r = parsePack(value);
    if (!r.ok) return setProblem(`${file.name}: 评分标准不合格式 — invalid pack: ${r.problem}`);
    setProblem('');
    setOwn(r.pack);
    setPackId(r.pack.id);
    setResult(null);
  };

  const loadAll = async () => {
    const chosen = entries.slice(0, MAX_SCORED);
    const loaded = await loadItems(idsToLoad(chosen, entries));
    return collectionItems(chosen, loaded, dismissals, disabled, entries);
  };

  const score = async () => {
    setBusy(true);
    setProblem('');
    try {
      const items = await loadAll();
      const reports = items.map((i) => i.report);
      const off = new Set(disabled);
      const scored = scoreBatch(
        items.map((i) => ({
          source: i.entry.url ?? i.entry.id,
          report: i.report,
          previous: i.previous,
          published: i.entry.published,
          // Checked again with the whole collection as the batch: 雷同 across agencies needs it.
          issues: checkReport(i.report, { previous: i.previous, batch: reports, disabled: [...off] }),
        })),
        pack,
        reports,
      );
      setResult({ scores: scored, sources: new Map(items.map((i) => [i.entry.url ?? i.entry.id, `${i.entry.agency} ${i.entry.year}`])) });
      if (entries.length > MAX_SCORED) setProblem(`只评了前 ${MAX_SCORED} 份 — only the first ${MAX_SCORED} reports were scored`);
    } catch (e) {
      setProblem(`评分失败 — scoring failed: ${String((e as Error)?.message ?? e).slice(0, 200)}`);
    } finally {
      setBusy(false);
    }
  };

  const parquet = async () => {
    setBusy(true);
    try {
      const items = await loadAll();
      save(toLongParquet(items.map((i) => i.report)), 'application/vnd.apache.parquet', `nianbao-collection-${items.length}-reports.parquet`);
    } finally {
      setBusy(false);
    }
  };

  const rows = useMemo(() => {
    if (!result) return [];
    const dir = sort.up ? 1 : -1;
    const by = (a: ReportScore, b: ReportScore) =>
      sort.key === 'score' ? a.score / a.max - b.score / b.max : sort.key === 'year' ? (a.year ?? 0) - (b.year ?? 0) : (a.agency ?? '').localeCompare(b.agency ?? '', 'zh');
    return [...result.scores].sort((a, b) => dir * by(a, b) || a.source.localeCompare(b.source));
  }, [result, sort]);

  const pairs = useMemo(() => {
    const out: Pair[] = [];
    const seen = new Set<string>();
    for (const s of result?.scores ?? []) {
      for (const d of s.deductions) {
        for (const e of d.evidence) {
          if (e.rule !== 'narrative.copied-across' || !e.other) continue;
          const key = [s.source, e.other].sort().join('|');
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ a: s, b: e.other, passages: e.passages ?? [] });
        }
      }
    }
    return out;
  }, [result]);

  const header = (key: SortKey, label: string) => (
    <th>
      <button type="button" class="sort" data-sort={key} aria-pressed={sort.key === key} onClick={() => setSort({ key, up: sort.key === key ? !sort.up : key !== 'score' })}>
        {label}
        {sort.key === key ? (sort.up ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  const opened = result?.scores.find((s) => s.source === open) ?? null;
  const nameOf = (source: string) => result?.sources.get(source) ?? source;

  return (
    <section class="scores" data-view="scores">
      <h2>评分 Scores</h2>
      <p class="hint">按评分标准给每份已收集的报告打分，扣分附证据和依据 — every collected report scored against a rule pack, each deduction with its evidence and citation.</p>
      <div class="row">
        <label>
          评分标准 Pack{' '}
          <select data-action="pack" value={pack.id} onChange={(e) => (setPackId((e.target as HTMLSelectElement).value), setResult(null))}>
            {packs.map((p) => (
              <option value={p.id}>{p.title.zh}</option>
            ))}
            {own && !packs.some((p) => p.id === own.id) && <option value={own.id}>{own.title.zh}（自定义 own）</option>}
          </select>
        </label>
        <label class="file">
          载入 Load pack…{' '}
          <input type="file" accept=".json,application/json" data-action="load-pack" onChange={(e) => void loadPackFile((e.target as HTMLInputElement).files?.[0])} />
        </label>
        <button type="button" class="primary" data-action="score" disabled={busy || !entries.length} onClick={() => void score()}>
          评分 Score
        </button>
        <button type="button" data-action="export-parquet" disabled={busy || !entries.length} onClick={() => void parquet()}>
          导出 Parquet（长表 long table）
        </button>
      </div>
      {problem && (
        <p class="msg" data-kind="error" data-problem>
          {problem}
        </p>
      )}
      {result && (
        <>
          <div class="row">
            <button type="button" data-action="scores-csv" onClick={() => save(scoreCsv(result.scores), 'text/csv;charset=utf-8', `nianbao-scores-${pack.id}.csv`)}>
              导出 CSV
            </button>
            <button type="button" data-action="scores-xlsx" onClick={() => void scoreXlsx(result.scores).then((b) => save(b, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `nianbao-scores-${pack.id}.xlsx`))}>
              导出 XLSX
            </button>
          </div>
          <table class="list score-list" data-count={rows.length}>
            <thead>
              <tr>
                {header('agency', '机关 Agency')}
                {header('year', '年度 Year')}
                {header('score', '得分 Score')}
                <th>扣分 Deductions</th>
                {RATIO_KEYS.slice(0, 2).map((k) => (
                  <th>{RATIO_TITLES[k].zh}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr data-source={s.source} data-score={s.score} class={open === s.source ? 'open' : ''} onClick={() => setOpen(open === s.source ? null : s.source)}>
                  <td>
                    <button type="button" class="link" data-action="open-evidence">
                      {s.agency ?? s.source}
                    </button>
                  </td>
                  <td>{s.year ?? ''}</td>
                  <td class="num">
                    {s.score} / {s.max}
                  </td>
                  <td>{s.deductions.map((d) => `${d.title.zh} −${d.points}`).join('；')}</td>
                  {RATIO_KEYS.slice(0, 2).map((k) => (
                    <td class="num">{ratioText(s.ratios[k])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {opened && (
            <div class="evidence" data-evidence={opened.source}>
              <h3>
                {opened.agency} {opened.year} — {opened.score} / {opened.max}
              </h3>
              {opened.deductions.length === 0 && <p>无扣分 — nothing deducted</p>}
              {opened.deductions.map((d) => (
                <div class="deduction" data-indicator={d.indicator}>
                  <b>−{d.points}</b> {d.title.zh} — {d.title.en}
                  <ul>
                    {d.evidence.slice(0, 20).map((e) => (
                      <li>
                        {e.message}
                        {e.rule && <code> {e.rule}</code>}
                      </li>
                    ))}
                  </ul>
                  <p class="hint">
                    依据 Source: {d.citation.document}
                    {d.citation.article ? `，${d.citation.article}` : ''}（{d.citation.issuer}，{d.citation.year}）{d.citation.verified ? '' : ' 未核实 unverified'}
                  </p>
                </div>
              ))}
              <p class="hint">{RATIO_KEYS.map((k) => `${RATIO_TITLES[k].zh} ${ratioText(opened.ratios[k]) || '—'}`).join(' · ')}</p>
              {opened.agencyRatios.years > 1 && (
                <p class="hint" data-agency-ratios>
                  本机关 {opened.agencyRatios.years} 年合计 Agency, {opened.agencyRatios.years} years pooled:{' '}
                  {RATIO_KEYS.map((k) => `${RATIO_TITLES[k].zh} ${ratioText(opened.agencyRatios.ratios[k]) || '—'}`).join(' · ')}
                </p>
              )}
            </div>
          )}
          <h3>雷同 Shared narratives ({pairs.length})</h3>
          {pairs.length === 0 && <p class="hint">没有不同单位同年报告雷同 — no two agencies share their narrative</p>}
          {pairs.map((p) => (
            <div class="pair-block" data-pair={`${p.a.source}|${p.b}`}>
              <div class="pair-head">
                <span>{nameOf(p.a.source)}</span>
                <span>{nameOf(p.b)}</span>
              </div>
              {p.passages.slice(0, 10).map((x) => (
                <div class="pair">
                  <div>{x.mine}</div>
                  <div>{x.theirs}</div>
                </div>
              ))}
            </div>
          ))}
        </>
      )}
    </section>
  );
}
