/** Scoring a batch against rule packs: 雷同 across agencies, table errors, the points arithmetic, CSV and the evidence pack. */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../core/check/index';
import { evidencePack } from '../core/score/html';
import { Pack, packJsonSchemaText, packMax, parsePack } from '../core/score/pack';
import { shippedPack, shippedPacks } from '../core/score/packs/index';
import { MIN_SAMPLE, ratiosOf, pooledRatios, TOO_FEW } from '../core/score/ratios';
import { scoreBatch, type ReportScore } from '../core/score/score';
import { SCORE_COLUMNS, scoreCsv } from '../core/score/table';
import { makeReport, withCell } from './support/report-builder';
import { scoreBatchFixture } from './support/score-batch';

function scored(packId = 'national', pack?: Pack): ReportScore[] {
  const batch = scoreBatchFixture();
  const reports = batch.map((b) => b.report);
  const items = batch.map((b) => ({ ...b, issues: checkReport(b.report, { batch: reports }) }));
  return scoreBatch(items, pack ?? shippedPack(packId)!);
}

const lost = (s: ReportScore, indicator: string) => s.deductions.find((d) => d.indicator === indicator)?.points ?? 0;

describe('shipped packs', () => {
  it('schema/pack.schema.json is what npm run gen writes from the zod schema', () => {
    expect(readFileSync(new URL('../schema/pack.schema.json', import.meta.url), 'utf8')).toBe(packJsonSchemaText());
  });
  it('all validate, cite their sources, and national has at least five indicators', () => {
    const ids = shippedPacks().map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['national', 'licheng-2020', 'wuwei-2025']));
    for (const p of shippedPacks()) {
      expect(p.source.document.length).toBeGreaterThan(4);
      expect(p.source.url).toMatch(/^https?:\/\//);
      for (const ind of p.indicators) expect(ind.citation.url, `${p.id}/${ind.id}`).toMatch(/^https?:\/\//);
    }
    expect(shippedPack('national')!.indicators.length).toBeGreaterThanOrEqual(5);
    expect(packMax(shippedPack('licheng-2020')!)).toBe(10);
  });
  it('an invalid pack is refused with one line naming the field', () => {
    const raw = structuredClone(shippedPack('national')!) as unknown as { indicators: Array<{ points: unknown }> };
    raw.indicators[2].points = 'ten';
    const r = parsePack(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatch(/^indicators\[2\]\.points: /);
      expect(r.problem).not.toContain('\n');
    }
    const dup = structuredClone(shippedPack('national')!);
    dup.indicators[1].id = dup.indicators[0].id;
    const d = parsePack(dup);
    expect(!d.ok && d.problem).toMatch(/^indicators\[1\]\.id: duplicate/);
  });
});

describe('scoring a batch (national)', () => {
  const scores = scored();
  const [original, copy, tableError, clean] = scores;

  it('the pasted narrative and its source both get a 雷同 deduction with the shared passages', () => {
    for (const [s, other] of [[original, 'fixtures/jtys-2023.html'], [copy, 'fixtures/sthj-2023.html']] as const) {
      const d = s.deductions.find((x) => x.indicator === 'copied');
      expect(d, s.source).toBeDefined();
      expect(d!.rules).toContain('narrative.copied-across');
      const ev = d!.evidence.find((e) => e.other === other)!;
      expect(ev.passages!.length).toBeGreaterThan(0);
      expect(ev.passages!.some((p) => p.mine.includes('蓝天保卫战') && p.theirs.includes('蓝天保卫战'))).toBe(true);
    }
  });
  it('a report with a real table error loses the data points; the clean one with its own text loses nothing', () => {
    expect(lost(tableError, 'data.arithmetic')).toBeGreaterThan(0);
    expect(tableError.deductions.find((d) => d.indicator === 'data.arithmetic')!.evidence.some((e) => e.cells?.some((c) => c.row === 'granted'))).toBe(true);
    expect(lost(tableError, 'copied')).toBe(0);
    expect(clean.deductions).toEqual([]);
    expect(clean.score).toBe(clean.max);
    expect(lost(original, 'data.arithmetic')).toBe(0);
  });
  it('the boilerplate sentence all four write is not 雷同', () => {
    expect(lost(clean, 'copied')).toBe(0);
    expect(lost(tableError, 'copied')).toBe(0);
  });
  it('doubling every indicator’s points doubles every score and max', () => {
    const pack = structuredClone(shippedPack('national')!);
    pack.indicators.forEach((i) => (i.points *= 2));
    const doubled = scored('national', Pack.parse(pack));
    doubled.forEach((d, i) => {
      expect(d.max).toBe(scores[i].max * 2);
      expect(d.score).toBeCloseTo(scores[i].score * 2, 6);
    });
    expect(scores.some((s) => s.score < s.max)).toBe(true);
  });
  it('the CSV has a row per report × indicator, with BOM', () => {
    const csv = scoreCsv(scores);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...SCORE_COLUMNS]);
    expect(rows.length - 1).toBe(scores.length * shippedPack('national')!.indicators.length);
  });
  it('the evidence pack has an index and a page per report, marked cells and citations', () => {
    const files = evidencePack(scores, scoreBatchFixture().map((b) => b.report), shippedPack('national')!);
    expect(files.map((f) => f.name)).toEqual(['index.html', 'report-001.html', 'report-002.html', 'report-003.html', 'report-004.html']);
    expect(files[0].html).toContain('report-003.html');
    expect(files[3].html).toMatch(/class="marked"/);
    expect(files[3].html).toContain('国办公开办函〔2021〕30号');
    expect(files[2].html).toContain('蓝天保卫战');
  });
  it('page text is escaped', () => {
    const batch = scoreBatchFixture();
    batch[0].report.meta.agency = '<img src=x onerror=alert(1)>局';
    batch[0].report.meta.title = '<script>alert(1)</script>';
    const reports = batch.map((b) => b.report);
    const s = scoreBatch(batch.map((b) => ({ ...b, issues: checkReport(b.report, { batch: reports }) })), shippedPack('national')!);
    const html = evidencePack(s, reports, shippedPack('national')!).map((f) => f.html).join('');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('other packs', () => {
  it('licheng-2020 pools its 10 points: the copy loses 5 for 雷同', () => {
    const s = scored('licheng-2020');
    expect(s[1].max).toBe(10);
    expect(s[1].score).toBe(5);
    expect(s[3].score).toBe(10);
  });
  it('wuwei-2025: a long overview and missing counts deduct', () => {
    const report = makeReport('2021', { year: 2025, agency: '武威市示例局' });
    report.sections[0].text = '总体情况。'.repeat(300);
    const [s] = scoreBatch([{ source: 'x', report, issues: [] }], shippedPack('wuwei-2025')!);
    const length = s.indicators.find((i) => i.indicator === 'overview.length')!;
    expect(length.status).toBe('deducted');
    expect(length.evidence[0].message).toMatch(/1500 字，超过 1000 字/);
    expect(s.indicators.find((i) => i.indicator === 'overview.counts')!.findings).toBe(4);
  });
  it('deadlines: a local deadline applies, an unknown date is unknown, never late', () => {
    const pack = shippedPack('huaihua-2021')!;
    const at = (published: string | null) => scoreBatch([{ source: 'x', report: makeReport('2021', { year: 2021, agency: '怀化市示例局', published }), issues: [] }], pack)[0].indicators[0];
    expect(at('2022-01-27').status).toBe('ok');
    expect(at('2022-01-30').status).toBe('deducted'); // before art. 49's 01-31, after the local 01-28
    expect(at('2022-01-30').evidence[0].message).toMatch(/本地期限.*2022-01-28/);
    expect(at(null).status).toBe('unknown');
    expect(at(null).points).toBe(0);
  });
});

describe('ratios', () => {
  it('rates from table 3 and 4, with the sample-size guard', () => {
    const report = makeReport('2021');
    const r = ratiosOf(report);
    const total = report.t3.total_processed!.total!.value!;
    const open = report.t3.granted!.total!.value! + report.t3.partially_granted!.total!.value!;
    if (total >= MIN_SAMPLE) expect(r.open_rate.value).toBeCloseTo(open / total);
    else expect(r.open_rate.note).toBe(TOO_FEW);
    expect(r.review_corrected_rate.note).toBe(TOO_FEW);
    const big = withCell(withCell(withCell(report, 't3', 'total_processed', 'total', 100), 't3', 'granted', 'total', 60), 't3', 'partially_granted', 'total', 15);
    expect(ratiosOf(big).open_rate.value).toBeCloseTo(0.75);
  });
  it('pooled across years: numerators and denominators summed', () => {
    const a = withCell(withCell(withCell(makeReport('2021'), 't3', 'total_processed', 'total', 20), 't3', 'granted', 'total', 10), 't3', 'partially_granted', 'total', 0);
    const b = withCell(withCell(withCell(makeReport('2021'), 't3', 'total_processed', 'total', 20), 't3', 'granted', 'total', 5), 't3', 'partially_granted', 'total', 5);
    expect(ratiosOf(a).open_rate.note).toBe(TOO_FEW);
    const pooled = pooledRatios([a, b]).open_rate;
    expect(pooled.denominator).toBe(40);
    expect(pooled.value).toBeCloseTo(0.5);
  });
  it('per agency across years in score CSV: each row carries its agency’s pooled ratios beside its own', () => {
    const year = (y: number, granted: number, partly: number, agency = '示例市生态环境局') =>
      withCell(withCell(withCell(makeReport('2021', { year: y, agency }), 't3', 'total_processed', 'total', 20), 't3', 'granted', 'total', granted), 't3', 'partially_granted', 'total', partly);
    const reports = [year(2022, 10, 0), year(2023, 5, 5), year(2023, 18, 0, '另一个局')];
    const scores = scoreBatch(reports.map((report, i) => ({ source: `r${i}.html`, report, issues: [] })), shippedPack('national')!);
    const rows = Papa.parse<Record<string, string>>(scoreCsv(scores).slice(1), { header: true, skipEmptyLines: true }).data;
    const first = rows.find((r) => r.source === 'r0.html')!;
    expect(first.open_rate).toMatch(new RegExp(`^${TOO_FEW}`));
    expect(first.agency_years).toBe('2');
    expect(Number(first.agency_open_rate)).toBeCloseTo(0.5);
    const other = rows.find((r) => r.source === 'r2.html')!;
    expect(other.agency_years).toBe('1');
    expect(other.agency_open_rate).toMatch(new RegExp(`^${TOO_FEW}`));
  });
});
