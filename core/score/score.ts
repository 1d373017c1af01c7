/**
 * Scoring: a report's issues and measures against a pack's indicators → points deducted, with the
 * evidence of each deduction (cells, passages, the other report, the date) and the ratios.
 * Browser-safe: the CLI and the collection page both call scoreBatch.
 */
import type { CellRef, Issue, Report, Severity } from '../model/schema';
import { copiedShare } from '../compare/copied';
import { agencyOfMeta } from '../compare/agency';
import { pairableOf, pairingProblem } from '../compare/pair';
import { reportYear } from '../model/year';
import { deadlineFor, isGovernment } from '../rules/meta.late';
import { packMax, type Citation, type Decider, type Indicator, type Pack } from './pack';
import { pooledRatios, ratiosOf, type Ratios } from './ratios';
import { copiedPairsOf, type SharedPassage } from '../compare/copied-across';

export interface Evidence {
  /** One line, Chinese first. */
  message: string;
  rule?: string;
  cells?: CellRef[];
  /** The other report (its source) a passage is shared with; 'previous' for last year's. */
  other?: string;
  passages?: SharedPassage[];
}

export type IndicatorStatus = 'ok' | 'deducted' | 'unknown';

export interface IndicatorResult {
  indicator: string;
  title: { zh: string; en: string };
  /** The indicator's points, what it lost, what is left. */
  max: number;
  points: number;
  score: number;
  status: IndicatorStatus;
  findings: number;
  rules: string[];
  evidence: Evidence[];
  citation: Citation;
}

export interface Deduction {
  indicator: string;
  title: { zh: string; en: string };
  points: number;
  rules: string[];
  evidence: Evidence[];
  citation: Citation;
}

export interface ReportScore {
  source: string;
  agency: string | null;
  year: number | null;
  pack: string;
  score: number;
  max: number;
  deductions: Deduction[];
  indicators: IndicatorResult[];
  ratios: Ratios;
  /** The same agency's ratios over every year of it in the batch (counts summed, then divided). */
  agencyRatios: { years: number; ratios: Ratios };
}

export interface ScoreItem {
  source: string;
  report: Report;
  issues: readonly Issue[];
  /** Last year's report of the same agency, when among the inputs. */
  previous?: Report | null;
  /** The publication date known from elsewhere (a collect manifest), when the page gave none. */
  published?: string | null;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (x: number) => `${Math.round(x * 100)}%`;

interface Measured {
  findings: number;
  unknown?: boolean;
  rules: string[];
  evidence: Evidence[];
}

function ruleMatches(pattern: string, id: string): boolean {
  return pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id;
}

function byRules(d: Extract<Decider, { kind: 'rules' }>, item: ScoreItem): Measured {
  const hits = item.issues.filter((i) => RANK[i.severity] <= RANK[d.severity] && d.rules.some((p) => ruleMatches(p, i.rule)));
  return {
    findings: hits.length,
    rules: [...new Set(hits.map((i) => i.rule))],
    evidence: hits.map((i) => ({ message: i.message, rule: i.rule, cells: i.cells.length ? i.cells : i.table && i.row && i.column ? [{ table: i.table, row: i.row, column: i.column }] : [] })),
  };
}

function bySimilarity(d: Extract<Decider, { kind: 'similarity' }>, item: ScoreItem, batch: readonly ScoreItem[], reports: readonly Report[], index: number): Measured {
  const m: Measured = { findings: 0, rules: [], evidence: [] };
  const prev = item.previous;
  if (d.against.includes('previous') && prev && !pairingProblem(pairableOf(item.report.meta), pairableOf(prev.meta))) {
    const c = copiedShare(item.report, prev);
    if (c && c.share >= d.threshold) {
      m.findings++;
      m.rules.push('narrative.copied');
      const passages = c.sections.flatMap((s) => s.passages).slice(0, 20).map((mine) => ({ mine, theirs: '' }));
      m.evidence.push({ message: `正文 ${pct(c.share)} 的文字与本机关上年报告相同 — ${pct(c.share)} repeats last year's report`, rule: 'narrative.copied', other: 'previous', passages });
    }
  }
  if (d.against.includes('batch')) {
    for (const match of copiedPairsOf(reports, index, d.threshold)) {
      const other = batch[match.other];
      m.findings++;
      if (!m.rules.includes('narrative.copied-across')) m.rules.push('narrative.copied-across');
      const name = agencyOfMeta(other.report.meta) ?? other.source;
      m.evidence.push({
        message: `与${name}同年度报告雷同：本报告 ${pct(match.share)} 见于对方，对方 ${pct(match.otherShare)} 见于本报告 — shared with ${name}'s report`,
        rule: 'narrative.copied-across',
        other: other.source,
        passages: match.passages,
      });
    }
  }
  return m;
}

/** The deadline of a report under a pack's local deadlines, else article 49. */
export function deadlineOf(d: Extract<Decider, { kind: 'deadline' }>, year: number, government: boolean): { date: string; local: string | null } {
  for (const l of d.local) {
    if (l.level !== 'any' && (l.level === 'government') !== government) continue;
    if (l.years && (year < l.years[0] || year > l.years[1])) continue;
    return { date: `${year + 1}-${l.date}`, local: l.note ?? '本地期限' };
  }
  return { date: deadlineFor(year, government), local: null };
}

function byDeadline(d: Extract<Decider, { kind: 'deadline' }>, item: ScoreItem): Measured {
  const { meta } = item.report;
  const year = reportYear(meta);
  const published = meta.published ?? item.published ?? null;
  const agency = agencyOfMeta(meta);
  if (!year || !published || !/^\d{4}-\d{2}-\d{2}$/.test(published) || !agency) {
    return { findings: 0, unknown: true, rules: [], evidence: [{ message: `发布日期或年度未知，无法判断是否按时 — publication date or year unknown${published ? ` (${published})` : ''}` }] };
  }
  const gov = isGovernment(agency);
  const { date, local } = deadlineOf(d, year, gov);
  if (published <= date) return { findings: 0, rules: [], evidence: [] };
  const days = Math.round((Date.parse(published) - Date.parse(date)) / 86_400_000);
  return {
    findings: 1,
    rules: ['meta.late'],
    evidence: [{ message: `发布日期 ${published} 晚于${local ? `本地期限（${local}）` : '法定期限'} ${date}，逾期 ${days} 天 — published ${days} days after ${date}`, rule: 'meta.late' }],
  };
}

/** A number (Arabic or Chinese) within 30 characters of the keyword. */
function countNear(text: string, keyword: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(keyword, from);
    if (at < 0) return false;
    const around = text.slice(Math.max(0, at - 30), at + keyword.length + 30);
    if (/\d|[一二三四五六七八九十百千万两]+(?:件|条|个|期|篇|次|场|项)/.test(around)) return true;
    from = at + keyword.length;
  }
}

function byOverview(d: Extract<Decider, { kind: 'overview' }>, item: ScoreItem): Measured {
  const overview = item.report.sections.find((s) => s.key === 'overview');
  if (!overview || !overview.text.trim()) return { findings: 0, unknown: true, rules: [], evidence: [{ message: '未读出“总体情况”部分 — no overview section read' }] };
  const m: Measured = { findings: 0, rules: [], evidence: [] };
  const chars = overview.text.replace(/\s/g, '').length;
  if (d.maxChars && chars > d.maxChars) {
    m.findings++;
    m.evidence.push({ message: `“总体情况”${chars} 字，超过 ${d.maxChars} 字 — the overview has ${chars} characters, more than ${d.maxChars}` });
  }
  for (const need of d.requiredCounts) {
    if (need.keywords.some((k) => countNear(overview.text, k))) continue;
    m.findings++;
    m.evidence.push({ message: `“总体情况”未给出${need.label}的数量 — no count given for ${need.label}` });
  }
  return m;
}

function measure(ind: Indicator, item: ScoreItem, batch: readonly ScoreItem[], reports: readonly Report[], index: number): Measured {
  const d = ind.decide;
  switch (d.kind) {
    case 'rules':
      return byRules(d, item);
    case 'similarity':
      return bySimilarity(d, item, batch, reports, index);
    case 'deadline':
      return byDeadline(d, item);
    case 'overview':
      return byOverview(d, item);
  }
}

/**
 * Score every report of a batch (the batch is what 雷同 across agencies compares). `reports`: the
 * same array of the batch's reports given to checkReport as `batch`, so the comparison is made once.
 */
export function scoreBatch(batch: readonly ScoreItem[], pack: Pack, reports: readonly Report[] = batch.map((b) => b.report)): ReportScore[] {
  const max = packMax(pack);
  const byAgency = new Map<string, Report[]>();
  for (const item of batch) {
    const agency = agencyOfMeta(item.report.meta);
    if (agency) byAgency.set(agency, [...(byAgency.get(agency) ?? []), item.report]);
  }
  const pooled = new Map([...byAgency].map(([agency, list]) => [agency, { years: list.length, ratios: pooledRatios(list) }]));
  return batch.map((item, index) => {
    const indicators: IndicatorResult[] = pack.indicators.map((ind) => {
      const m = measure(ind, item, batch, reports, index);
      const lost = round2(Math.min(ind.points, m.findings * ind.perFinding * ind.points));
      return {
        indicator: ind.id,
        title: ind.title,
        max: ind.points,
        points: lost,
        score: round2(ind.points - lost),
        status: m.unknown ? 'unknown' : lost > 0 ? 'deducted' : 'ok',
        findings: m.findings,
        rules: m.rules,
        evidence: m.evidence,
        citation: ind.citation,
      };
    });
    const deducted = indicators.reduce((s, r) => s + r.points, 0);
    return {
      source: item.source,
      agency: agencyOfMeta(item.report.meta),
      year: reportYear(item.report.meta),
      pack: pack.id,
      score: round2(Math.max(0, max - deducted)),
      max,
      deductions: indicators.filter((r) => r.points > 0).map(({ indicator, title, points, rules, evidence, citation }) => ({ indicator, title, points, rules, evidence, citation })),
      indicators,
      ratios: ratiosOf(item.report),
      agencyRatios: pooled.get(agencyOfMeta(item.report.meta) ?? '') ?? { years: 1, ratios: ratiosOf(item.report) },
    };
  });
}
