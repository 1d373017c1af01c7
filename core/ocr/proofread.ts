/**
 * The report's own arithmetic as the proof-reader of OCR. Where a row or column sum does not
 * close and another reading of a cell (one of its views read otherwise), or a one-digit change of
 * an unsure reading (a digit misread, dropped or doubled), closes every sum it is part of, that
 * reading is corrected; a sure reading is never changed (the office's own error stays an error). What still does not close after
 * that, through a cell read without confidence, marks that cell 读不准 (unsure): the checker then
 * names it as a reading to verify on the picture, never as the office's error (core/check/unsure.ts).
 */
import type { Cell, Report } from '../model/schema';
import { buildSystem, type Equation } from '../suspects/equations';

/** Readings at or above this confidence count as sure. */
export const SURE = 0.85;
const EPS = 1e-6;
/** A reading this weak is unsure even where no sum can check it (table 2). */
const WEAK = 0.5;

/** A reading the sums may correct: any but the surest (a 3 read as 8 can come with 0.9). */
const CORRECTABLE = 0.97;
const unsureCell = (cell: Cell) => cell.confidence !== undefined && cell.confidence < SURE;

/** True when b is a with one digit changed, dropped or added (another reading of the same print). */
function oneDigitApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
    return diff === 1;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/** The OCR'd cells of the sums that do not close. */
export function doubtfulCells(report: Report): Cell[] {
  const { unknowns, equations } = buildSystem(report);
  const out = new Set<Cell>();
  for (const e of equations) if (Math.abs(e.residual) > EPS) for (const t of e.terms) if (unknowns[t.v].cell.confidence !== undefined) out.add(unknowns[t.v].cell);
  return [...out];
}

/**
 * Correct what the sums prove misread — a second reading (`others`) or a one-digit change of an
 * unsure reading that closes every sum the cell is in — and mark what stays open as unsure.
 * Mutates and returns the report.
 */
export function proofread(report: Report, others: Map<Cell, number[]> = new Map()): Report {
  // ink that OCR could not read as a number is unsure by itself (the sums leave such a cell out)
  for (const table of [report.t2, report.t3, report.t4] as Record<string, Record<string, Cell> | undefined>[])
    for (const row of Object.values(table))
      for (const cell of Object.values(row ?? {})) if ((unsureCell(cell) && cell.value === null && !cell.blank) || (cell.confidence ?? 1) < WEAK) cell.unsure = true;
  for (let round = 0; round < 20; round++) {
    const { unknowns, equations } = buildSystem(report);
    const failing = equations.filter((e) => Math.abs(e.residual) > EPS);
    if (!failing.length) break;
    const byUnknown = new Map<number, Equation[]>();
    for (const e of equations) for (const t of e.terms) byUnknown.set(t.v, [...(byUnknown.get(t.v) ?? []), e]);
    let fixed = false;
    for (const e of failing) {
      for (const term of e.terms) {
        const u = unknowns[term.v];
        if (u.cell.confidence === undefined || u.cell.confidence >= CORRECTABLE || u.cell.value === null) continue;
        const candidate = Math.round((u.value - term.coef * e.residual) * 1e6) / 1e6;
        const read = others.get(u.cell)?.includes(candidate);
        // a reading every view agreed on is the print: a one-digit change of it would hide the office's own error
        if (candidate < 0 || (!read && !(unsureCell(u.cell) && oneDigitApart(String(u.value), String(candidate))))) continue;
        // every sum the cell is in closes with the new reading, or comes closer (a second misread in the same column)
        const closes = (byUnknown.get(term.v) ?? []).every((q) => {
          const coef = q.terms.find((t) => t.v === term.v)!.coef;
          const after = Math.abs(q.residual + coef * (candidate - u.value));
          return after <= EPS || after < Math.abs(q.residual) - EPS;
        });
        if (!closes) continue;
        report.diagnostics.push({
          level: 'info',
          code: 'ocr.corrected',
          message: `OCR 读作 ${u.value} 的 ${u.id} 按表内合计更正为 ${candidate} — ${u.id} read by OCR as ${u.value}, corrected to ${candidate} by the table's sums`,
        });
        u.cell.value = candidate;
        u.cell.raw = String(candidate);
        fixed = true;
        break;
      }
      if (fixed) break;
    }
    if (!fixed) {
      for (const e of failing) for (const t of e.terms) if (unsureCell(unknowns[t.v].cell)) unknowns[t.v].cell.unsure = true;
      break;
    }
  }
  return report;
}
