import type { Report } from '../model/schema';
import { buildReport } from './build';
export function parseHtml(html: string, opts: { source?: string | null } = {}): Report {
  return buildReport({ cells: [], lines: [], hints: {}, diagnostics: [] }, opts);
}
