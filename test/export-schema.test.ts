/** Generated files stay in sync with the model: the JSON Schema and every generated document. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema, reportJsonSchemaText } from '../core/export/schema';
import { unionCellKeys } from '../core/export/cells';
import { DOCS, ROOT } from '../scripts/gen-docs';
import { SCHEMA_PATH } from '../scripts/gen-schema';

describe('schema/report.schema.json', () => {
  it('is what z.toJSONSchema generates from the model now (run npm run gen:schema)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(reportJsonSchemaText());
  });

  it('names the shared parts of the model and keeps their descriptions', () => {
    const schema = reportJsonSchema() as { $defs: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> };
    for (const def of ['Report', 'Meta', 'Cell', 'Issue', 'Table2', 'Table3', 'Table4', 'ExportItem']) expect(schema.$defs).toHaveProperty(def);
    expect(schema.$defs.Cell.properties?.value.description).toMatch(/万元/);
    expect(JSON.stringify(schema.$defs.Table3)).toContain('denied.state_secret');
  });
});

describe('generated documents', () => {
  it.each(DOCS.map((d) => [d.path, d] as const))('%s is up to date (run npm run gen:docs)', async (path, doc) => {
    expect(readFileSync(resolve(ROOT, path), 'utf8')).toBe(await doc.generate());
  });

  it('the data dictionary lists every cell key with its unit', () => {
    const text = readFileSync(resolve(ROOT, 'docs/data-dictionary.md'), 'utf8');
    for (const k of unionCellKeys().filter((x) => x.table === 't2')) expect(text).toContain(`\`${k.id}\``);
    for (const k of unionCellKeys().filter((x) => x.table !== 't2')) {
      expect(text).toContain(`\`${k.row}\``);
      expect(text).toContain(`\`${k.column}\``);
    }
    expect(text).toContain('万元');
  });
});
