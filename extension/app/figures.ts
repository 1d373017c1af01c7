/** The few figures a citizen wants, read from the report's tables (no new arithmetic rules). */
import type { Cell, Report } from './core';

const APPLICANTS = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org'];

type Rows = Record<string, Record<string, Cell> | undefined>;

/** The 总计 of a table-3 row; when the 总计 is blank, the applicant columns added. */
function t3Total(report: Report, row: string): number | null {
  const r = (report.t3 as Rows)[row];
  if (!r) return null;
  const total = r.total?.value;
  if (typeof total === 'number' && !r.total?.blank) return total;
  const parts = APPLICANTS.map((c) => r[c]?.value).filter((v): v is number => typeof v === 'number');
  return parts.length ? parts.reduce((a, b) => a + b, 0) : null;
}

function t3Sum(report: Report, test: (row: string) => boolean): number | null {
  const rows = Object.keys(report.t3).filter(test);
  const vals = rows.map((r) => t3Total(report, r)).filter((v): v is number => v !== null);
  return vals.length ? vals.reduce((a, b) => a + b, 0) : null;
}

export interface Figures {
  newReceived: number | null;
  carriedOver: number | null;
  processed: number | null;
  carriedForward: number | null;
  outcomes: { key: 'granted' | 'partial' | 'denied' | 'unavailable' | 'notProcessed' | 'other'; value: number | null }[];
  review: number | null;
  litigation: number | null;
  issued: number | null;
  hasTables: boolean;
}

export function figures(report: Report): Figures {
  const t4 = report.t4 as Rows;
  const t4Total = (g: string) => t4[g]?.total?.value ?? null;
  const lit = [t4Total('litigation_direct'), t4Total('litigation_after_review')].filter((v): v is number => v !== null);
  const t2 = report.t2 as Rows;
  return {
    newReceived: t3Total(report, 'new_received'),
    carriedOver: t3Total(report, 'carried_over'),
    processed: t3Total(report, 'total_processed'),
    carriedForward: t3Total(report, 'carried_forward'),
    outcomes: [
      { key: 'granted', value: t3Total(report, 'granted') },
      { key: 'partial', value: t3Total(report, 'partially_granted') },
      { key: 'denied', value: t3Sum(report, (r) => r.startsWith('denied.')) },
      { key: 'unavailable', value: t3Sum(report, (r) => r.startsWith('unavailable.')) },
      { key: 'notProcessed', value: t3Sum(report, (r) => r.startsWith('not_processed.')) },
      { key: 'other', value: t3Sum(report, (r) => r === 'other' || r.startsWith('other.')) },
    ],
    review: t4Total('review'),
    litigation: lit.length ? lit.reduce((a, b) => a + b, 0) : null,
    issued: t2.normative_documents?.issued?.value ?? t2.normative_documents?.made?.value ?? null,
    hasTables: Object.keys(report.t2).length + Object.keys(report.t3).length + Object.keys(report.t4).length > 0,
  };
}

/** A figure of the summary, by the key its sentence uses. */
export type FigureKey = 'new' | 'over' | 'done' | 'fwd' | 'granted' | 'partial' | 'denied' | 'unavailable' | 'notProcessed' | 'other' | 'review' | 'litigation';

type Ref = { table: 't2' | 't3' | 't4'; row: string; column: string };

/** Where a figure is printed: each row's 总计 it adds (blank or not), with the value it stands for there. */
export interface FigureCell {
  ref: Ref;
  /** The value the figure uses for this row: the 总计, or its applicant columns added when the 总计 is blank. */
  value: number | null;
}

/** The printed cells each figure of the summary states. */
export function figureCells(report: Report): Record<FigureKey, FigureCell[]> {
  const t3 = report.t3 as Rows;
  const rowCells = (row: string): FigureCell[] => (t3[row] ? [{ ref: { table: 't3', row, column: 'total' }, value: t3Total(report, row) }] : []);
  const rows = (test: (r: string) => boolean) => Object.keys(t3).filter(test).flatMap(rowCells);
  const t4 = (g: string): FigureCell[] => {
    const c = (report.t4 as Rows)[g]?.total;
    return c ? [{ ref: { table: 't4', row: g, column: 'total' }, value: typeof c.value === 'number' ? c.value : null }] : [];
  };
  return {
    new: rowCells('new_received'),
    over: rowCells('carried_over'),
    done: rowCells('total_processed'),
    fwd: rowCells('carried_forward'),
    granted: rowCells('granted'),
    partial: rowCells('partially_granted'),
    denied: rows((r) => r.startsWith('denied.')),
    unavailable: rows((r) => r.startsWith('unavailable.')),
    notProcessed: rows((r) => r.startsWith('not_processed.')),
    other: rows((r) => r === 'other' || r.startsWith('other.')),
    review: t4('review'),
    litigation: [...t4('litigation_direct'), ...t4('litigation_after_review')],
  };
}
