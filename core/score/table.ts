/**
 * Scores as a tidy table: one row per report × indicator, the report's score and ratios (its own,
 * and its agency's over every year in the batch) repeated on each row — for CSV (with BOM) and
 * XLSX. Text is neutralised against spreadsheet formulas.
 * Browser-safe.
 */
import { BOM, csvLines, type Field } from '../export/csv';
import { safeText } from '../export/cells';
import { RATIO_KEYS, ratioText, type Ratio } from './ratios';
import type { ReportScore } from './score';

export const SCORE_COLUMNS = [
  'source', 'agency', 'year', 'pack', 'score', 'max', 'indicator', 'title', 'indicator_max', 'deducted', 'indicator_score', 'status', 'findings', 'rules', 'evidence', 'citation',
  ...RATIO_KEYS,
  'agency_years',
  ...RATIO_KEYS.map((k) => `agency_${k}` as const),
] as const;

/** A ratio in a cell: the number (4 decimals) or why there is none (样本太少 (12), 无数据). */
const ratioCell = (r: Ratio): Field => (r.value !== null ? Math.round(r.value * 10000) / 10000 : safeText(ratioText(r)));

const num = (n: number | null | undefined): Field => (typeof n === 'number' && Number.isFinite(n) ? n : '');

/** The rows of the table (header first). */
export function scoreRows(scores: readonly ReportScore[]): Field[][] {
  const rows: Field[][] = [[...SCORE_COLUMNS]];
  for (const s of scores) {
    const ratios = RATIO_KEYS.map((k) => ratioCell(s.ratios[k]));
    const pooled = [s.agencyRatios.years, ...RATIO_KEYS.map((k) => ratioCell(s.agencyRatios.ratios[k]))];
    for (const ind of s.indicators) {
      rows.push([
        safeText(s.source),
        safeText(s.agency),
        num(s.year),
        safeText(s.pack),
        s.score,
        s.max,
        safeText(ind.indicator),
        safeText(ind.title.zh),
        ind.max,
        ind.points,
        ind.score,
        ind.status,
        ind.findings,
        safeText(ind.rules.join(' ')),
        safeText(ind.evidence.map((e) => e.message).join('；').slice(0, 2000)),
        safeText(`${ind.citation.document}${ind.citation.article ? ` ${ind.citation.article}` : ''}${ind.citation.verified ? '' : '（未核实）'}`),
        ...ratios,
        ...pooled,
      ]);
    }
  }
  return rows;
}

export function scoreCsv(scores: readonly ReportScore[]): string {
  return BOM + csvLines(scoreRows(scores));
}

/** The same table as a one-sheet workbook (评分). */
export async function scoreXlsx(scores: readonly ReportScore[]): Promise<Uint8Array> {
  const { XlsxWorkbook } = await import('../export/xlsx-writer');
  const book = new XlsxWorkbook();
  const sheet = book.addWorksheet('评分');
  scoreRows(scores).forEach((row, i) => sheet.addRow(row, i === 0 ? { bold: true } : {}));
  sheet.freeze(0, 1);
  return book.toBytes();
}
