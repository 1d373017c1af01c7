/**
 * Suspects, per equation family, in the RuleTester manner: a valid report names none; one wrong
 * cell is named with its right value; two wrong cells are both named; several equally small
 * corrections name none (and the issues say why). Also the 拆格 (a number split over two cells).
 */
import { describe, expect, it } from 'vitest';
import type { TableId } from '../core/model/keys';
import { Issue as IssueSchema, type Report } from '../core/model/schema';
import { checkReport } from '../core/check/index';
import { findSuspects } from '../core/suspects/index';
import { suspectsLine, suspectsText } from '../core/export/suspects';
import { makeReport, valueAt, withCell } from './support/report-builder';

type At = [TableId, string, string];
const id = ([t, r, c]: At) => `${t}.${r}.${c}`;
const shown = (report: Report, previous: Report | null = null) =>
  findSuspects(report, previous)
    .suspects.map((s) => `${s.table}.${s.row}.${s.column}: ${s.printed ?? 'blank'} → ${s.suggested}${s.kind === 'split' ? ' split' : ''}`)
    .sort();

/** A copy with several cells changed by the given amounts. */
function planted(report: Report, changes: Array<[At, number]>): Report {
  let r = report;
  for (const [at, delta] of changes) r = withCell(r, at[0], at[1], at[2], valueAt(r, ...at) + delta);
  return r;
}
const wrong = (base: Report, changes: Array<[At, number]>) => changes.map(([at, d]) => `${id(at)}: ${valueAt(base, ...at) + d} → ${valueAt(base, ...at)}`).sort();

interface Family {
  name: string;
  base: Report;
  previous?: Report | null;
  single: Array<[At, number]>;
  double: Array<[At, number]>;
  /** A fault several equally small corrections explain. */
  ambiguous: Array<[At, number]>;
}

const r2021 = makeReport('2021');
const r2019 = makeReport('2019');

/** Last year's report whose carried-forward and in-force figures agree with this year's. */
function lastYear(report: Report): Report {
  let prev = makeReport('2021', { year: (report.meta.year ?? 2023) - 1 });
  for (const [col, cell] of Object.entries(report.t3.carried_over ?? {})) prev = withCell(prev, 't3', 'carried_forward', col, cell?.value ?? null);
  for (const row of ['regulations', 'normative_documents'])
    prev = withCell(prev, 't2', row, 'in_force', valueAt(report, 't2', row, 'in_force') - valueAt(report, 't2', row, 'issued') + valueAt(report, 't2', row, 'repealed'));
  return prev;
}

const FAMILIES: Family[] = [
  {
    name: 'R3 row totals (t3.row-total)',
    base: r2021,
    single: [[['t3', 'granted', 'total'], 3]],
    double: [
      [['t3', 'granted', 'total'], 2],
      [['t3', 'denied.state_secret', 'total'], -4],
    ],
    // granted.natural +1 and partially_granted.natural −1: the two row totals are off by ±1 and
    // the column still adds up — the two naturals or the two totals explain it equally.
    ambiguous: [
      [['t3', 'granted', 'natural_person'], 1],
      [['t3', 'partially_granted', 'natural_person'], -1],
    ],
  },
  {
    name: 'R2 outcome totals (t3.outcome-total)',
    base: r2019,
    single: [[['t3', 'partially_granted', 'natural_person'], 4]],
    double: [
      [['t3', 'granted', 'natural_person'], 2],
      [['t3', 'denied.state_secret', 'research'], 1],
    ],
    // （七）总计 and 新收 both 1 higher in 自然人 and 总计 (as 11-pingtan-2020): the balance holds,
    // the outcome rows are 1 short — any outcome row's 自然人 and 总计 together explain it.
    ambiguous: [
      [['t3', 'total_processed', 'natural_person'], 1],
      [['t3', 'total_processed', 'total'], 1],
      [['t3', 'new_received', 'natural_person'], 1],
      [['t3', 'new_received', 'total'], 1],
    ],
  },
  {
    name: 'R1 balance (t3.balance)',
    base: r2021,
    single: [[['t3', 'new_received', 'natural_person'], -5]],
    double: [
      [['t3', 'total_processed', 'natural_person'], 1],
      [['t3', 'carried_forward', 'legal_services'], 2],
    ],
    // new_received natural and total both 2 too high: R1 fails in two columns, the row holds —
    // new_received or carried_over (or processed/forward) of both columns explain it.
    ambiguous: [
      [['t3', 'new_received', 'natural_person'], 2],
      [['t3', 'new_received', 'total'], 2],
    ],
  },
  {
    name: 'R4 table-4 group totals (t4.total)',
    base: r2021,
    // review 3+1+2+1 = 7 printed as 0: no part can absorb −7, so only the total explains it.
    single: [[['t4', 'review', 'total'], -7]],
    double: [
      [['t4', 'review', 'total'], -7],
      [['t4', 'litigation_direct', 'total'], -4],
    ],
    // total 7 printed 9: the total, or any part +2.
    ambiguous: [[['t4', 'review', 'total'], 2]],
  },
  {
    name: 'R6 carry-over (cross-year.carry-over)',
    base: r2021,
    previous: lastYear(r2021),
    single: [[['t3', 'carried_over', 'natural_person'], 3]],
    double: [
      [['t3', 'carried_over', 'natural_person'], 3],
      [['t3', 'carried_over', 'legal_services'], 1],
    ],
    // carried_over natural and total both +2 and new_received natural and total −2: this year is
    // consistent in itself, only the carry-over fails — last year's figure may be the wrong one.
    ambiguous: [
      [['t3', 'carried_over', 'natural_person'], 2],
      [['t3', 'carried_over', 'total'], 2],
      [['t3', 'new_received', 'natural_person'], -2],
      [['t3', 'new_received', 'total'], -2],
    ],
  },
];

describe('suspects per equation family', () => {
  for (const f of FAMILIES) {
    describe(f.name, () => {
      it('valid: a consistent report names no suspect', () => {
        expect(shown(f.base, f.previous ?? null)).toEqual([]);
        for (const i of checkReport(f.base, { previous: f.previous ?? null })) expect(i.suspects).toEqual([]);
      });
      it('single fault: the cell, with its right value', () => {
        expect(shown(planted(f.base, f.single), f.previous ?? null)).toEqual(wrong(f.base, f.single));
      });
      it('double fault: both cells', () => {
        expect(shown(planted(f.base, f.double), f.previous ?? null)).toEqual(wrong(f.base, f.double));
      });
      it('ambiguous: several equally small corrections — none named, and the issues say why', () => {
        const r = planted(f.base, f.ambiguous);
        expect(shown(r, f.previous ?? null)).toEqual([]);
        const arithmetic = checkReport(r, { previous: f.previous ?? null }).filter((i) => i.severity !== 'info' && !i.rule.startsWith('narrative') && !i.rule.startsWith('cell.'));
        expect(arithmetic.length).toBeGreaterThan(0);
        for (const i of arithmetic) {
          expect(i.suspects).toEqual([]);
          expect(i.suspectsNote).toMatch(/无法确定/);
        }
      });
    });
  }

  describe('R7 in force (cross-year.in-force)', () => {
    const previous = lastYear(r2021);
    it('valid', () => expect(shown(r2021, previous)).toEqual([]));
    it('a wrong in-force figure is never pinned: issued, repealed or in force could each be it', () => {
      for (const d of [-5, -1, 1, 5]) expect(shown(planted(r2021, [[['t2', 'normative_documents', 'in_force'], d]]), previous)).toEqual([]);
      expect(shown(planted(r2021, [[['t2', 'regulations', 'issued'], 1], [['t2', 'normative_documents', 'repealed'], 2]]), previous)).toEqual([]);
    });
    it('does not hide a table-3 suspect beside it', () => {
      const r = planted(r2021, [[['t2', 'normative_documents', 'in_force'], 4], [['t3', 'granted', 'total'], 3]]);
      expect(shown(r, previous)).toEqual(wrong(r2021, [[['t3', 'granted', 'total'], 3]]));
    });
  });
});

describe('suspects on issues', () => {
  const r = planted(r2021, [[['t3', 'granted', 'total'], 3]]);
  const issues = checkReport(r);
  it('every issue the suspect explains carries it; every issue fits the schema', () => {
    const explained = issues.filter((i) => i.suspects.length);
    expect(explained.map((i) => i.rule).sort()).toEqual(['t3.outcome-total', 't3.row-total']);
    for (const i of issues) expect(() => IssueSchema.parse(i)).not.toThrow();
    const row = explained.find((i) => i.rule === 't3.row-total')!;
    expect(row.suspects).toEqual([{ table: 't3', row: 'granted', column: 'total', printed: 5, suggested: 2, kind: 'value' }]);
    expect(suspectsText(row)).toBe('t3.granted.total=2');
    expect(suspectsLine(row)).toBe('可能出错的数字 likely wrong: 予以公开 · 总计 印 5，应为 2');
    expect(suspectsLine(row, 'en')).toBe('likely wrong: granted · total printed 5, should be 2');
  });
  it('an issue of another kind has none', () => {
    const late = checkReport({ ...r, meta: { ...r.meta, published: '2030-01-01' } }).filter((i) => i.rule.startsWith('meta.'));
    expect(late.length).toBeGreaterThan(0);
    for (const i of late) expect(i.suspects).toEqual([]);
  });
  it('a blank total is named as blank', () => {
    const blank = withCell(r2021, 't3', 'carried_forward', 'total', null);
    expect(shown(blank)).toEqual(['t3.carried_forward.total: blank → 4']);
    const cellBlank = checkReport(blank).find((i) => i.rule === 'cell.blank')!;
    expect(cellBlank.suspects.map((s) => s.suggested)).toEqual([4]);
  });
  it('a negative count is always part of the correction', () => {
    // 其他结果 printed −2 where 2 is meant: the sum fails, and only 2 fixes it.
    expect(shown(withCell(r2021, 't4', 'review', 'other', -2))).toEqual(['t4.review.other: -2 → 2']);
    // −2 where the sum holds (the total printed 3): the −2 must change, but to what — the total or
    // another part could change with it: none named.
    expect(shown(withCell(withCell(r2021, 't4', 'review', 'other', -2), 't4', 'review', 'total', 3))).toEqual([]);
  });
});

describe('拆格: a number split over two neighbouring cells', () => {
  // Meant: granted 自然人 12, 商业企业 0; printed 1 and 2.
  const meant = planted(r2021, [
    [['t3', 'granted', 'natural_person'], 11],
    [['t3', 'granted', 'total'], 11],
    [['t3', 'total_processed', 'natural_person'], 11],
    [['t3', 'total_processed', 'total'], 11],
    [['t3', 'new_received', 'natural_person'], 11],
    [['t3', 'new_received', 'total'], 11],
  ]);
  const split = withCell(withCell(meant, 't3', 'granted', 'natural_person', 1), 't3', 'granted', 'commercial', 2);
  it('is recognised and said', () => {
    expect(valueAt(meant, 't3', 'granted', 'commercial')).toBe(0);
    expect(shown(split)).toEqual(['t3.granted.commercial: 2 → 0 split', 't3.granted.natural_person: 1 → 12 split']);
    const issue = checkReport(split).find((i) => i.rule === 't3.row-total')!;
    expect(suspectsLine(issue)).toMatch(/拆格/);
    expect(issue.suspects[0].note).toMatch(/拆格.*split/);
  });
  it('two neighbouring wrong cells that are no split are plain suspects', () => {
    const notSplit = withCell(withCell(meant, 't3', 'granted', 'natural_person', 5), 't3', 'granted', 'commercial', 2);
    expect(findSuspects(notSplit).suspects.every((s) => s.kind === 'value')).toBe(true);
  });
});
