/**
 * Readings the reader was not sure of (a cell marked unsure): OCR read it without confidence and the
 * sums did not settle it (core/ocr/proofread.ts), or a text row printing only some cells was placed
 * by column position (core/parse/text-table-3.ts). An issue resting on such a cell is no finding
 * about the office: an error becomes a warning that says the reading is unsure, and why.
 */
import type { Cell, Issue, Report } from '../model/schema';
import { SURE } from '../ocr/proofread';

const UNSURE_ZH = '读不准（OCR 识读把握不足，请对照原件核对）：';
const UNSURE_EN = 'Unsure reading (OCR was not confident; check against the original): ';
const PLACED_ZH = '读不准（文本只印出该行部分单元格，数值按列位置对应，请对照原件核对）：';
const PLACED_NOTE = '数值按列位置对应，读不准，无法确定是哪个数字印错 — the values were placed by column position and may be misplaced; which number is wrong cannot be told';
const PLACED_EN = 'Unsure reading (the text prints only some cells of the row; values were placed by column position — check against the original): ';

/** Make every issue that rests on an unsure cell a warning that says so (in place). */
export function unsureIssues(report: Report, issues: Issue[]): void {
  const unsureCellAt = (t: 't2' | 't3' | 't4', r: string, c: string) => {
    const cell = (report[t] as Record<string, Record<string, Cell> | undefined>)[r]?.[c];
    return cell && (cell.unsure === true || (cell.confidence !== undefined && cell.confidence < SURE && cell.value === null)) ? cell : undefined;
  };
  for (const issue of issues) {
    const refs = issue.cells.length ? issue.cells : issue.table && issue.row && issue.column ? [{ table: issue.table, row: issue.row, column: issue.column }] : [];
    const unsure = refs.map((c) => unsureCellAt(c.table, c.row, c.column)).filter((c) => c !== undefined);
    if (!unsure.length) continue;
    if (issue.severity === 'error') issue.severity = 'warning';
    // Why it is unsure: OCR's confidence (every OCR'd cell carries one), or a text row placed by column position.
    const placed = unsure.every((c) => c.confidence === undefined);
    issue.message = (placed ? PLACED_ZH : UNSURE_ZH) + issue.message;
    issue.messageEn = (placed ? PLACED_EN : UNSURE_EN) + issue.messageEn;
    // A number placed in the wrong column, not a misprint, may be what breaks the sum: the search's
    // correction of the printed numbers is no claim to make then.
    if (placed && (issue.suspects.length || issue.candidates.length || issue.suspectsNote)) {
      issue.suspects = [];
      issue.candidates = [];
      issue.suspectsNote = PLACED_NOTE;
    }
  }
}
