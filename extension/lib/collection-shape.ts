/**
 * Which build's schema a kept report was validated against, so that reading it back need not
 * parse it again. Browser-safe; no storage of its own (collection-db.ts stamps and reads rows).
 */
import { z } from 'zod';
import { Report } from '../../core/model/schema';
import type { StoredReport } from './collection';

let shape: string | undefined;
/**
 * The Report schema of this build, as a short hash of its JSON Schema (computed once, ~8 ms).
 * putReports validates every report before writing it and stamps its row with this; a row with the
 * same stamp is read back without parsing it again (0.25 ms a report: a quarter of a second, and
 * its garbage, in an export of 1,000). A row of another build (or none) is parsed as before.
 */
export function reportShape(): string {
  if (shape === undefined) {
    const text = JSON.stringify(z.toJSONSchema(Report, { unrepresentable: 'any' }));
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    shape = `${text.length.toString(36)}.${(h >>> 0).toString(36)}`;
  }
  return shape;
}

/** The report of a stored row: trusted when this build stamped it, else parsed; null when it does not parse. */
export function reportOfRow(row: StoredReport | undefined): Report | null {
  if (!row) return null;
  if (row.shape === reportShape() && row.report !== null && typeof row.report === 'object') return row.report as Report;
  const parsed = Report.safeParse(row.report);
  return parsed.success ? parsed.data : null;
}
