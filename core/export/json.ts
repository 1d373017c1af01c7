/**
 * JSON export: one document holding every report as the model defines it, with its issues, and
 * the inputs that could not be read. Its JSON Schema (schema/report.schema.json) is generated
 * from these zod schemas by z.toJSONSchema (see ./schema.ts). Browser-safe.
 */
import { z } from 'zod';
import { Issue, Report } from '../model/schema';
import { runExporter, type TextExporter } from './csv';
import type { ExportFailure, ExportItem } from './cells';

export const EXPORT_VERSION = 1;
export const GENERATOR = 'nianbao-lens';

export const ExportItemSchema = z
  .object({
    report: Report,
    issues: z.array(Issue).describe('what the consistency rules found; empty when none (or no rules ran)'),
  })
  .describe('one report and its issues');

export const ExportFailureSchema = z
  .object({
    source: z.string().describe('the file, directory entry or URL given'),
    reason: z.string().describe('why it was skipped, in Chinese and English'),
  })
  .describe('an input that could not be read or is not a report');

export const ExportDocument = z
  .object({
    generator: z.literal(GENERATOR),
    version: z.literal(EXPORT_VERSION).describe('version of this document layout'),
    reports: z.array(ExportItemSchema),
    failures: z.array(ExportFailureSchema),
  })
  .describe('年报透镜 Nianbao Lens export: reports of 政府信息公开工作年度报告 with the issues found in them');
export type ExportDocument = z.infer<typeof ExportDocument>;

const indent = (text: string, pad: string) => text.replace(/\n/g, `\n${pad}`);

/** Streaming JSON: the document's head, each report as it comes (comma-separated), then the failures and the end. */
export function jsonExporter(): TextExporter {
  return {
    mime: 'application/json',
    extension: 'json',
    separator: ',',
    begin: () => `{\n  "generator": ${JSON.stringify(GENERATOR)},\n  "version": ${EXPORT_VERSION},\n  "reports": [`,
    item: (it) => `\n    ${indent(JSON.stringify({ report: it.report, issues: it.issues }, null, 2), '    ')}`,
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
    reports: items.map((it) => ({ report: it.report, issues: it.issues })),
    failures: failures.map((f) => ({ source: f.source, reason: f.reason })),
  };
}

export function toJson(items: readonly ExportItem[], failures: readonly ExportFailure[] = []): string {
  return runExporter(jsonExporter(), items, failures);
}
