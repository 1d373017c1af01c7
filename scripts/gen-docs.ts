/**
 * Generates the documents derived from the model: `npx tsx scripts/gen-docs.ts` writes them,
 * `--check` only reports which are stale (exit 1). The test test/export-docs.test.ts runs every
 * entry of DOCS in memory and fails when a file differs.
 *
 * To add a document, add one entry to DOCS: its path (relative to the project root) and a
 * function returning its text, e.g. `{ path: 'docs/rules.md', generate: rulesMarkdown }`.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDictionaryMarkdown } from '../core/export/dictionary';
import { cliMarkdown } from '../core/cli/options';

export interface GeneratedDoc {
  /** Path relative to the project root. */
  path: string;
  /** The document's full text. */
  generate: () => string | Promise<string>;
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** docs/cli.md with its generated part (between the cli:start and cli:end marks) made from the command specs, as --help is. */
async function cliDoc(): Promise<string> {
  const have = await readFile(resolve(ROOT, 'docs/cli.md'), 'utf8');
  const start = '<!-- cli:start -->\n';
  const end = '<!-- cli:end -->';
  const i = have.indexOf(start);
  const j = have.indexOf(end);
  if (i < 0 || j < i) throw new Error('docs/cli.md has lost its <!-- cli:start --> / <!-- cli:end --> marks');
  return `${have.slice(0, i + start.length)}${cliMarkdown()}${have.slice(j)}`;
}

export const DOCS: GeneratedDoc[] = [
  { path: 'docs/data-dictionary.md', generate: dataDictionaryMarkdown },
  { path: 'docs/cli.md', generate: cliDoc },
];

/** Which documents differ from what the model generates now. */
export async function staleDocs(docs: readonly GeneratedDoc[] = DOCS): Promise<string[]> {
  const stale: string[] = [];
  for (const doc of docs) {
    const want = await doc.generate();
    const have = await readFile(resolve(ROOT, doc.path), 'utf8').catch(() => null);
    if (have !== want) stale.push(doc.path);
  }
  return stale;
}

export async function writeDocs(docs: readonly GeneratedDoc[] = DOCS): Promise<string[]> {
  const written: string[] = [];
  for (const doc of docs) {
    const file = resolve(ROOT, doc.path);
    const text = await doc.generate();
    const have = await readFile(file, 'utf8').catch(() => null);
    if (have === text) continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    written.push(doc.path);
  }
  return written;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--check')) {
    const stale = await staleDocs();
    for (const p of stale) process.stderr.write(`stale: ${p} — run npm run gen:docs\n`);
    return stale.length ? 1 : 0;
  }
  const written = await writeDocs();
  process.stdout.write(written.length ? written.map((p) => `wrote ${p}\n`).join('') : 'docs up to date\n');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
