/** The test builder itself: a built report is complete, valid against the schema, and clean. */
import { describe, expect, it } from 'vitest';
import { cellKeys, FORMATS } from '../core/model/keys';
import { Report as ReportSchema } from '../core/model/schema';
import { checkReport } from '../core/check/index';
import { makeReport } from './support/report-builder';

describe('makeReport', () => {
  for (const format of FORMATS) {
    it(`${format}: every cell of the format, schema-valid, no issue from any rule (a hybrid is outdated)`, () => {
      const r = makeReport(format);
      expect(() => ReportSchema.parse(r)).not.toThrow();
      for (const k of cellKeys(format)) expect((r[k.table] as Record<string, Record<string, unknown>>)[k.row]?.[k.column], `${k.table}.${k.row}.${k.column}`).toBeDefined();
      expect(checkReport(r).map((i) => i.rule)).toEqual(format === 'hybrid' ? ['format.outdated'] : []);
    });
  }
});
