/**
 * Rows a page break cut in two, joined again: the empty top of a cut row, a row's rest that opens
 * the next page, a label whose first line alone fitted above the break, and wrapped numbers whose
 * first lines alone did.
 */
import { compact } from '../normalize';
import { matchT2Row, matchT3Row, NUMBERED } from '../labels';
import type { CellSource } from '../../model/schema';

type PdfCellBox = Extract<CellSource, { kind: 'pdf' }>;

export interface PlacedCell {
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  text: string;
  box: PdfCellBox;
}

/**
 * The page's last row is the top of a row the break cut, with nothing of it printed there (its
 * label and numbers stand below the break): its empty cells go, so that it adds no row of its own
 * (only the group cells from above still cover it) — else that row would be read as the group's.
 */
export function dropEmptyCutRow(placed: PlacedCell[], last: number): void {
  const own = placed.filter((c) => c.row === last);
  if (own.length === 0 || own.some((c) => c.text !== '' || c.rowspan > 1)) return;
  for (const c of own) placed.splice(placed.indexOf(c), 1);
}

/** Each fragment cell's text goes on the cell above it (`under`); the fragment cell is left empty. */
function moveUp(cells: PlacedCell[], under: (f: PlacedCell) => PlacedCell | undefined, replace = false): void {
  for (const f of cells) {
    const a = under(f)!;
    a.text = replace ? f.text : a.text + f.text;
    f.text = '';
  }
}

/** A cell's text that is a number (or a number's part: ４１ of ４１５), not a label. */
const isNumberText = (text: string) => /^[\d０-９.,，\s]+$/.test(text);
const rowOf = (text: string) => matchT3Row([text]) ?? matchT2Row(text);
const namesRow = (text: string) => rowOf(text) !== null;
/**
 * A fragment whose words name an official row may still be the rest of the label above: the
 * label above names no row alone (2.申请人逾期未按收…) and the two together do (…费通知要求缴纳费用),
 * or the label above already names the very row the fragment names (3.补正后申请 / 内容仍不明确):
 * two rows in a row never share a name.
 */
const completesLabel = (above: string, rest: string) => {
  if (above === '') return false;
  const whole = rowOf(above + rest);
  return whole !== null && (rowOf(above) === null || rowOf(above) === rowOf(rest));
};

/**
 * A row the page break cut in two: its rest opens the next page. Some of its value cells are
 * empty (their number fitted above), and every cell with text stands under a cell of the last row
 * above that has text. Then the texts are appended above (the fragment's cells left empty) and true is returned.
 */
export function joinFragment(placed: PlacedCell[], fragment: PlacedCell[]): boolean {
  const withText = placed.filter((c) => c.text !== '');
  if (withText.length === 0) return false;
  const lastRow = Math.max(...withText.map((c) => c.row + c.rowspan - 1));
  // cells of the row above, by column (a rowspan from higher up counts)
  const above = placed.filter((c) => c.row <= lastRow && c.row + c.rowspan - 1 >= lastRow);
  const under = (f: PlacedCell) => above.find((a) => a.col === f.col && a.colspan === f.colspan);
  const valueCols = above.filter((a) => isNumberText(a.text));
  if (valueCols.length === 0) return joinLabelFragment(above, fragment);
  if (joinCutNumbers(lastRow, above, fragment)) return true;
  const emptyValue = valueCols.some((a) => {
    const f = fragment.find((x) => x.col === a.col);
    return !f || f.text === '';
  });
  // a group cell that opens here and runs on down (its label set again below the break, naming no
  // row) is not the row's; a row's own label ruled over two lines (四、结转下年 / 度继续办理) is
  const filled = fragment.filter((f) => f.text !== '' && (f.rowspan === 1 || isNumberText(f.text) || namesRow(f.text)));
  const labels = filled.filter((f) => !isNumberText(f.text));
  // A row whose label and wrapped numbers the break cut: the label below completes the one above
  // (5.属于三 / 类内部事务信息), and below stand the numbers' last lines (１０８ / ５) and the numbers
  // set in the middle of the row whole (６２ under an empty cell). All of it is that row's.
  const restOfLabel = labels.some((f) => completesLabel(under(f)?.text ?? '', f.text));
  if ((!emptyValue && !restOfLabel) || filled.length === 0) return false;
  // A label of its own (numbered, or naming an official row) starts a new row, blanks or not.
  if (labels.some((f) => NUMBERED.test(compact(f.text)) || (namesRow(f.text) && !completesLabel(under(f)?.text ?? '', f.text)))) return false;
  if (!filled.every((f) => under(f)?.text || (restOfLabel && under(f)))) return false;
  moveUp(filled, under);
  return true;
}

/**
 * A break through the numbers themselves: a row whose wrapped numbers (４１ over ５ in a narrow
 * cell) lost their last lines to the next page, its label too (centred, below the break). Above
 * the break stand the first lines of the numbers and, where the table repeats its group labels
 * (no rowspans), of those labels (三、本年度 · （三）不予 · ２ … ２); the row's own label cell is
 * empty. The next page opens with the rest and the row's label (（七）总计 ５ ３５ …, or 办理结果 ·
 * 公开 · 6.属于四类过程性信息 · １ ０ …). Every part below stands under a cell of that row, the row's
 * label under its empty cell, every number above goes on below, and no label below starts a row
 * of its own. Each cell is what stands above it followed by what stands below (４１ + ５ = ４１５).
 */
function joinCutNumbers(lastRow: number, above: PlacedCell[], fragment: PlacedCell[]): boolean {
  const own = above.filter((a) => a.row === lastRow && a.rowspan === 1);
  const filled = fragment.filter((f) => f.text !== '' && f.rowspan === 1);
  const under = (f: PlacedCell) => own.find((a) => a.col === f.col && a.colspan === f.colspan);
  if (filled.length === 0 || !filled.every((f) => under(f))) return false;
  // the row's name stands below only, under its empty cell
  if (!filled.some((f) => !isNumberText(f.text) && namesRow(f.text) && under(f)!.text === '')) return false;
  // every number above goes on below (a break through the numbers, not a whole row above)
  const numbers = own.filter((a) => isNumberText(a.text));
  if (numbers.length === 0 || !numbers.every((a) => isNumberText(filled.find((f) => under(f) === a)?.text ?? ''))) return false;
  // a label below either names the row (under its empty cell) or goes on from above naming none
  if (!filled.every((f) => isNumberText(f.text) || under(f)!.text === '' || !namesRow(f.text))) return false;
  moveUp(filled, under);
  return true;
}

/**
 * The other way a break cuts a row: only the first line of its label fitted above (no value
 * there: the numbers stand in the middle of the row's height, below the break). The fragment's
 * label goes on under the label above (not numbered, no official row of its own) and its numbers
 * stand under empty cells of the row above: they are that row's.
 */
function joinLabelFragment(above: PlacedCell[], fragment: PlacedCell[]): boolean {
  const under = (f: PlacedCell) => above.find((a) => a.col === f.col && a.colspan === f.colspan);
  // a group cell that opens here and runs on down (its text centred below the break) is not the row's
  const filled = fragment.filter((f) => f.text !== '' && f.rowspan === 1);
  const labels = filled.filter((f) => !isNumberText(f.text));
  const values = filled.filter((f) => isNumberText(f.text));
  if (labels.length === 0 || values.length === 0) return false;
  if (labels.some((f) => NUMBERED.test(compact(f.text)) || !under(f)?.text || (namesRow(f.text) && !completesLabel(under(f)!.text, f.text)))) return false;
  if (!values.every((f) => under(f) && under(f)!.text === '')) return false;
  moveUp(labels, under);
  moveUp(values, under, true);
  return true;
}
