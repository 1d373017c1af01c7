/**
 * The zod schema of the JSON export document (what toJson writes). Its JSON Schema,
 * schema/report.schema.json, is generated from it by ./schema.ts. Browser-safe.
 */
import { z } from 'zod';
import { Issue, Report } from '../model/schema';
import { EXPORT_VERSION, GENERATOR } from './version';

export const ExportItemSchema = z
  .object({
    report: Report,
    issues: z.array(Issue).describe('what the consistency rules found; empty when none (or no rules ran)'),
    collected: z
      .object({
        origin: z.string().describe('the site it was kept from (scheme, host and port), or import:/local: without a web address'),
        via: z.string().describe('page (read in the browser), collect (from a portal list), import, migrated'),
        at: z.string().describe('when it was kept, ISO 8601'),
        attachment: z.string().optional().describe("the attached file (PDF, .docx, .doc) the report was read from, when not the page itself (a portal page's attachment)"),
      })
      .optional()
      .describe("the extension's collection export: where and when the report was kept"),
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
