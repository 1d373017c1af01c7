/**
 * The published JSON Schema of the JSON export, generated from the zod model with zod 4's own
 * z.toJSONSchema. scripts/gen-schema.ts writes it to schema/report.schema.json; a test regenerates
 * it in memory and fails when the file is stale. Browser-safe.
 */
import { z } from 'zod';
import { Cell, CellSource, Diagnostic, Issue, Meta, Report, Section, Table2, Table3, Table4 } from '../model/schema';
import { ExportDocument, ExportFailureSchema, ExportItemSchema } from './document';

/** Names under which the shared parts of the model appear in the schema's $defs. */
const DEFS: [z.ZodType, string][] = [
  [Report, 'Report'],
  [Meta, 'Meta'],
  [Table2, 'Table2'],
  [Table3, 'Table3'],
  [Table4, 'Table4'],
  [Cell, 'Cell'],
  [CellSource, 'CellSource'],
  [Section, 'Section'],
  [Diagnostic, 'Diagnostic'],
  [Issue, 'Issue'],
  [ExportItemSchema, 'ExportItem'],
  [ExportFailureSchema, 'ExportFailure'],
];

/**
 * A metadata registry for the generator: the model's own metadata (descriptions, from the global
 * registry) plus a $defs id for each shared part, without touching the global registry.
 */
function registryWithIds(): z.core.$ZodRegistry<Record<string, unknown>> {
  const ids = new Map<unknown, string>(DEFS);
  const registry = z.registry<Record<string, unknown>>();
  registry.get = ((schema: z.core.$ZodType) => {
    const base = z.globalRegistry.get(schema);
    const id = ids.get(schema);
    return id ? { ...base, id } : base;
  }) as typeof registry.get;
  return registry;
}

export const SCHEMA_TITLE = '年报透镜 Nianbao Lens — export document';

/** The JSON Schema (draft 2020-12) of the JSON export document. */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ExportDocument, { target: 'draft-2020-12', metadata: registryWithIds(), io: 'output' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, title: SCHEMA_TITLE, ...rest };
}

/** The schema file's exact text (2-space JSON, final newline). */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
