/**
 * Readings the reader was not sure of (a cell marked unsure): OCR read it without confidence and the
 * sums did not settle it (core/ocr/proofread.ts), or a reader was unsure of it and says why
 * (unsureWhy: text placed by column position, full-width digits wrapped, a table cut at its right
 * side). An issue resting on such a cell is no finding about the office: an error becomes a
 * warning that says the reading is unsure, and why.
 */
import type { Cell, Issue, Report, UnsureWhy } from '../model/schema';
import { SURE } from '../ocr/proofread';

const OCR_ZH = '读不准（OCR 识读把握不足，请对照原件核对）：';
const OCR_EN = 'Unsure reading (OCR was not confident; check against the original): ';

/** Why a reader (not OCR) was unsure, said before the issue's own sentence; and why no number is named. */
const READER: Record<UnsureWhy, { zh: string; en: string; note: string }> = {
  placed: {
    zh: '读不准（文本只印出该行部分单元格，数值按列位置对应，请对照原件核对）：',
    en: 'Unsure reading (the text prints only some cells of the row; values were placed by column position — check against the original): ',
    note: '数值按列位置对应，读不准，无法确定是哪个数字印错 — the values were placed by column position and may be misplaced; which number is wrong cannot be told',
  },
  'wrapped-digits': {
    zh: '读不准（全角数字在窄格中折行，文本看不出各段属于哪个数字，请对照原件核对）：',
    en: 'Unsure reading (full-width digits wrapped inside a narrow cell; the text does not say which number each piece ends — check against the original): ',
    note: '折行的数字读不准，无法确定是哪个数字印错 — numbers broken over lines may be misread; which number is wrong cannot be told',
  },
  cut: {
    zh: '读不准（表格在右侧或页面边缘被截断，这一格可能不全，请对照原件核对）：',
    en: 'Unsure reading (the table is cut at its right side or at the page edge; this cell may be incomplete — check against the original): ',
    note: '被截断的单元格读不准，无法确定是哪个数字印错 — a cell cut at the table\'s edge may be incomplete; which number is wrong cannot be told',
  },
};

/** Make every issue that rests on an unsure cell a warning that says so, and why (in place). */
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
    // Why it is unsure: OCR's confidence (every OCR'd cell carries one), or the reader's own reason.
    const why = unsure.every((c) => c.confidence === undefined) ? READER[unsure[0].unsureWhy ?? 'placed'] : null;
    issue.message = (why?.zh ?? OCR_ZH) + issue.message;
    issue.messageEn = (why?.en ?? OCR_EN) + issue.messageEn;
    // A misplaced, broken or cut number, not a misprint, may be what breaks the sum: the search's
    // correction of the printed numbers is no claim to make then.
    if (why && (issue.suspects.length || issue.candidates.length || issue.suspectsNote)) {
      issue.suspects = [];
      issue.candidates = [];
      issue.suspectsNote = why.note;
    }
  }
}
