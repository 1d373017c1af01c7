/**
 * JSON export: one document holding every report as the model defines it, with its issues, and
 * the inputs that could not be read. Its zod schema is in ./document (kept apart so that writing
 * JSON needs no zod), its JSON Schema (schema/report.schema.json) generated from it (./schema.ts).
 * Browser-safe.
 */
import { runExporter, type TextExporter } from './csv';
import type { ExportFailure, ExportItem } from './cells';
import type { ExportDocument } from './document';
import { EXPORT_VERSION, GENERATOR } from './version';

export { EXPORT_VERSION, GENERATOR };

/**
 * An item indented as it stands in the document (4 spaces in), out of JSON.stringify of it nested two
 * arrays deep: the engine indents as it writes, where a replace over every line of a 50-KB item
 * cost eight times the stringify itself (issue 22: exports of 1,000 reports).
 */
const nested = (text: string) => text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);

/** Streaming JSON: the document's head, each report as it comes (comma-separated), then the failures and the end. */
export function jsonExporter(): TextExporter {
  return {
    mime: 'application/json',
    extension: 'json',
    separator: ',',
    begin: () => `{\n  "generator": ${JSON.stringify(GENERATOR)},\n  "version": ${EXPORT_VERSION},\n  "reports": [`,
    item: (it) => `\n    ${nested(JSON.stringify([[{ report: it.report, issues: it.issues, ...(it.collected ? { collected: it.collected } : {}) }]], null, 2))}`,
    end: (failures = []) => {
      const f = failures.length ? `[\n    ${failures.map((x) => JSON.stringify({ source: x.source, reason: x.reason })).join(',\n    ')}\n  ]` : '[]';
      return `\n  ],\n  "failures": ${f}\n}\n`;
    },
  };
}

/** The whole document as an object (for callers that hold their reports anyway). */
export function toExportDocument(items: readonly ExportItem[], failures: readonly ExportFailure[] = []): ExportDocument {
  return {
    generator: GENERATOR,
    version: EXPORT_VERSION,
    reports: items.map((it) => ({ report: it.report, issues: it.issues, ...(it.collected ? { collected: it.collected } : {}) })),
    failures: failures.map((f) => ({ source: f.source, reason: f.reason })),
  };
}

export function toJson(items: readonly ExportItem[], failures: readonly ExportFailure[] = []): string {
  return runExporter(jsonExporter(), items, failures);
}
