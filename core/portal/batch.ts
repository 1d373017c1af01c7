/**
 * Pairing a batch: a first look at every input keeps only what last year's report is needed for
 * (meta, table 2, table 3's carried rows, the narrative) — a few KB a report, so a batch of
 * thousands pairs in bounded memory — then each report is checked with its pair. Browser-safe:
 * the reading is the caller's.
 */
import type { Report } from '../model/schema';
import { pairableOf, pairYears } from '../compare/pair';

/** What the rules that read last year's report (cross-year.*, narrative.copied) need of it. */
export function compactForPairing(report: Report): Report {
  const t3: Report['t3'] = {};
  for (const row of Object.keys(report.t3) as Array<keyof Report['t3']>) {
    // Row keys stay (the format is told by them); only the carried rows keep their cells.
    t3[row] = row === 'carried_forward' || row === 'carried_over' ? report.t3[row] : {};
  }
  return { meta: report.meta, t2: report.t2, t3, t4: {}, sections: report.sections, text: report.text, diagnostics: [] };
}

/**
 * Last year's report (compact) for each input, read with `read` (null for an input that cannot be
 * read: it fails again, with its reason, when it is exported). Inputs are read `window` at a time.
 */
export async function previousReports<T>(inputs: readonly T[], read: (input: T) => Promise<Report | null>, window = 4): Promise<Array<Report | null>> {
  const compact: Array<Report | null> = new Array(inputs.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      try {
        const r = await read(inputs[i]);
        compact[i] = r ? compactForPairing(r) : null;
      } catch {
        compact[i] = null;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(window, inputs.length)) }, worker));
  return pairedFrom(compact);
}

/** Given every input's (compact) report, each one's previous-year report among them. */
export function pairedFrom(reports: ReadonlyArray<Report | null>): Array<Report | null> {
  const pairs = pairYears(reports.map((r) => (r ? pairableOf(r.meta) : { agency: null, year: null })));
  return pairs.map((j) => (j === null ? null : reports[j]));
}

/** The rules that read last year's report: with no previous they find nothing. */
export const PAIRED_RULES: readonly string[] = ['cross-year.carry-over', 'cross-year.in-force', 'narrative.copied'];
