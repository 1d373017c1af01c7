/**
 * The corpus's real defects (../shared/corpus/FINDINGS.md), and what the suspect search makes of
 * each: the cells it names with their right values, or that it names none, and why.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReportFile } from '../core/node/read';
import { checkReport } from '../core/check/index';
import { findSuspects } from '../core/suspects/index';
import { CORPUS_DIR, hasCorpus } from './support/corpus';

interface Expectation {
  file: string;
  previous?: string;
  /** `table.row.column: printed → suggested` ('blank' for a blank cell). */
  suspects: string[];
  /** Issues that must carry the note that no unique correction exists: `rule|row|column`. */
  ambiguous?: string[];
}

const EXPECTED: Expectation[] = [
  // 11 blank 总计 cells in the outcome rows (R3 fails in each) and （七）总计 805 against their sum
  // 0 (R2, total column). The 11 row equations share no cell, so at least 11 cells must change;
  // the 11 blank totals filled with their row sums is the only such correction (an applicant cell
  // instead would break its column, which adds up now) — and it makes R2 hold too: 272+3+…+9 = 805.
  {
    file: '01-shanghai-office-2019.html',
    suspects: [
      't3.granted.total: blank → 272',
      't3.partially_granted.total: blank → 3',
      't3.denied.state_secret.total: blank → 14',
      't3.denied.internal_affairs.total: blank → 5',
      't3.denied.process_information.total: blank → 4',
      't3.denied.administrative_query.total: blank → 12',
      't3.unavailable.not_held.total: blank → 265',
      't3.unavailable.needs_creation.total: blank → 47',
      't3.unavailable.unclear_after_correction.total: blank → 25',
      't3.not_processed.petition_complaint.total: blank → 149',
      't3.not_processed.duplicate.total: blank → 9',
    ],
  },
  { file: '02-huaian-city-2024.txt', suspects: [] },
  // Table 4, 行政复议: 10 + 1 + 0 + 0 printed with total 0. Lowering a part by 11 would make it
  // negative, so only the total explains it: 11. 复议后起诉: 5 + 0 + 0 + 0 with total 0 — the total
  // 0 → 5, or 维持 5 → 0, fix it equally (one cell each): no suspect, the issue says so.
  { file: '03-hongze-district-2023.txt', suspects: ['t4.review.total: 0 → 11'], ambiguous: ['t4.total|litigation_after_review|total'] },
  // R1–R5 hold (the 17 vs 95 is a narrative matter, not an equation of the tables); with 2023 as
  // last year, the carry-over and in-force hold too.
  { file: '04-hongze-district-2024.txt', previous: '03-hongze-district-2023.txt', suspects: [] },
  // Consistent in itself; in force 470 + 62 − 33 = 499 ≠ 440: issued, repealed or in force could
  // each be the wrong one (or a clean-up explains it) — none named.
  { file: '05-pingtan-2024.html', previous: '07-pingtan-2023.html', suspects: [], ambiguous: ['cross-year.in-force|normative_documents|in_force'] },
  { file: '06-pingtan-2025.html', previous: '05-pingtan-2024.html', suspects: [], ambiguous: ['cross-year.in-force|normative_documents|in_force'] },
  { file: '07-pingtan-2023.html', previous: '13-pingtan-2022.html', suspects: [], ambiguous: ['cross-year.in-force|normative_documents|in_force'] },
  { file: 'converted/08-shanghai-office-2025.txt', suspects: [] },
  // 结转下年度 总计 blank while 自然人 is 1: R3 (that row) and R1 (total column: 34 + 2 ≠ 35 + 0)
  // both fail, and that one cell, 1, fixes both.
  { file: 'converted/09-shanghai-stcsm-2024.txt', suspects: ['t3.carried_forward.total: blank → 1'] },
  { file: '000-chiping-police-2020.txt', suspects: [] },
  { file: '10-pingtan-2019.html', suspects: [] },
  // （七）总计 prints 自然人 20 and 总计 21, the outcome rows add to 26 and 27. R1 holds as printed
  // (20 + 0 = 20 + 0), so correcting the two （七）总计 cells would break it: the smallest corrections
  // lower one outcome row by 6 in both 自然人 and 总计 — two rows have 自然人 6, so two corrections
  // of two cells each: no suspect. (Whether the rows or the totals and 新收 are wrong, only the
  // agency can say.)
  { file: '11-pingtan-2020.html', suspects: [], ambiguous: ['t3.outcome-total|total_processed|natural_person', 't3.outcome-total|total_processed|total'] },
  { file: '12-pingtan-2021.html', previous: '11-pingtan-2020.html', suspects: [] },
  { file: '13-pingtan-2022.html', previous: '12-pingtan-2021.html', suspects: [] },
  // 125 blank applicant cells, all consistent: nothing to correct.
  { file: '14-shuyang-ndrc-2023.html', suspects: [] },
];

describe.skipIf(!hasCorpus)('suspects of the corpus findings', () => {
  for (const e of EXPECTED) {
    it(`${e.file}${e.previous ? ` (previous ${e.previous})` : ''}`, async () => {
      const report = await readReportFile(join(CORPUS_DIR, e.file));
      const previous = e.previous ? await readReportFile(join(CORPUS_DIR, e.previous)) : null;
      const found = findSuspects(report, previous).suspects.map((s) => `${s.table}.${s.row}.${s.column}: ${s.printed ?? 'blank'} → ${s.suggested}`);
      expect(found.sort()).toEqual([...e.suspects].sort());
      const issues = checkReport(report, { previous });
      // Every suspect explains at least one issue, and every issue's suspects are suspects.
      const onIssues = new Set(issues.flatMap((i) => i.suspects.map((s) => `${s.table}.${s.row}.${s.column}: ${s.printed ?? 'blank'} → ${s.suggested}`)));
      expect([...onIssues].sort()).toEqual([...e.suspects].sort());
      const noted = issues.filter((i) => i.suspectsNote).map((i) => `${i.rule}|${i.row}|${i.column}`);
      expect(noted.sort()).toEqual([...(e.ambiguous ?? [])].sort());
    });
  }
});
