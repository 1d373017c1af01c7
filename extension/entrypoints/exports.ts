/**
 * exports.js: the core's export functions (JSON, long CSV, issues CSV, XLSX with our small fflate
 * writer; about 55 KB). Needed only when the user asks for a file, so it is injected on the first
 * export click — into the same isolated world as the engine — and never on page load.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { toIssuesCsv, toLongCsv } from '../../core/export/csv';
import { toJson } from '../../core/export/json';
import { toXlsx } from '../../core/export/xlsx';
import type { ExportApi } from '../app/exports';

export default defineUnlistedScript(() => {
  const api: ExportApi = { toJson, toLongCsv, toIssuesCsv, toXlsx: (items) => toXlsx(items) };
  globalThis.__nianbaoExports = api;
});
