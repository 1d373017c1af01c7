/**
 * Writes schema/report.schema.json — the JSON Schema of the JSON export, generated from the zod
 * model by z.toJSONSchema (core/export/schema.ts). `--check` only reports whether it is stale.
 * test/export-schema.test.ts regenerates it in memory and fails when the file differs.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportJsonSchemaText } from '../core/export/schema';
import { packJsonSchemaText } from '../core/score/pack';

export const SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../schema/report.schema.json');

export const PACK_SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../schema/pack.schema.json');

async function main(argv: string[]): Promise<number> {
  const packText = packJsonSchemaText();
  const packHave = await readFile(PACK_SCHEMA_PATH, 'utf8').catch(() => null);
  if (argv.includes('--check') && packHave !== packText) {
    process.stderr.write('stale: schema/pack.schema.json — run npm run gen:schema\n');
    return 1;
  }
  if (!argv.includes('--check') && packHave !== packText) {
    await writeFile(PACK_SCHEMA_PATH, packText);
    process.stdout.write('wrote schema/pack.schema.json\n');
  }
  const text = reportJsonSchemaText();
  const have = await readFile(SCHEMA_PATH, 'utf8').catch(() => null);
  if (argv.includes('--check')) {
    if (have !== text) process.stderr.write('stale: schema/report.schema.json — run npm run gen:schema\n');
    return have === text ? 0 : 1;
  }
  if (have === text) {
    process.stdout.write('schema/report.schema.json up to date\n');
    return 0;
  }
  await mkdir(dirname(SCHEMA_PATH), { recursive: true });
  await writeFile(SCHEMA_PATH, text);
  process.stdout.write('wrote schema/report.schema.json\n');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
